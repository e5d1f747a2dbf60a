import Foundation
import Logging
import ServiceLifecycle
import UnixSignals
import YujingCore

#if canImport(Glibc)
  import Glibc
#endif

/// SIGHUP (`systemctl reload yujing`): re-read and validate the configuration, thresholds and
/// templates; apply them if valid, keep the old ones and say why if not (docs/operate.md#the-daemon). systemd hears
/// `RELOADING=1` with the time of the request, then `READY=1` when the reload is over either way.
struct ReloadService: Service {
  let live: LiveWorkspace
  let metrics: DaemonMetrics
  let status: DaemonStatusLine
  let logger: Logger
  let load: @Sendable () throws -> Configuration

  func run() async throws {
    let signals = await UnixSignalsSequence(trapping: .sighup)
    try await cancelWhenGracefulShutdown {
      for await _ in signals {
        status.notifier?.send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
        switch live.reload(load: load) {
        case .applied(let what):
          metrics.countReload(applied: true)
          logger.notice("reloaded \(what)")
        case .refused(let why):
          metrics.countReload(applied: false)
          logger.error("reload refused, keeping the configuration and thresholds in use:\n\(why)")
        }
        status.notifier?.send("READY=1\nSTATUS=\(status.line)")
        FreedMemory.release()
      }
    }
  }

  /// CLOCK_MONOTONIC in microseconds, as systemd expects in `MONOTONIC_USEC`.
  static func monotonicMicroseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
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
