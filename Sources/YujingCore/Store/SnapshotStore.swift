import Foundation
import GRDB
import GRDBSQLite

extension Store {
  /// A period's snapshot: the stored blob, else built from the rows (a blob of another version,
  /// or a period stored before snapshots were kept).
  func snapshot(_ db: Database, period: Period) throws -> PeriodSnapshot {
    let statement = try db.cachedStatement(sql: "SELECT data FROM observation_snapshot WHERE period = ?")
    try statement.setArguments([period.description])
    let handle = statement.sqliteStatement
    defer { sqlite3_reset(handle) }
    if sqlite3_step(handle) == SQLITE_ROW, let blob = sqlite3_column_blob(handle, 0),
      let stored = PeriodSnapshot(
        encoded: UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(handle, 0))))
    {
      return stored
    }
    return try snapshotFromRows(db, period: period)
  }

  /// The indicator and region codes with figures in the twelve months up to the latest period
  /// with figures, read from the periods' snapshots (which list the codes they hold); nil when
  /// there are no figures at all.
  public func publishedCodes() throws -> TargetCoverage.Published? {
    try writer.read { db in
      guard let latest = try Store.latestPeriodWithFigures(db) else { return nil }
      var published = TargetCoverage.Published(indicators: [], regions: [])
      for back in 0..<12 {
        let snapshot = try snapshot(db, period: latest.adding(months: -back))
        published.indicators.formUnion(snapshot.indicators.map { String(decoding: $0, as: UTF8.self) })
        published.regions.formUnion(snapshot.regions.map { String(decoding: $0, as: UTF8.self) })
      }
      return published
    }
  }

  /// The latest period any figure was stored for.
  public func latestPeriodWithFigures() throws -> Period? {
    try writer.read { db in try Store.latestPeriodWithFigures(db) }
  }

  static func latestPeriodWithFigures(_ db: Database) throws -> Period? {
    try String.fetchOne(db, sql: "SELECT period FROM observation ORDER BY period DESC LIMIT 1").flatMap(Period.init(_:))
  }

  /// Writes the period's snapshot from its rows: called by the indicator run, in its transaction,
  /// for every period whose rows it added or changed.
  func refreshSnapshot(_ db: Database, period: Period) throws {
    try writeSnapshot(db, period: period, try snapshotFromRows(db, period: period))
  }

  func writeSnapshot(_ db: Database, period: Period, _ snapshot: PeriodSnapshot) throws {
    try db.execute(
      sql: "INSERT OR REPLACE INTO observation_snapshot (period, data) VALUES (?, ?)",
      arguments: [period.description, Data(snapshot.encoded())])
  }

  /// The period's rows, stepped through the C API (120,000 a period at national scale).
  func snapshotFromRows(_ db: Database, period: Period) throws -> PeriodSnapshot {
    let statement = try db.cachedStatement(
      sql: "SELECT region, indicator, value, growth, published_rank FROM observation WHERE period = ?")
    try statement.setArguments([period.description])
    let handle = statement.sqliteStatement
    defer { sqlite3_reset(handle) }
    var snapshot = PeriodSnapshot()
    while true {
      let code = sqlite3_step(handle)
      if code == SQLITE_DONE { break }
      guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
      snapshot.append(
        region: Store.bytes(handle, 0), indicator: Store.bytes(handle, 1), value: Store.figure(handle, 2),
        growth: Store.figure(handle, 3),
        publishedRank: sqlite3_column_type(handle, 4) == SQLITE_NULL
          ? absent : sqlite3_column_int64(handle, 4) * Fixed.scale)
    }
    return snapshot
  }
}

/// The snapshot of a period that a run inserts whole, built from its rows as they are written, as
/// long as they come in the table's key order; the first row out of order gives up, and the period
/// is read back from the table instead.
struct FreshSnapshot {
  private(set) var snapshot: PeriodSnapshot? = PeriodSnapshot()

  mutating func add(_ observation: Observation) {
    guard snapshot != nil else { return }
    var region = observation.region
    var indicator = observation.indicator
    region.withUTF8 { regionBytes in
      indicator.withUTF8 { indicatorBytes in
        guard snapshot!.follows(region: regionBytes, indicator: indicatorBytes) else {
          snapshot = nil
          return
        }
        snapshot!.append(
          region: regionBytes, indicator: indicatorBytes, value: observation.value?.units ?? absent,
          growth: observation.growth?.units ?? absent,
          publishedRank: observation.publishedRank.map { Int64($0) * Fixed.scale } ?? absent)
      }
    }
  }
}
