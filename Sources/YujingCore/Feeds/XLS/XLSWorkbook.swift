import Foundation

/// An Excel 97–2003 workbook (.xls; WPS's .et is the same format) read from memory: the compound
/// file around it, then the BIFF8 records of its workbook stream. Each sheet comes out as the
/// same grid of cells an .xlsx sheet gives, with the same number formats, so that the bureau's
/// table is read by one reader with one set of messages whatever the file's age.
public struct XLSWorkbook: Sendable {
  private struct SheetEntry: Sendable {
    var name: String
    var offset: Int
    /// 0 worksheet, 1 macro sheet, 2 chart, 6 Visual Basic module.
    var kind: UInt8
  }

  public var sheetNames: [String] { sheets.map(\.name) }
  public let usesDate1904: Bool
  private let sheets: [SheetEntry]
  private let sharedStrings: [String]
  /// The number format of each cell format (XF), by its index.
  private let formats: [CellNumberFormat]
  private let stream: [UInt8]

  public init(data: Data) throws(XLSError) {
    let file = try CompoundFile(bytes: [UInt8](data))
    let children = try file.rootChildren()
    if children.contains(where: { $0.name == "EncryptedPackage" || $0.name == "EncryptionInfo" }) {
      throw XLSError(
        message:
          "this is a password-protected workbook; remove the password and save the table as .xlsx or .xls from Excel or WPS"
      )
    }
    guard let workbookStream = try file.stream(named: "Workbook", maximumSize: XLSXLimits.maximumPartSize) else {
      if children.contains(where: { $0.name.lowercased() == "book" }) {
        throw XLSError(
          message:
            "this is an Excel 5.0/95 workbook, older than this reader reads; save the table as .xlsx (or Excel 97–2003 .xls) from Excel or WPS"
        )
      }
      throw XLSError(
        message:
          "the compound file has no Workbook stream, so it is not an Excel workbook (a Word or PowerPoint file?); save the table as .xlsx or .xls from Excel or WPS"
      )
    }
    try self.init(stream: workbookStream)
  }

  /// The workbook from its BIFF8 stream, the compound file already opened (the fuzz target
  /// starts here too, so that its mutations reach the records).
  init(stream: [UInt8]) throws(XLSError) {
    self.stream = stream
    var reader = BIFFReader(bytes: stream)
    guard let bof = try reader.next(), bof.type == BIFFRecord.bof else {
      throw XLSError.damaged("the workbook stream does not begin with a BOF record")
    }
    guard bof.data.uint16(at: 0) == 0x0600 else {
      throw XLSError(
        message:
          "this workbook is in an Excel format older than Excel 97 (BIFF version \(String(bof.data.uint16(at: 0) ?? 0, radix: 16))); save the table as .xlsx from Excel or WPS"
      )
    }
    var sheets: [SheetEntry] = []
    var strings: [String] = []
    var customFormats: [Int: String] = [:]
    var formatIDs: [Int] = []
    var date1904 = false
    globals: while let record = try reader.next() {
      switch record.type {
      case BIFFRecord.eof:
        break globals
      case BIFFRecord.filePass:
        throw XLSError(
          message:
            "the workbook is encrypted (it has a password); remove the password and save the table again from Excel or WPS"
        )
      case BIFFRecord.boundSheet:
        guard sheets.count < XLSXLimits.maximumSheetCount, let offset = record.data.uint32(at: 0),
          record.data.count >= 8
        else {
          throw XLSError.damaged("a sheet entry is cut off, or there are too many")
        }
        var text = BIFFText(record, from: 6)
        let name = try text.string(shortCount: true)
        sheets.append(SheetEntry(name: name, offset: Int(offset), kind: record.data[5]))
      case BIFFRecord.sharedStrings:
        var text = BIFFText(record, from: 8)
        let unique = Int(record.data.uint32(at: 4) ?? 0)
        guard unique <= XLSXLimits.maximumSharedStringCount else {
          throw XLSError(
            message:
              "the workbook has more than \(XLSXLimits.maximumSharedStringCount) shared strings, more than this reader accepts; check that this is the statistics table"
          )
        }
        strings.reserveCapacity(unique)
        while strings.count < unique && !text.isAtEnd { strings.append(try text.string()) }
      case BIFFRecord.format:
        guard let id = record.data.uint16(at: 0) else { throw XLSError.damaged("a number format is cut off") }
        var text = BIFFText(record, from: 2)
        customFormats[Int(id)] = try text.string()
      case BIFFRecord.extendedFormat:
        guard let format = record.data.uint16(at: 2), formatIDs.count < XLSXLimits.maximumCellCount else {
          throw XLSError.damaged("a cell format is cut off, or there are too many")
        }
        formatIDs.append(Int(format))
      case BIFFRecord.dateMode:
        date1904 = record.data.uint16(at: 0) == 1
      default:
        continue
      }
    }
    self.sheets = sheets
    sharedStrings = strings
    formats = formatIDs.map { XLSXStyles.format(id: $0, custom: customFormats) }
    usesDate1904 = date1904
  }

  public func isWorksheet(at index: Int) -> Bool {
    guard sheets.indices.contains(index) else { return true }
    return sheets[index].kind == 0
  }

  /// The sheet at `index`, counting from 0 in tab order.
  public func sheet(at index: Int) throws(XLSError) -> XLSXSheet {
    guard sheets.indices.contains(index) else {
      throw XLSError(message: "the workbook has \(sheets.count) sheet(s), so there is no sheet at index \(index)")
    }
    let entry = sheets[index]
    guard entry.kind == 0 else {
      throw XLSError(
        sheet: entry.name,
        message: "the sheet is a chart or macro sheet, not a table of cells; choose a worksheet for this feed")
    }
    var reader = BIFFReader(bytes: stream, offset: entry.offset)
    guard let bof = try reader.next(), bof.type == BIFFRecord.bof else {
      throw XLSError(
        sheet: entry.name,
        message:
          "the sheet's records are not where the workbook says; the file is damaged — re-save it from Excel or WPS")
    }
    var cells = XLSSheetCells(sheet: entry.name, sharedStrings: sharedStrings, formats: formats)
    while let record = try reader.next() {
      if record.type == BIFFRecord.eof { break }
      try cells.read(record, next: &reader)
    }
    var sheet = XLSXSheet(name: entry.name, cells: cells.cells, mergedRanges: cells.mergedRanges)
    sheet.usesDate1904 = usesDate1904
    return sheet
  }
}
