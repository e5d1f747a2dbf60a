import Foundation
import Testing

@testable import YujingCore

/// Words an office would sign: each test reads the text a notice or the summary is drafted with
/// (or its notes) and checks a sentence that must be true of its own figures.
@Suite struct NoticeWordsTests {
  let workspace: Workspace
  let thresholds: Thresholds
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
    workspace = try openDefaultWorkspace(directory)
    thresholds = try Thresholds.load(configuration: workspace.configuration)
  }

  var text: DraftText { DraftText(workspace: workspace, thresholds: thresholds) }

  func number(_ text: String) -> MeasureValue { .number(try! Fixed(parsing: text)) }

  func intent(_ kind: NoticeKind, _ subjects: [NoticeSubject], copies: [String] = []) -> NoticeIntent {
    NoticeIntent(
      kind: kind, addressee: "丰城市人民政府", copies: copies, period: Period("2020-09")!,
      key: .stage("丰城市人民政府", Period("2020-09")!), subjects: subjects)
  }

  @Test func aLiftSaysTheWarningEndedAndDoesNotClaimATargetStillMissed() {
    let below = NoticeSubject(
      subject: .indicator(indicator: "industry_va", region: "360981"), stage: .lifted, level: nil, rules: [],
      values: Evidence(["growth": number("-3.4"), "target_growth": number("8.2"), "gap": number("-11.6")]),
      reason: "连续2期无预警")
    let body = text.body(intent(.lift, [below]))
    #expect(body.contains("预警情形已连续2期消除"), "\(body)")
    #expect(!body.contains("回到目标轨道"), "\(body)")
    #expect(body.contains("预警解除不等于完成目标：规模以上工业增加值增速仍低于年度目标，"), "\(body)")
    #expect(!body.contains("序时进度"), "an indicator published as growth alone has no 序时进度: \(body)")
    #expect(!body.contains("巩固向好态势"), "\(body)")

    let met = NoticeSubject(
      subject: .indicator(indicator: "industry_va", region: "360981"), stage: .lifted, level: nil, rules: [],
      values: Evidence(["growth": number("8.6"), "target_growth": number("8.2"), "gap": number("0.4")]),
      reason: "连续2期无预警")
    let onTarget = text.body(intent(.lift, [met]))
    #expect(onTarget.contains("请你单位继续巩固向好态势，防止反弹。"), "\(onTarget)")
    #expect(!onTarget.contains("仍未达到"), "\(onTarget)")
  }

  @Test func aLiftNamesTheNoticeThatPutTheCaseAtItsStage() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let reminder = try harness.approve(try #require(try harness.live().first).id, on: "2020-09-14")
    try harness.industry(["2020-09": "8.5", "2020-10": "8.6"])
    try harness.evaluate("2020-09")
    try harness.evaluate("2020-10")
    let lift = try #require(try harness.live().first { $0.kind == .lift })
    #expect(lift.body.contains("（原预警见\(reminder.number!)）"), "\(lift.body)")
  }

  @Test func aProjectsLiftStatesItsInvestmentInsteadOfAnEmptyLine() {
    let project = NoticeSubject(
      subject: .project("P2020-023"), stage: .lifted, level: nil, rules: [],
      values: Evidence([
        "annual_plan": number("8"), "completed_ytd": number("6.1"), "completion": number("76.3"),
        "behind": number("-1.3"), "status": .text("在建"),
      ]), reason: "连续2期无预警")
    let body = text.body(intent(.lift, [project]), projectNames: ["P2020-023": "丰城赣江港区码头"])
    #expect(
      body.contains(
        "一、丰城赣江港区码头（P2020-023）\n年度计划投资8.00亿元，2020年1-9月累计完成6.10亿元，完成年度计划的76.3%，超序时进度1.3个百分点；项目在建。"),
      "\(body)")
    #expect(!body.contains("\n。"))
  }

  @Test func aProjectNotYetStartedIsLiftedWithoutAnInvestmentItCannotHaveMade() {
    let project = NoticeSubject(
      subject: .project("P2020-032"), stage: .lifted, level: nil, rules: [],
      values: Evidence([
        "annual_plan": number("3"), "completed_ytd": number("0"), "completion": number("0"),
        "behind": number("91.7"), "status": .text("前期"), "started": .boolean(false),
      ]), reason: "连续2期无预警")
    let body = text.body(intent(.lift, [project]), projectNames: ["P2020-032": "上高工业园区污水处理厂扩建"])
    #expect(body.contains("截至2020年9月30日，项目尚处于前期阶段，此前的预警情形已消除"), "\(body)")
    #expect(!body.contains("落后序时进度") && !body.contains("0.00亿元"), "\(body)")
    #expect(body.contains("请你单位继续巩固向好态势，防止反弹。"), "\(body)")
  }

  @Test func daysAndMonthsOverdueAreCountedToTheReportsLastDayAndSaySo() {
    let project = NoticeSubject(
      subject: .project("P2020-027"), stage: .reminder, level: .yellow, rules: ["project_milestone_overdue"],
      values: Evidence(["overdue_days": number("13"), "overdue_milestone": .text("环评")]), reason: "黄色预警",
      levelRules: ["project_milestone_overdue"])
    let body = text.body(intent(.reminder, [project]))
    #expect(body.contains("截至2020年9月30日前期手续（环评）逾期13天未办结"), "\(body)")
  }

  @Test func aDataReminderNamesTheDataItAsksForNotTheFeedsCode() {
    for (feed, data) in [("projects", "重大项目进度数据"), ("stats", "主要经济指标月度数据")] {
      let subject = NoticeSubject(
        subject: .feed(feed), stage: nil, level: .yellow, rules: ["feed_late"],
        values: Evidence(["days_late": number("1")]), reason: "数据未按时报送")
      let late = intent(.dataOverdue, [subject])
      #expect(text.title(late) == "关于催报2020年1-9月\(data)的通知")
      let body = text.body(late)
      #expect(body.contains("2020年1-9月\(data)应于"), "\(body)")
      #expect(body.contains("收到本通知后2个工作日内报送"), "\(body)")
      #expect(!body.contains(feed) && !body.contains("数据源"), "\(body)")
      // Dated when approved, later than drafted: the letter does not count the days at drafting.
      #expect(!body.contains("逾期1个工作日"), "\(body)")
    }
  }

  @Test func aRedLevelSaysWhichRuleSetItAndReminderItemsStandApartInATalkNotice() throws {
    let harness = try EscalationHarness()
    // 丰城 last of three in July and August, 0.2 below its target: red because it was last twice.
    try harness.industry(["2020-07": "8.0", "2020-08": "8.0"])
    try harness.ingest("2020-08,360981,fai,,7.5\n2020-08,360982,fai,,10.5\n2020-08,360983,fai,,10.0\n")
    try harness.evaluate("2020-07")
    try harness.evaluate("2020-08")
    let talk = try #require(try harness.live().first { $0.kind == .talk && $0.period == Period("2020-08")! })
    #expect(talk.body.contains("预警级别：红色（连续两期位次居本组末位）"), "\(talk.body)")
    #expect(talk.body.contains("一、约谈事项\n（一）规模以上工业增加值"), "\(talk.body)")
    #expect(talk.body.contains("二、提醒事项\n以下事项尚未达到约谈条件，一并予以提醒：\n（一）固定资产投资"), "\(talk.body)")
    #expect(talk.body.contains("三、约谈时间和地点"), "\(talk.body)")
  }

  @Test func copiesNameOrgansAndTheTalkNamesTheLeaderInPerson() throws {
    let harness = try EscalationHarness()
    let row =
      "2020-05,P2020-017,宜春锂电新能源产业园一期,360902,gxj,分管工业的副市长,52.0,12.0,0.5,停工,2020-03-01,2020-03-18,2022-06-30,2020-04-20"
    _ = try Ingestion(workspace: harness.workspace, clock: { fixedNow }).run(
      feed: "projects", input: .init(source: "p.csv", data: Data("\(projectHeader)\n\(row)\n".utf8)))
    try harness.evaluate("2020-05", asOf: "2020-06-10")
    let talk = try #require(try harness.live().first { $0.kind == .talk })
    #expect(talk.addressee == "市工信局")
    #expect(talk.copies == ["袁州区人民政府"])
    #expect(talk.holder == "市政府副市长李××同志")
    #expect(talk.body.contains("袁州区人民政府有关负责同志列席"), "\(talk.body)")
  }

  @Test func aCorrectionOfACorrectionIsTitledByTheNumberItCorrects() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let original = try harness.approve(try #require(try harness.live().first).id, on: "2020-09-14")
    try harness.industry(["2020-08": "6.9"])
    try harness.evaluate("2020-08")
    let first = try harness.approve(
      try #require(try harness.live().first { $0.corrects == original.id }).id, on: "2020-09-15")
    #expect(first.title == "关于更正宜经调提醒〔2020〕1号文件有关内容的通知")
    try harness.industry(["2020-08": "8.4"])
    try harness.evaluate("2020-08")
    let withdrawal = try #require(try harness.live().first { $0.corrects == first.id })
    #expect(withdrawal.title == "关于撤回宜经调提醒〔2020〕2号文件的通知")
    #expect(withdrawal.kind == .reminder)
  }

  @Test func aReminderRevisedIntoATalkIsWithdrawnByItsOwnOfficeAndTheTalkIsANewNotice() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let reminder = try harness.approve(try #require(try harness.live().first).id, on: "2020-09-14")
    // The bureau revises August to a fall: red, a talk from the start.
    try harness.industry(["2020-08": "-0.5"])
    try harness.evaluate("2020-08")
    let live = try harness.live()
    let withdrawal = try #require(live.first { $0.corrects == reminder.id })
    #expect(withdrawal.kind == .reminder)
    #expect(withdrawal.subjects.isEmpty)
    let talk = try #require(live.first { $0.kind == .talk && $0.corrects == nil })
    #expect(talk.subjects.map(\.stage) == [.talkDeputy])
    let document = NoticeDocument.make(withdrawal, configuration: harness.workspace.configuration)
    #expect(document.issuerMark == harness.workspace.configuration.documents.dispatchOffice)
  }

  @Test func incomeIsReachedAndWholeUnitsPrintWithoutDecimalsInProseAndTables() {
    let income = NoticeSubject(
      subject: .indicator(indicator: "income_urban", region: "360981"), stage: .reminder, level: .yellow,
      rules: ["growth_gap"],
      values: Evidence([
        "value": number("35250"), "growth": number("6.1"), "target_growth": number("7.5"), "gap": number("-1.4"),
      ]), reason: "黄色预警")
    let fdi = NoticeSubject(
      subject: .indicator(indicator: "fdi", region: "360981"), stage: .reminder, level: .yellow, rules: ["amount_lag"],
      values: Evidence([
        "value": number("29207"), "target_value": number("99640"), "progress": number("29.3"),
        "time_progress": number("75"), "lag": number("-45.7"),
      ]), reason: "黄色预警")
    let body = text.body(intent(.reminder, [income, fdi]))
    #expect(body.contains("累计达到35250元"), "\(body)")
    #expect(!body.contains("完成35250"), "\(body)")
    #expect(body.contains("累计完成29207万美元，为年度目标99640万美元的29.3%"), "\(body)")
    #expect(!body.contains(".00万美元") && !body.contains(".00元"), "\(body)")
    // The table prints an amount as the prose does.
    #expect(SummaryTables.amount(try! Fixed(parsing: "29207"), unit: "万美元").text == "29207")
    #expect(
      SummaryTables.amount(try! Fixed(parsing: "82.5"), unit: "亿元").text
        == Phrases.amount(try! Fixed(parsing: "82.5"), unit: "亿元"))
  }

  @Test func anAmountIndicatorWithAGrowthTargetStatesBothTargets() {
    let fiscal = NoticeSubject(
      subject: .indicator(indicator: "fiscal_general", region: "360902"), stage: .reminder, level: .red,
      rules: ["amount_lag", "growth_gap", "negative_growth"],
      values: Evidence([
        "value": number("20.1"), "target_value": number("36.72"), "progress": number("54.7"),
        "time_progress": number("75"), "lag": number("-20.3"), "growth": number("-2.5"), "target_growth": number("3.5"),
        "gap": number("-6"),
      ]), reason: "红色预警", levelRules: ["amount_lag", "growth_gap", "negative_growth"])
    let body = text.body(intent(.reminder, [fiscal]))
    #expect(body.contains("同比下降2.5%，低于年度目标（增长3.5%）6.0个百分点"), "\(body)")
    #expect(body.contains("预警级别：红色（总量完成进度落后于序时进度、增速低于年度目标、累计增速为负）"), "\(body)")
  }

  @Test func theNotesNameAPersonAndATelephone() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let notice = try #require(try harness.live().first)
    let note = NoticeDocument.make(notice, configuration: harness.workspace.configuration).note ?? ""
    #expect(note.contains("联系人：×××，电话：0795-0000000"), "\(note)")
  }

  @Test func aContactThatIsAUnitIsRefusedWithItsPosition() throws {
    let text = String(decoding: try EmbeddedFiles.data("default/yujing.yaml"), as: UTF8.self)
      .replacingOccurrences(of: "contact: {name: ×××, phone: 0795-0000000}", with: "contact: 市经济运行调度办")
    let file = directory.url.appendingPathComponent("yujing.yaml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    #expect {
      _ = try ConfigurationDecoder.load(path: file.path)
    } throws: { error in
      "\(error)".contains("documents.contact must name a person and a telephone") && "\(error)".contains("yujing.yaml:")
    }
  }

  @Test func aPrecoordinationLetterAsksForMeasuresByADateItRecords() throws {
    let subject = NoticeSubject(
      subject: .indicator(indicator: "retail", region: "360924"), stage: nil, level: nil, rules: ["precoordination"],
      values: Evidence(["growth": number("10.4"), "target_growth": number("10"), "gap": number("0.4")]),
      reason: "预计全年完不成目标")
    let draft = NoticeDraft(
      intent: NoticeIntent(
        kind: .precoordination, addressee: "宜丰县人民政府", copies: ["市商务局"], period: Period("2020-07")!,
        key: NoticeKey("precoordination|宜丰县人民政府|2020-07")!, subjects: [subject]),
      title: text.title(intent(.precoordination, [subject])), body: text.body(intent(.precoordination, [subject])),
      holder: nil)
    let id = try workspace.store.writer.write { db in try Store.insertNotice(db, draft, at: fixedNow, note: "test") }
    let approved = try workspace.store.approveNotice(
      id: id, documentDate: Day("2020-08-21")!, talkAt: nil, place: nil, actor: "test", at: fixedNow,
      prefixes: workspace.configuration.numbering, calendar: thresholds.calendar,
      reportWorkingDays: thresholds.ladder.reportWorkingDays)
    // Friday 2020-08-21: 24, 25, 26, 27, 28.
    #expect(approved.reportDue == Day("2020-08-28"))
    #expect(approved.body.contains("于2020年8月28日前将应对措施报送"), "\(approved.body)")
    let note = NoticeDocument.make(approved, configuration: workspace.configuration).note ?? ""
    #expect(note.contains("应对措施请于2020年8月28日前报送") && !note.contains("整改"), "\(note)")
  }

  @Test func theSummaryCountsIndicatorsAsItsTablesShowThemAndNamesThoseWithoutATarget() {
    let configuration = workspace.configuration
    let city = configuration.region("360900")!
    func table(_ code: String, _ row: SummaryFacts.RegionFigures) -> SummaryFacts.IndicatorTable {
      SummaryFacts.IndicatorTable(indicator: configuration.indicator(code)!, rows: [row], cityYear: [], cityTarget: nil)
    }
    let facts = SummaryFacts(
      period: Period("2020-09")!,
      indicators: [
        // Growth above its growth target but behind 序时进度: its table shows 序时进度 first.
        table(
          "fiscal_general",
          SummaryFacts.RegionFigures(
            region: city, value: try! Fixed(parsing: "150.12"), growth: Fixed(4),
            targetGrowth: try! Fixed(parsing: "3.5"),
            gap: try! Fixed(parsing: "0.5"), targetValue: Fixed(220), progress: try! Fixed(parsing: "68.2"),
            lag: try! Fixed(parsing: "-6.8"))),
        table(
          "industry_va",
          SummaryFacts.RegionFigures(region: city, growth: Fixed(9), targetGrowth: Fixed(8), gap: Fixed(1))),
        table("fai", SummaryFacts.RegionFigures(region: city, growth: Fixed(7))),
      ], projects: [], notices: [])
    let summary = DispatchSummary(configuration: configuration, templates: workspace.templates)
    let context = summary.context(facts, leagues: [])
    #expect(context["indicator_count"] as? Int == 3)
    #expect(context["on_target_count"] as? Int == 1)
    #expect(context["below_target_count"] as? Int == 1)
    #expect(context["no_target_count"] as? Int == 1)
    let paragraphs = summary.document(facts).body.compactMap { block -> String? in
      guard case .paragraph(let text) = block else { return nil }
      return text
    }
    #expect(
      paragraphs.contains {
        $0.contains("全市3项主要经济指标中，1项达到或超过年度目标（序时进度），1项低于年度目标（序时进度），分别是一般公共预算收入，1项未设年度目标（固定资产投资）")
      }, "\(paragraphs)")
  }
}
