import Foundation
import GRDB

/// What an import of the 督办台账 did: new problems, problems whose row changed (the earlier values
/// are kept in their history), rows that changed nothing, and the rows refused.
public struct ProblemImportSummary: Sendable {
  public var added: [String] = []
  public var revised: [String] = []
  public var unchanged = 0
  public var rejections: [Rejection] = []
  public var notes: [String] = []
}

/// One step in a problem's history.
public struct ProblemEvent: Sendable, Hashable {
  public var at: String
  public var day: Day
  public var actor: String
  public var action: String
  public var text: String?
  public var detail: String?
}

/// A problem that is not on the ledger.
public struct UnknownProblem: Error, Sendable, CustomStringConvertible {
  public var code: String
  public init(code: String) { self.code = code }
  public var description: String { "there is no problem \(code) on the ledger" }
}

extension Store {
  /// Stores a read file's good rows in one transaction. A row equal to what is stored changes
  /// nothing; a row that differs replaces it and records the earlier values. A row that leaves
  /// `state` empty keeps the stored state.
  public func importProblems(_ batch: ProblemCSV.Batch, day: Day, actor: String, at instant: Date) throws
    -> ProblemImportSummary
  {
    var summary = ProblemImportSummary(rejections: batch.rejections, notes: batch.notes)
    try writer.write { db in
      for row in batch.rows {
        var problem = row.problem
        guard let stored = try Store.standing(db, code: problem.code) else {
          try Store.insert(db, problem, fileState: row.state, closedOn: problem.state.isOpen ? nil : day, at: instant)
          try Store.recordProblemEvent(
            db, code: problem.code, day: day, actor: actor, action: "import", text: nil, detail: nil, at: instant)
          summary.added.append(problem.code)
          continue
        }
        // Compared with the file as last imported, not with the problem as it stands: a return's
        // new deadline and the units' steps are not undone by the same file imported again.
        let filed = try Row.fetchOne(
          db, sql: "SELECT file_due, file_state FROM problem WHERE code = ?", arguments: [problem.code])
        var before = stored.problem
        before.due = (filed?["file_due"] as String?).flatMap(Day.init) ?? before.due
        before.state = (filed?["file_state"] as String?).flatMap(ProblemState.init(rawValue:)) ?? before.state
        if row.state == nil { problem.state = before.state }
        let changes = Store.differences(from: before, to: problem)
        guard !changes.isEmpty else {
          summary.unchanged += 1
          continue
        }
        let due = problem.due != before.due ? problem.due : stored.problem.due
        let state = problem.state != before.state ? problem.state : stored.problem.state
        try db.execute(
          sql: """
            UPDATE problem SET title = ?, description = ?, source = ?, unit = ?, co_units = ?, leader = ?, level = ?,
              assigned = ?, due = ?, state = ?, file_due = ?, file_state = ?,
              closed_on = CASE WHEN ? THEN COALESCE(closed_on, ?) ELSE NULL END, updated_at = ?
            WHERE code = ?
            """,
          arguments: [
            problem.title, problem.description, problem.source, problem.unit, NoticeFacts.stringsJSON(problem.coUnits),
            problem.leader, problem.level.rawValue, problem.assigned.description, due.description, state.rawValue,
            problem.due.description, row.state?.rawValue ?? (filed?["file_state"] as String?), !state.isOpen,
            day.description, Timestamp.string(instant), problem.code,
          ])
        try Store.recordProblemEvent(
          db, code: problem.code, day: day, actor: actor, action: "revise", text: nil,
          detail: changes.joined(separator: "; "), at: instant)
        summary.revised.append(problem.code)
      }
      try Store.audit(
        db, actor: actor, action: "problems import", object: nil,
        detail:
          "\(summary.added.count) new, \(summary.revised.count) revised, \(summary.unchanged) unchanged, "
          + "\(summary.rejections.count) rejected",
        at: instant)
    }
    return summary
  }

  /// Adds one problem, or revises it, as the office enters it: the same guarantees as a file's row
  /// (the earlier values recorded, the state kept when `state` is nil). Says whether it was new.
  @discardableResult
  public func saveProblem(_ problem: Problem, state: ProblemState?, day: Day, actor: String, at instant: Date)
    throws -> Bool
  {
    var batch = ProblemCSV.Batch()
    batch.rows = [ProblemCSV.Row(problem: problem, state: state, location: RowLocation(record: 1))]
    return try importProblems(batch, day: day, actor: actor, at: instant).added == [problem.code]
  }

  /// Every problem on the ledger, by code.
  public func problemStandings() throws -> [ProblemStanding] {
    try writer.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM problem ORDER BY code").map(Store.standing)
    }
  }

  public func problemStanding(code: String) throws -> ProblemStanding? {
    try writer.read { db in try Store.standing(db, code: code) }
  }

  public func problemEvents(code: String) throws -> [ProblemEvent] {
    try writer.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM problem_event WHERE code = ? ORDER BY id", arguments: [code]).map {
        row in
        ProblemEvent(
          at: row["at"], day: Day(row["day"] as String) ?? Day(ordinal: 0), actor: row["actor"],
          action: row["action"], text: row["text"], detail: row["detail"])
      }
    }
  }

  /// Takes one step of a problem's life (`ProblemLifecycle`) and records it, in one transaction.
  @discardableResult
  public func applyProblemAction(
    _ action: ProblemLifecycle.Action, code: String, day: Day, actor: String, at instant: Date,
    calendar: WorkingCalendar
  ) throws -> ProblemLifecycle.Change {
    try writer.write { db in
      guard let standing = try Store.standing(db, code: code) else { throw UnknownProblem(code: code) }
      let change = try ProblemLifecycle.apply(action, to: standing, on: day, calendar: calendar).get()
      try db.execute(
        sql: """
          UPDATE problem SET state = ?, due = ?, returns = ?, last_report = ?, close_requested = ?,
            closed_on = COALESCE(?, closed_on), updated_at = ?
          WHERE code = ?
          """,
        arguments: [
          change.state.rawValue, change.due.description, change.returns, change.lastReport?.description,
          change.closeRequested?.description, change.closedOn?.description, Timestamp.string(instant), code,
        ])
      let detail = change.due != standing.problem.due ? "due \(standing.problem.due) → \(change.due)" : nil
      try Store.recordProblemEvent(
        db, code: code, day: day, actor: actor, action: action.name, text: change.text, detail: detail, at: instant)
      try Store.audit(
        db, actor: actor, action: "problem \(action.name)", object: "problem \(code)",
        detail: "\(standing.problem.state.rawValue) → \(change.state.rawValue)", at: instant)
      return change
    }
  }

  // MARK: - Rows

  static func standing(_ db: Database, code: String) throws -> ProblemStanding? {
    try Row.fetchOne(db, sql: "SELECT * FROM problem WHERE code = ?", arguments: [code]).map(standing)
  }

  static func standing(_ row: Row) throws -> ProblemStanding {
    let code: String = row["code"]
    func unknown(_ column: String) -> ProblemStoreValue {
      ProblemStoreValue(code: code, column: column, value: row[column] ?? "")
    }
    guard let level = CoordinationLevel(rawValue: row["level"]) else { throw unknown("level") }
    guard let state = ProblemState(rawValue: row["state"]) else { throw unknown("state") }
    guard let assigned = Day(row["assigned"] as String) else { throw unknown("assigned") }
    guard let due = Day(row["due"] as String) else { throw unknown("due") }
    let problem = Problem(
      code: code, title: row["title"], description: row["description"], source: row["source"], unit: row["unit"],
      coUnits: NoticeFacts.strings(row["co_units"]), leader: row["leader"], level: level, assigned: assigned,
      due: due, state: state)
    return ProblemStanding(
      problem: problem, returns: row["returns"], lastReport: (row["last_report"] as String?).flatMap(Day.init),
      closeRequested: (row["close_requested"] as String?).flatMap(Day.init),
      closedOn: (row["closed_on"] as String?).flatMap(Day.init))
  }

  static func insert(_ db: Database, _ problem: Problem, fileState: ProblemState?, closedOn: Day?, at instant: Date)
    throws
  {
    try db.execute(
      sql: """
        INSERT INTO problem (code, title, description, source, unit, co_units, leader, level, assigned, due, state,
          file_due, file_state, closed_on, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        problem.code, problem.title, problem.description, problem.source, problem.unit,
        NoticeFacts.stringsJSON(problem.coUnits), problem.leader, problem.level.rawValue,
        problem.assigned.description, problem.due.description, problem.state.rawValue, problem.due.description,
        fileState?.rawValue, closedOn?.description, Timestamp.string(instant), Timestamp.string(instant),
      ])
  }

  static func recordProblemEvent(
    _ db: Database, code: String, day: Day, actor: String, action: String, text: String?, detail: String?,
    at instant: Date
  ) throws {
    try db.execute(
      sql: "INSERT INTO problem_event (code, at, day, actor, action, text, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
      arguments: [code, Timestamp.string(instant), day.description, actor, action, text, detail])
  }

  /// The fields a revision changes, as `field: before → after`.
  static func differences(from old: Problem, to new: Problem) -> [String] {
    var changes: [String] = []
    func compare(_ name: String, _ before: String, _ after: String) {
      if before != after { changes.append("\(name): \(before) → \(after)") }
    }
    compare("title", old.title, new.title)
    compare("description", old.description, new.description)
    compare("source", old.source, new.source)
    compare("unit", old.unit, new.unit)
    compare("co_units", old.coUnits.joined(separator: ";"), new.coUnits.joined(separator: ";"))
    compare("leader", old.leader, new.leader)
    compare("level", old.level.rawValue, new.level.rawValue)
    compare("assigned", old.assigned.description, new.assigned.description)
    compare("due", old.due.description, new.due.description)
    compare("state", old.state.rawValue, new.state.rawValue)
    return changes
  }
}

/// A stored problem with a value this version of yujing does not know.
public struct ProblemStoreValue: Error, Sendable, CustomStringConvertible {
  public var code: String
  public var column: String
  public var value: String
  public var description: String {
    "problem \(code) has \(column) '\(value)', which this version of yujing does not know"
  }
}
