import Foundation
import GRDB
import Testing

@testable import YujingCore

/// A fresh database file in a temporary directory, removed when the test ends.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("yujing-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  deinit { try? FileManager.default.removeItem(at: url) }
}

/// A fixed clock for tests: 2020-06-12 09:00 in Shanghai.
let fixedNow = Date(timeIntervalSince1970: 1_591_923_600)

func openDefaultWorkspace(
  _ directory: TemporaryDirectory, configure: (inout YujingCore.Configuration) -> Void = { _ in }
) throws -> Workspace {
  var configuration = try Configuration.embeddedDefault()
  configure(&configuration)
  return try Workspace.open(configuration: configuration, databasePath: directory.path("yujing.sqlite"), now: fixedNow)
}

@Suite struct StoreTests {
  @Test func migratesAnEmptyDatabaseInWALModeWithForeignKeys() throws {
    let directory = try TemporaryDirectory()
    let store = try Store(path: directory.path("new.sqlite"))
    #expect(try store.appliedMigrations() == Migrations.migrator.migrations)
    let (journal, foreignKeys) = try store.writer.read { db in
      (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
    }
    #expect(journal == "wal")
    #expect(foreignKeys == 1)
  }

  @Test func reopeningAnExistingDatabaseKeepsItsDataAndAppliesNothingTwice() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let ingestion = Ingestion(workspace: workspace, clock: { fixedNow })
    _ = try ingestion.run(feed: "stats", input: .init(source: "a.csv", data: Data(sampleRows.utf8)))
    let reopened = try Store(path: directory.path("yujing.sqlite"))
    #expect(try reopened.appliedMigrations() == Migrations.migrator.migrations)
    #expect(try reopened.observationCount() == 3)
  }

  @Test func rebuildingTheObservationTableKeepsItsFiguresAndRevisions() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("before.sqlite")
    let pool = try DatabasePool(path: path)
    try Migrations.migrator.migrate(pool, upTo: "2026-11-26 projects")
    try pool.write { db in
      try db.execute(sql: "INSERT INTO department (code, name) VALUES ('gxj', '市工信局')")
      try db.execute(sql: "INSERT INTO region (code, name, kind) VALUES ('360981', '丰城市', 'county')")
      try db.execute(
        sql: """
          INSERT INTO indicator (code, name, unit, frequency, form, polarity, lead_department, january)
          VALUES ('industry_va', '规上工业', '%', 'monthly', 'growth', 'higher_is_better', 'gxj', 'combined')
          """)
      try db.execute(
        sql:
          "INSERT INTO feed_run (feed, kind, source, started_at, finished_at, status) VALUES ('s','indicators','x','t','t','ok')"
      )
      try db.execute(
        sql:
          "INSERT INTO observation (period, region, indicator, growth, feed_run_id) VALUES ('2020-05', '360981', 'industry_va', 5.2, 1)"
      )
    }
    try pool.close()
    let store = try Store(path: path)
    try store.writer.write { db in
      try db.execute(sql: "UPDATE observation SET growth = 5.4, revision = 2")
    }
    let key = Observation.Key(period: Period("2020-05")!, region: "360981", indicator: "industry_va")
    #expect(try store.observation(key)?.observation.growth == (try Fixed(parsing: "5.4")))
    // The trigger that keeps revisions survived the rebuild.
    #expect(try store.observationRevisions(key).map(\.observation.growth) == [try Fixed(parsing: "5.2")])
  }

  @Test func migrationOfADatabaseAtAnEarlierVersionAppliesOnlyTheRest() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("old.sqlite")
    let pool = try DatabasePool(path: path)
    try Migrations.migrator.migrate(pool, upTo: "2026-11-26 feed runs")
    try pool.write { db in
      try db.execute(sql: "INSERT INTO department (code, name) VALUES ('gxj', '市工信局')")
    }
    try pool.close()
    let store = try Store(path: path)
    #expect(try store.appliedMigrations() == Migrations.migrator.migrations)
    #expect(try store.writer.read { db in try String.fetchOne(db, sql: "SELECT name FROM department") } == "市工信局")
  }

  /// Every start brings the catalogue in step: an unchanged configuration writes no row, and a
  /// change reaches exactly the rows it touches, a field set to nothing included.
  @Test func theCatalogueSyncWritesOnlyWhatChanged() throws {
    let store = try Store()
    var configuration = try Configuration.embeddedDefault()
    func changes() throws -> Int { try store.writer.writeWithoutTransaction { db in db.totalChangesCount } }
    func sync() throws -> Int {
      let before = try changes()
      try store.syncCatalogue(configuration)
      return try changes() - before
    }
    let rows = configuration.departments.count + configuration.regions.count + configuration.indicators.count
    #expect(try sync() == rows)
    #expect(try sync() == 0, "an unchanged configuration writes nothing")

    configuration.regions[2].name = "丰城"
    configuration.regions[3].addressee = nil
    configuration.indicators[1].unit = "亿元"
    #expect(try sync() == 3)
    let stored = try store.writer.read { db in
      (
        try String.fetchOne(
          db, sql: "SELECT name FROM region WHERE code = ?", arguments: [configuration.regions[2].code]),
        try Row.fetchOne(
          db, sql: "SELECT addressee FROM region WHERE code = ?", arguments: [configuration.regions[3].code]),
        try String.fetchOne(
          db, sql: "SELECT unit FROM indicator WHERE code = ?", arguments: [configuration.indicators[1].code])
      )
    }
    #expect(stored.0 == "丰城")
    #expect(stored.1?["addressee"] as String? == nil)
    #expect(stored.2 == "亿元")
    #expect(try sync() == 0)
  }

  @Test func constraintsRefuseWhatTheCodeShouldNeverWrite() throws {
    let store = try Store()
    try store.syncCatalogue(try Configuration.embeddedDefault())
    let run =
      "INSERT INTO feed_run (feed, kind, source, started_at, finished_at, status) VALUES ('s','indicators','x','t','t','ok')"
    // A figure of no feed run, with neither figure, or with a malformed period never reaches the
    // table; its codes are checked by the feed against the configuration.
    for values in [
      "('2020-05', '360981', 'fai', 1, 99)", "('2020-5', '360981', 'fai', 1, 1)",
      "('2020-05', '360981', 'fai', NULL, 1)",
    ] {
      #expect(throws: DatabaseError.self, "\(values)") {
        try store.writer.write { db in
          try db.execute(sql: run)
          try db.execute(
            sql: "INSERT INTO observation (period, region, indicator, growth, feed_run_id) VALUES \(values)")
        }
      }
    }
    // A target of an unknown region is refused by its foreign key.
    #expect(throws: DatabaseError.self) {
      try store.writer.write { db in
        try db.execute(
          sql:
            "INSERT INTO target (year, region, indicator, target_growth, source, imported_at) VALUES (2020, '999999', 'fai', 1, 'x', 't')"
        )
      }
    }
  }

  @Test func embeddedDefaultSeedsThePublishedTargetsIntoADatabaseItCreates() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let targets = try workspace.store.targets(year: 2020)
    #expect(targets.count == 99)  // 9 targeted indicators × (the city + 10 counties)
    let fengcheng = targets.first { $0.region == "360981" && $0.indicator == "industry_va" }
    #expect(fengcheng?.growth == (try Fixed(parsing: "8.2")))
    #expect(!targets.contains { $0.region == "360000" || $0.region.hasPrefix("3609A") })
  }

  @Test func databaseCreatedWithAnotherConfigurationGetsOnlyWhatIsImported() throws {
    let directory = try TemporaryDirectory()
    var configuration = try Configuration.embeddedDefault()
    configuration.source = "/etc/yujing/yujing.yaml"
    let workspace = try Workspace.open(
      configuration: configuration, databasePath: directory.path("c.sqlite"), now: fixedNow)
    #expect(try workspace.store.targets(year: 2020).isEmpty)
  }
}

let sampleRows = """
  period,region,indicator,value,growth
  2020-05,360981,industry_va,,5.2
  2020-05,360981,fiscal_general,23.51,3.1
  2020-05,360000,industry_va,,1.8

  """
