import Foundation
import GRDB
import Testing

@testable import YujingCore

@Suite struct PeriodEvaluationTests {
  func workspace(_ directory: TemporaryDirectory) throws -> (Workspace, PeriodEvaluation) {
    let workspace = try openDefaultWorkspace(directory)
    let thresholds = try Thresholds.load(configuration: workspace.configuration)
    return (workspace, PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: { fixedNow }))
  }

  func ingest(_ workspace: Workspace, _ rows: String) throws {
    _ = try Ingestion(workspace: workspace, clock: { fixedNow }).run(
      feed: "stats", input: .init(source: "x.csv", data: Data(("period,region,indicator,value,growth\n" + rows).utf8)))
  }

  func evaluationCount(_ workspace: Workspace) throws -> Int {
    try workspace.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluation") ?? 0 }
  }

  @Test func evaluatingTheSamePeriodTwiceWritesNothingAndPrintsTheSameJSON() throws {
    let directory = try TemporaryDirectory()
    let (workspace, evaluation) = try workspace(directory)
    try ingest(workspace, "2020-05,360981,industry_va,,7.2\n2020-05,360982,industry_va,,8.5\n")
    let asOf = Day("2020-06-12")!
    let first = try evaluation.run(period: Period("2020-05")!, asOf: asOf, dryRun: false)
    #expect(first.stored != nil)
    // The project feed never delivered anything: it has not begun, so it is not late.
    #expect(
      first.findings.map(\.subject) == [.indicator(indicator: "industry_va", region: "360981")])
    let second = try evaluation.run(period: Period("2020-05")!, asOf: asOf, dryRun: false)
    #expect(second.stored == nil)
    #expect(second.json == first.json)
    #expect(try evaluationCount(workspace) == 1)
    #expect(try workspace.store.currentFindings(period: Period("2020-05")!).map(\.level) == [.yellow])
  }

  @Test func aDryRunPrintsTheSameJSONAndStoresNothing() throws {
    let directory = try TemporaryDirectory()
    let (workspace, evaluation) = try workspace(directory)
    try ingest(workspace, "2020-05,360981,industry_va,,7.2\n")
    let dry = try evaluation.run(period: Period("2020-05")!, asOf: Day("2020-06-12")!, dryRun: true)
    #expect(try evaluationCount(workspace) == 0)
    let stored = try evaluation.run(period: Period("2020-05")!, asOf: Day("2020-06-12")!, dryRun: false)
    #expect(dry.json == stored.json)
  }

  @Test func aRevisedFigureReevaluatesThePeriodWithNewFindings() throws {
    let directory = try TemporaryDirectory()
    let (workspace, evaluation) = try workspace(directory)
    try ingest(workspace, "2020-05,360981,industry_va,,7.2\n")
    _ = try evaluation.run(period: Period("2020-05")!, asOf: Day("2020-06-12")!, dryRun: false)
    try ingest(workspace, "2020-05,360981,industry_va,,6.2\n")
    let revised = try evaluation.run(period: Period("2020-05")!, asOf: Day("2020-06-20")!, dryRun: false)
    #expect(revised.stored != nil)
    #expect(try workspace.store.currentFindings(period: Period("2020-05")!).first?.level == .orange)
    #expect(try evaluationCount(workspace) == 2)
  }

  @Test func storedFindingsReadBackAsEvaluated() throws {
    let directory = try TemporaryDirectory()
    let (workspace, evaluation) = try workspace(directory)
    try ingest(workspace, "2020-05,360981,industry_va,,7.2\n2020-05,360000,industry_va,,7.5\n")
    let outcome = try evaluation.run(period: Period("2020-05")!, asOf: Day("2020-06-12")!, dryRun: false)
    let stored = try workspace.store.currentFindings(period: Period("2020-05")!)
    #expect(stored == outcome.findings)
  }
}
