import Foundation
import GRDB
import Testing

@testable import YujingCore

@Suite struct IngestionTests {
  func ingest(_ workspace: Workspace, _ text: String, feed: String = "stats", source: String = "feed.csv") throws
    -> FeedRunSummary
  {
    try Ingestion(workspace: workspace, clock: { fixedNow }).run(
      feed: feed, input: .init(source: source, data: Data(text.utf8)))
  }

  @Test func ingestingTheSameFileTwiceAddsNoRevision() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let first = try ingest(workspace, sampleRows)
    #expect((first.status, first.inserted, first.revised, first.unchanged) == (.ok, 3, 0, 0))
    #expect(first.periods == [Period("2020-05")!])
    let second = try ingest(workspace, sampleRows)
    #expect((second.status, second.inserted, second.revised, second.unchanged) == (.ok, 0, 0, 3))
    #expect(second.periods.isEmpty)
    let key = Observation.Key(period: Period("2020-05")!, region: "360981", indicator: "industry_va")
    #expect(try workspace.store.observation(key)?.revision == 1)
    #expect(try workspace.store.observationRevisions(key).isEmpty)
  }

  @Test func aChangedFigureIsANewRevisionAndTheOldOneIsKept() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let first = try ingest(workspace, sampleRows)
    let revisedRun = try ingest(workspace, sampleRows.replacingOccurrences(of: ",,5.2", with: ",,5.4"))
    #expect((revisedRun.inserted, revisedRun.revised, revisedRun.unchanged) == (0, 1, 2))
    #expect(revisedRun.periods == [Period("2020-05")!])
    let key = Observation.Key(period: Period("2020-05")!, region: "360981", indicator: "industry_va")
    let current = try #require(try workspace.store.observation(key))
    #expect(current.observation.growth == (try Fixed(parsing: "5.4")))
    #expect(current.revision == 2)
    #expect(current.feedRunID == revisedRun.id)
    let old = try workspace.store.observationRevisions(key)
    #expect(old.map(\.revision) == [1])
    #expect(old.first?.observation.growth == (try Fixed(parsing: "5.2")))
    #expect(old.first?.feedRunID == first.id)
  }

  @Test func anEmptyFieldNeverErasesAStoredFigure() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    _ = try ingest(workspace, "period,region,indicator,value,growth\n2020-05,360981,fiscal_general,23.51,3.1\n")
    let run = try ingest(workspace, "period,region,indicator,growth\n2020-05,360981,fiscal_general,3.1\n")
    #expect(run.unchanged == 1)
    let key = Observation.Key(period: Period("2020-05")!, region: "360981", indicator: "fiscal_general")
    #expect(try workspace.store.observation(key)?.observation.value == (try Fixed(parsing: "23.51")))
  }

  @Test func badRowsAreStoredWithTheRunAndGoodRowsAreApplied() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let run = try ingest(workspace, sampleRows + "2020-05,360981,retail,,x\n")
    #expect(run.status == .partial)
    #expect((run.inserted, run.rejected) == (3, 1))
    let stored = try workspace.store.rejections(ofRun: run.id)
    #expect(stored.count == 1)
    #expect(stored.first?.location == "line 5, column 24")
    #expect(stored.first?.field == "growth")
    let runs = try workspace.store.feedRuns(feed: "stats")
    #expect(runs.first?.status == .partial)
    #expect(runs.first?.rejected == 1)
  }

  @Test func unreadableFileIsRecordedAsAFailedRunAndChangesNothing() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    _ = try ingest(workspace, sampleRows)
    let run = try ingest(workspace, "region,indicator\n360981,fai\n")
    #expect(run.status == .failed)
    #expect(run.message?.contains("the header lacks period") == true)
    #expect(try workspace.store.observationCount() == 3)
    #expect(try workspace.store.feedRuns(feed: "stats").map(\.status) == [.failed, .ok])
  }

  @Test func aRunWhoseEveryRowIsRejectedAppliesNothing() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let run = try ingest(workspace, "period,region,indicator,value,growth\n2020-05,1,fai,,1\n2020-05,2,fai,,1\n")
    #expect(run.status == .failed)
    #expect(run.rejected == 2)
    #expect(try workspace.store.observationCount() == 0)
  }

  @Test func unknownFeedAndUnknownFormatAreClearErrors() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    #expect(throws: Ingestion.Failure.self) { try ingest(workspace, sampleRows, feed: "nope") }
    #expect(throws: Ingestion.Failure.self) { try ingest(workspace, sampleRows, source: "data.txt") }
  }

  @Test func projectRunKeepsProjectsProgressAndMilestonesWithRevisions() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let ingestion = Ingestion(workspace: workspace, clock: { fixedNow })
    let milestones = Ingestion.Input(
      source: "m.csv", data: Data("project,stage,due,done\nP2020-017,环评,2020-05-01,\n".utf8))
    let first = try ingestion.run(
      feed: "projects", input: .init(source: "p.csv", data: Data("\(projectHeader)\n\(goodProjectRow)\n".utf8)),
      milestones: milestones)
    #expect((first.status, first.inserted) == (.ok, 2))
    let changed = goodProjectRow.replacingOccurrences(of: ",3.1,", with: ",3.6,")
    let second = try ingestion.run(
      feed: "projects", input: .init(source: "p.csv", data: Data("\(projectHeader)\n\(changed)\n".utf8)),
      milestones: Ingestion.Input(
        source: "m.csv", data: Data("project,stage,due,done\nP2020-017,环评,2020-05-01,2020-05-20\n".utf8)))
    #expect((second.revised, second.inserted) == (2, 0))
    let (revisions, milestoneRevisions) = try workspace.store.writer.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM project_progress_revision"),
        try Int.fetchOne(db, sql: "SELECT count(*) FROM milestone_revision")
      )
    }
    #expect(revisions == 1)
    #expect(milestoneRevisions == 1)
  }
}
