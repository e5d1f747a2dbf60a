import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import YujingCore
import YujingServer

/// `yujing serve`: the daemon (docs/operate.md#the-daemon). One service group holds the web server, the feed
/// schedules (each followed by the evaluation of what changed), the daily check, the dispatch
/// worker, the reload on SIGHUP and the systemd watchdog; SIGTERM or SIGINT stops it gracefully.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the daemon: feed schedules, evaluation, the daily check, dispatch, /healthz and /metrics.",
    discussion: """
      SIGTERM or SIGINT: stop taking work, finish the round in flight, exit 0. SIGHUP: re-read the
      configuration, thresholds and templates; apply them if valid, else keep the old ones and log why.
      Under systemd (Type=notify) it reports READY=1, STATUS=, WATCHDOG=1, RELOADING=1 and STOPPING=1.
      """)

  @OptionGroup var global: GlobalOptions

  @Option(help: "HOST:PORT to serve on (default: the configuration's server.listen; port 0 picks a free one).")
  var listen: String?

  func run() async throws {
    DaemonLogHandler.bootstrap()
    let logger = Logger(label: "yujing")
    let startedAt = Date()
    let configuration = try global.loadConfiguration()
    let thresholds: Thresholds
    do {
      thresholds = try Thresholds.load(configuration: configuration)
    } catch {
      throw CommandFailure("the thresholds are not valid; `yujing check` says where:\n\(error)")
    }
    // The daemon's configuration is the office's: one changed since the database was last worked
    // with (edited, then a restart) is recorded as the database's, and said in the log.
    let path = DatabaseLocation.resolve(flag: global.db, configuration: configuration)
    let workspace = try Workspace.open(
      configuration: configuration, databasePath: path, now: startedAt, opening: Workspace.Opening(recordedBy: "serve"))
    if let change = workspace.configurationChange {
      logger.notice(
        """
        the configuration differs from the one the database was last worked with \
        (\(change.recordedSource), recorded \(Timestamp.string(change.recorded.recordedAt)) \
        by `\(change.recorded.recordedBy)`): \(change.summary); recorded \(change.currentSource) as the database's
        """)
    }
    let address = listen ?? workspace.configuration.server.listen
    guard let listenAddress = ListenAddress(address) else {
      throw CommandFailure("--listen '\(address)' is not HOST:PORT (for example 127.0.0.1:8080)")
    }
    let live = LiveWorkspace(workspace: workspace, thresholds: thresholds)
    let metrics = DaemonMetrics(startedAt: startedAt)
    let notifier = SystemdNotifier.fromEnvironment()
    let status = DaemonStatusLine(notifier: notifier)
    let global = self.global

    // The web layer's one clock.
    let clock: @Sendable () -> Date = { Date() }
    let http = DaemonHTTP.application(
      listen: listenAddress, live: live, metrics: metrics, clock: clock, logger: logger
    ) { bound in
      logger.notice("serving http://\(bound) with \(workspace.store.path)")
      status.setAddress(bound)
      notifier?.send("READY=1\nSTATUS=\(status.line)")
      FreedMemory.release()
    }
    var services: [any Service] = [
      http,
      FeedService(live: live, metrics: metrics, status: status, logger: logger, pull: FeedService.pull),
      DailyCheckService(live: live, status: status, logger: logger),
      DispatchService(live: live, transport: URLSessionTransport(), status: status, logger: logger),
      ReloadService(live: live, metrics: metrics, status: status, logger: logger) {
        try global.loadConfiguration()
      },
    ]
    if let notifier {
      services.append(StoppingNotice(notifier: notifier))
      if let interval = SystemdNotifier.watchdogInterval() {
        services.append(WatchdogService(notifier: notifier, interval: interval))
      }
    }
    let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    try await group.run()
    logger.notice("stopped")
  }
}

/// `STOPPING=1` as soon as a graceful shutdown begins, while the other services finish.
struct StoppingNotice: Service {
  let notifier: SystemdNotifier

  func run() async throws {
    try? await gracefulShutdown()
    notifier.send("STOPPING=1")
  }
}
