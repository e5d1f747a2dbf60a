import Foundation

/// The pieces of SpreadsheetML (ECMA-376 part 1, §18) that the XLSX writer needs.
enum CellAddress {
  /// `B7` for row 7, column 2.
  static func a1(row: Int, column: Int) -> String {
    var letters = ""
    var rest = column
    while rest > 0 {
      let digit = (rest - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
      rest = (rest - 1) / 26
    }
    return letters + String(row)
  }
}

enum SheetName {
  static let maximumLength = 31
  private static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

  static func sanitized(_ name: String, position: Int, taken: [String]) -> String {
    var cleaned = String(
      XMLText.allowed(name).map { forbidden.contains($0) || $0.isNewline || $0 == "\t" ? "_" : $0 })
    cleaned = cleaned.trimmingCharacters(in: .whitespaces)
    while cleaned.hasPrefix("'") { cleaned.removeFirst() }
    while cleaned.hasSuffix("'") { cleaned.removeLast() }
    // Excel keeps “History” for its change tracking.
    if cleaned.isEmpty || cleaned.lowercased() == "history" { cleaned = "Sheet\(position)" }
    cleaned = truncated(cleaned, to: maximumLength)
    let used = Set(taken.map { $0.lowercased() })
    var candidate = cleaned
    var copy = 2
    while used.contains(candidate.lowercased()) {
      let suffix = "(\(copy))"
      candidate = truncated(cleaned, to: maximumLength - suffix.utf16.count) + suffix
      copy += 1
    }
    return candidate
  }

  /// Excel counts UTF-16 units; a character is never cut in two.
  static func truncated(_ text: String, to length: Int) -> String {
    var result = ""
    for character in text {
      if result.utf16.count + character.utf16.count > length { break }
      result.append(character)
    }
    while result.hasSuffix("'") || result.hasSuffix(" ") { result.removeLast() }
    return result
  }
}

/// The shared string table: each distinct text once.
struct SharedStrings {
  private var indices: [String: Int] = [:]
  private var items: [String] = []
  private var references = 0

  mutating func index(_ text: String) -> Int {
    references += 1
    let text = Self.cellText(text)
    if let index = indices[text] { return index }
    indices[text] = items.count
    items.append(text)
    return items.count - 1
  }

  var xml: String {
    XMLText.declaration
      + #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(references)""#
      + #" uniqueCount="\#(items.count)">"#
      + items.map { #"<si><t xml:space="preserve">\#(XMLText.text(Self.escapingUnderscores($0)))</t></si>"# }.joined()
      + "</sst>"
  }

  /// What a cell can hold: Excel's limit of 32,767 characters, and CR LF as the LF Excel uses.
  static func cellText(_ text: String) -> String {
    let text = XMLText.allowed(text).replacingOccurrences(of: "\r\n", with: "\n")
    return text.utf16.count <= 32_767 ? text : SheetName.truncated(text, to: 32_767)
  }

  /// Excel reads `_x0041_` in a string as the character U+0041; a text that holds such a sequence
  /// literally has its underscore written as `_x005F_` so that it comes back as written.
  static func escapingUnderscores(_ text: String) -> String {
    guard text.contains("_x") else { return text }
    var result = ""
    var rest = Substring(text)
    while let start = rest.range(of: "_x") {
      result += rest[..<start.lowerBound]
      let candidate = rest[start.lowerBound...].prefix(7)
      let hex = candidate.dropFirst(2).prefix(4)
      if candidate.count == 7, candidate.hasSuffix("_"), hex.allSatisfy(\.isHexDigit) {
        result += "_x005F_"
      } else {
        result += "_"
      }
      rest = rest[rest.index(after: start.lowerBound)...]
    }
    return result + rest
  }
}

/// Number formats after the text the office sees in the notice: `12.3` keeps one decimal,
/// `1,234.56` two and the thousands separator.
enum NumberFormat {
  /// nil for General: a text without digits says nothing of the format.
  static func code(for text: String) -> String? {
    guard let start = text.firstIndex(where: \.isASCIIDigit) else { return nil }
    let number = text[start...].prefix(while: { $0.isASCIIDigit || $0 == "," || $0 == "." })
    let grouping = number.contains(",")
    let decimals =
      number.split(separator: ".", maxSplits: 1).dropFirst().first.map { $0.prefix(while: \.isASCIIDigit).count } ?? 0
    var code = grouping ? "#,##0" : "0"
    if decimals > 0 { code += "." + String(repeating: "0", count: min(decimals, 10)) }
    return code
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

struct CellStyle: Hashable {
  enum Font: Int { case regular, bold, caption }
  enum Alignment { case general, centre }
  var font = Font.regular
  var fill: String?
  /// A custom number format's code.
  var format: String?
  var alignment = Alignment.general
  var bordered = false
}

/// `xl/styles.xml`, built from the cell styles the sheets ask for, each given its index.
struct CellStyles {
  static let headerFill = "D9D9D9"
  private var styles: [CellStyle] = [CellStyle()]
  private var indices: [CellStyle: Int] = [CellStyle(): 0]
  private var fills: [String] = []
  private var formats: [String] = []

  mutating func index(_ style: CellStyle) -> Int {
    if let index = indices[style] { return index }
    if let fill = style.fill, !fills.contains(fill) { fills.append(fill) }
    if let format = style.format, !formats.contains(format) { formats.append(format) }
    styles.append(style)
    indices[style] = styles.count - 1
    return styles.count - 1
  }

  var xml: String {
    var xml =
      XMLText.declaration + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
    if !formats.isEmpty {
      xml += #"<numFmts count="\#(formats.count)">"#
      for (index, code) in formats.enumerated() {
        xml += #"<numFmt numFmtId="\#(164 + index)" formatCode="\#(XMLText.attribute(code))"/>"#
      }
      xml += "</numFmts>"
    }
    // 宋体 with the GB2312 character set, which Chinese Excel and WPS use by default.
    let font = #"<name val="宋体"/><family val="3"/><charset val="134"/>"#
    xml += #"<fonts count="3"><font><sz val="11"/>\#(font)</font><font><b/><sz val="11"/>\#(font)</font>"#
    xml += #"<font><b/><sz val="14"/>\#(font)</font></fonts>"#
    // The first two fills are reserved: Excel expects exactly these.
    xml += #"<fills count="\#(fills.count + 2)"><fill><patternFill patternType="none"/></fill>"#
    xml += #"<fill><patternFill patternType="gray125"/></fill>"#
    for colour in fills {
      xml += #"<fill><patternFill patternType="solid"><fgColor rgb="FF\#(colour)"/><bgColor indexed="64"/>"#
      xml += "</patternFill></fill>"
    }
    xml += #"</fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
    xml += "<border>"
    for side in ["left", "right", "top", "bottom"] {
      xml += #"<\#(side) style="thin"><color indexed="64"/></\#(side)>"#
    }
    xml += #"<diagonal/></border></borders><cellStyleXfs count="1">"#
    xml += #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
    xml += #"<cellXfs count="\#(styles.count)">"#
    for style in styles { xml += xf(style) }
    xml += #"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
    return xml + "</styleSheet>"
  }

  private func xf(_ style: CellStyle) -> String {
    let format = style.format.flatMap { formats.firstIndex(of: $0) }.map { 164 + $0 } ?? 0
    let fill = style.fill.flatMap { fills.firstIndex(of: $0) }.map { $0 + 2 } ?? 0
    var xml = #"<xf numFmtId="\#(format)" fontId="\#(style.font.rawValue)" fillId="\#(fill)""#
    xml += #" borderId="\#(style.bordered ? 1 : 0)" xfId="0""#
    if format != 0 { xml += #" applyNumberFormat="1""# }
    if style.font != .regular { xml += #" applyFont="1""# }
    if fill != 0 { xml += #" applyFill="1""# }
    if style.bordered { xml += #" applyBorder="1""# }
    switch style.alignment {
    case .general where style == CellStyle():
      xml += "/>"
    case .general where style.format == nil:
      // Texts wrap at the column's width; figures stay on one line, right-aligned as numbers are.
      xml += #" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>"#
    case .general:
      xml += #" applyAlignment="1"><alignment vertical="center"/></xf>"#
    case .centre:
      xml += #" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#
    }
    return xml
  }
}
