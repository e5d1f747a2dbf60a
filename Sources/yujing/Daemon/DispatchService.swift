import Foundation
import Logging
import ServiceLifecycle
import YujingCore

/// Sends what falls due, then sleeps until the next delivery is due — at most a few seconds, so
/// that notices approved by another process (the command line, the UI) go out promptly. A graceful
/// shutdown lets the round in flight finish: its deliveries are recorded, none is half-sent twice.
struct DispatchService: Service {
  let live: LiveWorkspace
  let transport: any WebhookTransport
  let status: DaemonStatusLine
  let logger: Logger
  static let longestSleep: TimeInterval = 2

  func run() async throws {
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      let workspace = live.current.workspace
      do {
        let worker = DispatchWorker(workspace: workspace, transport: transport, clock: { Date() })
        let round = try await worker.runDue()
        if round.attempted > 0 {
          status.update(dispatch: "\(round.delivered) delivered, \(round.retrying) to retry, \(round.dead) dead")
          logger.info(
            "dispatch: \(round.delivered) delivered, \(round.retrying) to retry, \(round.dead) dead, \(round.postponed) held back"
          )
        }
      } catch {
        // The next round tries again; the daemon does not stop for a failed round.
        logger.error("dispatch round failed: \(error)")
      }
      let next = (try? workspace.store.nextDeliveryDue()) ?? nil
      let wait = min(max(next.map { $0.timeIntervalSinceNow } ?? Self.longestSleep, 0.01), Self.longestSleep)
      guard await sleepUnlessShuttingDown(seconds: wait) else { break }
    }
  }
}

/// Sleeps, or returns false at once when the group shuts down gracefully or is cancelled.
func sleepUnlessShuttingDown(seconds: TimeInterval) async -> Bool {
  do {
    try await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int64(seconds * 1000))) }
    return !Task.isShuttingDownGracefully
  } catch {
    return false
  }
}
