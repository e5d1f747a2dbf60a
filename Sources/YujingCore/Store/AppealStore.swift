import Foundation
import GRDB

/// An appeal (申诉) as the office reviews it.
public struct StoredAppeal: Sendable, Hashable {
  public var id: Int64
  public var noticeID: Int64
  public var noticeNumber: String?
  public var period: Period
  public var addressee: String
  public var subjects: [Subject]
  public var reason: String
  /// The name of the file attached to the appeal (a revised table from the statistics bureau).
  public var fileName: String?
  public var filedDay: Day
  public var filedBy: String
  public var state: AppealReview.State
  public var decidedBy: String?
  public var decisionReason: String?
}

extension Store {
  /// Files an appeal of some of a notice's subjects (`AppealReview.file`), in one transaction.
  @discardableResult
  public func fileAppeal(
    noticeID: Int64, subjects: [Subject], reason: String, attachment: (fileName: String, data: Data)? = nil,
    day: Day, actor: String, at instant: Date, calendar: WorkingCalendar, workingDays: Int
  ) throws -> StoredAppeal {
    try writer.write { db in
      let notice = try Store.reviewed(db, noticeID)
      let appealed = try Store.appealedSubjects(db, noticeID: noticeID, states: ["pending", "granted"])
      let accepted = try AppealReview.file(
        notice: notice, subjects: subjects, reason: reason, on: day, calendar: calendar, workingDays: workingDays,
        alreadyAppealed: appealed
      ).get()
      try db.execute(
        sql: """
          INSERT INTO appeal (notice_id, subjects, reason, file_name, file, filed_at, filed_day, filed_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          noticeID, Store.subjectsJSON(accepted), reason, attachment?.fileName, attachment?.data,
          Timestamp.string(instant), day.description, actor,
        ])
      let id = db.lastInsertedRowID
      try Store.recordNoticeEvent(
        db, noticeID, from: notice.state, to: notice.state, actor: actor, at: instant,
        note: "申诉：\(accepted.map(\.notation).joined(separator: "、"))：\(reason)")
      try Store.audit(
        db, actor: actor, action: "appeal file", object: "appeal \(id) of notice \(noticeID)", detail: reason,
        at: instant)
      return try Store.appeal(db, id: id)
    }
  }

  /// The appeals, newest first: all of them, or those in `state`, of one notice or of one addressee.
  public func appeals(state: AppealReview.State? = nil, noticeID: Int64? = nil, addressee: String? = nil) throws
    -> [StoredAppeal]
  {
    var clauses: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    if let state { (clauses, arguments) = (clauses + ["appeal.state = ?"], arguments + [state.rawValue]) }
    if let noticeID { (clauses, arguments) = (clauses + ["appeal.notice_id = ?"], arguments + [noticeID]) }
    if let addressee { (clauses, arguments) = (clauses + ["notice.addressee = ?"], arguments + [addressee]) }
    let filter = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
    return try writer.read { db in
      try Row.fetchAll(
        db, sql: Store.appealSelect + filter + " ORDER BY appeal.id DESC", arguments: StatementArguments(arguments)
      ).map(Store.appeal)
    }
  }

  public func appeal(id: Int64) throws -> StoredAppeal? {
    try writer.read { db in
      try Row.fetchOne(db, sql: Store.appealSelect + " WHERE appeal.id = ?", arguments: [id]).map(Store.appeal)
    }
  }

  /// Decides an appeal in one transaction. A grant sets each subject's findings of the notice's
  /// period aside with an exemption of that period alone, so that re-evaluating the period
  /// recomputes the cases and drafts the withdrawal or correction of what the notice stated.
  @discardableResult
  public func decideAppeal(id: Int64, _ decision: AppealReview.Decision, actor: String, at instant: Date) throws
    -> StoredAppeal
  {
    try writer.write { db in
      let appeal = try Store.appeal(db, id: id)
      let state = try AppealReview.decide(decision, state: appeal.state).get()
      var exemptions: [Int64] = []
      if state == .granted {
        for subject in appeal.subjects {
          guard
            let exemption = AppealReview.exemption(
              for: subject, period: appeal.period, reason: "申诉成立（申诉\(id)）：\(decision.reason)", by: actor)
          else { continue }
          exemptions.append(try Store.insertExemption(db, exemption, at: instant))
        }
      }
      try db.execute(
        sql: """
          UPDATE appeal SET state = ?, decided_at = ?, decided_by = ?, decision_reason = ?, exemptions = ? WHERE id = ?
          """,
        arguments: [
          state.rawValue, Timestamp.string(instant), actor, decision.reason,
          "[" + exemptions.map(String.init).joined(separator: ",") + "]", id,
        ])
      let notice = try Store.reviewed(db, appeal.noticeID)
      try Store.recordNoticeEvent(
        db, appeal.noticeID, from: notice.state, to: notice.state, actor: actor, at: instant,
        note: "申诉\(id)\(state.chinese)：\(decision.reason)")
      try Store.audit(
        db, actor: actor, action: "appeal \(state == .granted ? "grant" : "deny")",
        object: "appeal \(id) of notice \(appeal.noticeID)", detail: decision.reason, at: instant)
      let decided = try Store.appeal(db, id: id)
      if let event = DecisionEvent.of(decided, at: instant) {
        try Store.enqueueDecisionEvent(db, event, addressee: notice.addressee)
      }
      return decided
    }
  }

  /// The subjects of a notice under an appeal the office has not decided: they do not escalate
  /// for that notice meanwhile.
  public func pendingAppealSubjects(noticeID: Int64) throws -> Set<Subject> {
    try writer.read { db in try Store.appealedSubjects(db, noticeID: noticeID, states: ["pending"]) }
  }

  static func appealedSubjects(_ db: Database, noticeID: Int64, states: [String]) throws -> Set<Subject> {
    let rows = try String.fetchAll(
      db,
      sql:
        "SELECT subjects FROM appeal WHERE notice_id = ? AND state IN (\(states.map { _ in "?" }.joined(separator: ",")))",
      arguments: StatementArguments([noticeID] + states))
    return Set(rows.flatMap(Store.subjects(json:)))
  }

  /// An appeal without its file, which only `appealFile` reads.
  static let appealSelect = """
    SELECT appeal.id, appeal.notice_id, appeal.subjects, appeal.reason, appeal.file_name, appeal.filed_day,
      appeal.filed_by, appeal.state, appeal.decided_by, appeal.decision_reason,
      notice.number, notice.period, notice.addressee
    FROM appeal JOIN notice ON notice.id = appeal.notice_id
    """

  /// The file attached to an appeal of `noticeID`, if it has one.
  public func appealFile(noticeID: Int64, appealID: Int64) throws -> (fileName: String, data: Data)? {
    try writer.read { db in
      try Row.fetchOne(
        db, sql: "SELECT file_name, file FROM appeal WHERE id = ? AND notice_id = ? AND file IS NOT NULL",
        arguments: [appealID, noticeID]
      ).map { ($0["file_name"] ?? "attachment", $0["file"]) }
    }
  }

  static func appeal(_ db: Database, id: Int64) throws -> StoredAppeal {
    guard let row = try Row.fetchOne(db, sql: appealSelect + " WHERE appeal.id = ?", arguments: [id]) else {
      throw AppealReview.Refusal.noSuchAppeal
    }
    return try appeal(row)
  }

  static func appeal(_ row: Row) throws -> StoredAppeal {
    let id: Int64 = row["id"]
    guard let state = AppealReview.State(rawValue: row["state"]) else {
      throw UnknownStoredValue(table: "appeal", id: id, column: "state", value: row["state"])
    }
    return StoredAppeal(
      id: id, noticeID: row["notice_id"], noticeNumber: row["number"],
      period: Period(row["period"] as String) ?? Period(year: 2000, month: 1)!, addressee: row["addressee"],
      subjects: subjects(json: row["subjects"]), reason: row["reason"], fileName: row["file_name"],
      filedDay: Day(row["filed_day"] as String) ?? Day(ordinal: 0), filedBy: row["filed_by"], state: state,
      decidedBy: row["decided_by"], decisionReason: row["decision_reason"])
  }

  /// Subjects as `[{"kind": "indicator", "key": "industry_va@360981"}, …]`.
  static func subjectsJSON(_ subjects: [Subject]) -> String {
    "["
      + subjects.map { "{\"kind\": \(FindingsJSON.string($0.kind)), \"key\": \(FindingsJSON.string($0.key))}" }
      .joined(separator: ", ") + "]"
  }

  static func subjects(json: String) -> [Subject] {
    guard case .array(let items)? = try? JSONParser.parse(Array(json.utf8)).value else { return [] }
    return items.compactMap { item in
      guard case .string(let kind)? = item["kind"]?.value, case .string(let key)? = item["key"]?.value else {
        return nil
      }
      return Subject(kind: kind, key: key)
    }
  }
}
