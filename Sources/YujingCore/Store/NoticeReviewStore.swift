import Foundation
import GRDB

/// The review of notices as the store carries it out: it loads what `NoticeLifecycle` needs,
/// asks it, and applies the change in one transaction. Numbers are drawn in that transaction —
/// per prefix and year of the 成文日期, from 1, with no gaps and no reuse — so that an approval
/// is whole or not at all, whoever approves at the same moment and whenever the process stops.
extension Store {
  /// Approves a draft (docs/documents.md#the-notices, docs/rules.md#the-ladder).
  @discardableResult
  public func approveNotice(
    id: Int64, documentDate: Day, talkAt: String?, place: String?, actor: String, at instant: Date,
    prefixes: [NoticeKind: String], calendar: WorkingCalendar, reportWorkingDays: Int
  ) throws -> NoticeRecord {
    let approval = NoticeLifecycle.Approval(
      documentDate: documentDate, talkAt: talkAt, place: place, prefixes: prefixes, calendar: calendar,
      reportWorkingDays: reportWorkingDays)
    return try writer.write { db in try Store.approve(db, id: id, approval, actor: actor, at: instant) }
  }

  /// Issues a document written outside escalation (the dispatch summary) in one transaction:
  /// recorded and numbered at once, refused when the key was already issued.
  public func issueDocument(
    _ draft: NoticeDraft, documentDate: Day, actor: String, at instant: Date, prefixes: [NoticeKind: String],
    calendar: WorkingCalendar
  ) throws -> NoticeRecord {
    try writer.write { db in
      if let issued = try Row.fetchOne(
        db, sql: "SELECT id, number FROM notice WHERE notice_key = ? AND number IS NOT NULL",
        arguments: [draft.intent.key.description])
      {
        throw NoticeRefusal.alreadyIssued(number: issued["number"], notice: issued["id"])
      }
      let id = try Store.insertNotice(db, draft, at: instant, note: "written by \(actor) and issued at once")
      let approval = NoticeLifecycle.Approval(
        documentDate: documentDate, talkAt: nil, place: nil, prefixes: prefixes, calendar: calendar,
        reportWorkingDays: 0)
      return try Store.approve(db, id: id, approval, actor: actor, at: instant)
    }
  }

  static func approve(_ db: Database, id: Int64, _ approval: NoticeLifecycle.Approval, actor: String, at instant: Date)
    throws -> NoticeRecord
  {
    let notice = try reviewed(db, id)
    var facts = approval
    let series = NoticeLifecycle.series(of: notice, documentDate: approval.documentDate, prefixes: approval.prefixes)
    facts.lastNumber =
      try Int.fetchOne(
        db, sql: "SELECT last FROM notice_number WHERE prefix = ? AND year = ?",
        arguments: [series.prefix, series.year])
      ?? 0
    if let talkAt = approval.talkAt, !talkAt.isEmpty { facts.talksAtThatTime = try talks(db, at: talkAt, besides: id) }
    let change = try NoticeLifecycle.approve(notice, facts, actor: actor)
    try apply(db, change, at: instant)
    return change.after
  }

  /// The talks set at a time (approved or later, not corrections), for the clash check.
  static func talks(_ db: Database, at talkAt: String, besides id: Int64) throws -> [TalkClash.Talk] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT id, number, place, holder FROM notice
        WHERE kind = ? AND corrects IS NULL AND talk_at = ? AND id != ?
          AND state IN ('approved', 'sent', 'acknowledged', 'closed')
        ORDER BY id
        """,
      arguments: [NoticeKind.talk.rawValue, talkAt, id]
    ).map { row in
      TalkClash.Talk(
        number: row["number"] ?? "notice \(row["id"] as Int64)", place: row["place"] ?? "", holder: row["holder"])
    }
  }

  public func rejectNotice(id: Int64, reason: String, actor: String, at instant: Date) throws {
    try writer.write { db in
      try Store.apply(
        db, try NoticeLifecycle.reject(try Store.reviewed(db, id), reason: reason, actor: actor), at: instant)
    }
  }

  /// Marks an approved notice as delivered by hand (print, DOCX) when its addressee has no target.
  public func markNoticeSent(id: Int64, actor: String, at instant: Date) throws {
    try writer.write { db in
      try Store.apply(db, try NoticeLifecycle.markSent(try Store.reviewed(db, id), actor: actor), at: instant)
    }
  }

  /// Replaces a draft's text before approval; the old text stays in the notice's history.
  public func editDraft(id: Int64, title: String, body: String, actor: String, at instant: Date) throws {
    try writer.write { db in
      guard let change = try NoticeLifecycle.edit(try Store.reviewed(db, id), title: title, body: body, actor: actor)
      else { return }
      try Store.apply(db, change, at: instant)
    }
  }

  /// The addressee has received the notice (docs/architecture.md#words).
  public func acknowledgeNotice(id: Int64, actor: String, at instant: Date) throws {
    try writer.write { db in
      try Store.apply(db, try NoticeLifecycle.acknowledge(try Store.reviewed(db, id), actor: actor), at: instant)
    }
  }

  /// Records a 整改 report (docs/architecture.md#words): on time when submitted on or before the deadline.
  @discardableResult
  public func recordFeedback(
    noticeID: Int64, text: String, fileName: String?, file: Data?, actor: String, at instant: Date, day: Day
  ) throws -> Bool {
    try writer.write { db in
      var notice = try Store.reviewed(db, noticeID)
      // After a return, the report is due by the day the return named.
      notice.reportDue = ReportReview.due(
        notice: notice.reportDue, returns: try Store.resubmitDays(db, noticeID: noticeID))
      let (onTime, detail) = try NoticeLifecycle.report(notice, day: day)
      try db.execute(
        sql: """
          INSERT INTO feedback (notice_id, addressee, text, file_name, file, submitted_at, submitted_day, on_time)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          noticeID, notice.addressee, text, fileName, file, Timestamp.string(instant), day.description, onTime,
        ])
      try Store.audit(
        db, actor: actor, action: ReviewAction.report.auditName, object: "notice \(noticeID)", detail: detail,
        at: instant)
      return onTime
    }
  }

  /// The notice under review, or the refusal that there is none.
  static func reviewed(_ db: Database, _ id: Int64) throws -> NoticeRecord {
    guard let notice = try Store.notice(db, id: id) else { throw NoticeRefusal.noSuchNotice }
    return notice
  }

  /// Writes a change of the lifecycle: the notice's row, its history, the audit, the number's
  /// counter and the outbox, in the caller's transaction.
  static func apply(_ db: Database, _ change: NoticeChange, at instant: Date) throws {
    let notice = change.after
    if let (series, last) = change.numbered {
      try db.execute(
        sql: """
          INSERT INTO notice_number (prefix, year, last) VALUES (?, ?, ?)
          ON CONFLICT (prefix, year) DO UPDATE SET last = excluded.last
          """,
        arguments: [series.prefix, series.year, last])
    }
    try db.execute(
      sql: """
        UPDATE notice SET state = ?, number = ?, document_date = ?, report_due = ?, talk_at = ?, place = ?,
          title = ?, body = ?
        WHERE id = ?
        """,
      arguments: [
        notice.state.rawValue, notice.number, notice.documentDate?.description, notice.reportDue?.description,
        notice.talkAt, notice.place, notice.title, notice.body, notice.id,
      ])
    try recordNoticeEvent(
      db, notice.id, from: change.before.state, to: notice.state, actor: change.actor, at: instant,
      note: change.event.note)
    try audit(
      db, actor: change.actor, action: change.audit.action.auditName, object: "notice \(notice.id)",
      detail: change.audit.detail, at: instant)
    // In the same transaction: an approved notice is never without its outbox rows.
    if change.enqueuesDeliveries { try enqueueDeliveries(db, notice: notice, at: instant) }
  }
}

extension ReviewAction {
  /// The action as the audit log names it.
  var auditName: String {
    switch self {
    case .report: "feedback"
    case .approve, .reject, .edit, .acknowledge, .markSent: rawValue
    }
  }
}
