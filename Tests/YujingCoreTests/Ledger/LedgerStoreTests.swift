import Foundation
import Testing

@testable import YujingCore

/// The 督办台账 in a real database: imports that keep the good rows and explain the bad ones,
/// re-imports that change nothing, revisions that keep the earlier values, and steps that a
/// re-import does not undo.
@Suite struct LedgerStoreTests {
  static let header = "code,title,description,source,unit,co_units,leader,level,assigned,due,state\n"

  static func read(_ csv: String, workspace: Workspace) throws -> ProblemCSV.Batch {
    try ProblemFile.read(
      Data(csv.utf8), isWorkbook: false, units: ProblemCSV.Units(configuration: workspace.configuration),
      calendar: ProblemLightsTests.thresholds.calendar)
  }

  @Test func goodRowsAreKeptAndEachBadOneIsNamedByLineFieldAndReason() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let batch = try Self.read(
      Self.header
        + "A1,用地,,,fgw,czj;市财政局;市发改委,,city,2020-11-02,10,\n"
        + "A2,,,,fgw,,,city,2020-11-02,10,\n"
        + "A3,t,,,发改委,,,city,2020-11-02,10,\n"
        + "A4,t,,,fgw,,,town,2020-11-02,10,\n"
        + "A5,t,,,fgw,,,city,2020-11-02,soon,\n"
        + "A6,t,,,fgw,,,city,2020-11-02,2020-10-01,\n"
        + "A7,t,,,fgw,,,city,2020-11-02,10,finished\n"
        + "A1,again,,,fgw,,,city,2020-11-02,10,\n",
      workspace: workspace)
    #expect(batch.rows.map(\.problem.code) == ["A1"])
    let a1 = try #require(batch.rows.first?.problem)
    #expect(a1.unit == "市发改委")
    // 协办 units by code or name, without the 主办 unit and without repeats.
    #expect(a1.coUnits == ["市财政局"])
    // Ten working days after Monday 2020-11-02.
    #expect(a1.due == Day("2020-11-16"))
    let reasons = batch.rejections.map { "\($0.location.line ?? 0) \($0.field ?? "-"): \($0.reason)" }
    #expect(reasons.count == 7, "\(reasons)")
    #expect(reasons.contains { $0.hasPrefix("3 title:") })
    #expect(reasons.contains { $0.hasPrefix("4 unit:") && $0.contains("did you mean '市发改委'") })
    #expect(reasons.contains { $0.hasPrefix("5 level:") && $0.contains("county, city, province") })
    #expect(reasons.contains { $0.hasPrefix("6 due:") && $0.contains("number of working days") })
    #expect(reasons.contains { $0.hasPrefix("7 due:") && $0.contains("before the day the problem was assigned") })
    #expect(reasons.contains { $0.hasPrefix("8 state:") && $0.contains("交办") })
    #expect(reasons.contains { $0.hasPrefix("9 code:") && $0.contains("duplicate of line 2") })
  }

  @Test func theSameFileTwiceChangesNothingAndAChangedRowIsARevisionWithItsEarlierValues() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let day = Day("2020-11-02")!
    let first = Self.header + "B1,用地指标,,,fgw,,,city,2020-11-02,2020-12-18,\nB2,资金,,,czj,,,county,2020-11-02,5,\n"
    let added = try workspace.store.importProblems(
      try Self.read(first, workspace: workspace), day: day, actor: "t", at: fixedNow)
    #expect(added.added == ["B1", "B2"])
    let again = try workspace.store.importProblems(
      try Self.read(first, workspace: workspace), day: day, actor: "t", at: fixedNow)
    #expect(again.added.isEmpty && again.revised.isEmpty && again.unchanged == 2)

    let changed = Self.header + "B1,用地指标,,,fgw,,,province,2020-11-02,2020-12-25,\nB2,资金,,,czj,,,county,2020-11-02,5,\n"
    let revised = try workspace.store.importProblems(
      try Self.read(changed, workspace: workspace), day: day, actor: "t", at: fixedNow)
    #expect(revised.revised == ["B1"] && revised.unchanged == 1)
    let b1 = try #require(try workspace.store.problemStanding(code: "B1"))
    #expect(b1.problem.level == .province && b1.problem.due == Day("2020-12-25"))
    let revision = try #require(try workspace.store.problemEvents(code: "B1").last)
    #expect(revision.action == "revise")
    #expect(revision.detail?.contains("level: city → province") == true)
    #expect(revision.detail?.contains("due: 2020-12-18 → 2020-12-25") == true)
  }

  @Test func aReimportDoesNotUndoTheStepsTakenSince() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let calendar = ProblemLightsTests.thresholds.calendar
    let file = Self.header + "C1,t,,,fgw,,,city,2020-11-02,2020-11-30,办理中\n"
    _ = try workspace.store.importProblems(
      try Self.read(file, workspace: workspace), day: Day("2020-11-02")!, actor: "t", at: fixedNow)
    try workspace.store.applyProblemAction(
      .requestClose(text: "已完成"), code: "C1", day: Day("2020-11-25")!, actor: "unit", at: fixedNow,
      calendar: calendar)
    try workspace.store.applyProblemAction(
      .sendBack(reason: "未完成", due: Day("2020-12-31")), code: "C1", day: Day("2020-11-27")!, actor: "office",
      at: fixedNow, calendar: calendar)
    let summary = try workspace.store.importProblems(
      try Self.read(file, workspace: workspace), day: Day("2020-12-01")!, actor: "t", at: fixedNow)
    #expect(summary.unchanged == 1)
    let c1 = try #require(try workspace.store.problemStanding(code: "C1"))
    #expect(c1.problem.state == .returned)
    #expect(c1.problem.due == Day("2020-12-31"))
    #expect(c1.returns == 1)
    #expect(try workspace.store.problemEvents(code: "C1").map(\.action) == ["import", "request_close", "return"])
  }

  @Test func aRefusedStepChangesNothing() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let calendar = ProblemLightsTests.thresholds.calendar
    _ = try workspace.store.importProblems(
      try Self.read(Self.header + "D1,t,,,fgw,,,city,2020-11-02,2020-11-30,\n", workspace: workspace),
      day: Day("2020-11-02")!, actor: "t", at: fixedNow)
    #expect(throws: ProblemLifecycle.Refusal.notAwaitingDecision(.assigned)) {
      try workspace.store.applyProblemAction(
        .sendBack(reason: "r", due: nil), code: "D1", day: Day("2020-11-27")!, actor: "o", at: fixedNow,
        calendar: calendar)
    }
    #expect(throws: UnknownProblem.self) {
      try workspace.store.applyProblemAction(
        .close(comment: nil), code: "NOPE", day: Day("2020-11-27")!, actor: "o", at: fixedNow, calendar: calendar)
    }
    #expect(try workspace.store.problemEvents(code: "D1").map(\.action) == ["import"])
  }

  @Test(.needs(.python3, .openpyxl)) func aWorkbookIsReadLikeTheCSVAndABadCellIsNamedBySheetAndCell() throws {
    guard
      let data = try PythonWriter.write(
        module: "openpyxl", package: "openpyxl",
        script: """
          import sys, datetime, openpyxl
          book = openpyxl.Workbook()
          ws = book.active
          ws.title = "台账"
          ws.append(["code", "title", "unit", "level", "assigned", "due"])
          ws.append(["X1", "用地", "市发改委", "city", datetime.date(2020, 11, 2), datetime.date(2020, 12, 18)])
          ws.append(["X2", "资金", "czj", "county", datetime.date(2020, 11, 2), 10])
          ws.append([])
          ws.append(["X3", "t", "nobody", "city", datetime.date(2020, 11, 2), 10])
          book.save(sys.argv[1])
          """, suffix: ".xlsx")
    else { return }
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let batch = try ProblemFile.read(
      data, isWorkbook: true, units: ProblemCSV.Units(configuration: workspace.configuration),
      calendar: ProblemLightsTests.thresholds.calendar)
    #expect(batch.rows.map(\.problem.code) == ["X1", "X2"])
    #expect(batch.rows.first?.problem.due == Day("2020-12-18"))
    #expect(batch.rows.last?.problem.due == Day("2020-11-16"))
    let rejection = try #require(batch.rejections.first)
    #expect(rejection.location.sheet == "台账")
    #expect(rejection.location.cell == "C5", "\(rejection)")
  }
}
