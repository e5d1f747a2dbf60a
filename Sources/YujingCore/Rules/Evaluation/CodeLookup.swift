/// Finds a code's index from its UTF-8 bytes, without making a String: the loader of a national
/// evaluation looks up two codes for each of a quarter of a million rows.
struct CodeLookup: Sendable {
  private var keys: [[UInt8]?]
  private var values: [Int]
  private let mask: Int

  init(_ codes: [String]) {
    var capacity = 16
    while capacity < codes.count * 2 { capacity *= 2 }
    keys = Array(repeating: nil, count: capacity)
    values = Array(repeating: -1, count: capacity)
    mask = capacity - 1
    for (index, code) in codes.enumerated() {
      let bytes = Array(code.utf8)
      var bucket = CodeLookup.hash(bytes.withUnsafeBufferPointer { $0 }) & mask
      while let existing = keys[bucket], existing != bytes { bucket = (bucket + 1) & mask }
      if keys[bucket] == nil {
        keys[bucket] = bytes
        values[bucket] = index
      }
    }
  }

  func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var bucket = CodeLookup.hash(bytes) & mask
    while let key = keys[bucket] {
      if key.count == bytes.count && key.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return values[bucket] }
      bucket = (bucket + 1) & mask
    }
    return nil
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
