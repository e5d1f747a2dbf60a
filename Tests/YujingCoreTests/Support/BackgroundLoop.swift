import Foundation

/// A piece of work repeated on a thread of its own until stopped, as a person at a browser
/// would repeat it: each item done is counted as it is done (`completed()`), a pass that did
/// nothing rests briefly; errors are expected while the daemon is down or killed and the last few are kept for
/// a failure message.
final class BackgroundLoop: @unchecked Sendable {
  private let lock = NSLock()
  private var stopped = false
  private var doneCount = 0
  private var errors: [String] = []
  private let done = DispatchSemaphore(value: 0)

  /// Starts `pass`, which asks `isStopped` between its items, calls `completed()` for each, and
  /// says how many it completed.
  init(_ pass: @escaping @Sendable (BackgroundLoop) throws -> Int) {
    Thread { [self] in
      while !isStopped {
        do {
          if try pass(self) == 0 { Thread.sleep(forTimeInterval: 0.02) }
        } catch {
          note("\(error)")
          Thread.sleep(forTimeInterval: 0.05)
        }
      }
      done.signal()
    }.start()
  }

  /// How many items the passes have completed so far.
  var count: Int { lock.withLock { doneCount } }

  func completed() { lock.withLock { doneCount += 1 } }
  var lastErrors: [String] { lock.withLock { errors } }
  var isStopped: Bool { lock.withLock { stopped } }

  func note(_ error: String) {
    lock.withLock {
      errors.append(error)
      if errors.count > 5 { errors.removeFirst() }
    }
  }

  /// Stops after the pass in flight, and waits for that.
  func stop() {
    lock.withLock { stopped = true }
    done.wait()
  }
}
