import Foundation
import Testing

@testable import YujingCore

@Suite struct BureauTableTests {
  static let mapping = try! Configuration.embeddedDefault().feed("stats")!.xlsx!

  func parse(_ data: Data) -> Result<IndicatorBatch, FeedReadError> {
    Result { () throws(FeedReadError) in
      try IndicatorParsing.parse(data, format: .xlsx, mapping: Self.mapping, catalogue: defaultCatalogue)
    }
  }

  @Test func readsTheBureausSampleTableWithItsMergedHeaders() throws {
    let batch = try parse(try Fixtures.data("statistics-bureau-table-2020-05.xlsx")).get()
    // 68 figures (counted independently with openpyxl): five indicators, fifteen rows, "—" and "/"
    // left out.
    #expect(batch.observations.count == 68)
    #expect(batch.rejections.isEmpty)
    #expect(Set(batch.observations.map(\.period)) == [Period("2020-05")!])
    func figure(_ region: String, _ indicator: String) -> Observation? {
      batch.observations.first { $0.region == region && $0.indicator == indicator }
    }
    // 全市 is the city by its alias; Excel stored 88.90000000000001, the bureau published 88.9.
    #expect(figure("360900", "fiscal_general")?.value == (try Fixed(parsing: "88.9")))
    #expect(figure("360900", "fiscal_general")?.growth == (try Fixed(parsing: "-5.2")))
    #expect(figure("360000", "industry_va")?.growth == (try Fixed(parsing: "-1.2")))
    #expect(figure("360926", "retail")?.publishedRank == 10)
    #expect(figure("360926", "retail")?.value == (try Fixed(parsing: "4.1")))
    // 宜春经开区 is the zone 3609A1 by alias; it has no retail ("—") and no published rank.
    #expect(figure("3609A1", "retail") == nil)
    #expect(figure("3609A1", "industry_va")?.publishedRank == nil)
    // 宜阳新区: "/" for industry (not compiled), a growth for fai.
    #expect(figure("3609A2", "industry_va") == nil)
    #expect(figure("3609A2", "fai")?.growth == (try Fixed(parsing: "-5.1")))
    #expect(batch.notes.contains("row 21 is a footnote: skipped"))
  }

  @Test func saysWhereThePublishedRankDisagreesWithTheFigures() throws {
    let batch = try parse(try Fixtures.data("statistics-bureau-table-2020-05.xlsx")).get()
    let disagreements = batch.notes.filter { $0.hasPrefix("位次") }
    // Computed independently from the table's 一般公共预算收入 growth column.
    #expect(
      disagreements == [
        "位次 of 袁州区 for fiscal_general in 2020-05: the table says 7, its growth figures give 8",
        "位次 of 奉新县 for fiscal_general in 2020-05: the table says 5, its growth figures give 4",
        "位次 of 宜丰县 for fiscal_general in 2020-05: the table says 8, its growth figures give 7",
        "位次 of 丰城市 for fiscal_general in 2020-05: the table says 4, its growth figures give 3",
      ])
  }

  /// A table like the bureau's, built cell by cell.
  func table(title: String = "2020年1-5月宜春市主要经济指标", rows: [String]) throws -> Data {
    let header = """
      <row r="1"><c r="A1" t="inlineStr"><is><t>\(title)</t></is></c></row>
      <row r="3"><c r="A3" t="inlineStr"><is><t>地区</t></is></c><c r="B3" t="inlineStr"><is><t>规模以上工业增加值</t></is></c>\
      <c r="D3" t="inlineStr"><is><t>一般公共预算收入</t></is></c></row>
      <row r="4"><c r="B4" t="inlineStr"><is><t>增速</t></is></c><c r="C4" t="inlineStr"><is><t>位次</t></is></c>\
      <c r="D4" t="inlineStr"><is><t>总量</t></is></c><c r="E4" t="inlineStr"><is><t>增速</t></is></c></row>
      """
    let merges =
      #"<mergeCells count="3"><mergeCell ref="A3:A4"/><mergeCell ref="B3:C3"/><mergeCell ref="D3:E3"/></mergeCells>"#
    return try Book.zip(Book.parts(sheets: [("1-5月", Book.worksheet(header + rows.joined(), after: merges))]))
  }

  func row(_ number: Int, _ name: String, _ cells: String) -> String {
    #"<row r="\#(number)"><c r="A\#(number)" t="inlineStr"><is><t>\#(name)</t></is></c>\#(cells)</row>"#
  }

  @Test func paddedRegionNamesAreMatchedWithoutTheirSpaces() throws {
    let data = try table(rows: [row(5, "全　市", #"<c r="B5"><v>2.5</v></c>"#)])
    let batch = try parse(data).get()
    #expect(batch.observations.map(\.region) == ["360900"])
  }

  @Test func anUnknownRegionNameRejectsItsRowAndSaysWhereToAddIt() throws {
    let data = try table(rows: [
      row(5, "丰城", #"<c r="B5"><v>2.5</v></c>"#), row(6, "樟树市", #"<c r="B6"><v>3.1</v></c>"#),
    ])
    let batch = try parse(data).get()
    #expect(batch.observations.map(\.region) == ["360982"])
    #expect(
      batch.rejections.map(\.description) == [
        "sheet 1-5月, cell A5 (region): '丰城' is not a known region name; add it as an alias of its region in yujing.yaml or to the feed's xlsx.regions"
      ])
  }

  @Test(arguments: [
    (#"<c r="B5" t="e"><v>#DIV/0!</v></c>"#, "cell B5 (growth): the cell holds the spreadsheet error #DIV/0!"),
    (#"<c r="B5"><f>B6/B7</f></c>"#, "cell B5 (growth): the cell holds a formula with no computed value"),
    (#"<c r="B5" t="inlineStr"><is><t>二点五</t></is></c>"#, "cell B5 (growth): growth: \"二点五\" is not a number"),
    (#"<c r="B5"><v>2.5</v></c><c r="C5"><v>0</v></c>"#, "(rank): rank '0' is not a whole number of 1 or more"),
  ])
  func aBadCellRejectsOnlyItsFigure(cells: String, expected: String) throws {
    let data = try table(rows: [
      row(5, "丰城市", cells + #"<c r="D5"><v>23.5</v></c><c r="E5"><v>3.1</v></c>"#)
    ])
    let batch = try parse(data).get()
    #expect(batch.rejections.count == 1)
    #expect(batch.rejections.first?.description.contains(expected) == true, "got: \(batch.rejections)")
    #expect(batch.observations.map(\.indicator) == ["fiscal_general"])
  }

  @Test func aFormulaWithACachedValueGivesTheValue() throws {
    let data = try table(rows: [row(5, "丰城市", #"<c r="B5"><f>B6+1</f><v>2.5</v></c>"#)])
    #expect(try parse(data).get().observations.first?.growth == (try Fixed(parsing: "2.5")))
  }

  @Test(arguments: [
    ("2020年1-5月宜春市主要经济指标", "2020-05"), ("2020年1—2月", "2020-02"), ("2020年1月主要指标", "2020-01"),
    ("2020年一季度", "2020-03"), ("2020年上半年", "2020-06"), ("2020年前三季度", "2020-09"), ("2020 年 1 - 11 月", "2020-11"),
  ])
  func readsThePeriodFromTheTitle(title: String, period: String) throws {
    // 一般公共预算收入 is published for January alone too, so every title gives it a period.
    let data = try table(title: title, rows: [row(5, "丰城市", #"<c r="D5"><v>2.5</v></c>"#)])
    #expect(try parse(data).get().observations.first?.period == Period(period))
  }

  /// The title's month is not read from other scripts' digits: the period then comes from the
  /// sheet's name (1-5月) when the title's year is readable, and is refused when it is not.
  @Test(arguments: [("2020年1-٥月", "2020-05"), ("2020年1-５月", "2020-05"), ("٢٠٢٠年5月", nil)])
  func aTitleWithDigitsOfAnotherScriptIsNotReadAsAMonth(title: String, period: String?) throws {
    let data = try table(title: title, rows: [row(5, "丰城市", #"<c r="D5"><v>2.5</v></c>"#)])
    switch parse(data) {
    case .success(let batch): #expect(batch.observations.map(\.period.description) == [period].compactMap { $0 })
    case .failure(let error):
      #expect(period == nil)
      #expect(error.message.hasPrefix("cannot tell the table's period"))
    }
  }

  @Test func aTableWithoutAPeriodOrHeaderIsUnreadable() throws {
    guard case .failure(let noPeriod) = parse(try table(title: "宜春市主要经济指标", rows: [])) else {
      Issue.record("expected failure")
      return
    }
    #expect(noPeriod.message.hasPrefix("cannot tell the table's period"))
    let noHeader = try Book.zip(
      Book.parts(sheets: [("S", Book.worksheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#))]))
    guard case .failure(let error) = parse(noHeader) else {
      Issue.record("expected failure")
      return
    }
    #expect(error.message.hasPrefix("no header cell '地区'"))
  }

  @Test func aFileThatIsNotAWorkbookIsUnreadable() {
    guard case .failure(let error) = parse(Data("period,region\n".utf8)) else {
      Issue.record("expected failure")
      return
    }
    #expect(error.message.hasPrefix("not a readable XLSX table"))
  }
}
