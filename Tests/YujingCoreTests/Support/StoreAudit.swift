import Foundation
import GRDB

@testable import YujingCore

/// Reads a yujing database read-only, as found after a crash, and says what is inconsistent in it:
/// each check answers a list of problems, empty when all is well. The daemon must be down (or at
/// least not writing) for the answers to describe one state.
struct StoreAudit {
  let database: DatabaseQueue

  init(path: String) throws {
    var configuration = GRDB.Configuration()
    configuration.readonly = true
    database = try DatabaseQueue(path: path, configuration: configuration)
  }

  /// Every check below.
  func problems() throws -> [String] {
    try integrity() + feedRuns() + snapshots() + numbering() + queuedDeliveries() + decisions()
  }

  /// SQLite's own check of the file, and every foreign key.
  func integrity() throws -> [String] {
    try database.read { db in
      let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
      var problems = integrity == ["ok"] ? [] : ["integrity_check: \(integrity.prefix(5))"]
      let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
      if !orphans.isEmpty { problems.append("foreign_key_check: \(orphans.count) rows, first \(orphans[0])") }
      return problems
    }
  }

  /// Every period's packed copy (`observation_snapshot`, written in the run's transaction) says
  /// row for row what its figures say, and no period with figures lacks one.
  func snapshots() throws -> [String] {
    try database.read { db in
      var problems: [String] = []
      let missing = try String.fetchAll(
        db,
        sql: "SELECT DISTINCT period FROM observation WHERE period NOT IN (SELECT period FROM observation_snapshot)")
      if !missing.isEmpty { problems.append("periods with figures but no snapshot: \(missing)") }
      for stored in try Row.fetchAll(db, sql: "SELECT period, data FROM observation_snapshot ORDER BY period") {
        let period: String = stored["period"]
        guard let snapshot = (stored["data"] as Data).withUnsafeBytes({ PeriodSnapshot(encoded: $0) }) else {
          problems.append("the snapshot of \(period) cannot be read")
          continue
        }
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT region, indicator, value, growth, published_rank FROM observation
            WHERE period = ? ORDER BY region, indicator
            """,
          arguments: [period])
        func units(_ figure: Double?) -> Int64 { figure.flatMap { Fixed($0)?.units } ?? absent }
        func line(_ region: String, _ indicator: String, _ figures: Int64...) -> String {
          "\(region) \(indicator) \(figures)"
        }
        let fromRows = rows.map { row -> String in
          let rank: Int64? = row["published_rank"]
          return line(
            row["region"], row["indicator"], units(row["value"]), units(row["growth"]),
            rank.map { $0 * Fixed.scale } ?? absent)
        }
        let fromSnapshot = (0..<snapshot.rowCount).map { row -> String in
          line(
            String(decoding: snapshot.regions[Int(snapshot.rowRegion[row])], as: UTF8.self),
            String(decoding: snapshot.indicators[Int(snapshot.rowIndicator[row])], as: UTF8.self),
            snapshot.value[row], snapshot.growth[row], snapshot.publishedRank[row])
        }
        if fromRows != fromSnapshot {
          problems.append(
            "the snapshot of \(period) has \(snapshot.rowCount) rows, the table \(rows.count), or they differ")
        }
      }
      return problems
    }
  }

  /// No half-applied run: the figures that name a run are exactly as many as it says it inserted
  /// and revised (a figure revised later still names it in `observation_revision`), a failed run
  /// applied nothing, and no figure names a run that was not recorded.
  func feedRuns() throws -> [String] {
    try database.read { db in
      var problems: [String] = []
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT r.id, r.feed, r.status, r.inserted + r.revised AS applied,
            (SELECT count(*) FROM observation o WHERE o.feed_run_id = r.id)
              + (SELECT count(*) FROM observation_revision v WHERE v.feed_run_id = r.id) AS stored
          FROM feed_run r WHERE r.kind = 'indicators' ORDER BY r.id
          """)
      for row in rows {
        let id: Int64 = row["id"]
        let feed: String = row["feed"]
        let status: String = row["status"]
        let applied: Int = row["applied"]
        let stored: Int = row["stored"]
        if stored != applied || (status == "failed" && applied != 0) {
          problems.append("feed run \(id) (\(feed), \(status)) says \(applied) rows applied, \(stored) name it")
        }
      }
      let orphans = try Int.fetchOne(
        db, sql: "SELECT count(*) FROM observation WHERE feed_run_id NOT IN (SELECT id FROM feed_run)")
      if let orphans, orphans > 0 { problems.append("\(orphans) observations name no recorded feed run") }
      return problems
    }
  }

  /// Notice numbers, per prefix and year, run 1, 2, … n without a gap or a repeat, and the
  /// counter stands at n: a number is neither skipped nor handed out twice.
  func numbering() throws -> [String] {
    try database.read { db in
      var issued: [String: [Int]] = [:]
      var problems: [String] = []
      for number in try String.fetchAll(db, sql: "SELECT number FROM notice WHERE number IS NOT NULL") {
        guard let open = number.firstIndex(of: "〔"), let close = number.firstIndex(of: "〕"),
          number.hasSuffix("号"), let sequence = Int(number[number.index(after: close)...].dropLast())
        else {
          problems.append("notice number \(number) is not PREFIX〔YEAR〕N号")
          continue
        }
        let key = String(number[..<open]) + "/" + String(number[number.index(after: open)..<close])
        issued[key, default: []].append(sequence)
      }
      var counters: [String: Int] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT prefix, year, last FROM notice_number") {
        let prefix: String = row["prefix"]
        let year: Int = row["year"]
        counters["\(prefix)/\(year)"] = row["last"]
      }
      for key in Set(issued.keys).union(counters.keys).sorted() {
        let numbers = (issued[key] ?? []).sorted()
        if numbers != Array(1..<(numbers.count + 1)) {
          problems.append("\(key): numbers \(numbers) are not 1…\(numbers.count)")
        }
        if counters[key] != numbers.count {
          problems.append(
            "\(key): the counter says \(counters[key].map(String.init) ?? "nothing"), \(numbers.count) issued")
        }
      }
      return problems
    }
  }

  /// Every numbered notice has its deliveries queued (written with the approval): one for each
  /// target of its addressee, and of each copied addressee whose target takes copies.
  func queuedDeliveries() throws -> [String] {
    try database.read { db in
      var problems: [String] = []
      let missing = try Row.fetchAll(
        db,
        sql: """
          SELECT n.id AS notice, n.number, t.id AS target FROM notice n
          JOIN webhook_target t ON t.removed_at IS NULL
            AND (t.addressee = n.addressee
              OR (t.receives_copies = 1 AND t.addressee IN (SELECT value FROM json_each(n.cc))))
          WHERE n.number IS NOT NULL
            AND NOT EXISTS (
              SELECT 1 FROM delivery d WHERE d.notice_id = n.id AND d.target_id = t.id AND d.event_id IS NULL)
          """)
      for row in missing.prefix(10) {
        let notice: Int64 = row["notice"]
        let number: String = row["number"]
        let target: Int64 = row["target"]
        problems.append("notice \(notice) (\(number)) has no delivery queued for target \(target)")
      }
      let unsent = try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM notice n WHERE n.number IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.notice_id = n.id)
          """)
      if let unsent, unsent > 0 { problems.append("\(unsent) numbered notices have no delivery at all") }
      return problems
    }
  }

  /// No half-applied decision on a 整改 report: a decided report has exactly one decision event,
  /// of its decision's type, queued to every target of the addressee; an accepted one has closed
  /// its notice, a returned one names its new due day; an undecided report has no event.
  func decisions() throws -> [String] {
    try database.read { db in
      var problems: [String] = []
      let reports = try Row.fetchAll(
        db,
        sql: """
          SELECT f.id, f.state, f.resubmit_due, n.state AS notice_state,
            (SELECT group_concat(e.type) FROM decision_event e WHERE e.report_id = f.id) AS events
          FROM feedback f JOIN notice n ON n.id = f.notice_id
          """)
      for row in reports {
        let id: Int64 = row["id"]
        let state: String = row["state"]
        let events: String? = row["events"]
        switch state {
        case "submitted":
          if events != nil { problems.append("report \(id) awaits a decision but has the event \(events ?? "")") }
        case "accepted", "returned":
          if events != "report.\(state)" {
            problems.append("report \(id) is \(state) but its events are \(events ?? "none")")
          }
          if state == "accepted", row["notice_state"] as String != "closed" {
            problems.append("report \(id) is accepted but its notice is \(row["notice_state"] as String)")
          }
          if state == "returned", row["resubmit_due"] as String? == nil {
            problems.append("report \(id) is returned without a day to send it again")
          }
        default:
          problems.append("report \(id) is in the unknown state \(state)")
        }
      }
      let unqueued = try Row.fetchAll(
        db,
        sql: """
          SELECT e.id, t.id AS target FROM decision_event e
          JOIN webhook_target t ON t.removed_at IS NULL AND t.addressee = e.addressee
          WHERE NOT EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = e.id AND d.target_id = t.id)
          """)
      for row in unqueued.prefix(10) {
        problems.append(
          "decision event \(row["id"] as Int64) has no delivery queued for target \(row["target"] as Int64)")
      }
      return problems
    }
  }
}
