import Foundation
import Testing

@testable import YujingCore

/// The sample office's January to May, issued as the office would, then evaluated again: a
/// period's findings change only when its data, targets, rules or exemptions do, and a notice
/// issued on a finding that no longer holds is withdrawn by the organ that issued it.
@Suite struct ReevaluationTests {
  struct Office {
    let directory: TemporaryDirectory
    let workspace: Workspace
    let thresholds: Thresholds

    init() throws {
      directory = try TemporaryDirectory()
      workspace = try openDefaultWorkspace(directory)
      _ = try SampleReplay(workspace: workspace).loadBaseline()
      let rules = directory.url.appendingPathComponent("thresholds")
      try SampleReplay.writeThresholds(into: rules)
      thresholds = try Thresholds.load(configuration: workspace.configuration, directory: rules)
      try SampleOffice(workspace: workspace, thresholds: thresholds).run(until: Day("2020-06-20")!) { _ in }
    }

    func evaluate(_ period: String, asOf: String) throws -> PeriodEvaluation.Outcome {
      try PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: { fixedNow })
        .run(period: Period(period)!, asOf: Day(asOf)!, dryRun: false)
    }
  }

  static let months = ["2020-01", "2020-02", "2020-03", "2020-04", "2020-05"]

  @Test func evaluatingJanuaryToMayAgainYearsLaterChangesNothing() throws {
    let office = try Office()
    let store = office.workspace.store
    let notices = try store.notices()
    #expect(notices.contains { $0.state == .approved && $0.kind == .talk }, "the months issued a talk notice")
    var findings: [String: [Finding]] = [:]
    for month in Self.months { findings[month] = try store.currentFindings(period: Period(month)!) }
    for month in Self.months {
      let outcome = try office.evaluate(month, asOf: "2026-12-04")
      #expect(outcome.notices.isEmpty, "\(month): \(outcome.notices)")
      #expect(outcome.findings.map(\.subject) == findings[month]?.map(\.subject), "\(month)")
      #expect(outcome.findings.map(\.level) == findings[month]?.map(\.level), "\(month)")
    }
    #expect(try store.notices() == notices)
  }

  @Test func anExemptionGrantedLaterWithdrawsTheNoticesItsFindingsCarriedByTheirOwnOrgans() throws {
    let office = try Office()
    let store = office.workspace.store
    let configuration = office.workspace.configuration
    // P2020-034's start overdue: a reminder for April and a deputy mayor's talk for May, both issued
    // (the reminder's report since accepted: 办结).
    let issued = try store.notices().filter {
      $0.number != nil && $0.subjects.contains { $0.subject == .project("P2020-034") }
    }
    let reminder = try #require(issued.first { $0.kind == .reminder })
    let talk = try #require(issued.first { $0.kind == .talk })
    #expect(reminder.number?.hasPrefix("宜经调提醒") == true && talk.number?.hasPrefix("宜府办约谈") == true)

    // The office learns the land was not handed over: the project is exempted for those months.
    _ = try store.addExemption(
      Exemption(
        region: nil, indicator: nil, project: "P2020-034", reason: "征地未交付，开工时间顺延", createdBy: "test",
        from: Day("2020-04-01")!, until: Day("2020-05-31")!), at: fixedNow)
    _ = try office.evaluate("2020-04", asOf: "2020-06-22")

    let withdrawals = try store.notices().filter { $0.corrects != nil && $0.state == .draft }
    let ofReminder = try #require(withdrawals.first { $0.corrects == reminder.id })
    let ofTalk = try #require(withdrawals.first { $0.corrects == talk.id })
    #expect(ofReminder.title == "关于撤回\(reminder.number!)文件的通知")
    #expect(ofTalk.title == "关于撤回\(talk.number!)文件的通知")
    #expect(ofReminder.subjects.isEmpty && ofTalk.subjects.isEmpty)
    // Each by the organ that issued what it withdraws, asking for nothing.
    #expect(NoticeDocument.make(ofReminder, configuration: configuration).issuerMark == "宜春市经济运行调度办公室")
    #expect(NoticeDocument.make(ofTalk, configuration: configuration).issuerMark == "宜春市人民政府办公室")
    #expect(!ofTalk.body.contains("整改"), "\(ofTalk.body)")
    // The case no longer stands at a stage.
    let standing = try store.cases().filter {
      $0.subject == .project("P2020-034") && $0.closedPeriod == nil && $0.stage != .none
    }
    #expect(standing.isEmpty, "\(standing)")
    #expect(withdrawals.count == 2, "\(withdrawals.map(\.title))")
  }
}
