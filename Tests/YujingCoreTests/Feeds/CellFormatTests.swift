import Foundation
import GRDB
import Testing

@testable import YujingCore

/// Number cells read through their number format, on workbooks openpyxl writes: a percentage is
/// scaled to percent where the column is a growth, and a format whose meaning is not certain is
/// refused with its sheet, cell and reason.
@Suite struct CellFormatTests {
  static let mapping = try! Configuration.embeddedDefault().feed("stats")!.xlsx!

  static func read(_ data: Data) throws -> IndicatorBatch {
    try IndicatorParsing.parse(data, format: .xlsx, mapping: mapping, catalogue: defaultCatalogue)
  }

  static func figure(_ batch: IndicatorBatch, _ region: String, _ indicator: String) -> Observation? {
    batch.observations.first { $0.region == region && $0.indicator == indicator }
  }

  @Test(
    .needs(.openpyxl),
    arguments: [
      // A custom format, and the two built-in percentages (openpyxl writes them by number only).
      ("0.052", "0.0%", "5.2"), ("0.052", "0%", "5.2"), ("-0.0315", "0.00%", "-3.15"),
      // Excel's binary double of 0.079: the figure is the decimal.
      ("0.07900000000000001", "0.0%", "7.9"),
    ])
  func aPercentageInAGrowthColumnIsStoredInPercent(stored: String, format: String, growth: String) throws {
    guard
      let data = try PythonWriter.bureauXLSX(
        """
        put("A5", "丰城市")
        put("B5", \(stored), \(PythonWriter.pythonString(format)))
        """)
    else { return }
    let batch = try Self.read(data)
    #expect(batch.rejections.isEmpty, "\(batch.rejections)")
    #expect(Self.figure(batch, "360981", "industry_va")?.growth == (try Fixed(parsing: growth)))
  }

  /// Through `yujing ingest` into the database: the growth stored is the one Excel shows.
  @Test(.needs(.openpyxl, .xlwt), arguments: [".xlsx", ".xls"])
  func theGrowthStoredFromAPercentageCellIsThePercentShown(suffix: String) throws {
    let body = """
      put("A5", "丰城市")
      put("B5", 0.052, "0.0%")
      """
    guard let data = try suffix == ".xls" ? PythonWriter.bureauXLS(body) : PythonWriter.bureauXLSX(body) else {
      return
    }
    let directory = try TemporaryDirectory()
    let file = directory.path("1-5月" + suffix)
    try data.write(to: URL(fileURLWithPath: file))
    let database = directory.path("yujing.sqlite")
    let result = try YujingCommand.run(["ingest", "--db", database, "--feed", "stats", file])
    #expect(result.status == 0, "\(result.out)\(result.err)")
    let growth = try Store(path: database).writer.read { db in
      try Double.fetchOne(
        db, sql: "SELECT growth FROM observation WHERE region = '360981' AND indicator = 'industry_va'")
    }
    #expect(growth == 5.2)
  }

  @Test(
    .needs(.openpyxl),
    arguments: [
      // Formats that show the number as it is: built-in, custom, WPS's General, padding, colour.
      ("1322.5", "#,##0.00", "1322.5"), ("23.51", "0.0_ ", "23.51"), ("23.51", "G/通用格式", "23.51"),
      ("23.51", "0.00;[Red]-0.00", "23.51"), ("23.51", "#,##0.00_);(#,##0.00)", "23.51"),
    ])
  func aFormatThatShowsTheNumberAsItIsLeavesTheFigure(stored: String, format: String, value: String) throws {
    guard
      let data = try PythonWriter.bureauXLSX(
        """
        put("A5", "丰城市")
        put("D5", \(stored), \(PythonWriter.pythonString(format)))
        """)
    else { return }
    let batch = try Self.read(data)
    #expect(batch.rejections.isEmpty, "\(batch.rejections)")
    #expect(Self.figure(batch, "360981", "fiscal_general")?.value == (try Fixed(parsing: value)))
  }

  @Test(
    .needs(.openpyxl),
    arguments: [
      (
        "put(\"D5\", 23.51, '0.00\"亿元\"')",
        "sheet 1-5月, cell D5 (value): the cell holds 23.51 with the number format '0.00\"亿元\"', whose meaning for a figure is not certain: it adds the text '亿元' to the number"
      ),
      (
        "put(\"D5\", 0.2351, '0.0%')",
        "sheet 1-5月, cell D5 (value): the cell holds 0.2351 formatted as a percentage ('0.0%', shown as 23.51%), but a 总量 (value) column is not in percent"
      ),
      (
        "put(\"D5\", 23510, '#,##0.0,')",
        "sheet 1-5月, cell D5 (value): the cell holds 23510 with the number format '#,##0.0,', whose meaning for a figure is not certain: a comma after the digits divides the number by 1000 for display"
      ),
      (
        "put(\"E5\", datetime.date(2020, 1, 5), 'yyyy-mm-dd')",
        "sheet 1-5月, cell E5 (growth): the cell holds 43835 formatted as a date ('yyyy-mm-dd', shown as 2020-01-05); a figure column holds numbers"
      ),
      (
        "put(\"E5\", 3.1, '[>=100]0;0.0')",
        "sheet 1-5月, cell E5 (growth): the cell holds 3.1 with the number format '[>=100]0;0.0', whose meaning for a figure is not certain: it depends on a condition ([>=100])"
      ),
    ])
  func aCellWhoseMeaningIsUncertainIsRefusedWithSheetCellAndReason(cell: String, says: String) throws {
    guard
      let data = try PythonWriter.bureauXLSX(
        """
        put("A5", "丰城市")
        put("B5", 5.2)
        \(cell)
        put("A6", "樟树市")
        put("D6", 12.1)
        """)
    else { return }
    let batch = try Self.read(data)
    #expect(batch.rejections.count == 1)
    #expect(batch.rejections.first?.description.hasPrefix(says) == true, "\(batch.rejections)")
    // The other figures of the row and the table are kept.
    #expect(Self.figure(batch, "360981", "industry_va")?.growth == (try Fixed(parsing: "5.2")))
    #expect(Self.figure(batch, "360982", "fiscal_general")?.value == (try Fixed(parsing: "12.1")))
    #expect(Self.figure(batch, "360981", "fiscal_general") == nil)
  }

  @Test(
    .needs(.openpyxl),
    arguments: [
      // A month typed into Excel (2020年4月) is its first day, shown without the day.
      ("datetime.date(2020, 4, 1)", "yyyy\"年\"m\"月\"", "2020-04"),
      // The last day of a month: the figures as of then.
      ("datetime.date(2020, 4, 30)", "yyyy-mm-dd", "2020-04"),
      ("datetime.date(2020, 5, 1)", "mmm-yy", "2020-05"),
    ])
  func aPeriodGivenOnlyAsADateCellIsReadAsItsMonth(date: String, format: String, period: String) throws {
    guard
      let data = try PythonWriter.bureauXLSX(
        title: "宜春市主要经济指标",
        """
        put("A2", \(date), \(PythonWriter.pythonString(format)))
        put("A5", "丰城市")
        put("D5", 23.51)
        """)
    else { return }
    let batch = try Self.read(data)
    #expect(batch.observations.map(\.period) == [Period(period)!])
    #expect(Self.figure(batch, "360981", "fiscal_general")?.value == (try Fixed(parsing: "23.51")))
  }

  @Test(.needs(.openpyxl)) func aDateCellThatMayBeTheDayTheTableWasMadeIsNoPeriod() throws {
    guard
      let data = try PythonWriter.bureauXLSX(
        title: "宜春市主要经济指标",
        """
        put("A2", datetime.date(2020, 6, 12), "yyyy-mm-dd")
        put("A5", "丰城市")
        put("D5", 23.51)
        """)
    else { return }
    #expect {
      try Self.read(data)
    } throws: { error in
      "\(error)".contains("cell A2 holds the date 2020-06-12, which is not the end of a month")
    }
  }
}
