import Foundation

/// Hands parsed chunks from the thread that reads a file to the one that writes them, so that a
/// large ingest parses and writes at the same time (two cores, one transaction). Bounded: a fast
/// reader waits for the writer instead of holding the whole file's rows.
final class ChunkChannel<Chunk: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var chunks: [Chunk] = []
  private var finished = false
  private var cancelled = false
  private let capacity: Int

  init(capacity: Int = 4) { self.capacity = capacity }

  /// Queues a chunk, waiting while the channel is full; false once the reader has stopped.
  @discardableResult
  func send(_ chunk: Chunk) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while chunks.count >= capacity && !cancelled { condition.wait() }
    guard !cancelled else { return false }
    chunks.append(chunk)
    condition.broadcast()
    return true
  }

  /// No more chunks will come.
  func finish() {
    condition.lock()
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  /// The reader stops (it failed): a waiting sender is released and sends nothing more.
  func cancel() {
    condition.lock()
    cancelled = true
    chunks.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  /// The next chunk, waiting for one; nil when the sender has finished and all are taken.
  func receive() -> Chunk? {
    condition.lock()
    defer { condition.unlock() }
    while chunks.isEmpty && !finished && !cancelled { condition.wait() }
    guard !chunks.isEmpty else { return nil }
    let chunk = chunks.removeFirst()
    condition.broadcast()
    return chunk
  }
}
