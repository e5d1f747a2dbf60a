import Foundation

/// The review of a notice as a pure function (docs/architecture.md#the-review-lifecycle): given
/// the notice, what is asked and the facts the rules need, it returns the notice as it will be and
/// what to record, or the rule that refuses. It reads nothing and writes nothing: the store loads
/// the facts, and applies the change in one transaction.
///
///     draft ──approve──▶ approved ──mark sent / delivered──▶ sent ──acknowledge──▶ acknowledged
///       │                    └──────────────acknowledge──────────────────────────────▲
///       └──reject──▶ rejected
public enum NoticeLifecycle {
  /// What approval needs besides the notice: the day and the talk the reviewer gives, and what
  /// the store knows at that moment.
  public struct Approval: Sendable {
    public var documentDate: Day
    public var talkAt: String?
    public var place: String?
    public var prefixes: [NoticeKind: String]
    public var calendar: WorkingCalendar
    public var reportWorkingDays: Int
    /// The last number issued under the notice's prefix in the 成文日期's year (0 for none).
    public var lastNumber: Int
    /// The talks already set at `talkAt` (other notices, approved or later).
    public var talksAtThatTime: [TalkClash.Talk]

    public init(
      documentDate: Day, talkAt: String?, place: String?, prefixes: [NoticeKind: String], calendar: WorkingCalendar,
      reportWorkingDays: Int, lastNumber: Int = 0, talksAtThatTime: [TalkClash.Talk] = []
    ) {
      self.documentDate = documentDate
      self.talkAt = talkAt
      self.place = place
      self.prefixes = prefixes
      self.calendar = calendar
      self.reportWorkingDays = reportWorkingDays
      self.lastNumber = lastNumber
      self.talksAtThatTime = talksAtThatTime
    }
  }

  /// The counter a number is drawn from: per prefix and year of the 成文日期.
  public struct NumberSeries: Sendable, Hashable {
    public var prefix: String
    public var year: Int
  }

  /// The series a notice's number is drawn from when it is dated `documentDate`.
  public static func series(of notice: NoticeRecord, documentDate: Day, prefixes: [NoticeKind: String])
    -> NumberSeries
  {
    NumberSeries(prefix: prefixes[notice.kind] ?? notice.kind.rawValue, year: documentDate.year)
  }

  /// The talk is set: a talk notice that is not a correction or withdrawal of one.
  static func setsTalk(_ notice: NoticeRecord) -> Bool { notice.kind.setsATalk && notice.corrects == nil }

  /// Approves a draft: numbers it (`lastNumber + 1`), fixes its 成文日期, the talk and the 整改
  /// report's deadline, and writes them into the body in place of the draft's placeholders.
  public static func approve(_ notice: NoticeRecord, _ approval: Approval, actor: String) throws(NoticeRefusal)
    -> NoticeChange
  {
    guard notice.state == .draft else { throw .notADraft(notice.state, action: .approve) }
    let talkAt = approval.talkAt.flatMap { $0.isEmpty ? nil : $0 }
    let place = approval.place.flatMap { $0.isEmpty ? nil : $0 }
    // A correction or withdrawal of a talk notice sets no talk and asks for no report.
    if setsTalk(notice) && (talkAt == nil || place == nil) { throw .talkNeedsTimeAndPlace }
    let talkDay = talkAt.flatMap(TalkTime.day)
    if notice.kind.setsATalk, let talkDay, talkDay < approval.documentDate {
      throw .talkBeforeDocumentDate(talk: talkDay, documentDate: approval.documentDate)
    }
    if setsTalk(notice), let talkAt, let place,
      let clash = TalkClash.clash(place: place, holder: notice.holder, with: approval.talksAtThatTime)
    {
      throw .talkClash(talkAt: talkAt, taken: clash.sameRoom ? place : (notice.holder ?? ""), other: clash.other)
    }
    let series = series(of: notice, documentDate: approval.documentDate, prefixes: approval.prefixes)
    let next = approval.lastNumber + 1
    let number = "\(series.prefix)〔\(series.year)〕\(next)号"
    // A reminder's 整改 report is due counting from its 成文日期, a talk's from the talk itself:
    // the unit reports on what the talk asked of it.
    let asksForReport = notice.kind.asksForReport && notice.corrects == nil
    let reportFrom = notice.kind.setsATalk ? talkDay : approval.documentDate
    let due =
      asksForReport ? reportFrom.map { approval.calendar.adding(workingDays: approval.reportWorkingDays, to: $0) } : nil
    // What is fixed now takes the place of the draft's placeholders, so that the body and the
    // notes state the same time, place and deadline.
    var body = notice.body
    if let talkAt {
      body = body.replacingOccurrences(of: DraftText.talkTimePlaceholder, with: TalkTime.chinese(talkAt))
    }
    if let place { body = body.replacingOccurrences(of: DraftText.talkPlacePlaceholder, with: place) }
    if let due { body = body.replacingOccurrences(of: DraftText.reportDuePlaceholder, with: due.chinese) }
    var approved = notice
    approved.state = .approved
    approved.number = number
    approved.documentDate = approval.documentDate
    approved.reportDue = due
    approved.talkAt = talkAt
    approved.place = place
    approved.body = body
    return NoticeChange(
      before: notice, after: approved,
      event: .init(note: "\(number), 成文日期 \(approval.documentDate)"),
      audit: .init(action: .approve, detail: number), actor: actor,
      numbered: (series, next), enqueuesDeliveries: true)
  }

  public static func reject(_ notice: NoticeRecord, reason: String, actor: String) throws(NoticeRefusal)
    -> NoticeChange
  {
    guard notice.state == .draft else { throw .notADraft(notice.state, action: .reject) }
    guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw .emptyReason }
    var rejected = notice
    rejected.state = .rejected
    return NoticeChange(
      before: notice, after: rejected, event: .init(note: reason), audit: .init(action: .reject, detail: reason),
      actor: actor)
  }

  /// Replaces a draft's text; the old text goes to the history. Nil when nothing changes.
  public static func edit(_ notice: NoticeRecord, title: String, body: String, actor: String) throws(NoticeRefusal)
    -> NoticeChange?
  {
    guard notice.state == .draft else { throw .notADraft(notice.state, action: .edit) }
    guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
      !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    else { throw .emptyTitleOrBody }
    guard title != notice.title || body != notice.body else { return nil }
    var edited = notice
    edited.title = title
    edited.body = body
    return NoticeChange(
      before: notice, after: edited, event: .init(note: "text edited; before: \(notice.title)\n\(notice.body)"),
      audit: .init(action: .edit, detail: nil), actor: actor)
  }

  /// Delivered outside yujing (print, DOCX): approved → sent.
  public static func markSent(_ notice: NoticeRecord, actor: String) throws(NoticeRefusal) -> NoticeChange {
    guard notice.state == .approved else { throw .notApproved(notice.state) }
    var sent = notice
    sent.state = .sent
    return NoticeChange(
      before: notice, after: sent, event: .init(note: "delivered by hand"),
      audit: .init(action: .markSent, detail: notice.number), actor: actor)
  }

  /// The addressee has received the notice: sent → acknowledged; an approved notice delivered
  /// outside yujing may be acknowledged too.
  public static func acknowledge(_ notice: NoticeRecord, actor: String) throws(NoticeRefusal) -> NoticeChange {
    guard notice.state == .approved || notice.state == .sent else { throw .notSent(notice.state) }
    var acknowledged = notice
    acknowledged.state = .acknowledged
    return NoticeChange(
      before: notice, after: acknowledged, event: .init(note: nil),
      audit: .init(action: .acknowledge, detail: notice.number), actor: actor)
  }

  /// A 整改 report: on time when submitted on or before the deadline (a notice without one takes
  /// any day). The notice itself does not change.
  public static func report(_ notice: NoticeRecord, day: Day) throws(NoticeRefusal) -> (onTime: Bool, audit: String) {
    guard [.approved, .sent, .acknowledged].contains(notice.state) else { throw .notAnswerable(notice.state) }
    let onTime = notice.reportDue.map { day <= $0 } ?? true
    return (onTime, onTime ? "on time" : "late")
  }
}
