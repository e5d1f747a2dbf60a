import CoreFoundation
import Foundation

/// GB18030 (and GBK, its two-byte part) decoded to UTF-8, for a feed that declares it.
///
/// The decoding itself is Foundation's. What is done here is what makes it safe to trust: the
/// bytes are walked first, so that a byte that is not GB18030 is reported with its line and
/// column; a file that is valid UTF-8 with non-ASCII text is refused (declared GB18030 but saved
/// as UTF-8, it would decode to other characters without any error); and the characters whose
/// code changed between the 2005 and 2022 editions of the standard, or that sit in its
/// user-defined (private-use) area, are refused rather than read as one edition or the other.
enum GB18030 {
  private static let encoding = String.Encoding(
    rawValue: CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))

  /// Two-byte codes mapped to private-use characters by the 2005 edition and to standard ones by
  /// the 2022 edition (vertical punctuation, a few CJK ideographs, the ideographic space's old
  /// slot); `8135F437` and `A8BC` swapped places between the two.
  static let editionDependent: Set<UInt32> = [
    0xA3A0, 0xA6D9, 0xA6DA, 0xA6DB, 0xA6DC, 0xA6DD, 0xA6DE, 0xA6DF, 0xA6EC, 0xA6ED, 0xA6F3, 0xA8BC, 0xFE59,
    0xFE61, 0xFE66, 0xFE67, 0xFE6D, 0xFE7E, 0xFE90, 0xFEA0, 0x8135_F437,
  ]

  static func decode(_ data: Data) throws(FeedReadError) -> Data {
    let bytes = [UInt8](data)
    if bytes.contains(where: { $0 >= 0x80 }) && TextDecoding.firstInvalidUTF8Position(in: data) == nil {
      throw FeedReadError(
        "the feed declares the encoding GB18030, but this file is UTF-8 (its Chinese text would be read as other characters); drop the encoding (or --encoding) for this file, or save it again as GB18030"
      )
    }
    return Data(try decodeCharacters(bytes).utf8)
  }

  /// The text of GB18030 bytes, each character checked; no test of whether the bytes might be
  /// UTF-8 instead.
  static func decodeCharacters(_ bytes: [UInt8]) throws(FeedReadError) -> String {
    try check(bytes)
    guard let text = String(bytes: bytes, encoding: encoding) else {
      throw FeedReadError("the file is not GB18030 text; save it as \"CSV UTF-8\" in Excel or WPS")
    }
    try checkPrivateUse(text)
    return text
  }

  /// Walks the byte sequences: one byte below 0x80, two bytes (81–FE, then 40–7E or 80–FE), or
  /// four (81–FE, 30–39, 81–FE, 30–39) within the ranges that map to Unicode.
  private static func check(_ bytes: [UInt8]) throws(FeedReadError) {
    var index = 0
    var line = 1
    var column = 1
    func fail(_ reason: String) -> FeedReadError {
      FeedReadError(
        "\(reason); the file is not GB18030 as its feed declares: save it as \"CSV UTF-8\" in Excel or WPS",
        at: SourcePosition(line: line, column: column))
    }
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 {
        if lead == 0x0A {
          line += 1
          column = 1
        } else {
          column += 1
        }
        index += 1
        continue
      }
      guard (0x81...0xFE).contains(lead), index + 1 < bytes.count else {
        throw fail(String(format: "the byte %02X cannot start a GB18030 character", lead))
      }
      let second = bytes[index + 1]
      if (0x30...0x39).contains(second) {
        guard index + 3 < bytes.count, (0x81...0xFE).contains(bytes[index + 2]),
          (0x30...0x39).contains(bytes[index + 3])
        else {
          throw fail(
            String(format: "the bytes from %02X %02X are not a whole four-byte GB18030 character", lead, second))
        }
        let code = bytes[index..<index + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let linear =
          (Int(lead) - 0x81) * 12600 + (Int(second) - 0x30) * 1260 + (Int(bytes[index + 2]) - 0x81) * 10
          + (Int(bytes[index + 3]) - 0x30)
        // 0x8431A439 is the last code of the Basic Multilingual Plane; 0x90308130 to 0xE3329A35
        // are the supplementary planes.
        let supplementaryStart = (0x90 - 0x81) * 12600
        guard linear <= 39419 || (supplementaryStart...(supplementaryStart + 0x10_0000 - 1)).contains(linear) else {
          throw fail(String(format: "the four bytes %08X are not a GB18030 character", code))
        }
        if editionDependent.contains(code) { throw editionError(code, line: line, column: column) }
        index += 4
      } else {
        guard (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) else {
          throw fail(String(format: "the bytes %02X %02X are not a GB18030 character", lead, second))
        }
        let code = UInt32(lead) << 8 | UInt32(second)
        if editionDependent.contains(code) { throw editionError(code, line: line, column: column) }
        index += 2
      }
      column += 1
    }
  }

  private static func editionError(_ code: UInt32, line: Int, column: Int) -> FeedReadError {
    FeedReadError(
      String(format: "the character coded %X", code)
        + " means different characters in the 2005 and 2022 editions of GB18030, so it cannot be read for certain; save the file as \"CSV UTF-8\" in Excel or WPS",
      at: SourcePosition(line: line, column: column))
  }

  /// User-defined characters have no meaning outside the computer that defined them.
  private static func checkPrivateUse(_ text: String) throws(FeedReadError) {
    var line = 1
    var column = 1
    for scalar in text.unicodeScalars {
      if (0xE000...0xF8FF).contains(scalar.value) || scalar.value >= 0xF0000 {
        throw FeedReadError(
          String(format: "the character U+%04X", scalar.value)
            + " is a user-defined (private-use) character, which means nothing outside the computer that defined it; replace it and save the file again",
          at: SourcePosition(line: line, column: column))
      }
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
  }
}
