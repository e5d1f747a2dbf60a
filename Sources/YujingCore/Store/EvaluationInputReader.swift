import Foundation
import GRDB
import GRDBSQLite

extension Store {
  /// One period's figures as flat arrays, from the period's snapshot.
  public func observationTable(period: Period, index: SubjectIndex) throws -> ObservationTable? {
    try writer.read { db in try snapshot(db, period: period).table(index: index) }
  }

  /// One year's targets as flat arrays.
  public func targetTable(year: Int, index: SubjectIndex) throws -> TargetTable {
    try writer.read { db in
      let statement = try db.makeStatement(
        sql: "SELECT region, indicator, target_growth, target_value FROM target WHERE year = ?")
      try statement.setArguments([year])
      let handle = statement.sqliteStatement
      defer { sqlite3_reset(handle) }
      var table = TargetTable(slotCount: index.slotCount)
      while true {
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { break }
        guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        guard let region = index.regionBytes.find(Store.bytes(handle, 0)),
          let indicator = index.indicatorBytes.find(Store.bytes(handle, 1))
        else { continue }
        let slot = index.slot(indicator: indicator, region: region)
        table.growth[slot] = Store.figure(handle, 2)
        table.value[slot] = Store.figure(handle, 3)
      }
      return table
    }
  }

  /// The projects as the feed reported them for a period. Read column by position: 20,000 projects
  /// a month at national scale, and a project rule under hysteresis reads two years of them.
  public func projectRecords(period: Period) throws -> [ProjectRecord] {
    try writer.read { db in
      let statement = try db.makeStatement(
        sql: """
          SELECT project, name, region, department, leader, total_investment, annual_plan, planned_start,
            planned_completion, completed_ytd, status, actual_start, registered
          FROM project_progress WHERE period = ? ORDER BY project
          """)
      try statement.setArguments([period.description])
      let handle = statement.sqliteStatement
      defer { sqlite3_reset(handle) }
      var records: [ProjectRecord] = []
      func amount(_ column: Int32) -> Fixed {
        let units = Store.figure(handle, column)
        return units == absent ? .zero : Fixed(units: units)
      }
      func day(_ column: Int32) -> Day? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : Day(utf8: Store.bytes(handle, column))
      }
      while true {
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { break }
        guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        let project = Store.text(handle, 0)
        records.append(
          ProjectRecord(
            project: Project(
              code: project, name: Store.text(handle, 1), region: Store.text(handle, 2),
              department: Store.text(handle, 3), leader: Store.text(handle, 4), totalInvestment: amount(5),
              annualPlan: amount(6), plannedStart: day(7), plannedCompletion: day(8)),
            progress: ProjectProgress(
              period: period, project: project, completedYearToDate: amount(9),
              status: ProjectStatus(rawValue: Store.text(handle, 10)) ?? .underConstruction, actualStart: day(11),
              registered: day(12))))
      }
      return records
    }
  }

  /// Every project's approval milestones, as now known.
  public func milestones() throws -> [String: [Milestone]] {
    try writer.read { db in
      let rows = try Row.fetchAll(
        db, sql: "SELECT project, stage, due, done FROM milestone ORDER BY project, due, stage")
      var result: [String: [Milestone]] = [:]
      for row in rows {
        guard let due = Day(row["due"] as String) else { continue }
        let milestone = Milestone(
          project: row["project"], stage: row["stage"], due: due, done: (row["done"] as String?).flatMap { Day($0) })
        result[milestone.project, default: []].append(milestone)
      }
      return result
    }
  }

  /// The day (in the city's time zone) each feed's period first got accepted rows.
  public func arrivals(timeZone: TimeZone) throws -> [String: [Period: Day]] {
    try writer.read { db in
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = timeZone
      var result: [String: [Period: Day]] = [:]
      let rows = try Row.fetchAll(
        db,
        sql: "SELECT feed, periods, finished_at FROM feed_run WHERE status != 'failed' AND periods != '' ORDER BY id")
      for row in rows {
        guard let finished = Timestamp.date(row["finished_at"]) else { continue }
        let parts = calendar.dateComponents([.year, .month, .day], from: finished)
        guard let day = Day(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0) else { continue }
        let feed: String = row["feed"]
        for period in (row["periods"] as String).split(separator: ",").compactMap({ Period($0) })
        where result[feed]?[period] == nil {
          result[feed, default: [:]][period] = day
        }
      }
      return result
    }
  }

  static func text(_ handle: OpaquePointer, _ column: Int32) -> String {
    guard let pointer = sqlite3_column_text(handle, column) else { return "" }
    return String(cString: pointer)
  }

  /// A text column's bytes, valid until the statement steps again.
  static func bytes(_ handle: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
    guard let pointer = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
  }

  static func figure(_ handle: OpaquePointer, _ column: Int32) -> Int64 {
    guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return absent }
    return Fixed(sqlite3_column_double(handle, column))?.units ?? absent
  }
}
