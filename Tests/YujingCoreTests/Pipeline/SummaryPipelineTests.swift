import Foundation
import Testing

@testable import YujingCore

/// The dispatch summary of the sample's September, through the whole path (feeds, rules, ladder,
/// the office's approvals), checked against the sample's own files read here independently, then
/// issued, numbered, and read back by python-docx and openpyxl.
@Suite(.serialized) struct SummaryPipelineTests {
  /// The sample's figures of a month: (indicator, region) → growth as published.
  static func published(_ period: String) throws -> [String: String] {
    let text = String(decoding: try EmbeddedFiles.data("sample/indicators-\(period).csv"), as: UTF8.self)
    var figures: [String: String] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      figures["\(fields[2])@\(fields[1])"] = fields[4]
    }
    return figures
  }

  /// Competition ranks (1, 2, 2, 4) of the counties by growth, highest first.
  static func countyRanks(_ figures: [String: String], indicator: String, counties: [String]) -> [String: Int] {
    let growths = counties.compactMap { code in figures["\(indicator)@\(code)"].flatMap(Double.init).map { (code, $0) }
    }
    return Dictionary(
      uniqueKeysWithValues: growths.map { code, growth in (code, 1 + growths.filter { $0.1 > growth }.count) })
  }

  @Test func theSeptemberSummaryStatesTheFeedsFiguresAndIsIssuedOnce() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    _ = try SampleReplay(workspace: workspace).loadBaseline()
    let thresholds = try Thresholds.load(configuration: workspace.configuration)
    // The office's year up to the day after September's notices were approved.
    try SampleOffice(workspace: workspace, thresholds: thresholds).run(until: Day("2020-10-20")!) { _ in }

    let period = Period("2020-09")!
    let facts = try SummaryGathering(workspace: workspace, thresholds: thresholds).facts(
      period: period, asOf: Day("2020-10-20")!)
    let counties = workspace.configuration.regions.filter { $0.group == "counties" }.map(\.code)
    let september = try Self.published("2020-09")
    let august = try Self.published("2020-08")
    for code in ["industry_va", "fai", "retail"] {
      let table = try #require(facts.indicators.first { $0.indicator.code == code })
      let ranks = Self.countyRanks(september, indicator: code, counties: counties)
      let previous = Self.countyRanks(august, indicator: code, counties: counties)
      for row in table.rows {
        let published = september["\(code)@\(row.region.code)"].flatMap { $0.isEmpty ? nil : $0 }
        #expect(
          row.growth.map { Phrases.figure($0, decimals: 1) }
            == published.map { Phrases.figure(try! Fixed(parsing: $0), decimals: 1) }, "\(code)@\(row.region.code)")
        guard counties.contains(row.region.code) else { continue }
        #expect(row.rank == ranks[row.region.code], "\(code)@\(row.region.code) rank")
        #expect(row.previousRank == previous[row.region.code], "\(code)@\(row.region.code) previous rank")
      }
    }
    // Every numbered notice of the period is listed, and nothing else.
    let numbered = try workspace.store.notices(period: period).filter { $0.number != nil && $0.state != .superseded }
    #expect(!numbered.isEmpty)
    #expect(Set(facts.notices.map(\.number)) == Set(numbered.compactMap(\.number)))
    // Levels are those of the period's findings.
    let findings = try workspace.store.currentFindings(period: period)
    let fengcheng = try #require(
      facts.indicators.first { $0.indicator.code == "fai" }?.rows.first { $0.region.code == "360981" })
    #expect(fengcheng.level == findings.first { $0.subject == .indicator(indicator: "fai", region: "360981") }?.level)
    #expect(fengcheng.level > .none)

    // Issued once, numbered per prefix and year.
    let report = SummaryReport(workspace: workspace, thresholds: thresholds)
    let issued = try report.issue(period: period, date: Day("2020-10-20")!, actor: "test", at: fixedNow)
    #expect(issued.number == "宜经调通报〔2020〕1号")
    #expect(throws: NoticeRefusal.alreadyIssued(number: "宜经调通报〔2020〕1号", notice: issued.id)) {
      try report.issue(period: period, date: Day("2020-10-21")!, actor: "test", at: fixedNow)
    }
    let document = try report.document(period: period, asOf: Day("2020-10-20")!)
    #expect(!document.isDraft && document.number == "宜经调通报〔2020〕1号" && document.date == "2020年10月20日")

    // Read back by independent readers.
    let docx = directory.path("summary.docx")
    try DocumentExport.write(try DocumentExport.data(document, format: .docx), to: docx)
    if let python = Python.with(module: "docx", package: "python-docx"),
      let output = try ExternalTools.run(python, ["-c", Python.readDOCX, docx])
    {
      let read = try JSONDecoder().decode(ReadDOCX.self, from: Data(output.utf8))
      let text = read.paragraphs.joined(separator: "\n")
      #expect(text.contains("宜经调通报〔2020〕1号"))
      #expect(text.contains("各县（市、区）人民政府"))
      #expect(text.contains("规模以上工业增加值：累计增长"))
      let industry = try #require(read.tables.first { $0.first?.first == "地区" && $0.first?.count == 7 })
      let row = try #require(industry.first { $0.first == "丰城市" })
      #expect(row[1] == Phrases.figure(try Fixed(parsing: september["industry_va@360981"]!), decimals: 1))
    }
    let xlsx = directory.path("summary.xlsx")
    try DocumentExport.write(try DocumentExport.data(document, format: .xlsx), to: xlsx)
    if let python = Python.with(module: "openpyxl", package: "openpyxl"),
      let output = try ExternalTools.run(python, ["-c", Python.readXLSX, xlsx])
    {
      let sheets = try JSONDecoder().decode([ReadSheet].self, from: Data(output.utf8))
      let sheet = try #require(sheets.first { $0.title.contains("规模以上工业增加值") })
      let names = sheet.cells.filter { $0.ref.hasPrefix("A") }
      let fengchengRow = try #require(names.first { $0.value == .text("丰城市") }).ref.dropFirst()
      let growth = try #require(sheet.cells.first { $0.ref == "B\(fengchengRow)" })
      #expect(growth.type == "n")
      #expect(growth.value == .number(Double(september["industry_va@360981"]!)!))
      #expect(sheets.contains { $0.title.contains("综合排名") })
    }
  }
}
