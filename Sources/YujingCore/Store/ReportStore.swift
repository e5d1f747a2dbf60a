import Foundation
import GRDB

/// A 整改 report as the office reviews it.
public struct StoredReport: Sendable, Hashable {
  public var id: Int64
  public var noticeID: Int64
  public var noticeNumber: String?
  public var noticeKind: NoticeKind
  public var addressee: String
  public var text: String
  public var fileName: String?
  public var submittedDay: Day
  public var onTime: Bool
  public var state: ReportReview.State
  public var decidedBy: String?
  public var decidedAt: String?
  /// The comment of an acceptance, or the reason of a return.
  public var note: String?
  public var resubmitDue: Day?
}

extension Store {
  /// The 整改 reports, newest first: all of them, those in one state, or those answering one notice.
  public func reports(state: ReportReview.State? = nil, noticeID: Int64? = nil) throws -> [StoredReport] {
    try reports(state: state, noticeID: noticeID, id: nil)
  }

  public func report(id: Int64) throws -> StoredReport? {
    try reports(state: nil, noticeID: nil, id: id).first
  }

  private func reports(state: ReportReview.State?, noticeID: Int64?, id: Int64?) throws -> [StoredReport] {
    try writer.read { db in
      var conditions: [String] = []
      var arguments: StatementArguments = []
      if let id {
        conditions.append("feedback.id = ?")
        arguments += [id]
      }
      if let state {
        conditions.append("feedback.state = ?")
        arguments += [state.rawValue]
      }
      if let noticeID {
        conditions.append("feedback.notice_id = ?")
        arguments += [noticeID]
      }
      let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
      return try Row.fetchAll(
        db,
        sql: """
          SELECT feedback.id, feedback.notice_id, notice.number, notice.kind, feedback.addressee, feedback.text,
            feedback.file_name, feedback.submitted_day, feedback.on_time, feedback.state, feedback.decided_by,
            feedback.decided_at, feedback.decision_note, feedback.resubmit_due
          FROM feedback JOIN notice ON notice.id = feedback.notice_id \(filter)
          ORDER BY feedback.id DESC
          """, arguments: arguments
      ).map(Store.report)
    }
  }

  /// The office's decision on a report (`ReportReview`), in one transaction with what follows
  /// from it: an accepted report closes its notice (办结); a returned one sets the day the report
  /// is due again, which the daily check then holds the unit to.
  @discardableResult
  public func decideReport(
    id: Int64, _ decision: ReportReview.Decision, day: Day, actor: String, at instant: Date,
    calendar: WorkingCalendar, returnedWorkingDays: Int
  ) throws -> StoredReport {
    try writer.write { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT state, notice_id FROM feedback WHERE id = ?", arguments: [id])
      else { throw ReportReview.Refusal.noSuchReport }
      guard let state = ReportReview.State(rawValue: row["state"]) else {
        throw UnknownStoredValue(table: "feedback", id: id, column: "state", value: row["state"])
      }
      let outcome = try ReportReview.decide(
        decision, state: state, on: day, calendar: calendar, returnedWorkingDays: returnedWorkingDays
      ).get()
      try db.execute(
        sql: """
          UPDATE feedback SET state = ?, decided_at = ?, decided_by = ?, decision_note = ?, resubmit_due = ?
          WHERE id = ?
          """,
        arguments: [
          outcome.state.rawValue, Timestamp.string(instant), actor, outcome.note, outcome.resubmitDue?.description, id,
        ])
      let noticeID: Int64 = row["notice_id"]
      let notice = try Store.reviewed(db, noticeID)
      switch outcome.state {
      case .accepted:
        // One addressee per notice: its report accepted, the notice is 办结.
        if [.approved, .sent, .acknowledged].contains(notice.state) {
          try db.execute(sql: "UPDATE notice SET state = 'closed' WHERE id = ?", arguments: [noticeID])
          try Store.recordNoticeEvent(
            db, noticeID, from: notice.state, to: .closed, actor: actor, at: instant,
            note: "整改报告审核通过，办结" + (outcome.note.map { "：\($0)" } ?? ""))
        }
      case .returned:
        try Store.recordNoticeEvent(
          db, noticeID, from: notice.state, to: notice.state, actor: actor, at: instant,
          note: "整改报告退回：\(outcome.note ?? "")；请于\(outcome.resubmitDue?.chinese ?? "")前重新报送")
      case .submitted:
        break
      }
      try Store.audit(
        db, actor: actor, action: "report \(decision.name)", object: "report \(id) of notice \(noticeID)",
        detail: outcome.note, at: instant)
      guard
        let stored = try Row.fetchOne(
          db,
          sql: """
            SELECT feedback.id, feedback.notice_id, notice.number, notice.kind, feedback.addressee, feedback.text,
              feedback.file_name, feedback.submitted_day, feedback.on_time, feedback.state, feedback.decided_by,
              feedback.decided_at, feedback.decision_note, feedback.resubmit_due
            FROM feedback JOIN notice ON notice.id = feedback.notice_id WHERE feedback.id = ?
            """, arguments: [id]
        ).map(Store.report)
      else { throw ReportReview.Refusal.noSuchReport }
      // The unit hears of the decision through its delivery targets, queued with the decision.
      if let event = DecisionEvent.of(stored, at: instant) {
        try Store.enqueueDecisionEvent(db, event, addressee: notice.addressee)
      }
      return stored
    }
  }

  /// The days returns of a notice's reports named for sending them again.
  static func resubmitDays(_ db: Database, noticeID: Int64) throws -> [Day] {
    try String.fetchAll(
      db,
      sql: "SELECT resubmit_due FROM feedback WHERE notice_id = ? AND state = 'returned' AND resubmit_due IS NOT NULL",
      arguments: [noticeID]
    ).compactMap(Day.init)
  }

  static func report(_ row: Row) throws -> StoredReport {
    let id: Int64 = row["id"]
    guard let kind = NoticeKind(rawValue: row["kind"]) else {
      throw UnknownStoredValue(table: "notice", id: row["notice_id"], column: "kind", value: row["kind"])
    }
    guard let state = ReportReview.State(rawValue: row["state"]) else {
      throw UnknownStoredValue(table: "feedback", id: id, column: "state", value: row["state"])
    }
    return StoredReport(
      id: id, noticeID: row["notice_id"], noticeNumber: row["number"], noticeKind: kind, addressee: row["addressee"],
      text: row["text"], fileName: row["file_name"],
      submittedDay: Day(row["submitted_day"] as String) ?? Day(ordinal: 0),
      onTime: row["on_time"], state: state, decidedBy: row["decided_by"], decidedAt: row["decided_at"],
      note: row["decision_note"], resubmitDue: (row["resubmit_due"] as String?).flatMap(Day.init))
  }
}
