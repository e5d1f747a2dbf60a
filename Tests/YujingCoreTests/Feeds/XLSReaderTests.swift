import Foundation
import Testing

@testable import YujingCore

/// The Excel 97–2003 format (.xls, and WPS's .et), on workbooks xlwt writes: the same table, the
/// same figures and the same refusals as the .xlsx reader.
@Suite struct XLSReaderTests {
  static func read(_ data: Data) throws -> IndicatorBatch {
    try IndicatorParsing.parse(data, format: .xls, mapping: CellFormatTests.mapping, catalogue: defaultCatalogue)
  }

  static let table = """
    put("A5", "全　市")
    put("B5", 3.8)
    put("D5", 88.9)
    put("E5", -5.2)
    put("A6", "丰城市")
    put("B6", 5.2)
    put("C6", 1)
    put("D6", 23.51)
    put("E6", 3.1)
    put("F6", 2)
    put("A7", "樟树市")
    put("B7", "—")
    put("D7", 1322.5)
    put("E7", 0.05)
    put("F7", 1)
    put("A8", "宜春经开区")
    put("B8", "/")
    put("D8", 0.0001)
    put("A10", "注：本表为快报数。")
    """

  @Test(.needs(.xlwt)) func readsTheBureausTableWithMergedHeadersAndEveryFigureExact() throws {
    guard let data = try PythonWriter.bureauXLS(Self.table) else { return }
    let batch = try Self.read(data)
    #expect(batch.rejections.isEmpty, "\(batch.rejections)")
    func figure(_ region: String, _ indicator: String) -> Observation? {
      CellFormatTests.figure(batch, region, indicator)
    }
    #expect(Set(batch.observations.map(\.period)) == [Period("2020-05")!])
    #expect(figure("360900", "industry_va")?.growth == (try Fixed(parsing: "3.8")))
    #expect(figure("360900", "fiscal_general")?.value == (try Fixed(parsing: "88.9")))
    #expect(figure("360900", "fiscal_general")?.growth == (try Fixed(parsing: "-5.2")))
    #expect(figure("360981", "industry_va")?.growth == (try Fixed(parsing: "5.2")))
    #expect(figure("360981", "industry_va")?.publishedRank == 1)
    #expect(figure("360981", "fiscal_general")?.value == (try Fixed(parsing: "23.51")))
    #expect(figure("360981", "fiscal_general")?.publishedRank == 2)
    #expect(figure("360982", "industry_va") == nil)
    #expect(figure("360982", "fiscal_general")?.value == (try Fixed(parsing: "1322.5")))
    #expect(figure("360982", "fiscal_general")?.growth == (try Fixed(parsing: "0.05")))
    #expect(figure("3609A1", "industry_va") == nil)
    #expect(figure("3609A1", "fiscal_general")?.value == (try Fixed(parsing: "0.0001")))
    #expect(batch.observations.count == 6)
    #expect(batch.notes.contains("row 10 is a footnote: skipped"))
  }

  @Test(.needs(.xlwt)) func aWPSEtFileIsReadAsAnXLSByItsName() throws {
    guard let data = try PythonWriter.bureauXLS(Self.table) else { return }
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let summary = try Ingestion(workspace: workspace, clock: { fixedNow }).run(
      feed: "stats", input: .init(source: "1-5月.et", data: data))
    #expect(summary.status == .ok, "\(summary)")
    #expect(summary.accepted == 6)
  }

  @Test(.needs(.xlwt)) func aPercentageInAGrowthColumnIsStoredInPercent() throws {
    guard
      let data = try PythonWriter.bureauXLS(
        """
        put("A5", "丰城市")
        put("B5", 0.052, "0.0%")
        put("E5", -0.0315, "0.00%")
        put("D5", 1322.5, "#,##0.0")
        """)
    else { return }
    let batch = try Self.read(data)
    #expect(batch.rejections.isEmpty, "\(batch.rejections)")
    #expect(CellFormatTests.figure(batch, "360981", "industry_va")?.growth == (try Fixed(parsing: "5.2")))
    #expect(CellFormatTests.figure(batch, "360981", "fiscal_general")?.growth == (try Fixed(parsing: "-3.15")))
    #expect(CellFormatTests.figure(batch, "360981", "fiscal_general")?.value == (try Fixed(parsing: "1322.5")))
  }

  @Test(
    .needs(.xlwt),
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
        "put(\"E5\", datetime.date(2020, 1, 5), 'yyyy-mm-dd')",
        "sheet 1-5月, cell E5 (growth): the cell holds 43835 formatted as a date ('yyyy-mm-dd', shown as 2020-01-05)"
      ),
      (
        "put(\"E5\", xlwt.Formula(\"B5+1\"))",
        "sheet 1-5月, cell E5 (growth): the cell holds a formula with no computed value; open and save the file in Excel or WPS"
      ),
      ("put(\"E5\", \"7.9%\")", nil),
    ])
  func aCellWhoseMeaningIsUncertainIsRefusedWithSheetCellAndReason(cell: String, says: String?) throws {
    guard
      let data = try PythonWriter.bureauXLS(
        """
        put("A5", "丰城市")
        put("B5", 5.2)
        \(cell)
        """)
    else { return }
    let batch = try Self.read(data)
    #expect(CellFormatTests.figure(batch, "360981", "industry_va")?.growth == (try Fixed(parsing: "5.2")))
    guard let says else {
      // A growth written as text with its % sign: read as the growth it says.
      #expect(batch.rejections.isEmpty, "\(batch.rejections)")
      #expect(CellFormatTests.figure(batch, "360981", "fiscal_general")?.growth == (try Fixed(parsing: "7.9")))
      return
    }
    #expect(batch.rejections.count == 1)
    #expect(batch.rejections.first?.description.hasPrefix(says) == true, "\(batch.rejections.map(\.description))")
  }

  @Test(.needs(.xlwt)) func aPeriodGivenAsAMonthDateCellIsRead() throws {
    guard
      let data = try PythonWriter.bureauXLS(
        title: "宜春市主要经济指标",
        """
        put("A2", datetime.date(2020, 4, 1), 'yyyy"年"m"月"')
        put("A5", "丰城市")
        put("D5", 23.51)
        """)
    else { return }
    #expect(try Self.read(data).observations.map(\.period) == [Period("2020-04")!])
  }

  /// Thousands of long strings: the shared-string table runs over many CONTINUE records, with
  /// strings split across them (two bytes a character on one side, one on the other).
  @Test(.needs(.xlwt)) func sharedStringsSplitAcrossRecordsAreReadWhole() throws {
    guard
      let data = try PythonWriter.bureauXLS(
        """
        notes = book.add_sheet("说明")
        for i in range(3000):
            notes.write(i, 0, "第%d条说明：本表数据为快报数，以正式公布为准。" % i + "x" * (i % 37))
        put("A5", "丰城市")
        put("D5", 23.51)
        put("A6", "樟树市")
        put("D6", "1,322.5")
        """)
    else { return }
    #expect(data.count > 100_000)
    let batch = try Self.read(data)
    #expect(CellFormatTests.figure(batch, "360981", "fiscal_general")?.value == (try Fixed(parsing: "23.51")))
    #expect(CellFormatTests.figure(batch, "360982", "fiscal_general")?.value == (try Fixed(parsing: "1322.5")))
    let workbook = try XLSWorkbook(data: data)
    let notes = try workbook.sheet(at: 1)
    let last = try #require(notes.cell(CellReference(row: 3000, column: 1)))
    #expect(last.value == .string("第2999条说明：本表数据为快报数，以正式公布为准。" + String(repeating: "x", count: 2999 % 37)))
    #expect(notes.cells.count == 3000)
  }

  @Test(.needs(.xlwt)) func twoSheetsWithTheRegionHeaderAreRefusedAndListed() throws {
    guard
      let data = try PythonWriter.bureauXLS(
        """
        put("A5", "丰城市")
        put("D5", 23.51)
        header(book.add_sheet("1-4月"), "2020年1-4月")
        """)
    else { return }
    #expect {
      try Self.read(data)
    } throws: { error in
      "\(error)".hasPrefix("2 sheets have a header cell '地区': '1-5月', '1-4月'")
    }
  }

  @Test(.needs(.xlwt)) func anUnreadableFileSaysWhatItIsAndWhatToDo() throws {
    guard let data = try PythonWriter.bureauXLS(Self.table) else { return }
    let cases: [(Data, String)] = [
      (data.prefix(data.count / 2), "not a readable XLS table: the workbook is damaged"),
      (Data("地区,规模以上工业增加值\n".utf8), "not a readable XLS table: not an .xls workbook"),
      (try Book.data(Book.worksheet("")), "this is an .xlsx workbook (a ZIP archive) named .xls"),
      (Data(), "not a readable XLS table"),
    ]
    for (bytes, says) in cases {
      #expect {
        try Self.read(bytes)
      } throws: { error in
        "\(error)".contains(says)
      }
    }
  }
}

/// RK numbers (four bytes: an integer or a double's top 30 bits, and a flag for "÷ 100"), decoded
/// in decimal; the values a damaged record can give that no cell can hold are text, which the
/// figure reader refuses (found by the fuzz target: `Fuzz/regressions/xls/rk-not-finite`).
@Suite struct XLSNumberRecordTests {
  @Test(arguments: [
    (UInt32(520 << 2 | 3), XLSXCellValue.number("5.20")), (UInt32(bitPattern: -315 << 2 | 3), .number("-3.15")),
    (UInt32(7 << 2 | 2), .number("7")), (UInt32(5 << 2 | 3), .number("0.05")),
    // 88.9's top 30 bits are not 88.9: an RK double is kept to the precision it has.
    (UInt32(0x4056_0000), .number("88")), (UInt32(0x4059_0001), .number("1")),
    (UInt32(0x7FF8_0000), .string("NaN")), (UInt32(0x7FF0_0000), .string("inf")),
  ])
  func rkNumbersAreDecodedExactlyOrRefused(rk: UInt32, value: XLSXCellValue) {
    #expect(XLSSheetCells.rkValue(rk) == value)
  }
}
