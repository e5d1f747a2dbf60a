import Foundation
import GRDB
import Testing

@testable import YujingCore

/// The packed copy of each period's figures that evaluations read (`observation_snapshot`) must
/// say exactly what the rows say, after every kind of run, and must never be trusted when damaged.
@Suite struct PeriodSnapshotTests {
  private func ingest(_ workspace: Workspace, _ csv: String) throws -> FeedRunSummary {
    try Ingestion(workspace: workspace, clock: { fixedNow }).run(
      feed: "stats", input: .init(source: "snapshot.csv", data: Data(csv.utf8)))
  }

  /// The table the rows give, built without the snapshot.
  private func tableFromRows(_ workspace: Workspace, _ period: Period, _ index: SubjectIndex) throws
    -> ObservationTable?
  {
    let observations = try workspace.store.observations(period: period)
    return observations.isEmpty ? nil : ObservationTable(observations, index: index)
  }

  private func same(_ a: ObservationTable?, _ b: ObservationTable?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return a.value == b.value && a.growth == b.growth && a.publishedRank == b.publishedRank
  }

  private func storedSnapshotCount(_ workspace: Workspace) throws -> Int {
    try workspace.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM observation_snapshot") }
      ?? 0
  }

  @Test func revisionsOmissionsAndNewRowsReachTheSnapshotOfEveryPeriodTheyTouch() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let index = SubjectIndex(configuration: workspace.configuration)
    _ = try ingest(
      workspace,
      """
      period,region,indicator,value,growth,rank
      2020-05,360981,industry_va,,5.2,3
      2020-05,360981,fiscal_general,23.51,3.1,
      2020-05,360902,fiscal_general,12.00,-1.5,7
      2020-04,360981,fiscal_general,18.20,2.0,
      """)
    #expect(try storedSnapshotCount(workspace) == 2)
    // A revision, an omitted growth (which keeps the stored one), a new row, a new period.
    let second = try ingest(
      workspace,
      """
      period,region,indicator,value,growth,rank
      2020-05,360981,industry_va,,5.9,
      2020-05,360902,fiscal_general,12.40,,
      2020-05,360983,fiscal_general,8.00,4.4,2
      2020-06,360981,fiscal_general,27.00,3.3,
      """)
    #expect(second.revised == 2 && second.inserted == 2)
    #expect(try storedSnapshotCount(workspace) == 3)
    for month in 4...6 {
      let period = Period(year: 2020, month: month)!
      let table = try workspace.store.observationTable(period: period, index: index)
      #expect(same(table, try tableFromRows(workspace, period, index)), "\(period)")
    }
    let may = try #require(try workspace.store.observationTable(period: Period(year: 2020, month: 5)!, index: index))
    let kept = try #require(
      index.slot(.init(period: Period(year: 2020, month: 5)!, region: "360902", indicator: "fiscal_general")))
    #expect(may.value[kept] == (try Fixed(parsing: "12.40")).units)
    #expect(may.growth[kept] == (try Fixed(parsing: "-1.5")).units)
    #expect(may.publishedRank[kept] == 7 * Fixed.scale)
    let revised = try #require(
      index.slot(.init(period: Period(year: 2020, month: 5)!, region: "360981", indicator: "industry_va")))
    #expect(may.growth[revised] == (try Fixed(parsing: "5.9")).units)
    #expect(may.value[revised] == absent)
    #expect(may.publishedRank[revised] == 3 * Fixed.scale)
  }

  @Test func aPeriodWithoutItsSnapshotOrWithADamagedOneIsReadFromItsRows() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let index = SubjectIndex(configuration: workspace.configuration)
    _ = try ingest(workspace, sampleRows)
    let may = Period(year: 2020, month: 5)!
    let expected = try tableFromRows(workspace, may, index)
    #expect(expected != nil)
    try workspace.store.writer.write { db in
      try db.execute(sql: "UPDATE observation_snapshot SET data = substr(data, 1, length(data) - 3)")
    }
    #expect(same(try workspace.store.observationTable(period: may, index: index), expected))
    try workspace.store.writer.write { db in try db.execute(sql: "DELETE FROM observation_snapshot") }
    #expect(same(try workspace.store.observationTable(period: may, index: index), expected))
    #expect(try workspace.store.observationTable(period: Period(year: 2019, month: 5)!, index: index) == nil)
  }

  @Test func theBlobRoundTripsAndAnyCutOrForeignBlobIsRefused() throws {
    var snapshot = PeriodSnapshot()
    let rows: [(String, String, Int64, Int64, Int64)] = [
      ("360902", "fiscal_general", 1_200, absent, absent),
      ("360902", "industry_va", absent, -15, 3 * Fixed.scale),
      ("360981", "fiscal_general", 2_351, 31, absent),
      ("360981", "industry_va", absent, 52, absent),
      ("360983", "industry_va", 7, 8, 9),
    ]
    for (region, indicator, value, growth, rank) in rows {
      Array(region.utf8).withUnsafeBufferPointer { regionBytes in
        Array(indicator.utf8).withUnsafeBufferPointer { indicatorBytes in
          snapshot.append(
            region: regionBytes, indicator: indicatorBytes, value: value, growth: growth, publishedRank: rank)
        }
      }
    }
    #expect(snapshot.regions.count == 3 && snapshot.indicators.count == 2 && snapshot.rowCount == 5)
    let blob = snapshot.encoded()
    #expect(blob.withUnsafeBytes { PeriodSnapshot(encoded: $0) } == snapshot)
    for length in 0..<blob.count {
      #expect(blob[..<length].withUnsafeBytes { PeriodSnapshot(encoded: $0) } == nil, "cut at \(length)")
    }
    #expect((blob + [0]).withUnsafeBytes { PeriodSnapshot(encoded: $0) } == nil)
    var otherVersion = blob
    otherVersion[3] = UInt8(ascii: "9")
    #expect(otherVersion.withUnsafeBytes { PeriodSnapshot(encoded: $0) } == nil)
    // A row naming a region or an indicator beyond the lists.
    var badRegion = snapshot
    badRegion.rowRegion[2] = 3
    #expect(badRegion.encoded().withUnsafeBytes { PeriodSnapshot(encoded: $0) } == nil)
    var badIndicator = snapshot
    badIndicator.rowIndicator[4] = 2
    #expect(badIndicator.encoded().withUnsafeBytes { PeriodSnapshot(encoded: $0) } == nil)
    // Extremes survive: the largest figures either way, zero, and absent.
    var extremes = snapshot
    extremes.value = [Int64.max, Int64.min + 1, 0, absent, -1]
    #expect(extremes.encoded().withUnsafeBytes { PeriodSnapshot(encoded: $0) } == extremes)
    // About 11 bytes a row, not 32.
    #expect(blob.count < 4 + 3 + 3 * 7 + 2 * 15 + 5 * 14)
  }

  @Test func rowsOfSubjectsTheConfigurationDoesNotKnowAreLeftOut() throws {
    var configuration = try Configuration.embeddedDefault()
    let index = SubjectIndex(configuration: configuration)
    var snapshot = PeriodSnapshot()
    for (region, figure) in [("999999", Int64(5)), ("360981", 6)] {
      Array(region.utf8).withUnsafeBufferPointer { regionBytes in
        Array("fiscal_general".utf8).withUnsafeBufferPointer { indicatorBytes in
          snapshot.append(
            region: regionBytes, indicator: indicatorBytes, value: figure, growth: absent, publishedRank: absent)
        }
      }
    }
    let table = try #require(snapshot.table(index: index))
    let slot = try #require(
      index.slot(.init(period: Period(year: 2020, month: 5)!, region: "360981", indicator: "fiscal_general")))
    #expect(table.value[slot] == 6)
    #expect(table.value.filter { $0 != absent }.count == 1)
    configuration.regions.removeAll { $0.code == "360981" }
    #expect(snapshot.table(index: SubjectIndex(configuration: configuration)) == nil)
  }

  @Test func aNewPeriodsSnapshotIsBuiltFromItsRowsInKeyOrderAndReadBackOtherwise() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    // 2020-04 arrives in key order, 2020-05 does not (a county before the city's code).
    _ = try ingest(
      workspace,
      """
      period,region,indicator,value,growth,rank
      2020-04,360902,fiscal_general,12.00,-1.5,7
      2020-04,360902,industry_va,,4.4,
      2020-04,360981,fiscal_general,18.20,2.0,
      2020-05,360981,fiscal_general,23.51,3.1,
      2020-05,360902,fiscal_general,0.10,0.2,
      """)
    let problems = try StoreAudit(path: directory.path("yujing.sqlite")).snapshots()
    #expect(problems.isEmpty, "\(problems)")
    let april = try workspace.store.writer.read { db in
      try workspace.store.snapshotFromRows(db, period: Period(year: 2020, month: 4)!)
    }
    var inOrder = FreshSnapshot()
    var outOfOrder = FreshSnapshot()
    for observation in try workspace.store.observations(period: Period(year: 2020, month: 4)!) {
      inOrder.add(observation)
    }
    for observation in try workspace.store.observations(period: Period(year: 2020, month: 4)!).reversed() {
      outOfOrder.add(observation)
    }
    #expect(inOrder.snapshot == april)
    #expect(outOfOrder.snapshot == nil)
  }
}
