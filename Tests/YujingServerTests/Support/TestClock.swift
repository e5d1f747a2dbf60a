import Foundation

/// The clock the server is given in these tests: it stands still until a test moves it.
final class TestClock: @unchecked Sendable {
  private let lock = NSLock()
  private var instant: Date

  init(_ instant: Date) { self.instant = instant }

  var now: Date { lock.withLock { instant } }

  func advance(seconds: TimeInterval) { lock.withLock { instant += seconds } }

  /// As the server takes it.
  var function: @Sendable () -> Date { { [self] in now } }
}
