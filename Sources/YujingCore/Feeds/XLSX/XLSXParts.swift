// The XML parts of a workbook, parsed from their bytes: apart from the ZIP package
// (XLSXWorkbook.swift), so that they build without ZIPFoundation (the XLSX fuzz target does).

/// What went wrong reading a workbook, where, and what the person holding the file can do about it.
public struct XLSXError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The part of the package, e.g. `xl/worksheets/sheet1.xml`; nil when about the file as a whole.
  public var part: String?
  /// The cell, e.g. `B7`, when the error is about one cell.
  public var cell: String?
  /// Line and column in `part`, for malformed XML and for cells that cannot be read.
  public var position: SourcePosition?
  /// One line: what is wrong and what to do.
  public var message: String

  public init(part: String? = nil, cell: String? = nil, position: SourcePosition? = nil, message: String) {
    self.part = part
    self.cell = cell
    self.position = position
    self.message = message
  }

  public var description: String {
    var location = part ?? ""
    if let position { location += ":\(position)" }
    if let cell { location += location.isEmpty ? "cell \(cell)" : " cell \(cell)" }
    return location.isEmpty ? message : "\(location): \(message)"
  }

  /// Text from the file quoted in a message: short, on one line, so that a hostile name cannot
  /// make a log line huge or forge a second one.
  static func quoted(_ text: some StringProtocol) -> String {
    let shown = text.prefix(40).unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : String($0) }
    return "'" + shown.joined() + (text.dropFirst(40).isEmpty ? "'" : "…'")
  }
}

/// The bounds that keep a hostile file from exhausting memory; far above any statistics table.
public enum XLSXLimits {
  /// The most uncompressed bytes read from one part of the package (a zip bomb stops here).
  public static let maximumPartSize = 256 << 20
  /// The most cells one sheet may hold, and the most merged ranges.
  public static let maximumCellCount = 2_000_000
  /// The most shared strings a workbook may hold.
  public static let maximumSharedStringCount = 2_000_000
  /// The most sheets a workbook may list, and the most relationships one part may hold.
  public static let maximumSheetCount = 10_000
}

/// The shared-string table (`xl/sharedStrings.xml`): the text of string cells, by index.
enum XLSXSharedStrings {
  static func parse(_ xml: [UInt8], part: String) throws(XLSXError) -> [String] {
    var scanner = XMLScanner(bytes: xml, part: part)
    var strings: [String] = []
    var text: [UInt8] = []
    while true {
      switch try scanner.next() {
      case .startElement where scanner.depth == 2 && scanner.isElement("si"):
        guard strings.count < XLSXLimits.maximumSharedStringCount else {
          throw scanner.error(
            "the workbook has more than \(XLSXLimits.maximumSharedStringCount) shared strings, more than this reader accepts; check that this is the statistics table"
          )
        }
        text.removeAll(keepingCapacity: true)
        try scanner.appendRichText(to: &text)
        strings.append(XLSXText.string(text))
      case .endOfDocument:
        return strings
      default:
        continue
      }
    }
  }
}

// MARK: - Workbook part

/// What the workbook part says: sheet names in tab order, with the relationship naming each part.
struct WorkbookDescription {
  struct Sheet {
    var name: String
    var relationshipID: String?
  }

  var sheets: [Sheet] = []
  var usesDate1904 = false

  init(parsing xml: [UInt8], part: String) throws(XLSXError) {
    var scanner = XMLScanner(bytes: xml, part: part)
    var sheetsDepth: Int?
    while true {
      switch try scanner.next() {
      case .startElement:
        if scanner.depth == 1 && !scanner.isElement("workbook") {
          throw scanner.error(
            "the main part is not a workbook (a Word or PowerPoint file?); save the table as .xlsx from Excel or WPS")
        } else if scanner.depth == 2 && scanner.isElement("sheets") {
          sheetsDepth = 2
        } else if scanner.depth == 2 && scanner.isElement("workbookPr") {
          let date1904 = scanner.attribute("date1904")
          usesDate1904 = date1904 == "1" || date1904 == "true"
        } else if let sheetsDepth, scanner.depth == sheetsDepth + 1, scanner.isElement("sheet") {
          guard sheets.count < XLSXLimits.maximumSheetCount else {
            throw scanner.error(
              "the workbook lists more than \(XLSXLimits.maximumSheetCount) sheets (too large); check that this is the statistics table"
            )
          }
          guard let name = scanner.attribute("name") else {
            throw scanner.error(
              "sheet number \(sheets.count + 1) has no name; re-save the file as .xlsx from Excel or WPS")
          }
          sheets.append(Sheet(name: name, relationshipID: scanner.attribute("id", prefixed: true)))
        }
      case .endElement where scanner.depth < 2:
        sheetsDepth = nil
      case .endOfDocument:
        return
      default:
        continue
      }
    }
  }
}

// MARK: - Relationships

/// One `<Relationship>` of a `.rels` part: how one part points to another.
struct XLSXRelationship: Sendable {
  var id: String
  /// The last path segment of the relationship type, e.g. `worksheet`: transitional and strict
  /// OOXML spell the namespace differently but agree on it.
  var kind: Substring
  var target: String
  var isExternal: Bool

  static func parse(_ xml: [UInt8], part: String) throws(XLSXError) -> [XLSXRelationship] {
    var scanner = XMLScanner(bytes: xml, part: part)
    var relationships: [XLSXRelationship] = []
    while true {
      switch try scanner.next() {
      case .startElement where scanner.isElement("Relationship"):
        guard let id = scanner.attribute("Id"), let target = scanner.attribute("Target") else { continue }
        guard relationships.count < XLSXLimits.maximumSheetCount else {
          throw scanner.error(
            "the part holds more than \(XLSXLimits.maximumSheetCount) relationships (too large); check that this is the statistics table"
          )
        }
        let type = scanner.attribute("Type") ?? ""
        relationships.append(
          XLSXRelationship(
            id: id, kind: type.split(separator: "/").last ?? "", target: target,
            isExternal: scanner.attribute("TargetMode") == "External"))
      case .endOfDocument:
        return relationships
      default:
        continue
      }
    }
  }
}

// MARK: - Text

extension XMLScanner {
  /// Consumes a `<si>` or `<is>` element, appending its text: plain (`<t>`) or rich (`<r><t>`…),
  /// but not the phonetic guide (`<rPh>`), which repeats the reading of East Asian text.
  mutating func appendRichText(to text: inout [UInt8]) throws(XLSXError) {
    let elementDepth = depth
    while true {
      switch try next() {
      case .startElement where isElement("rPh"):
        try skipElement()
      case .startElement where isElement("t"):
        try appendTextContent(to: &text)
      case .endElement where depth < elementDepth, .endOfDocument:
        return
      default:
        continue
      }
    }
  }
}

/// Cell text as Excel means it.
enum XLSXText {
  /// Excel writes characters that XML cannot hold (and a literal `_x` sequence) as `_xHHHH_`,
  /// the UTF-16 code unit in hex (ECMA-376 Part 1, ST_Xstring); a line break typed as CR LF
  /// arrives as `_x000D_` followed by a newline.
  static func string(_ bytes: [UInt8]) -> String {
    guard bytes.count >= 7, bytes.contains(UInt8(ascii: "_")) else { return String(decoding: bytes, as: UTF8.self) }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var cursor = 0
    while cursor < bytes.count {
      guard let unit = codeUnit(in: bytes, at: cursor) else {
        output.append(bytes[cursor])
        cursor += 1
        continue
      }
      cursor += 7
      var scalar = Unicode.Scalar(unit)
      if UTF16.isLeadSurrogate(unit), let trail = codeUnit(in: bytes, at: cursor), UTF16.isTrailSurrogate(trail) {
        scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(trail) - 0xDC00))
        cursor += 7
      }
      UTF8.encode(scalar ?? "\u{FFFD}") { output.append($0) }
    }
    return String(decoding: output, as: UTF8.self)
  }

  private static func codeUnit(in bytes: [UInt8], at start: Int) -> UInt16? {
    guard start + 7 <= bytes.count, bytes[start] == UInt8(ascii: "_"), bytes[start + 1] == UInt8(ascii: "x"),
      bytes[start + 6] == UInt8(ascii: "_")
    else { return nil }
    var unit: UInt16 = 0
    for byte in bytes[(start + 2)..<(start + 6)] {
      guard let digit = hexDigit(byte) else { return nil }
      unit = unit << 4 | UInt16(digit)
    }
    return unit
  }

  private static func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
