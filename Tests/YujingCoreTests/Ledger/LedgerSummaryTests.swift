import Foundation
import Testing

@testable import YujingCore

/// The ledger counted for the dispatch summary and its own report: levels, 办结率 and 按期办结率, the
/// lit problems red first, and the words and tables the documents print.
@Suite struct LedgerSummaryTests {
  static func standing(
    _ code: String, level: CoordinationLevel, state: ProblemState, due: String, closedOn: String? = nil,
    returns: Int = 0, assigned: String = "2020-10-01"
  ) -> ProblemStanding {
    ProblemStanding(
      problem: Problem(
        code: code, title: "问题\(code)", unit: "市发改委", level: level, assigned: Day(assigned)!, due: Day(due)!,
        state: state),
      returns: returns, closedOn: closedOn.flatMap(Day.init))
  }

  static let standings = [
    standing("A", level: .province, state: .closed, due: "2020-12-15", closedOn: "2020-12-10"),
    standing("B", level: .city, state: .closed, due: "2020-12-01", closedOn: "2020-12-08"),
    standing("C", level: .city, state: .inProgress, due: "2020-12-18"),
    standing("D", level: .county, state: .returned, due: "2021-01-15", returns: 2),
    standing("E", level: .county, state: .inProgress, due: "2021-01-04"),
    standing("F", level: .county, state: .assigned, due: "2021-03-01"),
    // Assigned after the day: not on the ledger yet.
    standing("G", level: .county, state: .assigned, due: "2021-03-01", assigned: "2021-01-05"),
  ]

  static func summary() throws -> LedgerSummary {
    let thresholds = ProblemLightsTests.thresholds
    let day = Day("2020-12-31")!
    let lights = try ProblemLights.judge(standings, on: day, ruleSet: thresholds.ruleSet, calendar: thresholds.calendar)
    return LedgerSummary(standings: standings, lights: lights, on: day)
  }

  @Test func theRatesCountWhatWasFinishedAndWhatWasOwed() throws {
    let ledger = try Self.summary()
    #expect(ledger.total == 6)
    #expect(ledger.byLevel == [.province: 1, .city: 2, .county: 3])
    #expect(ledger.finished == 2)
    // Owed: the two finished, and C whose deadline has passed.
    #expect(ledger.owed == 3)
    // B was finished a week late.
    #expect(ledger.finishedOnTime == 1)
    #expect(ledger.finishedRate == (try Fixed(parsing: "33.3")))
    #expect(ledger.onTimeRate == (try Fixed(parsing: "33.3")))
    #expect(ledger.lights == [.red: 2, .blue: 1])
    #expect(ledger.lit.map(\.standing.problem.code) == ["C", "D", "E"])
  }

  @Test func theParagraphStatesTheCountsRatesAndLights() throws {
    #expect(
      LedgerSection.paragraph(try Self.summary())
        == "截至2020年12月31日，督办台账共有问题6个（省级1个、市级2个、县级3个）。已办结2个，办结率33.3%；"
        + "应办结3个，按期办结1个，按期办结率33.3%。正在办理4个，其中红灯2个、蓝灯1个，具体如下。")
  }

  @Test func theSummaryGainsTheLedgerSectionOnlyWhenThereIsALedger() throws {
    let configuration = try Configuration.embeddedDefault()
    let summary = DispatchSummary(
      configuration: configuration, templates: try NoticeTemplates.load(configuration: configuration))
    let period = Period(year: 2020, month: 12)!
    let without = summary.document(SummaryFacts(period: period, indicators: [], projects: [], notices: []))
    let with = summary.document(
      SummaryFacts(period: period, indicators: [], projects: [], notices: [], ledger: try Self.summary()))
    func headings(_ document: OfficialDocument) -> [String] {
      document.body.compactMap { if case .heading(1, let text) = $0 { text } else { nil } }
    }
    #expect(!headings(without).contains { $0.contains("督办事项") })
    let position = try #require(headings(with).firstIndex { $0.contains("督办事项办理情况") })
    // After the projects, numbered in order with the rest.
    #expect(headings(with)[position - 1].contains("重点项目推进情况"), "\(headings(with))")
    #expect(headings(with)[position].hasPrefix(Chinese.ordinal(position + 1) + "、"), "\(headings(with))")
    let tables: [OfficialDocument.Table] = with.body.compactMap {
      if case .table(let table) = $0 { table } else { nil }
    }
    let table = try #require(tables.first { $0.caption?.contains("亮灯督办事项") == true })
    #expect(table.rows.map { $0[0].text } == ["C", "D", "E"])
    #expect(table.rows[0][5].text == "办理中，超期9个工作日")
    #expect(table.rows[1][5].text == "退回，退回2次，剩余10个工作日")
    #expect(table.rows[0][6].level == .red)
  }

  @Test func theLedgersOwnReportListsEveryProblem() throws {
    let document = LedgerReport.document(try Self.summary(), configuration: try! Configuration.embeddedDefault())
    let tables = document.body.compactMap { if case .table(let table) = $0 { table } else { nil } }
    #expect(tables.count == 2)
    #expect(tables.last?.rows.map { $0[0].text } == ["A", "B", "C", "D", "E", "F"])
  }
}
