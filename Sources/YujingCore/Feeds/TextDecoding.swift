import Foundation

/// Encoding checks shared by every text format: where a file stops being UTF-8, and how to say so.
enum TextDecoding {
  /// The line and column of the first byte that is not valid UTF-8, or nil when all of it is.
  static func firstInvalidUTF8Position(in data: Data) -> SourcePosition? {
    data.withUnsafeBytes { raw in firstInvalidUTF8Position(in: raw.bindMemory(to: UInt8.self)) }
  }

  static func firstInvalidUTF8Position(in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition? {
    var line = 1
    var column = 1
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      let length: Int
      switch byte {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: return SourcePosition(line: line, column: column)
      }
      guard index + length <= bytes.count else { return SourcePosition(line: line, column: column) }
      for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 {
        return SourcePosition(line: line, column: column)
      }
      if length == 3 {
        let second = bytes[index + 1]
        if (byte == 0xE0 && second < 0xA0) || (byte == 0xED && second > 0x9F) {
          return SourcePosition(line: line, column: column)
        }
      } else if length == 4 {
        let second = bytes[index + 1]
        if (byte == 0xF0 && second < 0x90) || (byte == 0xF4 && second > 0x8F) {
          return SourcePosition(line: line, column: column)
        }
      }
      if byte == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
      index += length
    }
    return nil
  }

  static let notUTF8Advice =
    "the file is not UTF-8 (Chinese office tools often save GBK or GB18030); save it as \"CSV UTF-8\" in Excel or WPS, convert it with `iconv -f GB18030 -t UTF-8`, or, if the feed's files are always GB18030, declare it with the feed's `encoding: gb18030` in yujing.yaml (`--encoding gb18030` for one file)"

  /// The same for a YAML file, which is written in an editor, not exported from a spreadsheet.
  static let notUTF8AdviceForYAML =
    "the file is not UTF-8 (Windows editors often save Chinese text as GBK or GB18030); save it with the encoding UTF-8, or convert it with `iconv -f GB18030 -t UTF-8`"
}
