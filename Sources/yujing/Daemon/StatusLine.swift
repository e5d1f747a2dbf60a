import Foundation

/// The `STATUS=` line systemd shows in `systemctl status`: the last feed run, open cases and the
/// last dispatch round. Each service updates its part; every change is sent at once.
final class DaemonStatusLine: @unchecked Sendable {
  private let lock = NSLock()
  private var address: String?
  private var feed = "no feed run yet"
  private var openCases: Int?
  private var dispatch: String?
  let notifier: SystemdNotifier?

  init(notifier: SystemdNotifier?) {
    self.notifier = notifier
  }

  var line: String {
    lock.withLock {
      var parts = address.map { ["serving http://\($0)"] } ?? []
      parts.append("last feed run: \(feed)")
      if let openCases { parts.append("open cases: \(openCases)") }
      if let dispatch { parts.append("last dispatch: \(dispatch)") }
      return parts.joined(separator: "; ")
    }
  }

  /// Where the server listens, once bound; said with the READY=1 that follows, not on its own.
  func setAddress(_ address: String) {
    lock.withLock { self.address = address }
  }

  func update(feed: String? = nil, openCases: Int? = nil, dispatch: String? = nil) {
    lock.withLock {
      if let feed { self.feed = feed }
      if let openCases { self.openCases = openCases }
      if let dispatch { self.dispatch = dispatch }
    }
    notifier?.send("STATUS=\(line)")
  }
}
