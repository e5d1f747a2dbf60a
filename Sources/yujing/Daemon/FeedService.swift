import Foundation
import Logging
import ServiceLifecycle
import YujingCore

/// Pulls each scheduled feed when its cron expression fires (and once at start for a schedule
/// missed while the daemon was down), then evaluates the periods the run added or changed.
struct FeedService: Service {
  let live: LiveWorkspace
  let metrics: DaemonMetrics
  let status: DaemonStatusLine
  let logger: Logger
  /// One feed run: the daemon's HTTP/file puller.
  let pull: @Sendable (Workspace, String) async throws -> FeedRunSummary
  /// How long to sleep at most between looks at the schedule, so that a reload's new schedules
  /// take effect without waiting for an old fire time.
  static let longestSleep: TimeInterval = 60

  func run() async throws {
    var announced: [FeedScheduler.Entry]?
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      let current = live.current
      let scheduler = FeedScheduler(configuration: current.workspace.configuration)
      do {
        try evaluateLeftOver(current: current)
        let lastRuns = try current.workspace.store.feedRunTimes().mapValues(\.lastStarted)
        for feed in scheduler.due(at: Date(), lastRuns: lastRuns) {
          guard !Task.isShuttingDownGracefully else { break }
          await runFeed(feed, current: current)
        }
      } catch {
        logger.error("feed schedule: cannot read the last runs: \(error)")
      }
      // Said at start (after any catch-up) and after a reload that changed the schedules.
      if announced != scheduler.entries {
        announced = scheduler.entries
        announce(scheduler)
      }
      let next = scheduler.nextWake(after: Date())
      let wait = min(max(next.map { $0.timeIntervalSinceNow } ?? Self.longestSleep, 0.05), Self.longestSleep)
      guard await sleepUnlessShuttingDown(seconds: wait) else { break }
    }
  }

  private func runFeed(_ feed: String, current: LiveWorkspace.Current) async {
    defer { FreedMemory.release() }
    do {
      // A shutdown abandons a pull waiting on the network or a retry: nothing of it is applied
      // until its one write transaction, which cancellation does not interrupt.
      let started = ContinuousClock.now
      let summary = try await cancelWhenGracefulShutdown { try await pull(current.workspace, feed) }
      let pulled = ContinuousClock.now - started
      let line =
        "\(feed) \(summary.status.rawValue): \(summary.inserted) new, \(summary.revised) revised, \(summary.rejected) rejected"
        + String(format: " in %.2f s", Double(pulled.components.attoseconds) / 1e18 + Double(pulled.components.seconds))
      if summary.status == .failed {
        logger.warning("feed \(line): \(summary.message ?? "")")
      } else {
        logger.info("feed \(line)")
      }
      let evaluation = AfterNewData(current: current, metrics: metrics, clock: { Date() })
      for outcome in try evaluation.evaluate(summary.periods) {
        logger.info(
          "evaluated \(outcome.period): \(outcome.findings.count) findings, \(outcome.notices.drafted.count) notices drafted in \(outcome.timings.description)"
        )
      }
      status.update(feed: line, openCases: try current.workspace.store.openCaseCount())
    } catch {
      // A failed pull is recorded as a failed run by the puller; this is what it could not record.
      logger.error("feed \(feed): \(error)")
    }
  }
}

extension FeedService {
  /// Evaluates the periods a run changed that were not evaluated after it: the daemon stopped
  /// (or crashed) between the run and its evaluation, or the run came by `yujing ingest`.
  private func evaluateLeftOver(current: LiveWorkspace.Current) throws {
    let waiting = try current.workspace.store.periodsAwaitingEvaluation()
    guard !waiting.isEmpty else { return }
    defer { FreedMemory.release() }
    logger.notice("evaluating what earlier feed runs changed: \(waiting.map(\.description).joined(separator: ", "))")
    for outcome in try AfterNewData(current: current, metrics: metrics, clock: { Date() }).evaluate(waiting) {
      logger.info(
        "evaluated \(outcome.period): \(outcome.findings.count) findings, \(outcome.notices.drafted.count) notices drafted in \(outcome.timings.description)"
      )
    }
  }

  private func announce(_ scheduler: FeedScheduler) {
    guard !scheduler.entries.isEmpty else {
      logger.info("feed schedule: no feed has both a url and a schedule; feeds come by `yujing ingest`")
      return
    }
    let now = Date()
    let plan = scheduler.entries.map { entry in
      let next = entry.schedule.nextFire(after: now, in: scheduler.timeZone)
      return
        "\(entry.feed) (\(entry.schedule)) next at \(next.map { Self.wallClock($0, scheduler.timeZone) } ?? "never")"
    }
    logger.info("feed schedule: \(plan.joined(separator: ", "))")
  }

  static func wallClock(_ date: Date, _ timeZone: TimeZone) -> String {
    var style = Date.ISO8601FormatStyle(timeZone: timeZone)
    style = style.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .colon)
    return date.formatted(style)
  }

  /// One pull of a feed's configured source (HTTP with conditional requests and retries, or a file).
  static let pull: @Sendable (Workspace, String) async throws -> FeedRunSummary = { workspace, name in
    try await FeedPull(workspace: workspace, clock: { Date() }).run(feed: name).summary
  }
}
