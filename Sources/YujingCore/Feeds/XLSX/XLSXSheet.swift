/// A cell's address, as Excel writes it in A1 style: column letters, then the row number.
public struct CellReference: Hashable, Sendable, Comparable, CustomStringConvertible {
  public static let maximumRow = 1_048_576
  public static let maximumColumn = 16_384

  /// 1-based.
  public var row: Int
  /// 1-based: A is 1, Z is 26, AA is 27, XFD (the last Excel column) is 16384.
  public var column: Int

  public init(row: Int, column: Int) {
    self.row = row
    self.column = column
  }

  /// Parses `B7`; nil unless it names a cell of an Excel sheet (A1 … XFD1048576, no `$`).
  public init?(_ a1: String) {
    var a1 = a1
    guard let reference = a1.withUTF8({ Self(utf8: $0) }) else { return nil }
    self = reference
  }

  init?<Bytes: Collection<UInt8>>(utf8: Bytes) {
    var column = 0
    var row = 0
    var letters = 0
    var digits = 0
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
        column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
        letters += 1
      case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
        column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
        letters += 1
      case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
        if digits == 0 && byte == UInt8(ascii: "0") { return nil }
        row = row * 10 + Int(byte - UInt8(ascii: "0"))
        digits += 1
      default:
        return nil
      }
      guard letters <= 3, digits <= 7 else { return nil }
    }
    guard digits > 0, (1...Self.maximumColumn).contains(column), (1...Self.maximumRow).contains(row) else {
      return nil
    }
    self.init(row: row, column: column)
  }

  public var description: String {
    guard column > 0 else { return "R\(row)C\(column)" }
    var letters: [UInt8] = []
    var remaining = column
    while remaining > 0 {
      letters.append(UInt8(ascii: "A") + UInt8((remaining - 1) % 26))
      remaining = (remaining - 1) / 26
    }
    return String(decoding: letters.reversed(), as: UTF8.self) + String(row)
  }

  /// Row by row, then column by column: the order of a sheet's cells.
  public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
    (lhs.row, lhs.column) < (rhs.row, rhs.column)
  }
}

/// A rectangle of cells, such as a merged range `B3:C3`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
  /// The top-left cell.
  public var first: CellReference
  /// The bottom-right cell.
  public var last: CellReference

  /// Any two opposite corners; stored as top-left and bottom-right.
  public init(first: CellReference, last: CellReference) {
    self.first = CellReference(row: min(first.row, last.row), column: min(first.column, last.column))
    self.last = CellReference(row: max(first.row, last.row), column: max(first.column, last.column))
  }

  /// Parses `B3:C3`, or `B3` for a range of one cell.
  public init?(_ a1: String) {
    let corners = a1.split(separator: ":", omittingEmptySubsequences: false)
    guard corners.count <= 2, let first = CellReference(String(corners[0])),
      let last = CellReference(String(corners[corners.count - 1]))
    else { return nil }
    self.init(first: first, last: last)
  }

  public func contains(_ reference: CellReference) -> Bool {
    (first.row...last.row).contains(reference.row) && (first.column...last.column).contains(reference.column)
  }

  public var description: String { "\(first):\(last)" }
}

public enum XLSXCellValue: Sendable, Hashable {
  /// The `<v>` text exactly as stored, e.g. `88.90000000000001`; rounding to the published
  /// precision is the caller's business. Checked to be a decimal number.
  case number(String)
  /// A shared string, an inline string, a formula's string result, or a date written as ISO 8601
  /// text (`t="d"`); rich-text runs are concatenated, `_xHHHH_` escapes decoded.
  case string(String)
  case bool(Bool)
  /// An Excel error such as `#DIV/0!` or `#N/A`, or `formulaWithoutCachedValue`.
  case error(String)

  /// The value of a formula cell whose file holds no computed result (written by a program that
  /// does not calculate). Its text has no `#`, so it never equals a real Excel error.
  public static let formulaWithoutCachedValue = XLSXCellValue.error("no cached value")

  /// When true, tell the sender: formula without a computed value — open and save the file in Excel or WPS.
  public var isFormulaWithoutCachedValue: Bool { self == .formulaWithoutCachedValue }
}

public struct XLSXCell: Sendable, Hashable {
  public var reference: CellReference
  public var value: XLSXCellValue
  /// The formula text without `=`, when the cell has one. Empty for a cell that shares a formula
  /// written on another cell (Excel stores the text once, for the first cell of the group).
  public var formula: String?
  /// The number format of a number cell, when it is not one that shows the number as it is
  /// (General, `0.0`): a percentage, a date, or a format whose effect is not certain.
  public var format: CellNumberFormat?

  public init(reference: CellReference, value: XLSXCellValue, formula: String? = nil, format: CellNumberFormat? = nil) {
    self.reference = reference
    self.value = value
    self.formula = formula
    self.format = format
  }
}

/// One worksheet as a grid of the cells that hold something, with its merged ranges.
///
/// Cells with a style but no value (blank cells) are not kept: `cell(_:)` is nil for them, as
/// for cells the file never mentions.
public struct XLSXSheet: Sendable {
  public var name: String
  public var mergedRanges: [CellRange]
  /// Whether the workbook counts date serial numbers from 1904 rather than 1900.
  public var usesDate1904 = false
  /// All cells, row by row and within a row by column.
  public private(set) var cells: [XLSXCell]
  public private(set) var columnCount: Int
  /// The rows that hold cells, ascending, and where each one's cells start in `cells`.
  private var rowNumbers: [Int] = []
  private var rowStarts: [Int] = []

  /// A sheet made from cells in any order; of two cells at the same place the later one is kept.
  public init(name: String, cells: [XLSXCell], mergedRanges: [CellRange] = []) {
    var unique: [CellReference: Int] = [:]
    for (index, cell) in cells.enumerated() { unique[cell.reference] = index }
    let kept = unique.values.map { cells[$0] }.sorted { $0.reference < $1.reference }
    self.init(name: name, sortedCells: kept, mergedRanges: mergedRanges)
  }

  private init(name: String, sortedCells: [XLSXCell], mergedRanges: [CellRange]) {
    self.name = name
    self.cells = sortedCells
    self.mergedRanges = mergedRanges
    columnCount = sortedCells.lazy.map(\.reference.column).max() ?? 0
    for (index, cell) in sortedCells.enumerated() where rowNumbers.last != cell.reference.row {
      rowNumbers.append(cell.reference.row)
      rowStarts.append(index)
    }
  }

  /// The last row that holds a cell (not counting blank rows after it).
  public var rowCount: Int { cells.last?.reference.row ?? 0 }

  /// The cell as stored; nil when the file has no value there.
  public func cell(_ reference: CellReference) -> XLSXCell? {
    let range = cellIndices(inRow: reference.row)
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
      let middle = (low + high) / 2
      let column = cells[middle].reference.column
      if column == reference.column { return cells[middle] }
      if column < reference.column { low = middle + 1 } else { high = middle }
    }
    return nil
  }

  /// For a cell inside a merged range, the range's top-left cell (which holds what Excel shows
  /// across the range); for any other cell, the cell itself.
  public func resolvedCell(_ reference: CellReference) -> XLSXCell? {
    cell(mergedRange(containing: reference)?.first ?? reference)
  }

  /// The merged range that covers this cell, if any.
  public func mergedRange(containing reference: CellReference) -> CellRange? {
    mergedRanges.first { $0.contains(reference) }
  }

  /// The cells present in a row, by column.
  public func row(_ row: Int) -> [XLSXCell] { Array(cells[cellIndices(inRow: row)]) }

  private func cellIndices(inRow row: Int) -> Range<Int> {
    var low = 0
    var high = rowNumbers.count
    while low < high {
      let middle = (low + high) / 2
      if rowNumbers[middle] == row {
        return rowStarts[middle]..<(middle + 1 < rowStarts.count ? rowStarts[middle + 1] : cells.count)
      }
      if rowNumbers[middle] < row { low = middle + 1 } else { high = middle }
    }
    return 0..<0
  }
}

// MARK: - Reading a worksheet part

extension XLSXSheet {
  init(
    parsing xml: [UInt8], part: String, name: String, sharedStrings: [String], formats: [CellNumberFormat] = [],
    maximumCellCount: Int = XLSXLimits.maximumCellCount
  ) throws(XLSXError) {
    var reader = WorksheetReader(
      scanner: XMLScanner(bytes: xml, part: part), sharedStrings: sharedStrings, formats: formats,
      maximumCellCount: maximumCellCount)
    try reader.read()
    if !reader.isSorted {
      reader.cells.sort { $0.reference < $1.reference }
      for (previous, cell) in zip(reader.cells, reader.cells.dropFirst()) where previous.reference == cell.reference {
        throw XLSXError(
          part: part, cell: cell.reference.description,
          message: "the cell appears twice in the sheet; the file is damaged — re-save it as .xlsx from Excel or WPS")
      }
    }
    self.init(name: name, sortedCells: reader.cells, mergedRanges: reader.mergedRanges)
  }
}

private struct WorksheetReader {
  private enum CellType {
    case number
    case sharedString
    case inlineString
    case formulaString
    case boolean
    case error
    case date
  }

  var scanner: XMLScanner
  let sharedStrings: [String]
  /// The number format of each cell style, by the index a cell's `s` gives.
  let formats: [CellNumberFormat]
  let maximumCellCount: Int
  var cells: [XLSXCell] = []
  var mergedRanges: [CellRange] = []
  var isSorted = true
  private var row = 0
  private var column = 0
  private var value: [UInt8] = []
  private var text: [UInt8] = []

  init(scanner: XMLScanner, sharedStrings: [String], formats: [CellNumberFormat], maximumCellCount: Int) {
    self.scanner = scanner
    self.sharedStrings = sharedStrings
    self.formats = formats
    self.maximumCellCount = maximumCellCount
  }

  mutating func read() throws(XLSXError) {
    var sheetDataDepth: Int?
    var rowDepth: Int?
    while true {
      switch try scanner.next() {
      case .startElement:
        let depth = scanner.depth
        if depth == 1 && !scanner.isElement("worksheet") && !scanner.isElement("dialogsheet") {
          throw scanner.error("the part is not a worksheet; re-save the file as .xlsx from Excel or WPS")
        } else if let rowDepth, depth == rowDepth + 1, scanner.isElement("c") {
          try readCell()
        } else if let sheetDataDepth, rowDepth == nil, depth == sheetDataDepth + 1, scanner.isElement("row") {
          try startRow()
          rowDepth = depth
        } else if sheetDataDepth == nil && depth == 2 && scanner.isElement("sheetData") {
          sheetDataDepth = depth
        } else if scanner.isElement("mergeCell") {
          try readMergeCell()
        }
      case .endElement:
        if let depth = rowDepth, scanner.depth < depth { rowDepth = nil }
        if let depth = sheetDataDepth, scanner.depth < depth { sheetDataDepth = nil }
      case .text:
        continue
      case .endOfDocument:
        return
      }
    }
  }

  /// Rows may omit `r`; they then follow the previous row.
  private mutating func startRow() throws(XLSXError) {
    column = 0
    guard let number = scanner.attributeBytes("r") else {
      guard row < CellReference.maximumRow else {
        throw scanner.error(
          "the sheet has more than \(CellReference.maximumRow) rows; re-save the file from Excel or WPS")
      }
      row += 1
      return
    }
    guard let parsed = Self.integer(number), (1...CellReference.maximumRow).contains(parsed) else {
      throw scanner.error(
        "row number \(XLSXError.quoted(String(decoding: number, as: UTF8.self))) is not an Excel row (1 to \(CellReference.maximumRow)); the file is damaged — re-save it from Excel or WPS"
      )
    }
    row = parsed
  }

  /// Cells may omit `r`; they then follow the previous cell of their row.
  private mutating func readCell() throws(XLSXError) {
    let start = scanner.tokenOffset
    let reference: CellReference
    if let bytes = scanner.attributeBytes("r") {
      guard let parsed = CellReference(utf8: bytes) else {
        let shown = String(decoding: bytes, as: UTF8.self)
        throw scanner.error(
          "\(XLSXError.quoted(shown)) is not a cell reference (A1 to XFD1048576); the file is damaged — re-save it from Excel or WPS",
          cell: String(shown.prefix(40)))
      }
      reference = parsed
    } else {
      guard column < CellReference.maximumColumn else {
        throw scanner.error(
          "row \(row) has more than \(CellReference.maximumColumn) cells; the file is damaged — re-save it from Excel or WPS"
        )
      }
      reference = CellReference(row: max(row, 1), column: column + 1)
    }
    column = reference.column
    let type = try cellType(at: reference)
    let format = type == .number ? numberFormat() : nil
    let cellDepth = scanner.depth
    var hasValue = false
    var hasInlineString = false
    var formula: String?
    value.removeAll(keepingCapacity: true)
    text.removeAll(keepingCapacity: true)
    while true {
      let token = try scanner.next()
      if token == .endElement && scanner.depth < cellDepth { break }
      guard token == .startElement, scanner.depth == cellDepth + 1 else { continue }
      if scanner.isElement("v") {
        hasValue = true
        try scanner.appendTextContent(to: &value)
      } else if scanner.isElement("f") {
        var formulaText: [UInt8] = []
        try scanner.appendTextContent(to: &formulaText)
        formula = String(decoding: formulaText, as: UTF8.self)
      } else if scanner.isElement("is") {
        hasInlineString = true
        try scanner.appendRichText(to: &text)
      } else {
        try scanner.skipElement()
      }
    }
    let made = try makeValue(type, hasValue: hasValue, hasInlineString: hasInlineString, at: reference, start: start)
    guard let cellValue = made else {
      if formula != nil {
        try append(XLSXCell(reference: reference, value: .formulaWithoutCachedValue, formula: formula))
      }
      return
    }
    try append(XLSXCell(reference: reference, value: cellValue, formula: formula, format: format))
  }

  /// The cell's number format when it is not plain; nil for General and the like.
  private func numberFormat() -> CellNumberFormat? {
    guard let style = scanner.attributeBytes("s") else { return nil }
    guard let index = Self.integer(style), formats.indices.contains(index) else {
      // Without a style table, style 0 is the default one: General.
      if formats.isEmpty && Self.integer(style) == 0 { return nil }
      return CellNumberFormat.unknown(
        "its style s=\(XLSXError.quoted(String(decoding: style, as: UTF8.self))) is not among the workbook's \(formats.count) cell styles"
      )
    }
    let format = formats[index]
    return format.meaning == .plain ? nil : format
  }

  private func cellType(at reference: CellReference) throws(XLSXError) -> CellType {
    guard let type = scanner.attributeBytes("t") else { return .number }
    switch true {
    case XMLScanner.equal(type, "n"): return .number
    case XMLScanner.equal(type, "s"): return .sharedString
    case XMLScanner.equal(type, "inlineStr"): return .inlineString
    case XMLScanner.equal(type, "str"): return .formulaString
    case XMLScanner.equal(type, "b"): return .boolean
    case XMLScanner.equal(type, "e"): return .error
    case XMLScanner.equal(type, "d"): return .date
    default:
      throw scanner.error(
        "the cell has the unknown type t=\(XLSXError.quoted(String(decoding: type, as: UTF8.self))); re-save the file as .xlsx from Excel or WPS",
        cell: reference.description)
    }
  }

  /// Nil when the cell holds no value: a blank, or a formula never calculated.
  private func makeValue(
    _ type: CellType, hasValue: Bool, hasInlineString: Bool, at reference: CellReference, start: Int
  ) throws(XLSXError) -> XLSXCellValue? {
    if type == .inlineString && hasInlineString { return .string(XLSXText.string(text)) }
    guard hasValue else { return nil }
    var trimmed = value[...]
    while let first = trimmed.first, XMLScanner.isWhitespace(first) { trimmed.removeFirst() }
    while let last = trimmed.last, XMLScanner.isWhitespace(last) { trimmed.removeLast() }
    let shown = String(decoding: trimmed, as: UTF8.self)
    switch type {
    case .number:
      guard !trimmed.isEmpty else { return nil }
      guard Self.isDecimalNumber(trimmed) else {
        throw scanner.error(
          "the cell should hold a number but holds \(XLSXError.quoted(shown)); re-save the file as .xlsx from Excel or WPS",
          cell: reference.description, at: start)
      }
      return .number(shown)
    case .sharedString:
      guard let index = Self.integer(trimmed), sharedStrings.indices.contains(index) else {
        throw scanner.error(
          "the cell refers to shared string \(XLSXError.quoted(shown)), but the workbook has \(sharedStrings.count) shared strings; the file is damaged — re-save it from Excel or WPS",
          cell: reference.description, at: start)
      }
      return .string(sharedStrings[index])
    case .inlineString, .formulaString:
      return .string(XLSXText.string(value))
    case .boolean:
      switch shown {
      case "1", "true": return .bool(true)
      case "0", "false": return .bool(false)
      default:
        throw scanner.error(
          "the cell should hold a boolean (0 or 1) but holds \(XLSXError.quoted(shown)); re-save the file from Excel or WPS",
          cell: reference.description, at: start)
      }
    case .error:
      return .error(shown)
    case .date:
      return .string(shown)
    }
  }

  private mutating func append(_ cell: XLSXCell) throws(XLSXError) {
    guard cells.count < maximumCellCount else {
      throw scanner.error(
        "the sheet has more than \(maximumCellCount) cells, more than this reader accepts (too large); check that this is the statistics table"
      )
    }
    if let last = cells.last, !(last.reference < cell.reference) { isSorted = false }
    cells.append(cell)
  }

  private mutating func readMergeCell() throws(XLSXError) {
    guard let ref = scanner.attribute("ref") else { return }
    guard let range = CellRange(ref) else {
      throw scanner.error(
        "the merged range \(XLSXError.quoted(ref)) is not a range of cells (like B3:C3); the file is damaged — re-save it from Excel or WPS"
      )
    }
    guard mergedRanges.count < maximumCellCount else {
      throw scanner.error(
        "the sheet has more than \(maximumCellCount) merged ranges (too large); check that this is the statistics table"
      )
    }
    mergedRanges.append(range)
  }

  /// A non-negative decimal integer of at most 9 digits (enough for any row or string index).
  private static func integer(_ bytes: some Collection<UInt8>) -> Int? {
    guard (1...9).contains(bytes.count) else { return nil }
    var value = 0
    for byte in bytes {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  /// `-12`, `3.5`, `.5`, `1E-3`, `8.8900000000000006E+1`: the forms a spreadsheet writes; not
  /// `NaN`, `inf` or hex, which `Double(_:)` would accept.
  private static func isDecimalNumber(_ bytes: some Collection<UInt8>) -> Bool {
    var digitsBeforeExponent = 0
    var state = 0  // 0 sign, 1 integer part, 2 fraction, 3 exponent sign, 4 exponent digits
    var exponentDigits = 0
    for byte in bytes {
      switch (state, byte) {
      case (0, UInt8(ascii: "-")), (0, UInt8(ascii: "+")): state = 1
      case (0...2, UInt8(ascii: "0")...UInt8(ascii: "9")):
        digitsBeforeExponent += 1
        if state == 0 { state = 1 }
      case (0...1, UInt8(ascii: ".")): state = 2
      case (1...2, UInt8(ascii: "e")), (1...2, UInt8(ascii: "E")):
        guard digitsBeforeExponent > 0 else { return false }
        state = 3
      case (3, UInt8(ascii: "-")), (3, UInt8(ascii: "+")): state = 4
      case (3...4, UInt8(ascii: "0")...UInt8(ascii: "9")):
        exponentDigits += 1
        state = 4
      default:
        return false
      }
    }
    return digitsBeforeExponent > 0 && (state < 3 || exponentDigits > 0)
  }
}
