import Foundation

/// Finds a code's index from its UTF-8 bytes, without making a String: the readers of rows (a
/// year's targets, the subjects present in a period) look up two codes for each of up to 120,000
/// rows at national scale. The keys sit in one byte array that a bucket points into, so that a
/// probe touches no reference-counted storage and compares with `memcmp`.
struct CodeLookup: Sendable {
  private var bytes: [UInt8] = []
  /// Per bucket: the key's offset in `bytes`, or -1 when empty.
  private var starts: [Int32]
  private var lengths: [Int32]
  private var values: [Int32]
  private let mask: Int

  init(_ codes: [String]) {
    var capacity = 16
    while capacity < codes.count * 2 { capacity *= 2 }
    starts = Array(repeating: -1, count: capacity)
    lengths = Array(repeating: 0, count: capacity)
    values = Array(repeating: -1, count: capacity)
    mask = capacity - 1
    for (index, code) in codes.enumerated() {
      let key = Array(code.utf8)
      let bucket = key.withUnsafeBufferPointer { probe($0) }
      // A repeated code keeps its first index.
      guard starts[bucket] < 0 else { continue }
      starts[bucket] = Int32(bytes.count)
      lengths[bucket] = Int32(key.count)
      values[bucket] = Int32(index)
      bytes += key
    }
  }

  func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
    let bucket = probe(key)
    return starts[bucket] < 0 ? nil : Int(values[bucket])
  }

  /// The bucket holding `key`, or the empty one where it would go.
  private func probe(_ key: UnsafeBufferPointer<UInt8>) -> Int {
    var bucket = CodeLookup.hash(key) & mask
    while starts[bucket] >= 0 && !holds(bucket, key) { bucket = (bucket + 1) & mask }
    return bucket
  }

  private func holds(_ bucket: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    guard Int(lengths[bucket]) == key.count else { return false }
    guard let probe = key.baseAddress, key.count > 0 else { return true }
    let start = Int(starts[bucket])
    return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, probe, key.count) == 0 }
  }

  /// FNV-1a: short codes, few collisions, no setup.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    return Int(truncatingIfNeeded: hash)
  }
}
