import Foundation
import Logging
import ServiceLifecycle
import YujingCore

/// The daily check (`yujing escalate`) every morning in the city's time zone, and once at start so
/// that a day the daemon was down is not skipped. The check is idempotent within a day: running it
/// again escalates nothing twice and raises no finding twice.
struct DailyCheckService: Service {
  let live: LiveWorkspace
  let status: DaemonStatusLine
  let logger: Logger
  /// 07:00, before the office starts work: the day's escalations are drafts waiting for review.
  static let schedule = try! CronSchedule(parsing: "0 7 * * *")

  func run() async throws {
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      let current = live.current
      let timeZone = current.workspace.configuration.city.timeZone
      let day = Day.today({ Date() }, in: timeZone)
      do {
        let outcome = try DailyCheck(workspace: current.workspace, thresholds: current.thresholds, clock: { Date() })
          .run(day: day)
        logger.info(
          "daily check \(day): \(outcome.escalations.count) escalated, \(outcome.lateFeeds.count) late feed periods"
        )
        status.update(openCases: try current.workspace.store.openCaseCount())
      } catch {
        logger.error("daily check \(day) failed: \(error)")
      }
      let next = Self.schedule.nextFire(after: Date(), in: timeZone) ?? Date().addingTimeInterval(86_400)
      // Slept in steps, so that a system clock set forward is noticed within the hour.
      while Date() < next {
        guard await sleepUnlessShuttingDown(seconds: min(next.timeIntervalSinceNow, 3_600)) else { return }
      }
    }
  }
}
