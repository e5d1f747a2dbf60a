/// A syntax error in a JSON file: where it is and, in plain English, what was expected, what was found and what to do.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
  public var position: SourcePosition
  /// One line, e.g. "expected ',' or ']' after an array element, found '}'".
  public var message: String

  public init(position: SourcePosition, message: String) {
    self.position = position
    self.message = message
  }

  public var description: String { "\(position): \(message)" }
}

/// A strict RFC 8259 parser for feed files that records where every value starts.
///
/// It reads raw UTF-8 bytes and validates the encoding in the same pass. Nesting is tracked on an explicit stack
/// rather than by recursion, so no input can overflow the call stack; the depth limit only bounds nonsense.
public enum JSONParser {
  /// Far deeper than any feed nests; deeper input is reported as an error rather than parsed.
  public static let defaultMaxDepth = 512

  /// Parses a whole file. Contiguous collections (`[UInt8]`, `Data`, `String.UTF8View`) are read in place; others are
  /// copied first.
  public static func parse(
    _ bytes: some Collection<UInt8>,
    maxDepth: Int = defaultMaxDepth
  ) throws(JSONSyntaxError) -> JSONNode {
    let result = bytes.withContiguousStorageIfAvailable { buffer in
      Result { () throws(JSONSyntaxError) in try parse(buffer, maxDepth: maxDepth) }
    }
    if let result { return try result.get() }
    return try parse(Array(bytes), maxDepth: maxDepth)
  }

  /// Parses a whole file held in `buffer`, which is only read during the call.
  public static func parse(
    _ buffer: UnsafeBufferPointer<UInt8>,
    maxDepth: Int = defaultMaxDepth
  ) throws(JSONSyntaxError) -> JSONNode {
    var parser = JSONByteParser(bytes: buffer, maxDepth: maxDepth)
    return try parser.parseDocument()
  }
}

/// An array or object whose closing bracket has not been reached yet.
private struct OpenContainer {
  let position: SourcePosition
  let isObject: Bool
  var elements: [JSONNode] = []
  var members: [JSONMember] = []
  var key = ""
  var keyPosition = SourcePosition(line: 1, column: 1)

  var kind: String { isObject ? "object" : "array" }
  var closer: UInt8 { isObject ? UInt8(ascii: "}") : UInt8(ascii: "]") }
  var node: JSONNode { JSONNode(value: isObject ? .object(members) : .array(elements), position: position) }
}

private let memberNameCacheSize = 256

/// A member name and where its raw bytes were seen, between the quotes.
private struct CachedMemberName {
  var start = 0
  var count = -1
  var continuationBytes = 0
  var key = ""
}

private struct JSONByteParser {
  let bytes: UnsafeBufferPointer<UInt8>
  let maxDepth: Int
  var index = 0
  /// Where the document starts after any byte-order mark, which does not count as a column.
  var contentStart = 0
  // Lines are only tracked in whitespace: a raw line break anywhere else is an error.
  var line = 1
  var lineStart = 0
  /// UTF-8 continuation bytes scanned so far on this line, so a column is a subtraction rather than a count.
  /// Non-ASCII text can only appear inside strings (anywhere else it is an error), and strings are where it is
  /// counted.
  var continuationBytes = 0
  /// Reused for strings with escapes, so each such string costs one allocation (its own storage).
  var scratch: [UInt8] = []
  /// Member names by depth and place in their object: feeds repeat the same names in every row, so most names are
  /// found here rather than decoded and allocated again, and rows share one copy of each long (e.g. Chinese) name.
  var keyCache = [CachedMemberName](repeating: CachedMemberName(), count: memberNameCacheSize)
  /// How many children the last container closed at each depth had. Feeds repeat the same shape (an array of
  /// objects with the same members), so reserving that many usually gives each array a single allocation.
  var sizeHints: [Int] = []

  init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  // MARK: Structure

  mutating func parseDocument() throws(JSONSyntaxError) -> JSONNode {
    try skipByteOrderMark()
    skipWhitespace()
    guard index < bytes.count else {
      let detail = bytes.count > contentStart ? " (it holds only whitespace)" : ""
      throw JSONSyntaxError(
        position: SourcePosition(line: 1, column: 1),
        message: "the file is empty\(detail); expected a JSON value (check that the export was written completely)")
    }
    var open: [OpenContainer] = []
    nextValue: while true {
      skipWhitespace()
      let start = index
      let valuePosition = position(at: start)
      var node: JSONNode
      if let byte = current, byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
        guard open.count < maxDepth else {
          throw JSONSyntaxError(
            position: valuePosition,
            message: "the data is nested more than \(maxDepth) levels deep; check that this is the right file")
        }
        var container = OpenContainer(position: valuePosition, isObject: byte == UInt8(ascii: "{"))
        index += 1
        skipWhitespace()
        if current == container.closer {
          index += 1
          node = container.node
        } else {
          // Capped, so that a big container cannot make many small siblings reserve much more than they use.
          let hint = open.count < sizeHints.count ? min(sizeHints[open.count], 32) : 0
          if container.isObject {
            container.members.reserveCapacity(hint)
          } else {
            container.elements.reserveCapacity(hint)
          }
          open.append(container)
          if container.isObject { try parseKey(into: &open[open.count - 1], depth: open.count - 1) }
          continue nextValue
        }
      } else {
        node = try parseScalar(at: valuePosition)
      }
      // Attach the finished value to its container, closing every container that ends right after it.
      while !open.isEmpty {
        let last = open.count - 1
        if open[last].isObject {
          let member = JSONMember(key: open[last].key, keyPosition: open[last].keyPosition, value: node)
          open[last].members.append(member)
        } else {
          open[last].elements.append(node)
        }
        skipWhitespace()
        let closer = open[last].closer
        if current == UInt8(ascii: ",") {
          let comma = index
          index += 1
          skipWhitespace()
          if current == closer {
            throw JSONSyntaxError(
              position: position(at: comma),
              message: "trailing comma before '\(Character(Unicode.Scalar(closer)))' is not allowed; remove this comma")
          }
          if open[last].isObject { try parseKey(into: &open[last], depth: last) }
          continue nextValue
        }
        guard current == closer else {
          let element = open[last].isObject ? "object member" : "array element"
          throw unexpected(
            "',' or '\(Character(Unicode.Scalar(closer)))' after an \(element)", at: index,
            hint: neverClosed(open[last]))
        }
        index += 1
        let closed = open.removeLast()
        let size = closed.isObject ? closed.members.count : closed.elements.count
        if open.count < sizeHints.count { sizeHints[open.count] = size } else { sizeHints.append(size) }
        node = closed.node
      }
      skipWhitespace()
      guard index == bytes.count else {
        throw unexpected(
          "the end of the file after the top-level value", at: index,
          hint: "a JSON file holds exactly one value (put several values in an array)")
      }
      return node
    }
  }

  mutating func parseKey(into container: inout OpenContainer, depth: Int) throws(JSONSyntaxError) {
    guard current == UInt8(ascii: "\"") else {
      let isWord = asciiWord(at: index) != nil
      throw unexpected(
        "a member name in double quotes", at: index,
        hint: isWord ? "member names must be quoted, e.g. \"period\"" : neverClosed(container))
    }
    let keyPosition = position(at: index)
    container.key = try readKey(
      at: keyPosition, slot: (depth &* 31 &+ container.members.count) & (memberNameCacheSize - 1))
    container.keyPosition = keyPosition
    skipWhitespace()
    guard current == UInt8(ascii: ":") else {
      throw unexpected("':' after the member name \(displayed(container.key))", at: index)
    }
    index += 1
  }

  /// Parses the member name at `index`, reusing the name from `slot` of the cache if it was written the same way.
  mutating func readKey(at position: SourcePosition, slot: Int) throws(JSONSyntaxError) -> String {
    let contentStart = index + 1
    let count = keyCache[slot].count
    let end = contentStart + count
    // Bytes that formed a complete, valid string before form the same string again when a quote follows them.
    if count >= 0, end < bytes.count, bytes[end] == UInt8(ascii: "\""),
      bytesEqual(keyCache[slot].start, contentStart, count: count)
    {
      index = end + 1
      continuationBytes += keyCache[slot].continuationBytes
      return keyCache[slot].key
    }
    let continuationBytesBefore = continuationBytes
    let key = try parseString(startingAt: position)
    keyCache[slot] = CachedMemberName(
      start: contentStart, count: index - 1 - contentStart,
      continuationBytes: continuationBytes - continuationBytesBefore,
      key: key)
    return key
  }

  func bytesEqual(_ first: Int, _ second: Int, count: Int) -> Bool {
    var offset = 0
    while offset < count {
      // Wrapping arithmetic is safe: the caller has checked that both ranges lie inside the input.
      if bytes[first &+ offset] != bytes[second &+ offset] { return false }
      offset &+= 1
    }
    return true
  }

  func neverClosed(_ container: OpenContainer) -> String? {
    index < bytes.count ? nil : "the \(container.kind) that starts at \(container.position) is never closed"
  }

  mutating func skipByteOrderMark() throws(JSONSyntaxError) {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      index = 3
      contentStart = 3
      lineStart = 3
    } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      throw JSONSyntaxError(
        position: SourcePosition(line: 1, column: 1),
        message:
          "the file is UTF-16 (it starts with a UTF-16 byte-order mark); UTF-16 is not supported, save it as UTF-8")
    } else if bytes.count >= 4, (bytes[0] == 0 && bytes[2] == 0) || (bytes[1] == 0 && bytes[3] == 0) {
      // JSON text never starts with two NUL bytes like this; UTF-16 without a byte-order mark does.
      throw JSONSyntaxError(
        position: SourcePosition(line: 1, column: 1),
        message: "the file looks like UTF-16 (every other byte is zero); UTF-16 is not supported, save it as UTF-8")
    }
  }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"):
        index += 1
      case UInt8(ascii: "\n"):
        // The "\n" of a "\r\n" ends the line the "\r" already counted.
        if index == 0 || bytes[index - 1] != UInt8(ascii: "\r") { line += 1 }
        index += 1
        startLine()
      case UInt8(ascii: "\r"):
        line += 1
        index += 1
        startLine()
      default:
        return
      }
    }
  }

  mutating func startLine() {
    lineStart = index
    continuationBytes = 0
  }

  // MARK: Scalars

  mutating func parseScalar(at start: SourcePosition) throws(JSONSyntaxError) -> JSONNode {
    let value: JSONValue
    switch current ?? 0 {
    case UInt8(ascii: "\""):
      value = .string(try parseString(startingAt: start))
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      value = .number(try parseNumber())
    case UInt8(ascii: "t") where matchLiteral("true"):
      value = .bool(true)
    case UInt8(ascii: "f") where matchLiteral("false"):
      value = .bool(false)
    case UInt8(ascii: "n") where matchLiteral("null"):
      value = .null
    default:
      throw invalidValue(at: index)
    }
    return JSONNode(value: value, position: start)
  }

  mutating func matchLiteral(_ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard bytes.count - index >= count else { return false }
    for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
    index += count
    return true
  }

  /// Scans the RFC 8259 number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  mutating func parseNumber() throws(JSONSyntaxError) -> String {
    let start = index
    var i = index
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    guard i < bytes.count, isDigit(bytes[i]) else {
      throw unexpected("a digit after '-'", at: i, hint: asciiWord(at: i) != nil ? Self.notANumberHint : nil)
    }
    if bytes[i] == UInt8(ascii: "0") {
      if i + 1 < bytes.count, isDigit(bytes[i + 1]) {
        throw JSONSyntaxError(
          position: position(at: i),
          message: "a number cannot have a leading zero; remove it, or quote the value if it is a code such as \"0791\""
        )
      }
      i += 1
    } else {
      i = skipDigits(from: i)
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard i < bytes.count, isDigit(bytes[i]) else { throw unexpected("a digit after the decimal point", at: i) }
      i = skipDigits(from: i)
    }
    if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard i < bytes.count, isDigit(bytes[i]) else { throw unexpected("a digit in the exponent", at: i) }
      i = skipDigits(from: i)
    }
    index = i
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
  }

  func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

  func skipDigits(from start: Int) -> Int {
    var i = start
    while i < bytes.count, isDigit(bytes[i]) { i += 1 }
    return i
  }

  /// Parses a string whose opening quote is at `index`.
  mutating func parseString(startingAt start: SourcePosition) throws(JSONSyntaxError) -> String {
    let contentStart = index + 1
    var i = contentStart
    // Text between escapes is copied in runs; a string without escapes is never copied before becoming a String.
    var runStart = contentStart
    var hasEscapes = false
    while i < bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "\"") {
        index = i + 1
        guard hasEscapes else {
          return String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<i]), as: UTF8.self)
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
        return String(decoding: scratch, as: UTF8.self)
      } else if byte == UInt8(ascii: "\\") {
        if i + 1 == bytes.count { break }
        if !hasEscapes {
          hasEscapes = true
          scratch.removeAll(keepingCapacity: true)
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
        i = try parseEscape(at: i)
        runStart = i
      } else if byte < 0x20 {
        throw controlCharacter(at: i, inStringAt: start)
      } else if byte < 0x80 {
        i += 1
      } else if let length = utf8SequenceLength(at: i) {
        i += length
        continuationBytes += length - 1
      } else {
        throw notUTF8(at: i)
      }
    }
    throw JSONSyntaxError(
      position: position(at: bytes.count),
      message: "the file ends inside the string that starts at \(start); add the closing '\"'")
  }

  /// Decodes the escape at `backslash` into `scratch` and returns the index after it.
  mutating func parseEscape(at backslash: Int) throws(JSONSyntaxError) -> Int {
    let escaped = backslash + 1 < bytes.count ? bytes[backslash + 1] : 0
    let simple: UInt8? =
      switch escaped {
      case UInt8(ascii: "\""): 0x22
      case UInt8(ascii: "\\"): 0x5C
      case UInt8(ascii: "/"): 0x2F
      case UInt8(ascii: "b"): 0x08
      case UInt8(ascii: "f"): 0x0C
      case UInt8(ascii: "n"): 0x0A
      case UInt8(ascii: "r"): 0x0D
      case UInt8(ascii: "t"): 0x09
      default: nil
      }
    if let simple {
      scratch.append(simple)
      return backslash + 2
    }
    guard escaped == UInt8(ascii: "u") else {
      if escaped >= 0x80, utf8SequenceLength(at: backslash + 1) == nil { throw notUTF8(at: backslash + 1) }
      throw JSONSyntaxError(
        position: position(at: backslash),
        message: "invalid escape: a backslash followed by \(describe(at: backslash + 1)); the valid escapes are "
          + "\\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX, so write a backslash itself as \\\\")
    }
    let first = try hexQuad(at: backslash + 2)
    var scalar = first
    var end = backslash + 6
    switch first {
    case 0xD800...0xDBFF:
      // UTF-16 surrogates only mean something as a high-low pair; alone they are not characters.
      let hasSecond =
        end + 1 < bytes.count && bytes[end] == UInt8(ascii: "\\") && bytes[end + 1] == UInt8(ascii: "u")
      var second: UInt32 = 0
      if hasSecond { second = try hexQuad(at: end + 2) }
      guard (0xDC00...0xDFFF).contains(second) else {
        throw JSONSyntaxError(
          position: position(at: backslash),
          message: "the escape \\u\(hex(first, digits: 4)) is the first half of a surrogate pair but is not followed "
            + "by a second half (\\uDC00 to \\uDFFF); the text was probably cut in the middle of a character")
      }
      scalar = 0x10000 + (first - 0xD800) << 10 + (second - 0xDC00)
      end += 6
    case 0xDC00...0xDFFF:
      throw JSONSyntaxError(
        position: position(at: backslash),
        message: "the escape \\u\(hex(first, digits: 4)) is the second half of a surrogate pair without a first half "
          + "(\\uD800 to \\uDBFF) before it; the text was probably cut in the middle of a character")
    default:
      break
    }
    appendUTF8(scalar)
    return end
  }

  func hexQuad(at start: Int) throws(JSONSyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for i in start..<start + 4 {
      guard i < bytes.count, let digit = hexValue(bytes[i]) else {
        throw unexpected("four hexadecimal digits after '\\u'", at: i)
      }
      value = value << 4 | digit
    }
    return value
  }

  func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  mutating func appendUTF8(_ scalar: UInt32) {
    func append(_ value: UInt32) { scratch.append(UInt8(truncatingIfNeeded: value)) }
    switch scalar {
    case ..<0x80:
      append(scalar)
    case ..<0x800:
      append(0xC0 | scalar >> 6)
      append(0x80 | scalar & 0x3F)
    case ..<0x10000:
      append(0xE0 | scalar >> 12)
      append(0x80 | scalar >> 6 & 0x3F)
      append(0x80 | scalar & 0x3F)
    default:
      append(0xF0 | scalar >> 18)
      append(0x80 | scalar >> 12 & 0x3F)
      append(0x80 | scalar >> 6 & 0x3F)
      append(0x80 | scalar & 0x3F)
    }
  }

  /// The length of the well-formed UTF-8 sequence at `i` (RFC 3629: no overlong forms, surrogates or values past
  /// U+10FFFF), or nil if there is none.
  func utf8SequenceLength(at i: Int) -> Int? {
    func continues(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
      i + offset < bytes.count && range.contains(bytes[i + offset])
    }
    switch bytes[i] {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: return continues(1) ? 2 : nil
    case 0xE0: return continues(1, 0xA0...0xBF) && continues(2) ? 3 : nil
    case 0xE1...0xEC, 0xEE...0xEF: return continues(1) && continues(2) ? 3 : nil
    case 0xED: return continues(1, 0x80...0x9F) && continues(2) ? 3 : nil
    case 0xF0: return continues(1, 0x90...0xBF) && continues(2) && continues(3) ? 4 : nil
    case 0xF1...0xF3: return continues(1) && continues(2) && continues(3) ? 4 : nil
    case 0xF4: return continues(1, 0x80...0x8F) && continues(2) && continues(3) ? 4 : nil
    default: return nil
    }
  }

  // MARK: Positions

  /// The position of `offset`, which must not lie before non-ASCII text already scanned on its line.
  ///
  /// The parser only asks for the position of what it is looking at, or of a comma followed by nothing but
  /// whitespace, so this holds.
  func position(at offset: Int) -> SourcePosition {
    if offset >= lineStart {
      return SourcePosition(line: line, column: offset - lineStart - continuationBytes + 1)
    }
    return positionByRescanning(to: offset)
  }

  /// Counts scalars by counting the bytes that start one; only called on text already validated as UTF-8.
  func scalarCount(from start: Int, to end: Int) -> Int {
    guard start < end else { return 0 }
    var count = 0
    for i in start..<min(end, bytes.count) where bytes[i] & 0xC0 != 0x80 { count += 1 }
    return count
  }

  /// Only errors that point back at an earlier line (a trailing comma) need this, so it may be slow.
  func positionByRescanning(to offset: Int) -> SourcePosition {
    var line = 1
    var start = contentStart
    var i = contentStart
    while i < offset {
      if bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") {
        if bytes[i] == UInt8(ascii: "\r"), i + 1 < offset, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
        line += 1
        start = i + 1
      }
      i += 1
    }
    return SourcePosition(line: line, column: scalarCount(from: start, to: offset) + 1)
  }

  // MARK: Messages

  static let notANumberHint = "NaN and Infinity are not JSON, write null for a missing value"

  func notUTF8(at offset: Int) -> JSONSyntaxError {
    JSONSyntaxError(
      position: position(at: offset),
      message: "the file is not valid UTF-8 (found the byte 0x\(hex(UInt32(bytes[offset]), digits: 2))); it was "
        + "probably saved as GBK or GB18030, open it and save it again as UTF-8")
  }

  func controlCharacter(at offset: Int, inStringAt start: SourcePosition) -> JSONSyntaxError {
    let byte = bytes[offset]
    let message =
      switch byte {
      case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        "found a line break inside the string that starts at \(start); close the string with '\"' before the line "
          + "ends, or write the line break as \\n"
      case UInt8(ascii: "\t"): "found a tab inside a string; write it as \\t"
      default:
        "found \(describe(at: offset)) inside a string; write it as \\u\(hex(UInt32(byte), digits: 4))"
      }
    return JSONSyntaxError(position: position(at: offset), message: message)
  }

  func invalidValue(at offset: Int) -> JSONSyntaxError {
    let word = asciiWord(at: offset)
    let byte = offset < bytes.count ? bytes[offset] : 0
    let hint: String? =
      switch word {
      case "NaN", "nan", "Infinity", "inf": Self.notANumberHint
      case "True", "TRUE", "False", "FALSE": "write true and false in lower case"
      case "Null", "NULL", "None", "nil", "undefined": "write null"
      case nil where byte == UInt8(ascii: "+"): "a number cannot start with '+', remove it"
      case nil where byte == UInt8(ascii: "."): "a number needs a digit before the decimal point, e.g. 0.5"
      case nil: nil
      default: "if this is text, put it in double quotes"
      }
    return unexpected(
      "a value (object, array, string, number, true, false or null)", at: offset, hint: hint,
      found: word.map { "'\($0)'" })
  }

  /// "expected X, found Y; hint", unless the bytes found are not UTF-8, which is the more useful thing to say.
  func unexpected(
    _ expected: String, at offset: Int, hint: String? = nil, found: String? = nil
  ) -> JSONSyntaxError {
    if offset < bytes.count, bytes[offset] >= 0x80, utf8SequenceLength(at: offset) == nil { return notUTF8(at: offset) }
    let hint = characterHint(at: offset) ?? hint
    return JSONSyntaxError(
      position: position(at: offset),
      message: "expected \(expected), found \(found ?? describe(at: offset))" + (hint.map { "; \($0)" } ?? ""))
  }

  /// Catches what people (and spreadsheet exports) often write instead of JSON.
  func characterHint(at offset: Int) -> String? {
    guard let scalar = scalar(at: offset) else { return nil }
    let ascii: Character? =
      switch scalar.value {
      case 0xFF0C, 0x3001: ","
      case 0xFF1A: ":"
      case 0x201C, 0x201D, 0xFF02: "\""
      case 0xFF3B: "["
      case 0xFF3D: "]"
      case 0xFF5B: "{"
      case 0xFF5D: "}"
      default: nil
      }
    if let ascii { return "this is a full-width or Chinese punctuation mark, use the ASCII '\(ascii)' instead" }
    if scalar == "'" || scalar == "‘" || scalar == "’" { return "strings and member names must be in double quotes" }
    if scalar == "/" || scalar == "#" { return "comments are not allowed in JSON, remove them" }
    return nil
  }

  func scalar(at offset: Int) -> Unicode.Scalar? {
    guard offset < bytes.count, let length = utf8SequenceLength(at: offset) else { return nil }
    var value = UInt32(bytes[offset]) & [0x7F, 0x1F, 0x0F, 0x07][length - 1]
    for i in offset + 1..<offset + length { value = value << 6 | UInt32(bytes[i] & 0x3F) }
    return Unicode.Scalar(value)
  }

  /// The character at `offset` as a message shows it: quoted if visible, by code point if not.
  func describe(at offset: Int) -> String {
    guard offset < bytes.count else { return "the end of the file" }
    guard let scalar = scalar(at: offset) else { return "the byte 0x\(hex(UInt32(bytes[offset]), digits: 2))" }
    switch scalar {
    case "\n", "\r": return "a line break"
    case "\t": return "a tab"
    case " ": return "a space"
    case "'": return "a single quote (')"
    default: break
    }
    let code = "U+\(hex(scalar.value, digits: 4))"
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .privateUse, .unassigned:
      return scalar.isASCII ? "the control character \(code)" : "the invisible character \(code)"
    default:
      return scalar.isASCII ? "'\(scalar)'" : "'\(scalar)' (\(code))"
    }
  }

  /// Text from the file, quoted and shortened for a one-line message, with invisible characters escaped.
  func displayed(_ text: String) -> String {
    var result = "\""
    for (count, scalar) in text.unicodeScalars.enumerated() {
      guard count < 40 else { return result + "…\"" }
      switch scalar.properties.generalCategory {
      case .control, .format, .lineSeparator, .paragraphSeparator: result += "\\u" + hex(scalar.value, digits: 4)
      default: result += scalar == "\"" || scalar == "\\" ? "\\\(scalar)" : "\(scalar)"
      }
    }
    return result + "\""
  }

  /// The identifier-like word at `offset`, for messages about unquoted text such as `NaN` or `True`.
  func asciiWord(at offset: Int) -> String? {
    func isWordByte(_ byte: UInt8) -> Bool {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || isDigit(byte) || byte == UInt8(ascii: "_")
    }
    guard offset < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[offset] | 0x20) else {
      return nil
    }
    var end = offset
    while end < bytes.count, end - offset < 32, isWordByte(bytes[end]) { end += 1 }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
  }

  func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
