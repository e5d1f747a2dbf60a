import Foundation

/// The cell records of one sheet of an .xls workbook, turned into the cells of an `XLSXSheet`.
struct XLSSheetCells {
  let sheet: String
  let sharedStrings: [String]
  let formats: [CellNumberFormat]
  private(set) var cells: [XLSXCell] = []
  private(set) var mergedRanges: [CellRange] = []
  private var seen = Set<CellReference>()
  /// A formula whose text result follows in a STRING record.
  private var pendingString: (reference: CellReference, format: CellNumberFormat?)?

  init(sheet: String, sharedStrings: [String], formats: [CellNumberFormat]) {
    self.sheet = sheet
    self.sharedStrings = sharedStrings
    self.formats = formats
  }

  mutating func read(_ record: BIFFRecord, next reader: inout BIFFReader) throws(XLSError) {
    let data = record.data
    switch record.type {
    case BIFFRecord.number:
      guard let bits = data.uint64(at: 6) else { throw damaged("a number cell is cut off") }
      let (reference, format) = try place(data)
      try append(reference, number(Double(bitPattern: bits), at: reference), format: format)
    case BIFFRecord.rk:
      guard let rk = data.uint32(at: 6) else { throw damaged("a number cell is cut off") }
      let (reference, format) = try place(data)
      try append(reference, Self.rkValue(rk), format: format)
    case BIFFRecord.mulRK:
      guard let row = data.uint16(at: 0), let first = data.uint16(at: 2), data.count >= 6 else {
        throw damaged("a row of numbers is cut off")
      }
      let count = (data.count - 6) / 6
      for index in 0..<count {
        let base = 4 + index * 6
        guard let xf = data.uint16(at: base), let rk = data.uint32(at: base + 2) else { break }
        let reference = try self.reference(row: row, column: UInt16(clamping: Int(first) + index))
        try append(reference, Self.rkValue(rk), format: format(xf, at: reference))
      }
    case BIFFRecord.labelSST:
      guard let index = data.uint32(at: 6) else { throw damaged("a text cell is cut off") }
      let (reference, _) = try place(data)
      guard Int(index) < sharedStrings.count else {
        throw XLSError(
          sheet: sheet, cell: reference.description,
          message:
            "the cell refers to shared string \(index), but the workbook has \(sharedStrings.count); the file is damaged — re-save it from Excel or WPS"
        )
      }
      try append(reference, .string(sharedStrings[Int(index)]))
    case BIFFRecord.label:
      let (reference, _) = try place(data)
      var text = BIFFText(record, from: 6)
      try append(reference, .string(try text.string()))
    case BIFFRecord.boolErr:
      guard data.count >= 8 else { throw damaged("a TRUE/FALSE or error cell is cut off") }
      let (reference, _) = try place(data)
      try append(reference, data[7] == 0 ? .bool(data[6] != 0) : .error(Self.errorText(data[6])))
    case BIFFRecord.formula:
      guard let bits = data.uint64(at: 6), data.count >= 20 else { throw damaged("a formula cell is cut off") }
      let (reference, format) = try place(data)
      guard bits >> 48 == 0xFFFF else {
        try append(reference, number(Double(bitPattern: bits), at: reference), format: format, formula: true)
        return
      }
      switch data[6] {
      case 0: pendingString = (reference, format)
      case 1: try append(reference, .bool(data[8] != 0), formula: true)
      case 2: try append(reference, .error(Self.errorText(data[8])), formula: true)
      default:
        // An empty text result is what programs that write formulas without calculating them
        // store (xlwt does), so it cannot be told from a formula never calculated.
        try append(reference, .formulaWithoutCachedValue, formula: true)
      }
    case BIFFRecord.string:
      guard let pending = pendingString else { return }
      pendingString = nil
      var text = BIFFText(record)
      try append(pending.reference, .string(try text.string()), format: nil, formula: true)
    case BIFFRecord.mergedCells:
      guard let count = data.uint16(at: 0) else { return }
      for index in 0..<Int(count) {
        let base = 2 + index * 8
        guard let firstRow = data.uint16(at: base), let lastRow = data.uint16(at: base + 2),
          let firstColumn = data.uint16(at: base + 4), let lastColumn = data.uint16(at: base + 6)
        else { throw damaged("a merged range is cut off") }
        guard mergedRanges.count < XLSXLimits.maximumCellCount else {
          throw XLSError(
            sheet: sheet, message: "the sheet has more than \(XLSXLimits.maximumCellCount) merged ranges (too large)")
        }
        mergedRanges.append(
          CellRange(
            first: try reference(row: firstRow, column: firstColumn),
            last: try reference(row: lastRow, column: lastColumn)))
      }
    default:
      return
    }
  }

  private func damaged(_ detail: String) -> XLSError {
    XLSError(sheet: sheet, message: "the sheet is damaged (\(detail)); re-save the file from Excel or WPS")
  }

  private func reference(row: UInt16, column: UInt16) throws(XLSError) -> CellReference {
    // BIFF8 counts from 0 and has 65,536 rows and 256 columns.
    guard column < 256 else { throw damaged("a cell lies past column IV") }
    return CellReference(row: Int(row) + 1, column: Int(column) + 1)
  }

  private func place(_ data: [UInt8]) throws(XLSError) -> (CellReference, CellNumberFormat?) {
    guard let row = data.uint16(at: 0), let column = data.uint16(at: 2), let xf = data.uint16(at: 4) else {
      throw damaged("a cell record is cut off")
    }
    let reference = try reference(row: row, column: column)
    return (reference, format(xf, at: reference))
  }

  private func format(_ xf: UInt16, at reference: CellReference) -> CellNumberFormat? {
    guard Int(xf) < formats.count else {
      return CellNumberFormat.unknown("its cell format \(xf) is not among the workbook's \(formats.count)")
    }
    let format = formats[Int(xf)]
    return format.meaning == .plain ? nil : format
  }

  private func number(_ value: Double, at reference: CellReference) -> XLSXCellValue {
    Self.number(value)
  }

  /// A NaN or an infinity cannot be typed into a cell; it is kept as text the figure parser refuses.
  static func number(_ value: Double) -> XLSXCellValue {
    value.isFinite ? .number(decimalText(value)) : .string(value.isNaN ? "NaN" : "\(value)")
  }

  private mutating func append(
    _ reference: CellReference, _ value: XLSXCellValue, format: CellNumberFormat? = nil, formula: Bool = false
  ) throws(XLSError) {
    guard seen.insert(reference).inserted else {
      throw XLSError(
        sheet: sheet, cell: reference.description,
        message: "the cell appears twice in the sheet; the file is damaged — re-save it from Excel or WPS")
    }
    guard cells.count < XLSXLimits.maximumCellCount else {
      throw XLSError(
        sheet: sheet,
        message:
          "the sheet has more than \(XLSXLimits.maximumCellCount) cells, more than this reader accepts (too large); check that this is the statistics table"
      )
    }
    // Only number cells carry a format that changes what the figure is.
    let kept: CellNumberFormat? = if case .number = value { format } else { nil }
    cells.append(XLSXCell(reference: reference, value: value, formula: formula ? "" : nil, format: kept))
  }

  /// The shortest decimal that reads back as the same double, as Excel's XML writes numbers.
  static func decimalText(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  /// An RK number: 30 bits of an integer or of a double's top, and a flag for "divided by 100"
  /// (how Excel keeps 5.2 in four bytes: 520 / 100). The division is done in decimal, exactly.
  static func rkValue(_ rk: UInt32) -> XLSXCellValue {
    let dividedBy100 = rk & 1 != 0
    if rk & 2 != 0 {
      let integer = Int64(Int32(bitPattern: rk) >> 2)
      guard dividedBy100 else { return .number(String(integer)) }
      let sign = integer < 0 ? "-" : ""
      let magnitude = integer.magnitude
      let fraction = String(magnitude % 100)
      return .number("\(sign)\(magnitude / 100).\(fraction.count == 1 ? "0" + fraction : fraction)")
    }
    let value = Double(bitPattern: UInt64(rk & 0xFFFF_FFFC) << 32)
    return number(dividedBy100 ? value / 100 : value)
  }

  static func errorText(_ code: UInt8) -> String {
    switch code {
    case 0x00: "#NULL!"
    case 0x07: "#DIV/0!"
    case 0x0F: "#VALUE!"
    case 0x17: "#REF!"
    case 0x1D: "#NAME?"
    case 0x24: "#NUM!"
    case 0x2A: "#N/A"
    default: "#ERROR(\(code))"
    }
  }
}
