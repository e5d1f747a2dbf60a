import Foundation
import Testing

@testable import YujingCore

/// The catalogue of the embedded default, which the feed tests check rows against.
let defaultCatalogue: FeedCatalogue = FeedCatalogue(configuration: try! Configuration.embeddedDefault())

func parseIndicatorCSV(_ text: String) -> Result<IndicatorBatch, FeedReadError> {
  parseIndicatorCSV(Data(text.utf8))
}

func parseIndicatorCSV(_ data: Data) -> Result<IndicatorBatch, FeedReadError> {
  Result { () throws(FeedReadError) in
    try IndicatorParsing.parse(data, format: .csv, mapping: nil, catalogue: defaultCatalogue)
  }
}

@Suite struct IndicatorCSVTests {
  @Test func readsTheCanonicalExampleOfTheDesign() throws {
    let batch = try parseIndicatorCSV(
      """
      period,region,indicator,value,growth
      2020-05,360981,industry_va,,5.2
      2020-05,360981,fiscal_general,23.51,3.1
      2020-05,360000,industry_va,,1.8

      """
    ).get()
    #expect(batch.rejections.isEmpty)
    #expect(batch.observations.count == 3)
    #expect(batch.observations[0].growth == (try Fixed(parsing: "5.2")))
    #expect(batch.observations[0].value == nil)
    #expect(batch.observations[1].value == (try Fixed(parsing: "23.51")))
  }

  @Test func columnOrderIsFreeAndQuotesBOMAndCRLFAreUnderstood() throws {
    let text = "\u{FEFF}growth,\"indicator\",region,period,value\r\n\"5.2\",industry_va,360981,2020-05,\r\n"
    let batch = try parseIndicatorCSV(text).get()
    #expect(batch.observations.count == 1)
    #expect(batch.observations[0].period == Period("2020-05"))
  }

  /// Each rejection reason, with the line it is reported at.
  @Test(arguments: [
    (
      "2020-05,360999,industry_va,,5.2",
      "line 2, column 9 (region): region '360999' is not a region of this configuration"
    ),
    ("2020-05,360981,industry,,5.2", "line 2, column 16 (indicator): indicator 'industry' is not an indicator"),
    ("2020-5,360981,industry_va,,5.2", "line 2, column 1 (period): period '2020-5' is not YYYY-MM"),
    ("2020-13,360981,industry_va,,5.2", "is not YYYY-MM"),
    ("2020-05,360981,industry_va,,", "value and growth are both empty"),
    ("2020-05,360981,industry_va,,abc", "line 2, column 29 (growth): growth: \"abc\" is not a number"),
    ("2020-05,360981,industry_va,,NaN", "not a finite number"),
    ("2020-05,360981,industry_va,,inf", "not a finite number"),
    ("2020-05,360981,industry_va,,1e300", "out of range"),
    ("2020-05,360981,fiscal_general,-3.2,1.0", "value -3.2 is negative"),
    ("2020-05,360981,fiscal_general,3.2,-101", "below −100 %"),
    ("2020-01,360981,industry_va,,5.2", "published as 1-2月 combined: there is no period 2020-01"),
    ("2020-05,360981,gdp,100,5.2", "gdp is quarterly"),
    ("2020-05,360981,industry_va,5.2", "the row has 4 field(s) but the header has 5"),
    ("2020-05,360981,industry_va,,5.2,x", "the row has 6 field(s)"),
    (",360981,industry_va,,5.2", "period is empty"),
    ("2020-05,,industry_va,,5.2", "region is empty"),
    ("\"2020-05,360981,industry_va,,5.2", "never closed"),
  ])
  func rejectsABadRowWithItsReasonAndKeepsTheGoodOnes(bad: String, expected: String) throws {
    let text = "period,region,indicator,value,growth\n\(bad)\n2020-05,360982,industry_va,,6.0\n"
    let batch = try parseIndicatorCSV(text).get()
    #expect(batch.rejections.count == 1)
    #expect(batch.rejections.first?.description.contains(expected) == true, "got: \(batch.rejections)")
    // The unclosed quote swallows the rest of the file; every other bad row leaves the good one.
    if !bad.hasPrefix("\"") {
      #expect(batch.observations.map(\.region) == ["360982"])
    }
  }

  /// Found with the CSV fuzz target (Fuzz/CSVFuzz.swift): a lone CR ended a record and counted as
  /// a line, but not on a blank line or inside quotes, so later rows were reported lines too early.
  @Test(arguments: ["\r", "\n", "\r\n"])
  func rowsAreReportedAtTheirLineWhateverTheLineEnds(end: String) throws {
    let lines = [
      "period,region,indicator,value,growth", "2020-05,360981,industry_va,,5.2", "",
      "2020-05,360981,fai,\"a", "b\",5.2", "2020-05,360981,nonsense,,1.0",
    ]
    let batch = try parseIndicatorCSV(lines.joined(separator: end) + end).get()
    #expect(batch.observations.count == 1)
    #expect(batch.rejections.map(\.location.line) == [4, 6])
  }

  @Test func duplicateKeyInOneFileRejectsTheSecondAndNamesTheFirst() throws {
    let batch = try parseIndicatorCSV(
      """
      period,region,indicator,value,growth
      2020-05,360981,industry_va,,5.2
      2020-05,360982,industry_va,,6.1
      2020-05,360981,industry_va,,5.3
      """
    ).get()
    #expect(batch.observations.count == 2)
    #expect(
      batch.rejections.map(\.description) == [
        "line 4: duplicate of line 2: the same period, region and indicator appear twice in this file"
      ])
  }

  @Test(arguments: [
    ("", "the file is empty"),
    ("\n\n", "the file is empty"),
    ("region,indicator,value\n", "the header lacks period; an indicator file starts with"),
    ("period,region,indicator\n", "the header lacks value or growth"),
    ("period,region,indicator,value,value\n", "names the column 'value' twice"),
    ("PK\u{3}\u{4}rest", "ZIP archive"),
    ("period,region\0,indicator,value\n", "NUL byte"),
  ])
  func unreadableFileIsRefusedAsAWhole(text: String, expected: String) {
    guard case .failure(let error) = parseIndicatorCSV(text) else {
      Issue.record("expected the file to be refused")
      return
    }
    #expect(error.description.contains(expected), "got: \(error)")
  }

  @Test func gbkFileIsRefusedWithAdviceAndPosition() {
    var data = Data("period,region,indicator,value,growth\n2020-05,".utf8)
    data.append(contentsOf: [0xB7, 0xE1, 0xB3, 0xC7])  // 丰城 in GBK
    data.append(contentsOf: Array(",industry_va,,5.2\n".utf8))
    guard case .failure(let error) = parseIndicatorCSV(data) else {
      Issue.record("a GBK file must be refused")
      return
    }
    #expect(error.position == SourcePosition(line: 2, column: 9))
    #expect(error.message.contains("not UTF-8"))
  }

  @Test func aHeaderWhoseQuoteNeverClosesIsNamedNotCalledEmpty() {
    guard case .failure(let error) = parseIndicatorCSV("period,\"region,indicator,growth\n2020-08,360981,gdp,5.0\n")
    else {
      Issue.record("a header with a stray quote was read")
      return
    }
    #expect(error.message.contains("header opens a quoted field that is never closed"))
    #expect(error.position?.line == 1)
    guard case .failure(let empty) = parseIndicatorCSV("") else { return }
    #expect(empty.message == "the file is empty")
  }

  @Test func unknownColumnsAreNotedNotFatal() throws {
    let batch = try parseIndicatorCSV("period,region,indicator,growth,remark\n2020-05,360981,industry_va,5.2,ok\n")
      .get()
    #expect(batch.observations.count == 1)
    #expect(batch.notes == ["ignored the column(s) remark: not part of an indicator file"])
  }

  @Test func publishedRankColumnIsKept() throws {
    let batch = try parseIndicatorCSV("period,region,indicator,growth,rank\n2020-05,360981,industry_va,5.2,3\n").get()
    #expect(batch.observations[0].publishedRank == 3)
  }
}
