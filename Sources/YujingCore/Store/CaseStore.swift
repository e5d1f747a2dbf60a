import Foundation
import GRDB
import GRDBSQLite

/// A case as stored: one subject of one addressee over time (docs/architecture.md#words).
public struct CaseRecord: Sendable, Hashable {
  public var id: Int64
  public var addressee: String
  public var subject: Subject
  public var openedPeriod: Period
  public var stage: Stage
  public var closedPeriod: Period?
}

/// A stage a case entered, when and why, and by which notice.
public struct CaseEventRecord: Sendable, Hashable {
  public var caseID: Int64
  public var period: Period
  public var day: Day
  public var cause: String
  public var from: Stage
  public var to: Stage
  public var level: Level?
  public var reason: String
  public var noticeID: Int64?
  public var overdueNoticeID: Int64?
}

/// A subject's level in one evaluated period, as the ladder reads it.
public struct StoredLevel: Sendable, Hashable {
  public var level: Level
  public var exempted: Bool
  public var rules: [String]
  /// Each rule with the level it gave, for leaving out advisory rules (docs/rules.md#precoordination).
  public var ruleLevels: [Finding.RuleLevel] = []
}

extension Store {
  /// The periods that have an evaluation, in order.
  public func evaluatedPeriods() throws -> [Period] {
    try writer.read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT period FROM evaluation ORDER BY period").compactMap { Period($0) }
    }
  }

  /// The periods a scheduled feed's run changed that no evaluation has escalated since.
  public func periodsAwaitingEvaluation() throws -> [Period] {
    try writer.read { db in
      try String.fetchAll(db, sql: "SELECT period FROM evaluation_due ORDER BY period").compactMap { Period($0) }
    }
  }

  /// Every subject's level in a period's latest evaluation: what the ladder reads (no evidence).
  public func levels(period: Period) throws -> [Subject: StoredLevel] {
    try writer.read { db in
      guard let latest = try Store.latestEvaluation(db, period: period) else { return [:] }
      var result: [Subject: StoredLevel] = [:]
      for row in try Row.fetchAll(
        db, sql: "SELECT subject_kind, subject, level, exempted, rules FROM finding WHERE evaluation_id = ?",
        arguments: [latest.id])
      {
        guard let subject = Subject(kind: row[0], key: row[1]), let level = Level(name: row[2]) else { continue }
        let ruleLevels = Store.ruleLevels(row[4])
        result[subject] = StoredLevel(
          level: level, exempted: row[3], rules: ruleLevels.map(\.rule), ruleLevels: ruleLevels)
      }
      return result
    }
  }

  /// The indicator subjects that have a figure in a period, as packed slots of the index.
  public func presentIndicatorSlots(period: Period, index: SubjectIndex) throws -> Set<Int> {
    try writer.read { db in
      let statement = try db.makeStatement(sql: "SELECT region, indicator FROM observation WHERE period = ?")
      try statement.setArguments([period.description])
      let handle = statement.sqliteStatement
      defer { sqlite3_reset(handle) }
      var slots = Set<Int>()
      while sqlite3_step(handle) == SQLITE_ROW {
        guard let region = index.regionBytes.find(Store.bytes(handle, 0)),
          let indicator = index.indicatorBytes.find(Store.bytes(handle, 1))
        else { continue }
        slots.insert(index.slot(indicator: indicator, region: region))
      }
      return slots
    }
  }

  /// The projects a period's report lists.
  public func presentProjects(period: Period) throws -> Set<String> {
    try writer.read { db in
      Set(
        try String.fetchAll(
          db, sql: "SELECT project FROM project_progress WHERE period = ?", arguments: [period.description]))
    }
  }

  /// The overdue escalations recorded by the daily check, for replaying in a case's history.
  public func overdueEscalations() throws -> [CaseEventRecord] {
    try writer.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM case_event WHERE cause = 'overdue' AND superseded = 0 ORDER BY id"
      ).map(Store.caseEvent)
    }
  }

  /// The cases that have a stage to show (a case recomputed away has no live event left).
  public func cases(openOnly: Bool = false) throws -> [CaseRecord] {
    try writer.read { db in
      let open = openOnly ? "AND closed_period IS NULL" : ""
      return try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM case_file WHERE EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = case_file.id AND e.superseded = 0)
          \(open) ORDER BY id
          """
      ).compactMap(Store.caseRecord)
    }
  }

  public func caseEvents(caseID: Int64) throws -> [CaseEventRecord] {
    try writer.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM case_event WHERE case_id = ? AND superseded = 0 ORDER BY period, id",
        arguments: [caseID]
      ).map(Store.caseEvent)
    }
  }

  static func caseRecord(_ row: Row) -> CaseRecord? {
    guard let subject = Subject(kind: row["subject_kind"], key: row["subject"]),
      let opened = Period(row["opened_period"] as String), let stage = Stage(rawValue: row["stage"])
    else { return nil }
    return CaseRecord(
      id: row["id"], addressee: row["addressee"], subject: subject, openedPeriod: opened, stage: stage,
      closedPeriod: (row["closed_period"] as String?).flatMap { Period($0) })
  }

  static func caseEvent(_ row: Row) -> CaseEventRecord {
    CaseEventRecord(
      caseID: row["case_id"], period: Period(row["period"] as String)!, day: Day(row["day"] as String)!,
      cause: row["cause"], from: Stage(rawValue: row["from_stage"]) ?? .none,
      to: Stage(rawValue: row["to_stage"]) ?? .none,
      level: (row["level"] as String?).flatMap { Level(name: $0) }, reason: row["reason"], noticeID: row["notice_id"],
      overdueNoticeID: row["overdue_notice_id"])
  }

  /// The case of a subject that opened in a period, created if it does not exist yet.
  static func caseID(_ db: Database, addressee: String, subject: Subject, opened: Period) throws -> Int64 {
    if let id = try Int64.fetchOne(
      db,
      sql: "SELECT id FROM case_file WHERE addressee = ? AND subject_kind = ? AND subject = ? AND opened_period = ?",
      arguments: [addressee, subject.kind, subject.key, opened.description])
    {
      return id
    }
    try db.execute(
      sql: "INSERT INTO case_file (addressee, subject_kind, subject, opened_period, stage) VALUES (?, ?, ?, ?, 'none')",
      arguments: [addressee, subject.kind, subject.key, opened.description])
    return db.lastInsertedRowID
  }
}

extension Store {
  /// The overdue escalations recorded by the daily check, by addressee and subject, then by the
  /// period of the overdue notice, with the stage each started from.
  func overdueEscalationsBySubject() throws -> [OverdueKey: [Period: [Stage]]] {
    try writer.read { db in
      var result: [OverdueKey: [Period: [Stage]]] = [:]
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT c.addressee, c.subject_kind, c.subject, e.period, e.from_stage FROM case_event e
          JOIN case_file c ON c.id = e.case_id WHERE e.cause = 'overdue' AND e.superseded = 0 ORDER BY e.id
          """)
      {
        guard let subject = Subject(kind: row[1], key: row[2]), let period = Period(row[3] as String),
          let stage = Stage(rawValue: row[4])
        else { continue }
        result[OverdueKey(addressee: row[0], subject: subject), default: [:]][period, default: []].append(stage)
      }
      return result
    }
  }

  /// Periods with figures or a project report, in order: what can be evaluated.
  public func periodsWithData() throws -> [Period] {
    try writer.read { db in
      try String.fetchAll(
        db, sql: "SELECT DISTINCT period FROM observation UNION SELECT DISTINCT period FROM project_progress ORDER BY 1"
      ).compactMap { Period($0) }
    }
  }
}
