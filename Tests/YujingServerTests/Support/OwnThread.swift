import Foundation

/// Runs blocking work (building an office's database: ingesting, evaluating, hashing passwords) on
/// a thread of its own, so that a test does not hold one of the few threads of the cooperative pool
/// that the suites running beside it share, the daemon tests' watchers among them.
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    Thread { continuation.resume(with: Result { try work() }) }.start()
  }
}
