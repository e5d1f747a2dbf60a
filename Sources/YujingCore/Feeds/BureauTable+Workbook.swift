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
    return try parse(openSheet(data, mapping: mapping), mapping: mapping, catalogue: catalogue)
  }

  private static func openSheet(_ data: Data, mapping: XLSXMapping) throws(FeedReadError) -> XLSXSheet {
    do {
      let workbook = try XLSXWorkbook(data: data)
      if let name = mapping.sheet {
        guard workbook.sheetNames.contains(name) else {
          throw FeedReadError(
            "the workbook has no sheet '\(name)' (sheets: \(workbook.sheetNames.joined(separator: ", ")))")
        }
        return try workbook.sheet(named: name)
      }
      guard !workbook.sheetNames.isEmpty else { throw FeedReadError("the workbook has no sheets") }
      return try workbook.sheet(at: 0)
    } catch let error as XLSXError {
      throw FeedReadError("not a readable XLSX table: \(error)")
    } catch let error as FeedReadError {
      throw error
    } catch {
      throw FeedReadError("not a readable XLSX table: \(error)")
    }
  }
}
