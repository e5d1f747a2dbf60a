import Foundation
import Testing

@testable import YujingCore

/// The dispatch summary from facts written out by hand: the 红黑榜's score and its ties, the
/// template's words around the figures, the tables and the charts.
/// A figure from its published text.
private func f(_ text: String) -> Fixed { try! Fixed(parsing: text) }

@Suite struct DispatchSummaryTests {
  let configuration: Configuration
  let templates: NoticeTemplates

  init() throws {
    configuration = try Configuration.embeddedDefault()
    templates = try NoticeTemplates.load(override: nil)
  }

  func region(_ code: String) -> Region { configuration.region(code)! }
  func indicator(_ code: String) -> Indicator { configuration.indicator(code)! }

  /// Ten counties ranked in three indicators; 丰城市 (360981) reports only one.
  func countyFacts(ranks: [String: [Int?]], onTarget: [String: Int] = [:]) -> SummaryFacts {
    let codes = ["industry_va", "fai", "retail"]
    let tables = codes.enumerated().map { position, code in
      SummaryFacts.IndicatorTable(
        indicator: indicator(code),
        rows: ranks.keys.sorted().map { regionCode in
          let rank = ranks[regionCode]![position]
          let gap: Fixed? = position < (onTarget[regionCode] ?? 0) ? Fixed(1) : Fixed(-1)
          return SummaryFacts.RegionFigures(region: region(regionCode), gap: rank == nil ? nil : gap, rank: rank)
        }, cityYear: [], cityTarget: nil)
    }
    return SummaryFacts(period: Period("2020-09")!, indicators: tables, projects: [], notices: [])
  }

  @Test func theLeagueTableOrdersByMeanRankAndBreaksTiesByIndicatorsOnTarget() throws {
    let facts = countyFacts(
      ranks: [
        "360902": [1, 2, 3],  // 2.00
        "360921": [2, 1, 3],  // 2.00, more on target: before 袁州区
        "360922": [3, 3, 1],  // 2.33
        "360923": [4, 4, 4],  // 4.00
        "360924": [5, 6, 5],  // 5.33
        "360925": [6, 5, 6],  // 5.67
        "360926": [7, 7, 7],  // 7.00
        "360981": [nil, nil, 1],  // ranked in 1 of 3: not scored
        "360982": [8, 9, 8],  // 8.33
        "360983": [9, 8, 9],  // 8.67
      ], onTarget: ["360921": 2, "360902": 1])
    let league = try #require(LeagueTable.make(facts, configuration: configuration).first)
    #expect(league.group == "counties")
    #expect(
      league.entries.map(\.region.code) == [
        "360921", "360902", "360922", "360923", "360924", "360925", "360926", "360982", "360983", "360981",
      ])
    #expect(
      league.entries.map { $0.score?.description ?? "-" } == [
        "2", "2", "2.33", "4", "5.33", "5.67", "7", "8.33", "8.67", "-",
      ])
    #expect(league.red.map(\.region.code) == ["360921", "360902", "360922"])
    #expect(league.black.map(\.region.code) == ["360983", "360982", "360926"])
  }

  @Test func aCountyThatMetEveryTargetIsNeverBlacklistedAndAWarnedOneIsNeverOnTheRedList() throws {
    var facts = countyFacts(
      ranks: [
        "360902": [1, 1, 1], "360921": [2, 2, 2], "360922": [3, 3, 3], "360923": [4, 4, 4], "360924": [5, 5, 5],
        "360925": [6, 6, 6], "360926": [7, 7, 7],
      ],
      // 靖安 (360925) and 铜鼓 (360926) met every target, ranks aside; the others missed them all.
      onTarget: ["360925": 3, "360926": 3, "360902": 3, "360921": 3, "360922": 3])
    // 袁州 (360902), first by rank, has a red warning on one indicator.
    facts.indicators[0].rows[0].level = .red
    let league = try #require(LeagueTable.make(facts, configuration: configuration).first)
    #expect(league.red.map(\.region.code) == ["360921", "360922", "360923"])
    // The worst by rank, 铜鼓 and 靖安, met every target: only 宜丰 is blacklisted.
    #expect(league.black.map(\.region.code) == ["360924"])
  }

  @Test func theBlackListNeverRepeatsTheRedListInASmallGroup() throws {
    let facts = countyFacts(ranks: [
      "360902": [1, 1, 1], "360921": [2, 2, 2], "360922": [3, 3, 3], "360923": [4, 4, 4],
    ])
    let league = try #require(LeagueTable.make(facts, configuration: configuration).first)
    #expect(league.red.map(\.region.code) == ["360902", "360921", "360922"])
    #expect(league.black.map(\.region.code) == ["360923"])
  }

  @Test func aCountyWithoutAnyFigureIsOnNeitherList() throws {
    let facts = countyFacts(ranks: ["360902": [1, 1, 1], "360921": [nil, nil, nil]])
    let league = try #require(LeagueTable.make(facts, configuration: configuration).first)
    #expect(league.red.map(\.region.code) == ["360902"])
    #expect(league.black.isEmpty)
    #expect(league.entries.last?.score == nil)
  }

  /// The city, two counties and a zone in one growth indicator and one amount indicator.
  func fullFacts(number: String? = nil) -> SummaryFacts {
    let industry = SummaryFacts.IndicatorTable(
      indicator: indicator("industry_va"),
      rows: [
        SummaryFacts.RegionFigures(
          region: region("360900"), growth: f("6.8"), targetGrowth: f("8.5"), gap: f("-1.7"), rank: 5,
          previousRank: 7, level: .yellow),
        SummaryFacts.RegionFigures(
          region: region("360981"), growth: f("6.2"), targetGrowth: f("8.2"), gap: f("-2"), rank: 9,
          groupSize: 10, previousRank: 8, level: .orange),
        SummaryFacts.RegionFigures(
          region: region("360982"), growth: f("9.1"), targetGrowth: f("8.5"), gap: f("0.6"), rank: 1,
          groupSize: 10, previousRank: 1),
        SummaryFacts.RegionFigures(region: region("3609A1"), level: .none),
      ],
      cityYear: [
        (Period("2020-02")!, f("-12.1")), (Period("2020-03")!, f("-6.1")), (Period("2020-09")!, f("6.8")),
      ], cityTarget: f("8.5"))
    let fiscal = SummaryFacts.IndicatorTable(
      indicator: indicator("fiscal_general"),
      rows: [
        SummaryFacts.RegionFigures(
          region: region("360900"), value: f("150.12"), growth: f("3.2"), targetValue: f("220"),
          progress: f("68.2"), lag: f("-6.8")),
        SummaryFacts.RegionFigures(
          region: region("360902"), value: f("20.5"), growth: f("-1.5"), targetValue: f("33"),
          progress: f("62.1"), lag: f("-12.9"), rank: 10, groupSize: 10, level: .red),
      ], cityYear: [(Period("2020-09")!, f("3.2"))], cityTarget: nil)
    let project = SummaryFacts.LaggingProject(
      code: "P2020-017", name: "宜春锂电新能源产业园<一期>", department: "市工信局", region: "袁州区", level: .orange,
      problem: "落后序时进度20.0个百分点", annualPlan: f("12"), completed: f("4.5"), completion: f("37.5"))
    let notices = [
      SummaryFacts.IssuedNotice(
        number: "宜府办约谈〔2020〕3号", kind: .talk, addressee: "丰城市人民政府", stage: .talkDeputy,
        subjects: ["规模以上工业增加值"], date: Day("2020-10-13")),
      SummaryFacts.IssuedNotice(
        number: "宜经调提醒〔2020〕7号", kind: .reminder, addressee: "铜鼓县人民政府", stage: .reminder,
        subjects: ["规模以上工业增加值", "固定资产投资"], date: Day("2020-10-13")),
    ]
    return SummaryFacts(
      period: Period("2020-09")!, indicators: [industry, fiscal], projects: [project], notices: notices, number: number,
      date: number == nil ? nil : Day("2020-10-20"))
  }

  func headings(_ document: OfficialDocument, level wanted: Int) -> [String] {
    document.body.compactMap { block in
      guard case .heading(let level, let text) = block, level == wanted else { return nil }
      return text
    }
  }

  /// The tables of the body, then those of the annexes.
  func tables(_ document: OfficialDocument) -> [OfficialDocument.Table] {
    (document.body + document.annexes.flatMap(\.body)).compactMap { block in
      guard case .table(let table) = block else { return nil }
      return table
    }
  }

  @Test func theSectionsAreNumberedInOrderAroundTheFigures() {
    let document = DispatchSummary(configuration: configuration, templates: templates).document(fullFacts())
    #expect(
      headings(document, level: 1) == [
        "一、总体情况", "二、主要指标完成情况", "三、县（市、区）综合排名（红黑榜）", "四、重点项目推进情况", "五、预警提醒和约谈情况", "六、下一步工作要求",
      ])
    #expect(headings(document, level: 2).isEmpty)
    #expect(document.title == "关于2020年1-9月全市经济运行情况的通报")
    #expect(document.addressee?.hasPrefix("各县（市、区）人民政府，宜春经开区管委会、") == true)
    #expect(document.isDraft && document.number == nil && document.date == nil)
  }

  @Test func anIssuedSummaryCarriesItsNumberAndDate() {
    let document = DispatchSummary(configuration: configuration, templates: templates).document(
      fullFacts(number: "宜经调通报〔2020〕9号"))
    #expect(!document.isDraft)
    #expect(document.number == "宜经调通报〔2020〕9号")
    #expect(document.date == "2020年10月20日")
  }

  @Test func theOverviewStatesTheCitysFiguresRankAndMovement() {
    let document = DispatchSummary(configuration: configuration, templates: templates).document(fullFacts())
    let paragraphs = document.body.compactMap { block -> String? in
      guard case .paragraph(let text) = block else { return nil }
      return text
    }
    #expect(
      paragraphs.contains(
        "规模以上工业增加值：累计增长6.8%，低于年度目标（增长8.5%）1.7个百分点，居全省第5位，较上期前移2位。"))
    #expect(
      paragraphs.contains(
        "一般公共预算收入：累计完成150.12亿元，为年度目标220.00亿元的68.2%，落后序时进度6.8个百分点，同比增长3.2%。"))
    #expect(paragraphs.contains { $0.contains("2项低于年度目标（序时进度），分别是规模以上工业增加值、一般公共预算收入") })
  }

  @Test func theBodyShowsTheCitysIndicatorsAndTheAnnexesTheFullTablesChartsAndNotices() throws {
    let document = DispatchSummary(configuration: configuration, templates: templates).document(fullFacts())
    let body = document.body.compactMap { block -> OfficialDocument.Table? in
      guard case .table(let table) = block else { return nil }
      return table
    }
    #expect(
      body.map(\.caption) == ["表1　2020年1-9月全市主要指标完成情况", "表2　县（市、区）综合排名", "表3　预警重点项目"])
    #expect(!document.body.contains { if case .figure = $0 { true } else { false } })
    let city = body[0]
    #expect(city.rows.map { $0[0].text } == ["规模以上工业增加值", "一般公共预算收入"])
    #expect(city.rows[0].map(\.text) == ["规模以上工业增加值", "—", "6.8", "8.5", "-1.7", "—", "—", "第5", "前移2", "黄色"])
    #expect(city.rows[1][1].text == "150.12亿元" && city.rows[1][1].number == 150.12)
    #expect(city.rows[0][9].level == .yellow)

    #expect(
      document.annexes.map(\.title) == [
        "2020年1-9月主要指标分县（市、区）完成情况", "2020年1-9月预警提醒和约谈通知一览", "2020年1-9月主要指标图表",
      ])
    #expect(document.attachments == document.annexes.map(\.title))
    #expect(document.body.contains(.paragraph("全市主要指标完成情况如下表，各县（市、区）分指标完成情况见附件1，图表见附件3。")))
    #expect(document.annexes[0].body.last == .paragraph(SummaryText.tableNote))
    // The charts come last: a document that ends with text keeps it with the 版记.
    #expect(document.annexes[2].body.allSatisfy { if case .figure = $0 { true } else { false } })

    // The workbook keeps every table, the annexes' too.
    let workbook = try Unzipped(DocumentExport.workbook(document)).xml("xl/workbook.xml")
    #expect(workbook.elements("sheet").count == tables(document).count)
  }

  @Test func theIndicatorTableKeepsFiguresAsNumbersAndLevelsAsColours() throws {
    let document = DispatchSummary(configuration: configuration, templates: templates).document(fullFacts())
    let industry = try #require(
      document.annexes.first?.body.compactMap { block -> OfficialDocument.Table? in
        guard case .table(let table) = block else { return nil }
        return table
      }.first)
    #expect(industry.caption == "表4　2020年1-9月规模以上工业增加值")
    #expect(industry.header == ["地区", "增速（%）", "目标（%）", "较目标（百分点）", "位次", "位次变化", "预警"])
    let city = industry.rows[0]
    #expect(city.map(\.text) == ["宜春市", "6.8", "8.5", "-1.7", "全省第5", "前移2", "黄色"])
    #expect(city[1].number == 6.8 && city[4].number == 5)
    #expect(city[6].level == .yellow)
    #expect(industry.rows[1].map(\.text) == ["丰城市", "6.2", "8.2", "-2.0", "9", "后退1", "橙色"])
    #expect(industry.rows[2][5].text == "持平" && industry.rows[2][6].level == nil)
    #expect(industry.rows[3].map(\.text) == ["宜春经济技术开发区", "—", "—", "—", "—", "—", "—"])
    #expect(industry.rows[3][1].number == nil)

    let fiscal = tables(document)[4]
    #expect(fiscal.header.prefix(3) == ["地区", "累计完成（亿元）", "年度目标（亿元）"])
    #expect(fiscal.rows[1].map(\.text) == ["袁州区", "20.50", "33.00", "62.1", "-12.9", "-1.5", "10", "—", "红色"])
  }

  @Test func eachIndicatorHasItsBarChartAndTheCityYearWhenThereIsOne() throws {
    let document = DispatchSummary(configuration: configuration, templates: templates).document(fullFacts())
    let figures = document.annexes.flatMap(\.body).compactMap { block -> (Chart, String)? in
      guard case .figure(let chart, let caption) = block else { return nil }
      return (chart, caption)
    }
    // industry: bars and the year's line; fiscal: bars only (one period in the year).
    #expect(figures.map(\.1) == ["图1　各县（市、区）规模以上工业增加值增速与目标", "图2　全市规模以上工业增加值累计增速走势", "图3　各县（市、区）一般公共预算收入完成进度与序时进度"])
    try #require(figures.count == 3)
    let bars = figures[0].0
    #expect(bars.kind == .bars)
    #expect(bars.categories.contains("丰城市") && bars.categories.contains("樟树市"))
    #expect(!bars.categories.contains("宜春市"), "the city is not one of the bars")
    #expect(bars.series.map(\.name) == ["实际增速", "目标"])
    let fengcheng = try #require(bars.categories.firstIndex(of: "丰城市"))
    #expect(bars.series[0].values[fengcheng] == 6.2 && bars.series[1].values[fengcheng] == 8.2)
    let line = figures[1].0
    #expect(line.kind == .line && line.categories.first == "1-2月" && line.categories.last == "1-9月")
    #expect(line.series.map(\.style) == [.line, .reference])
    // An amount's bars are its progress against 序时进度, and the legend says so.
    #expect(figures[2].0.series.map(\.name) == ["完成进度", "序时进度"])
  }

  @Test func projectsAndNoticesHaveTheirTables() throws {
    let document = DispatchSummary(configuration: configuration, templates: templates).document(fullFacts())
    let all = tables(document)
    let projects = try #require(all.first { $0.caption?.contains("预警重点项目") == true })
    #expect(projects.rows[0][0].text == "宜春锂电新能源产业园<一期>")
    #expect(projects.rows[0][5].number == 37.5)
    let notices = try #require(all.first { $0.caption?.contains("本期预警提醒和约谈") == true })
    #expect(notices.rows.map { $0[0].text } == ["宜府办约谈〔2020〕3号", "宜经调提醒〔2020〕7号"])
    #expect(notices.rows[0][3].text == "分管副市长约谈")
    #expect(document.body.contains(.paragraph("针对2020年1-9月监测预警情况，共发出提醒函1份、约谈通知书1份，具体见附件2。")))
  }

  @Test func aTemplateWithoutTheDataLinePutsTheFiguresAtTheEnd() throws {
    let directory = try TemporaryDirectory()
    try "{{% CONTENT_TYPE: TEXT}}\n一、总体情况\n{{period_name}}，红榜：{{red_list}}。\n".write(
      to: directory.url.appendingPathComponent("summary.mustache"), atomically: true, encoding: .utf8)
    let custom = try NoticeTemplates.load(override: directory.url)
    let document = DispatchSummary(configuration: configuration, templates: custom).document(fullFacts())
    #expect(headings(document, level: 1).first == "一、总体情况")
    #expect(headings(document, level: 1).last == "五、预警提醒和约谈情况")
    // 丰城 (orange) and 袁州 (red) are warned: neither is on the 红榜.
    #expect(document.body.contains(.paragraph("2020年1-9月，红榜：樟树市。")))
  }

  @Test func feedTextIsEscapedInTheSummarysHTML() {
    let html = HTMLRenderer.render(
      DispatchSummary(configuration: configuration, templates: templates).document(fullFacts()))
    #expect(html.contains("宜春锂电新能源产业园&lt;一期&gt;"))
    #expect(!html.contains("产业园<一期>"))
  }
}
