/// A streaming RFC 4180 scanner over UTF-8 bytes: comma-separated, double-quoted fields with
/// `""` for a quote, LF or CRLF line ends, an optional byte-order mark.
///
/// It yields field boundaries, not strings, so a million-row ingest creates a string only for the
/// fields it keeps. The bytes must stay alive while the scanner is used.
struct CSVScanner {
  struct Field {
    var start: Int
    var end: Int
    /// The field contains `""` escapes that must be collapsed when it is decoded.
    var hasEscapedQuotes: Bool
  }

  enum Outcome {
    case record(line: Int)
    /// A quoted field ran to the end of the file; the rest of the file was consumed by it.
    case unclosedQuote(line: Int)
  }

  let bytes: UnsafeBufferPointer<UInt8>
  private(set) var index: Int
  private(set) var line = 1

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    self.index = hasBOM ? 3 : 0
  }

  private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n")
  private static let cr = UInt8(ascii: "\r")

  /// Reads the next record into `fields`; nil at the end of the input. Blank lines are skipped.
  /// The header record into `fields`; when there is none, an error that says why.
  mutating func header(into fields: inout [Field]) throws(FeedReadError) {
    switch next(into: &fields) {
    case .record: return
    case .unclosedQuote(let line):
      throw FeedReadError(
        "the header opens a quoted field that is never closed, so the whole file was read as one field; "
          + "remove the stray \" or close it", at: SourcePosition(line: line, column: 1))
    case nil: throw FeedReadError("the file is empty")
    }
  }

  mutating func next(into fields: inout [Field]) -> Outcome? {
    fields.removeAll(keepingCapacity: true)
    // Skip blank lines (a trailing newline, or an empty line between records).
    while index < bytes.count && (bytes[index] == CSVScanner.lf || bytes[index] == CSVScanner.cr) {
      if endsLine(at: index) { line += 1 }
      index += 1
    }
    guard index < bytes.count else { return nil }
    let startLine = line
    while true {
      if index < bytes.count && bytes[index] == CSVScanner.quote {
        index += 1
        let start = index
        var escaped = false
        while true {
          guard index < bytes.count else {
            fields.append(Field(start: start, end: index, hasEscapedQuotes: escaped))
            return .unclosedQuote(line: startLine)
          }
          let byte = bytes[index]
          if byte == CSVScanner.quote {
            if index + 1 < bytes.count && bytes[index + 1] == CSVScanner.quote {
              escaped = true
              index += 2
              continue
            }
            break
          }
          if endsLine(at: index) { line += 1 }
          index += 1
        }
        fields.append(Field(start: start, end: index, hasEscapedQuotes: escaped))
        index += 1  // the closing quote
        // Anything between the closing quote and the separator is kept out of the value, as
        // spreadsheet programs do; a stray character there is rare and harmless.
        while index < bytes.count && bytes[index] != CSVScanner.comma && bytes[index] != CSVScanner.lf
          && bytes[index] != CSVScanner.cr
        {
          index += 1
        }
      } else {
        let start = index
        while index < bytes.count && bytes[index] != CSVScanner.comma && bytes[index] != CSVScanner.lf
          && bytes[index] != CSVScanner.cr
        {
          index += 1
        }
        fields.append(Field(start: start, end: index, hasEscapedQuotes: false))
      }
      guard index < bytes.count else { return .record(line: startLine) }
      let separator = bytes[index]
      index += 1
      if separator == CSVScanner.comma { continue }
      if separator == CSVScanner.cr && index < bytes.count && bytes[index] == CSVScanner.lf { index += 1 }
      line += 1
      return .record(line: startLine)
    }
  }

  /// Whether the byte at `index` ends a line: LF, the CR of a lone CR (old Mac files, which Excel
  /// for Mac still writes), but not the CR of CRLF, whose LF ends the line. Records end at the
  /// same bytes, so line numbers count the way editors show them for every kind of line end.
  func endsLine(at index: Int) -> Bool {
    bytes[index] == CSVScanner.lf
      || (bytes[index] == CSVScanner.cr && !(index + 1 < bytes.count && bytes[index + 1] == CSVScanner.lf))
  }

  /// The field's text, with `""` collapsed and surrounding spaces removed.
  func string(_ field: Field) -> String {
    var start = field.start
    var end = field.end
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
    let text = String(decoding: slice, as: UTF8.self)
    return field.hasEscapedQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
  }

  /// The trimmed field's bytes, for parsers that need no string.
  func trimmedBytes(_ field: Field) -> UnsafeBufferPointer<UInt8> {
    var start = field.start
    var end = field.end
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  /// The raw text of a record, for showing a rejected row beside its reason.
  /// The column, in characters from 1, at which a field starts on its line.
  func column(of field: Field) -> Int {
    var start = min(field.start, bytes.count)
    while start > 0 && bytes[start - 1] != CSVScanner.lf && bytes[start - 1] != CSVScanner.cr { start -= 1 }
    // UTF-8: every byte that does not continue a character starts one.
    return (start..<min(field.start, bytes.count)).reduce(1) { count, index in
      bytes[index] & 0xC0 == 0x80 ? count : count + 1
    }
  }

  func rawText(from fields: [Field]) -> String {
    guard let first = fields.first, let last = fields.last else { return "" }
    let start = max(first.start - 1, 0)
    let end = min(last.end + 1, bytes.count)
    var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    while text.hasSuffix("\n") || text.hasSuffix("\r") || text.hasSuffix(",") { text.removeLast() }
    return text
  }
}

/// The header of a canonical CSV file: which column holds what. Column order is free; names are
/// matched without regard to case or surrounding spaces.
struct CSVHeader {
  let columns: [String]
  private let index: [String: Int]

  init(names: [String]) throws(FeedReadError) {
    columns = names.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    var index: [String: Int] = [:]
    for (position, name) in columns.enumerated() {
      if name.isEmpty { continue }
      if index[name] != nil {
        throw FeedReadError(
          "the header names the column '\(name)' twice", at: SourcePosition(line: 1, column: position + 1))
      }
      index[name] = position
    }
    self.index = index
  }

  func position(of name: String) -> Int? { index[name] }

  /// Fails with the list of what is missing, so the operator fixes the header in one go.
  func require(_ names: [String], anyOf alternatives: [String] = [], kind: String) throws(FeedReadError) {
    var missing = names.filter { index[$0] == nil }
    if !alternatives.isEmpty && !alternatives.contains(where: { index[$0] != nil }) {
      missing.append(alternatives.joined(separator: " or "))
    }
    guard missing.isEmpty else {
      let found = columns.isEmpty ? "nothing" : columns.joined(separator: ",")
      throw FeedReadError(
        "the header lacks \(missing.joined(separator: ", ")); \(kind.first == "i" ? "an" : "a") \(kind) file starts with a header line such as "
          + "'\(CSVHeader.example(kind))' (found: \(found))",
        at: SourcePosition(line: 1, column: 1))
    }
  }

  /// Columns this kind of file does not use: reported, not fatal.
  func unused(known: Set<String>) -> [String] {
    columns.filter { !$0.isEmpty && !known.contains($0) }
  }

  static func example(_ kind: String) -> String {
    switch kind {
    case "project": "period,project,name,region,department,leader,total_investment,annual_plan,completed_ytd,status,…"
    case "milestone": "project,stage,due,done"
    case "target": "year,region,indicator,target_growth,target_value"
    case "problem": "code,title,description,source,unit,co_units,leader,level,assigned,due,state"
    default: "period,region,indicator,value,growth"
    }
  }
}

extension Rejection {
  /// The rejection with the column of its field on the row's line (`line 3, column 9`), when it
  /// names a field of the file.
  func at(_ position: (String) -> Int?, in fields: [CSVScanner.Field], of scanner: CSVScanner) -> Rejection {
    guard let field, let index = position(field), index < fields.count else { return self }
    var located = self
    located.location.column = scanner.column(of: fields[index])
    // `element` is for JSON: a CSV row is its line.
    located.location.record = nil
    return located
  }
}
