import Foundation
import GRDB

extension Store {
  /// Called inside a decision's transaction: keeps the event and queues one delivery of it per
  /// delivery target of the notice's addressee. A decision concerns the addressee alone, so the
  /// units a notice was copied to (抄送) are not told. Returns the event's id.
  @discardableResult
  static func enqueueDecisionEvent(_ db: Database, _ event: DecisionEvent, addressee: String) throws -> Int64 {
    try db.execute(
      sql: """
        INSERT INTO decision_event
          (type, notice_id, report_id, appeal_id, addressee, note, resubmit_due, subjects, payload, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        event.kind.rawValue, event.noticeID, event.isAboutAReport ? event.objectID : nil,
        event.isAboutAReport ? nil : event.objectID, addressee, event.note, event.resubmitDue?.description,
        subjectsJSON(event.subjects), event.payload, Timestamp.string(event.createdAt),
      ])
    let id = db.lastInsertedRowID
    let milliseconds = Store.milliseconds(event.createdAt)
    for target in try webhookTargets(db, sql: "WHERE removed_at IS NULL AND addressee = ?", arguments: [addressee]) {
      try db.execute(
        sql: """
          INSERT INTO delivery
            (webhook_id, notice_id, event_id, target_id, role, state, queued_at, queued_ms, next_attempt_ms)
          VALUES (?, ?, ?, ?, 'addressee', 'pending', ?, ?, ?)
          """,
        arguments: [
          Store.newWebhookID(), event.noticeID, id, target.id, Timestamp.string(event.createdAt), milliseconds,
          milliseconds,
        ])
    }
    return id
  }

  /// The decision events of a notice, oldest first, or those with the given ids.
  public func decisionEvents(noticeID: Int64? = nil, ids: Set<Int64>? = nil) throws -> [DecisionEvent] {
    var clauses: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    if let noticeID { (clauses, arguments) = (clauses + ["notice_id = ?"], arguments + [noticeID]) }
    if let ids {
      guard !ids.isEmpty else { return [] }
      clauses.append("id IN (\(ids.map { _ in "?" }.joined(separator: ",")))")
      arguments += ids.sorted().map { $0 as any DatabaseValueConvertible }
    }
    let filter = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
    return try writer.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM decision_event" + filter + " ORDER BY id", arguments: StatementArguments(arguments)
      ).map(Store.decisionEvent)
    }
  }

  static func decisionEvent(_ row: Row) throws -> DecisionEvent {
    guard let kind = DecisionEvent.Kind(rawValue: row["type"]) else {
      throw UnknownStoredValue(table: "decision_event", id: row["id"], column: "type", value: row["type"])
    }
    let report: Int64? = row["report_id"]
    let appeal: Int64? = row["appeal_id"]
    return DecisionEvent(
      id: row["id"], kind: kind, noticeID: row["notice_id"], objectID: report ?? appeal ?? 0, note: row["note"],
      resubmitDue: (row["resubmit_due"] as String?).flatMap(Day.init), subjects: subjects(json: row["subjects"]),
      payload: row["payload"], createdAt: Timestamp.date(row["created_at"]) ?? Date(timeIntervalSince1970: 0))
  }
}
