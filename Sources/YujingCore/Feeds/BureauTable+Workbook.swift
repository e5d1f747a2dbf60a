import Foundation

// Opening the workbook is apart from reading the table, so that the table reader builds without
// the ZIP package (the XLSX fuzz target reads tables from sheets it parses itself).
extension BureauTable {
  static func parse(_ data: Data, mapping: XLSXMapping?, catalogue: FeedCatalogue) throws(FeedReadError)
    -> IndicatorBatch
  {
    guard let mapping else {
      throw FeedReadError(
        "this feed has no xlsx mapping: add an `xlsx:` section to the feed in yujing.yaml (header → indicator)")
    }
    let workbook: XLSXWorkbook
    do {
      workbook = try XLSXWorkbook(data: data)
    } catch {
      throw FeedReadError("not a readable XLSX table: \(error)")
    }
    let sheet = try chooseSheet(
      names: workbook.sheetNames, mapping: mapping, isWorksheet: workbook.isWorksheet(at:)
    ) { index throws(FeedReadError) in
      do {
        return try workbook.sheet(at: index)
      } catch {
        throw FeedReadError("not a readable XLSX table: \(error)")
      }
    }
    return try parse(sheet, mapping: mapping, catalogue: catalogue)
  }

  /// The sheet to read: the one the feed names, else the one sheet whose first rows hold the
  /// region header. A workbook often keeps a sheet per month, or notes beside the table; which
  /// of two tables is meant is never guessed.
  static func chooseSheet(
    names: [String], mapping: XLSXMapping, isWorksheet: (Int) -> Bool,
    open opened: (Int) throws(FeedReadError) -> XLSXSheet
  ) throws(FeedReadError) -> XLSXSheet {
    if let name = mapping.sheet {
      guard let index = names.firstIndex(of: name) else {
        throw FeedReadError(
          "the workbook has no sheet '\(name)' (sheets: \(names.joined(separator: ", "))); correct the feed's xlsx.sheet"
        )
      }
      return try opened(index)
    }
    guard !names.isEmpty else { throw FeedReadError("the workbook has no sheets") }
    let worksheets = names.indices.filter(isWorksheet)
    // One table: its own messages say what is missing from it.
    if worksheets.count <= 1 { return try opened(worksheets.first ?? 0) }
    var found: [XLSXSheet] = []
    var looked: [String] = []
    for index in names.indices {
      guard isWorksheet(index) else {
        looked.append("'\(names[index])' (not a worksheet)")
        continue
      }
      let sheet = try opened(index)
      if Layout.regionHeader(in: sheet, mapping: mapping) != nil {
        found.append(sheet)
        looked.append("'\(names[index])' (has it)")
      } else {
        looked.append("'\(names[index])'")
      }
    }
    let header = "'\(mapping.regionHeader)'"
    switch found.count {
    case 1:
      return found[0]
    case 0:
      throw FeedReadError(
        "no sheet has a header cell \(header) in its first \(Layout.headerSearchRows) rows (looked at: \(looked.joined(separator: ", "))); set the feed's xlsx.region_header to the text over the region column, or xlsx.sheet to the sheet to read"
      )
    default:
      throw FeedReadError(
        "\(found.count) sheets have a header cell \(header): \(found.map { "'\($0.name)'" }.joined(separator: ", ")); which table is meant cannot be told, so set the feed's xlsx.sheet to the one to read (looked at: \(looked.joined(separator: ", ")))"
      )
    }
  }
}

extension BureauTable {
  /// The table from an Excel 97–2003 workbook (.xls, or WPS's .et): the same sheet choice, table
  /// reading and messages as for .xlsx.
  static func parseXLS(_ data: Data, mapping: XLSXMapping?, catalogue: FeedCatalogue) throws(FeedReadError)
    -> IndicatorBatch
  {
    guard let mapping else {
      throw FeedReadError(
        "this feed has no xlsx mapping: add an `xlsx:` section to the feed in yujing.yaml (header → indicator)")
    }
    if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      throw FeedReadError(
        "not a readable XLS table: this is an .xlsx workbook (a ZIP archive) named .xls; name the file .xlsx or set the feed's format to xlsx"
      )
    }
    let workbook: XLSWorkbook
    do {
      workbook = try XLSWorkbook(data: data)
    } catch {
      throw FeedReadError("not a readable XLS table: \(error)")
    }
    let sheet = try chooseSheet(
      names: workbook.sheetNames, mapping: mapping, isWorksheet: workbook.isWorksheet(at:)
    ) { index throws(FeedReadError) in
      do {
        return try workbook.sheet(at: index)
      } catch {
        throw FeedReadError("not a readable XLS table: \(error)")
      }
    }
    return try parse(sheet, mapping: mapping, catalogue: catalogue)
  }
}
