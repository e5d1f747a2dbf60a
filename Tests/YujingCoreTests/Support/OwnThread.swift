import Foundation

/// Runs blocking work (a process start that waits on a socket, an HTTP call that waits on a
/// semaphore) on a thread of its own, so that an async test does not hold one of the few threads
/// of the cooperative pool that the suites running beside it share.
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    Thread { continuation.resume(with: Result { try work() }) }.start()
  }
}
