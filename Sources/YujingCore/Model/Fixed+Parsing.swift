import Foundation

/// Why a text is not a figure, worded for a row-rejection message.
public enum FigureSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
  case notANumber(String)
  case notFinite(String)
  case outOfRange(String)
  case thousandsSeparator(String)

  public var description: String {
    switch self {
    case .notANumber(let text): "\"\(text)\" is not a number"
    case .notFinite(let text): "\"\(text)\" is not a finite number (NaN and infinities are not figures)"
    case .outOfRange(let text): "\(text) is out of range (at most ±10,000,000,000)"
    case .thousandsSeparator(let text):
      "\"\(text)\" has a thousands separator; write the figure without it"
    }
  }
}

extension Fixed {
  /// Parses a published figure exactly: `-1.25`, `+7`, `0.5`, `1e3`. Digits beyond the fourth
  /// decimal are rounded half away from zero. Surrounding spaces are ignored.
  public init(parsing text: some StringProtocol) throws(FigureSyntaxError) {
    let parse = { (bytes: UnsafeBufferPointer<UInt8>) -> Result<Fixed, ParseFailure> in
      var start = 0
      var end = bytes.count
      while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
      while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
      return Fixed.parse(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }
    let result =
      text.utf8.withContiguousStorageIfAvailable(parse) ?? Array(text.utf8).withUnsafeBufferPointer(parse)
    switch result {
    case .success(let value): self = value
    case .failure(let failure): throw failure.error(for: String(text))
    }
  }

  enum ParseFailure: Error {
    case syntax, notFinite, range, separator

    func error(for text: String) -> FigureSyntaxError {
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      switch self {
      case .syntax: return .notANumber(trimmed)
      case .notFinite: return .notFinite(trimmed)
      case .range: return .outOfRange(trimmed)
      case .separator: return .thousandsSeparator(trimmed)
      }
    }
  }

  /// The byte-level parser behind every feed format; it allocates nothing, because a million-row
  /// ingest calls it twice a row.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Fixed, ParseFailure> {
    var index = 0
    let count = bytes.count
    guard count > 0 else { return .failure(.syntax) }
    var negative = false
    if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
      negative = bytes[0] == UInt8(ascii: "-")
      index = 1
    }
    if index < count, bytes[index] | 0x20 == UInt8(ascii: "n") || bytes[index] | 0x20 == UInt8(ascii: "i") {
      let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[index...]), as: UTF8.self).lowercased()
      return ["nan", "inf", "infinity"].contains(word) ? .failure(.notFinite) : .failure(.syntax)
    }
    // Digits are accumulated into a mantissa of up to 18 significant digits (leading zeros do not
    // count) and a decimal exponent. Digits beyond those can only lower the value, never across
    // a rounding boundary of the fourth decimal, so they are dropped.
    var mantissa: Int64 = 0
    var digits = 0
    var exponent = 0
    var sawDigit = false
    var sawPoint = false
    while index < count {
      let byte = bytes[index]
      if byte >= 0x30 && byte <= 0x39 {
        sawDigit = true
        let digit = Int64(byte - 0x30)
        if digits < 18 {
          if mantissa != 0 || digit != 0 { digits += 1 }
          mantissa = mantissa * 10 + digit
          if sawPoint { exponent -= 1 }
        } else if !sawPoint {
          exponent += 1
        }
      } else if byte == UInt8(ascii: ".") && !sawPoint {
        sawPoint = true
      } else if byte == UInt8(ascii: ",") {
        return .failure(.separator)
      } else {
        break
      }
      index += 1
    }
    guard sawDigit else { return .failure(.syntax) }
    if index < count {
      guard bytes[index] | 0x20 == UInt8(ascii: "e") else { return .failure(.syntax) }
      index += 1
      var expNegative = false
      if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
        expNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      var value = 0
      var sawExpDigit = false
      while index < count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
        sawExpDigit = true
        value = min(value * 10 + Int(bytes[index] - 0x30), 10_000)
        index += 1
      }
      guard sawExpDigit, index == count else { return .failure(.syntax) }
      exponent += expNegative ? -value : value
    }
    // Bring the mantissa to four decimals: scale up, or divide with half-away rounding.
    let shift = exponent + Fixed.fractionDigits
    var units: Int64
    if shift >= 0 {
      guard mantissa == 0 || shift <= 18 else { return .failure(.range) }
      let (scaled, overflow) = mantissa.multipliedReportingOverflow(by: Fixed.power(shift))
      guard !overflow else { return .failure(.range) }
      units = scaled
    } else if -shift > 18 {
      units = 0
    } else {
      let divisor = Fixed.power(-shift)
      units = mantissa / divisor
      let remainder = mantissa % divisor
      if remainder * 2 >= divisor { units += 1 }
    }
    guard units <= Fixed.maxMagnitude else { return .failure(.range) }
    return .success(Fixed(units: negative ? -units : units))
  }
}
