import Foundation
import GRDB
import Testing

@testable import YujingCore

/// A workspace on the default configuration with figures ingested from CSV text, evaluated as
/// the tests say.
struct EscalationHarness {
  let directory: TemporaryDirectory
  let workspace: Workspace
  let thresholds: Thresholds

  init(configure: (inout YujingCore.Configuration) -> Void = { _ in }) throws {
    directory = try TemporaryDirectory()
    workspace = try openDefaultWorkspace(directory, configure: configure)
    thresholds = try Thresholds.load(configuration: workspace.configuration)
  }

  var store: Store { workspace.store }

  func ingest(_ rows: String) throws {
    _ = try Ingestion(workspace: workspace, clock: { fixedNow }).run(
      feed: "stats", input: .init(source: "x.csv", data: Data(("period,region,indicator,value,growth\n" + rows).utf8)))
  }

  /// Industry growth of 丰城 (target 8.2) and two other counties above target, for some months.
  func industry(_ growths: [String: String]) throws {
    var rows = ""
    for (period, growth) in growths.sorted(by: { $0.key < $1.key }) {
      rows +=
        "\(period),360981,industry_va,,\(growth)\n\(period),360982,industry_va,,9.5\n\(period),360983,industry_va,,9.0\n"
    }
    try ingest(rows)
  }

  @discardableResult
  func evaluate(_ period: String, asOf: String? = nil) throws -> PeriodEvaluation.Outcome {
    let period = Period(period)!
    let day =
      asOf.flatMap { Day($0) } ?? Day(
        year: period.adding(months: 1).year, month: period.adding(months: 1).month, day: 12)!
    return try PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: { fixedNow })
      .run(period: period, asOf: day, dryRun: false)
  }

  func live() throws -> [NoticeRecord] { try store.notices().filter { $0.state != .superseded } }

  /// Runs the daily check on every day from `first` through `last`; the escalations, by day.
  func dailyChecks(from first: String, through last: String) throws -> [String] {
    let check = DailyCheck(workspace: workspace, thresholds: thresholds, clock: { fixedNow })
    var day = Day(first)!
    var seen: [String] = []
    while day <= Day(last)! {
      for escalation in try check.run(day: day).escalations {
        seen.append("\(day) \(escalation.from.rawValue)→\(escalation.to.rawValue)")
      }
      day = day.adding(days: 1)
    }
    return seen
  }

  func approve(_ id: Int64, on day: String, talkAt: String? = nil, place: String? = nil) throws -> NoticeRecord {
    try store.approveNotice(
      id: id, documentDate: Day(day)!, talkAt: talkAt, place: place, actor: "test", at: fixedNow,
      prefixes: workspace.configuration.numbering, calendar: thresholds.calendar,
      reportWorkingDays: thresholds.ladder.reportWorkingDays)
  }

  /// Every case with its stage and live events, as comparable text.
  func caseSummary() throws -> [String] {
    try store.cases().map { record in
      let events = try store.caseEvents(caseID: record.id).map { "\($0.period) \($0.from.rawValue)→\($0.to.rawValue)" }
      return
        "\(record.addressee) \(record.subject.notation) opened \(record.openedPeriod): \(events.joined(separator: ", "))"
    }.sorted()
  }

  /// Live notices as comparable text (keys aside: a supplement's key depends on history).
  func noticeSummary() throws -> [String] {
    try live().map { notice in
      "\(notice.period) \(notice.kind.rawValue) \(notice.addressee) \(notice.state.rawValue) "
        + notice.subjectFacts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.prefix(8))" }.joined(
          separator: ",")
    }.sorted()
  }
}

@Suite struct EscalationPipelineTests {
  @Test func oneLetterNamesEveryLaggingIndicatorOfACountyAndCopiesTheLeadDepartments() throws {
    let harness = try EscalationHarness()
    var rows = ""
    for (indicator, growth, others) in [("industry_va", "7.0", "9.5"), ("fai", "7.5", "10.5"), ("retail", "8.9", "11")]
    {
      rows += "2020-08,360981,\(indicator),,\(growth)\n2020-08,360982,\(indicator),,\(others)\n"
    }
    try harness.ingest(rows)
    try harness.evaluate("2020-08")
    let notices = try harness.live()
    #expect(notices.count == 1)
    let letter = try #require(notices.first)
    #expect(letter.kind == .reminder)
    #expect(letter.addressee == "丰城市人民政府")
    #expect(letter.subjects.map(\.subject.notation).sorted() == ["fai@360981", "industry_va@360981", "retail@360981"])
    #expect(Set(letter.copies) == ["市工信局", "市发改委", "市商务局"])
    #expect(letter.body.contains("二、规模以上工业增加值\n2020年1-8月累计增长7.0%，低于年度目标（增长8.2%）1.2个百分点"))
    #expect(letter.body.contains("于\(DraftText.reportDuePlaceholder)前将书面原因分析和整改措施报送"))
  }

  @Test func aCityCaseGoesToTheLeadDepartment() throws {
    let harness = try EscalationHarness()
    try harness.ingest("2020-08,360900,fai,,7.9\n")
    try harness.evaluate("2020-08")
    let notice = try #require(try harness.live().first)
    #expect(notice.addressee == "市发改委")
    #expect(notice.copies.isEmpty)
    #expect(notice.body.contains("宜春市固定资产投资"))
  }

  @Test func aTalkNoticeNamesTheDeputyMayorInCharge() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "-1.0"])
    try harness.evaluate("2020-08")
    let notice = try #require(try harness.live().first)
    #expect(notice.kind == .talk)
    #expect(notice.holder == "市政府副市长李××同志")
    #expect(notice.body.contains("三、约谈人\n市政府副市长李××同志。"), "\(notice.body)")
  }

  @Test func evaluatingInAShuffledOrderGivesTheSameCasesAndNotices() throws {
    let growths = [
      "2020-02": "7.9", "2020-03": "7.0", "2020-04": "6.9", "2020-05": "8.5", "2020-06": "8.4", "2020-07": "4.9",
      "2020-08": "5.0", "2020-09": "9.0", "2020-10": "9.1",
    ]
    let inOrder = try EscalationHarness()
    try inOrder.industry(growths)
    for period in growths.keys.sorted() { try inOrder.evaluate(period) }
    var generator = SeededRandom(seed: 7)
    for _ in 0..<3 {
      let shuffled = try EscalationHarness()
      try shuffled.industry(growths)
      for period in growths.keys.sorted().shuffled(using: &generator) { try shuffled.evaluate(period) }
      #expect(try shuffled.caseSummary() == inOrder.caseSummary())
      #expect(try shuffled.noticeSummary() == inOrder.noticeSummary())
    }
    // And the calendar order gives what the ladder says, worked out by hand: 丰城 is last of the
    // three each month it is below target. 02 yellow (one of the last two) → reminder; 03 red
    // (last twice) → deputy; 04 red again → mayor; 05, 06 on target → lifted. 07 gap −3.3, red:
    // a new case, deputy; 08 red → mayor; 09, 10 on target → lifted.
    #expect(
      try inOrder.caseSummary() == [
        "丰城市人民政府 industry_va@360981 opened 2020-02: 2020-02 none→reminder, 2020-03 reminder→talk_deputy, 2020-04 talk_deputy→talk_mayor, 2020-06 talk_mayor→lifted",
        "丰城市人民政府 industry_va@360981 opened 2020-07: 2020-07 none→talk_deputy, 2020-08 talk_deputy→talk_mayor, 2020-10 talk_mayor→lifted",
      ])
  }

  @Test func runsCountTheSubjectsOwnPeriodsQuartersAndTheCombinedJanuaryAcrossTheYearEnd() throws {
    let harness = try EscalationHarness()
    _ = try harness.store.importTargets(
      TargetBatch(
        targets: ["360981", "360982"].map {
          Target(year: 2021, region: $0, indicator: "fai", growth: Fixed(9), value: nil)
        }),
      source: "test", at: fixedNow)
    // GDP (quarterly, target 8): red in 03 and red in 06 — two consecutive periods of its own.
    // fai (1-2月 combined, target 9): red in 2020-12 and 2021-02 — consecutive across the year end.
    try harness.ingest(
      """
      2020-03,360981,gdp,,4.5
      2020-06,360981,gdp,,4.6
      2020-12,360981,fai,,5.0
      2021-02,360981,fai,,5.5
      2020-12,360982,fai,,11
      2021-02,360982,fai,,11

      """)
    for period in ["2020-03", "2020-06", "2020-12", "2021-02"] { try harness.evaluate(period) }
    #expect(
      try harness.caseSummary() == [
        "丰城市人民政府 fai@360981 opened 2020-12: 2020-12 none→talk_deputy, 2021-02 talk_deputy→talk_mayor",
        "丰城市人民政府 gdp@360981 opened 2020-03: 2020-03 none→talk_deputy, 2020-06 talk_deputy→talk_mayor",
      ])
  }

  @Test func aRevisedFigureSupersedesAnUnapprovedDraft() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let first = try #require(try harness.live().first)
    try harness.industry(["2020-08": "6.8"])
    try harness.evaluate("2020-08")
    let notices = try harness.store.notices()
    #expect(notices.map(\.state) == [.superseded, .draft])
    #expect(notices[0].id == first.id)
    #expect(notices[1].body.contains("累计增长6.8%"))
    #expect(try harness.store.noticeHistory(id: first.id).last?.to == "superseded")
  }

  @Test func aRevisedFigureOfAnApprovedNoticeDraftsACorrectionAndTheOriginalStays() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let approved = try harness.approve(try #require(try harness.live().first).id, on: "2020-09-14")
    try harness.industry(["2020-08": "6.8"])
    try harness.evaluate("2020-08")
    let notices = try harness.store.notices()
    #expect(notices.count == 2)
    #expect(notices[0].state == .approved)
    #expect(notices[0].body == approved.body)
    #expect(notices[1].state == .draft)
    #expect(notices[1].corrects == approved.id)
    #expect(notices[1].title == "关于更正宜经调提醒〔2020〕1号文件有关内容的通知")
    #expect(notices[1].body.contains("现对宜经调提醒〔2020〕1号更正如下"))
  }

  @Test func aNoticeNoLongerWarrantedIsWithdrawnByACorrection() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let approved = try harness.approve(try #require(try harness.live().first).id, on: "2020-09-14")
    try harness.industry(["2020-08": "8.3"])
    try harness.evaluate("2020-08")
    let withdrawal = try #require(try harness.store.notices().last)
    #expect(withdrawal.corrects == approved.id)
    #expect(withdrawal.subjects.isEmpty)
    #expect(withdrawal.title == "关于撤回宜经调提醒〔2020〕1号文件的通知")
    #expect(try harness.caseSummary().isEmpty)
  }

  @Test func anOverdueReportEscalatesOnTheDayAfterItsDeadlineIntoOneTalkNotice() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let reminder = try harness.approve(try #require(try harness.live().first).id, on: "2020-09-29")
    #expect(reminder.reportDue == Day("2020-10-13"))
    let check = DailyCheck(workspace: harness.workspace, thresholds: harness.thresholds, clock: { fixedNow })
    // On the deadline itself nothing happens; the day after, the case climbs.
    #expect(try check.run(day: Day("2020-10-13")!).escalations.isEmpty)
    let outcome = try check.run(day: Day("2020-10-14")!)
    #expect(outcome.escalations.map { "\($0.from.rawValue)→\($0.to.rawValue)" } == ["reminder→talk_deputy"])
    let talkID = try #require(outcome.talkNotices.first)
    let talk = try #require(try harness.store.notice(id: talkID))
    #expect(talk.kind == .talk)
    #expect(talk.period == Period("2020-08"))
    #expect(talk.subjects.map { $0.stage } == [.talkDeputy])
    // Checking again the same day or later adds nothing.
    #expect(try check.run(day: Day("2020-10-15")!).escalations.isEmpty)
    #expect(try harness.store.cases().first?.stage == .talkDeputy)
    // Re-evaluating the period keeps the escalation: it is replayed in the case's history.
    try harness.evaluate("2020-08")
    #expect(try harness.store.cases().first?.stage == .talkDeputy)
  }

  @Test func aReportOnTimeStopsTheEscalationAndALateOneDoesNot() throws {
    for (submitted, escalates) in [("2020-10-13", false), ("2020-10-14", true)] {
      let harness = try EscalationHarness()
      try harness.industry(["2020-08": "7.0"])
      try harness.evaluate("2020-08")
      let reminder = try harness.approve(try #require(try harness.live().first).id, on: "2020-09-29")
      let onTime = try harness.store.recordFeedback(
        noticeID: reminder.id, text: "整改措施", fileName: nil, file: nil, actor: "丰城", at: fixedNow, day: Day(submitted)!)
      #expect(onTime == !escalates)
      let outcome = try DailyCheck(workspace: harness.workspace, thresholds: harness.thresholds, clock: { fixedNow })
        .run(day: Day("2020-10-15")!)
      #expect(outcome.escalations.isEmpty == !escalates, "report on \(submitted)")
    }
  }

  @Test func aTalkNoticeCannotBeApprovedWithoutItsTimeAndPlace() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "-1.0"])
    try harness.evaluate("2020-08")
    let talk = try #require(try harness.live().first)
    #expect(throws: NoticeRefusal.talkNeedsTimeAndPlace) { try harness.approve(talk.id, on: "2020-09-14") }
    let approved = try harness.approve(talk.id, on: "2020-09-14", talkAt: "2020-09-21 09:30", place: "市政府第一会议室")
    #expect(approved.number == "宜府办约谈〔2020〕1号")
    #expect(approved.talkAt == "2020-09-21 09:30")
  }

  @Test func anExemptedSubjectIsFlaggedAndCountsTowardNothing() throws {
    let harness = try EscalationHarness()
    try harness.store.addExemption(
      Exemption(
        region: "360981", indicator: "industry_va", project: nil, reason: "企业停产检修", createdBy: "test",
        from: Day("2020-08-01")!, until: Day("2020-09-30")!), at: fixedNow)
    try harness.industry(["2020-08": "5.0", "2020-09": "5.0", "2020-10": "5.0"])
    for period in ["2020-08", "2020-09", "2020-10"] { try harness.evaluate(period) }
    let august = try harness.store.currentFindings(period: Period("2020-08")!)
    #expect(august.first { $0.subject == .indicator(indicator: "industry_va", region: "360981") }?.exempted == true)
    // Exempted in 08 and 09: no case. October, no longer covered, opens one from scratch: red
    // (gap −3.2) goes to the deputy's talk, not twice red to the mayor.
    let cases = try harness.caseSummary()
    #expect(cases.count == 1)
    #expect(cases.first?.hasSuffix("2020-10 none→talk_deputy") == true, "\(cases)")
    #expect(try harness.live().map(\.period) == [Period("2020-10")!])
    #expect(
      try harness.store.auditLog().contains { $0.action == "exemption add" && $0.detail?.contains("企业停产检修") == true })
  }

  @Test func numbersCountPerPrefixAndYearWithoutGapsAlsoWhenApprovalsRace() async throws {
    let harness = try EscalationHarness()
    var rows = ""
    let counties = ["360902", "360921", "360922", "360923", "360924", "360925", "360926", "360981", "360982", "360983"]
    for (position, county) in counties.enumerated() {
      // One county far ahead; the rest 1.3 to 2.1 points below target: each gets a reminder.
      rows += "2020-08,\(county),industry_va,,\(position == 0 ? "20" : "6.\(position)")\n"
    }
    try harness.ingest(rows)
    try harness.evaluate("2020-08")
    let drafts = try harness.live().filter { $0.kind == .reminder }
    #expect(drafts.count >= 8)
    let store = harness.store
    let prefixes = harness.workspace.configuration.numbering
    let calendar = harness.thresholds.calendar
    let numbers = try await withThrowingTaskGroup(of: String.self) { group in
      for draft in drafts {
        let id = draft.id
        group.addTask {
          try store.approveNotice(
            id: id, documentDate: Day("2020-09-14")!, talkAt: nil, place: nil, actor: "test", at: fixedNow,
            prefixes: prefixes, calendar: calendar, reportWorkingDays: 5
          ).number ?? ""
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(Set(numbers) == Set((1...drafts.count).map { "宜经调提醒〔2020〕\($0)号" }))
    // After a restart the count goes on; a new year starts again at 1.
    let reopened = try Store(path: harness.directory.path("yujing.sqlite"))
    try harness.industry(["2020-09": "6.0"])
    try harness.evaluate("2020-09")
    let next = try #require(try harness.live().first { $0.state == .draft })
    let approved = try reopened.approveNotice(
      id: next.id, documentDate: Day("2021-01-05")!, talkAt: "2021-01-12 09:00", place: "市政府", actor: "test",
      at: fixedNow,
      prefixes: harness.workspace.configuration.numbering, calendar: harness.thresholds.calendar, reportWorkingDays: 5)
    #expect(approved.number?.hasSuffix("〔2021〕1号") == true)
  }
}

/// A small seeded generator for shuffles that a failing test can repeat.
struct SeededRandom: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state
  }
}
