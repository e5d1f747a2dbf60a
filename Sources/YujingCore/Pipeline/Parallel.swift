import Foundation

/// Runs independent pieces of work on the machine's cores and returns their results in order.
enum Parallel {
  static func map<T>(_ count: Int, _ work: @Sendable (Int) throws -> T) rethrows -> [T] {
    guard count > 1 else { return try (0..<count).map(work) }
    let results = Results<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { task in
      results.set(task, Result { try work(task) })
    }
    return try results.values.map { try $0!.get() }
  }

  /// Each task writes only its own slot; the lock orders the writes for the final read.
  private final class Results<T>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<T, any Error>?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, any Error>) {
      lock.lock()
      values[index] = result
      lock.unlock()
    }
  }
}
