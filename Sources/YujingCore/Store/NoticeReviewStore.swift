import Foundation
import GRDB

/// The review of notices as the store carries it out: it loads what `NoticeLifecycle` needs,
/// asks it, and applies the change in one transaction. Numbers are drawn in that transaction —
/// per prefix and year of the 成文日期, from 1, with no gaps and no reuse — so that an approval
/// is whole or not at all, whoever approves at the same moment and whenever the process stops.
extension Store {
  /// Takes the next step of a draft's 签发 chain as `account` (docs/review.md#签发流程): a step
  /// before the last is recorded; the last issues the notice as `approveNotice` does, in the same
  /// transaction as its step.
  @discardableResult
  public func approveStep(
    id: Int64, by account: Account, chain: [ApprovalStep], opinion: String?, documentDate: Day, talkAt: String?,
    place: String?, at instant: Date, prefixes: [NoticeKind: String], calendar: WorkingCalendar,
    reportWorkingDays: Int
  ) throws -> NoticeRecord {
    let approval = NoticeLifecycle.Approval(
      documentDate: documentDate, talkAt: talkAt, place: place, prefixes: prefixes, calendar: calendar,
      reportWorkingDays: reportWorkingDays)
    return try writer.write { db in
      let notice = try Store.reviewed(db, id)
      let records = try Store.steps(db, noticeID: id)
      // Whether this is the last step decides which facts are needed: only the issue draws a number.
      let last = NoticeLifecycle.pendingStep(chain: chain, records: records) == chain.count - 1
      let facts = last ? try Store.approvalFacts(db, notice, approval, talkAt: talkAt ?? notice.talkAt) : approval
      let change = try NoticeLifecycle.pass(
        notice, chain: chain, records: records, by: account, opinion: opinion, facts)
      try Store.apply(db, change, at: instant)
      return change.after
    }
  }

  /// Sends a draft back to the step before its pending one (退回修改), with the reason.
  public func returnNotice(id: Int64, by account: Account, chain: [ApprovalStep], reason: String, at instant: Date)
    throws
  {
    try writer.write { db in
      let notice = try Store.reviewed(db, id)
      let change = try NoticeLifecycle.sendBack(
        notice, chain: chain, records: try Store.steps(db, noticeID: id), by: account, reason: reason)
      try Store.apply(db, change, at: instant)
    }
  }

  /// The steps a notice took, in order.
  public func steps(noticeID: Int64) throws -> [StepRecord] {
    try writer.read { db in try Store.steps(db, noticeID: noticeID) }
  }

  static func steps(_ db: Database, noticeID: Int64) throws -> [StepRecord] {
    try Row.fetchAll(db, sql: "SELECT * FROM notice_step WHERE notice_id = ? ORDER BY id", arguments: [noticeID]).map {
      row in
      guard let step = ApprovalStep(rawValue: row["step"]) else {
        throw UnknownStoredValue(table: "notice_step", id: row["id"], column: "step", value: row["step"])
      }
      return StepRecord(
        step: step, decision: StepRecord.Decision(rawValue: row["decision"]) ?? .passed, account: row["account"],
        role: Role(rawValue: row["role"]) ?? .reviewer, leader: row["leader"],
        at: Timestamp.date(row["at"]) ?? .distantPast, opinion: row["opinion"])
    }
  }

  /// Approves a draft at once, outside any chain: for a document the office issues itself and for
  /// tests of what follows an issue (docs/documents.md#the-notices, docs/rules.md#the-ladder).
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
    let facts = try approvalFacts(db, notice, approval, talkAt: approval.talkAt)
    let change = try NoticeLifecycle.approve(notice, facts, actor: actor)
    try apply(db, change, at: instant)
    return change.after
  }

  /// What an issue needs to know, read in its transaction: the series' last number and the talks
  /// already set at the talk's time.
  static func approvalFacts(
    _ db: Database, _ notice: NoticeRecord, _ approval: NoticeLifecycle.Approval, talkAt: String?
  ) throws -> NoticeLifecycle.Approval {
    var facts = approval
    let series = NoticeLifecycle.series(of: notice, documentDate: approval.documentDate, prefixes: approval.prefixes)
    facts.lastNumber =
      try Int.fetchOne(
        db, sql: "SELECT last FROM notice_number WHERE prefix = ? AND year = ?",
        arguments: [series.prefix, series.year])
      ?? 0
    if let talkAt, !talkAt.isEmpty { facts.talksAtThatTime = try talks(db, at: talkAt, besides: notice.id) }
    return facts
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
    if let step = change.step {
      try db.execute(
        sql: """
          INSERT INTO notice_step (notice_id, step, decision, account, role, leader, at, opinion)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          notice.id, step.step.rawValue, step.decision.rawValue, step.account.name, step.account.role.rawValue,
          step.account.leader, Timestamp.string(instant), step.opinion,
        ])
    }
    // In the same transaction: an approved notice is never without its outbox rows.
    if change.enqueuesDeliveries { try enqueueDeliveries(db, notice: notice, at: instant) }
  }
}

extension ReviewAction {
  /// The action as the audit log names it.
  var auditName: String {
    switch self {
    case .report: "feedback"
    case .approve, .reject, .edit, .acknowledge, .markSent, .check, .sendBack: rawValue
    }
  }
}

extension Store {
  /// The 发文稿纸's facts of a notice (see `NoticeProcessing`); nil when there is no such notice.
  public func processing(noticeID: Int64, configuration: Configuration) throws -> NoticeProcessing? {
    guard let notice = try notice(id: noticeID) else { return nil }
    return NoticeProcessing.make(
      notice, steps: try steps(noticeID: noticeID), draftedBy: configuration.documents.dispatchOffice,
      leaders: configuration.leaders, timeZone: configuration.city.timeZone)
  }
}
