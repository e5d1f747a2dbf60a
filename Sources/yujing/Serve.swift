import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import YujingCore

/// `yujing serve`: the daemon's service group. For now it runs the dispatch worker; the feed
/// schedules, the web UI and the systemd protocol join it with their issues (DESIGN §9).
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the daemon: for now, deliver approved notices as they fall due (SIGTERM stops it cleanly).")

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    let workspace = try global.openWorkspace()
    let logger = Logger(label: "yujing")
    let worker = DispatchWorker(workspace: workspace, transport: URLSessionTransport(), clock: { Date() })
    let notifier = SystemdNotifier.fromEnvironment()
    var services: [any Service] = [
      DispatchService(worker: worker, store: workspace.store, logger: logger, notifier: notifier)
    ]
    if let notifier, let interval = SystemdNotifier.watchdogInterval() {
      services.append(WatchdogService(notifier: notifier, interval: interval))
    }
    let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    logger.info("serving: \(workspace.store.path)")
    try await group.run()
  }
}

/// Sends what falls due, then sleeps until the next delivery is due — at most a few seconds, so
/// that notices approved by another process (the command line, the UI) go out promptly. A graceful
/// shutdown lets the round in flight finish: its deliveries are recorded, none is half-sent twice.
struct DispatchService: Service {
  let worker: DispatchWorker
  let store: Store
  let logger: Logger
  let notifier: SystemdNotifier?
  static let longestSleep: TimeInterval = 2

  func run() async throws {
    notifier?.send("READY=1\nSTATUS=dispatching approved notices")
    defer { notifier?.send("STOPPING=1") }
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      do {
        let round = try await worker.runDue()
        if round.attempted > 0 {
          notifier?.send(
            "STATUS=last round: \(round.delivered) delivered, \(round.retrying) to retry, \(round.dead) dead")
          logger.info(
            "dispatch: \(round.delivered) delivered, \(round.retrying) to retry, \(round.dead) dead, \(round.postponed) held back"
          )
        }
      } catch {
        // The next round tries again; the daemon does not stop for a failed round.
        logger.error("dispatch round failed: \(error)")
      }
      let next = (try? store.nextDeliveryDue()) ?? nil
      let wait = min(max(next.map { $0.timeIntervalSinceNow } ?? Self.longestSleep, 0.01), Self.longestSleep)
      do {
        try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
      } catch {
        // Cancelled by the shutdown: leave the loop and return normally.
        break
      }
    }
  }
}

/// `WATCHDOG=1` at half of `$WATCHDOG_USEC`, for as long as the group runs.
struct WatchdogService: Service {
  let notifier: SystemdNotifier
  let interval: Duration

  func run() async throws {
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      notifier.send("WATCHDOG=1")
      do {
        try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
      } catch {
        break
      }
    }
  }
}
