import Foundation

/// The checks every text feed passes before any row is read: a file that fails them is
/// unreadable as a whole, and nothing of it is applied.
enum FeedText {
  static func check(_ bytes: UnsafeBufferPointer<UInt8>, expected format: String) throws(FeedReadError) {
    guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
      throw FeedReadError("the file is empty")
    }
    if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
      throw FeedReadError("the file is UTF-16; save it as UTF-8", at: SourcePosition(line: 1, column: 1))
    }
    if bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04 {
      throw FeedReadError(
        "this is a ZIP archive (an .xlsx workbook?), not \(format); name the file .xlsx or set the feed's format")
    }
    if let position = TextDecoding.firstInvalidUTF8Position(in: bytes) {
      throw FeedReadError(TextDecoding.notUTF8Advice, at: position)
    }
    if let nul = bytes.firstIndex(of: 0) {
      let line = bytes[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
      throw FeedReadError(
        "the file contains a NUL byte: it is binary, not \(format)", at: SourcePosition(line: line, column: 1))
    }
  }
}

extension Data {
  /// The bytes as a buffer, for parsers with typed errors (`withUnsafeBytes` rethrows untyped).
  func withFeedBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(FeedReadError) -> R) throws(FeedReadError) -> R {
    let result: Result<R, FeedReadError> = withUnsafeBytes { raw in
      Result { () throws(FeedReadError) in try body(raw.bindMemory(to: UInt8.self)) }
    }
    return try result.get()
  }
}
