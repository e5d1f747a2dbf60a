import Foundation
import Hummingbird
import YujingCore

/// The state changes a reader can make on a notice, shared by the pages and the API. Each one
/// checks who may make it on this notice, then lets the store apply the review's lifecycle
/// (`NoticeLifecycle`), whose refusals the pages and the API phrase for their readers.
struct ReviewActions: Sendable {
  let current: LiveWorkspace.Current
  let account: Account
  /// The web layer's clock: an action's audit time and the day it counts from.
  let clock: @Sendable () -> Date

  var store: Store { current.workspace.store }
  var configuration: Configuration { current.workspace.configuration }

  /// The notice, if this account may see it; otherwise 404, as if it did not exist — a department
  /// must not learn which ids belong to others (docs/operate.md#who-may-do-what).
  func notice(_ id: Int64) throws -> NoticeRecord {
    guard let notice = try store.notice(id: id), account.maySee(notice) else {
      throw HTTPError(.notFound, message: "there is no notice \(id)")
    }
    return notice
  }

  func requireReviewer() throws {
    guard account.mayReview else { throw HTTPError(.forbidden, message: "only the office's reviewers may do this") }
  }

  /// The 整改 reports and their files are the addressee's and the office's, not a copied unit's.
  func mayReadReports(_ notice: NoticeRecord) -> Bool {
    account.isOffice || account.answersFor(notice)
  }

  /// 成文日期 lies between the start of the notice's period and a month from today: a document is
  /// dated when it is issued, give or take a back-dated signature.
  static func documentDates(_ notice: NoticeRecord, today: Day) -> ClosedRange<Day> {
    let first = Day(year: notice.period.year, month: notice.period.month, day: 1) ?? RequestNumbers.days.lowerBound
    let last = min(today.adding(days: 31), RequestNumbers.days.upperBound)
    return min(first, last)...last
  }

  /// Reviewers and signers take the steps of a notice's chain; which one, the lifecycle decides.
  func requireStepTaker() throws {
    guard account.role == .reviewer || account.role == .signer else {
      throw HTTPError(.forbidden, message: "only the office's reviewers and signers take the steps of a notice")
    }
  }

  /// The chain of the notice's kind and the steps it took, to show where it stands.
  func chain(_ notice: NoticeRecord) throws -> (steps: [ApprovalStep], records: [StepRecord]) {
    (configuration.chain(notice.kind), try store.steps(noticeID: notice.id))
  }

  /// Takes the draft's next step as this account (核稿 or 签发); the last step issues it.
  @discardableResult
  func approve(_ id: Int64, date: String?, talkAt: String?, place: String?, opinion: String? = nil) throws
    -> NoticeRecord
  {
    try requireStepTaker()
    let notice = try notice(id)
    let now = clock()
    let today = Day.today({ now }, in: configuration.city.timeZone)
    if let date, !date.isEmpty, Day(date) == nil {
      throw NoticeActionError("成文日期 '\(date)' is not YYYY-MM-DD")
    }
    let day =
      try RequestNumbers.day(date, name: "date (成文日期)", range: Self.documentDates(notice, today: today)) ?? today
    let talkAt = talkAt.flatMap { $0.isEmpty ? nil : $0 }
    if let talkAt {
      guard TalkTime.isValid(talkAt), let talkDay = Day(talkAt.prefix(10)) else {
        throw NoticeActionError("the talk's time '\(talkAt)' is not YYYY-MM-DD HH:MM")
      }
      // A talk follows its notice (the lifecycle checks it again against the date the issue takes:
      // a check, which dates nothing, may set the talk before the form's date is given).
      let given = date.map { !$0.isEmpty } ?? false
      let talkDays = (given ? day : RequestNumbers.days.lowerBound)...RequestNumbers.days.upperBound
      guard talkDays.contains(talkDay) else {
        throw RequestNumbers.OutOfRange(
          "talk_at (约谈时间) must be on a day from \(talkDays.lowerBound) to \(talkDays.upperBound)")
      }
    }
    return try store.approveStep(
      id: id, by: account, chain: configuration.chain(notice.kind), opinion: opinion, documentDate: day,
      talkAt: talkAt, place: place.flatMap { $0.isEmpty ? nil : $0 }, at: now, prefixes: configuration.numbering,
      calendar: current.thresholds.calendar, reportWorkingDays: current.thresholds.ladder.reportWorkingDays)
  }

  /// Sends the draft back to the step before (退回修改), as the account whose step it waits for.
  func sendBack(_ id: Int64, reason: String) throws {
    try requireStepTaker()
    let notice = try notice(id)
    try store.returnNotice(
      id: id, by: account, chain: configuration.chain(notice.kind), reason: reason, at: clock())
  }

  func reject(_ id: Int64, reason: String) throws {
    try requireReviewer()
    _ = try notice(id)
    try store.rejectNotice(id: id, reason: reason, actor: account.name, at: clock())
  }

  func edit(_ id: Int64, title: String, body: String) throws {
    try requireReviewer()
    _ = try notice(id)
    try store.editDraft(id: id, title: title, body: body, actor: account.name, at: clock())
  }

  /// The office's decision on one of the notice's 整改 reports: a reviewer's; a report of
  /// another notice answers 404.
  func decideReport(_ id: Int64, report reportID: Int64?, _ decision: ReportReview.Decision) throws {
    try requireReviewer()
    _ = try notice(id)
    guard let reportID, try store.reports(noticeID: id).contains(where: { $0.id == reportID }) else {
      throw HTTPError(.notFound, message: "there is no such report of notice \(id)")
    }
    let now = clock()
    try store.decideReport(
      id: reportID, decision, day: Day.today({ now }, in: configuration.city.timeZone), actor: account.name, at: now,
      calendar: current.thresholds.calendar, returnedWorkingDays: current.thresholds.ladder.returnedWorkingDays)
  }

  func acknowledge(_ id: Int64) throws {
    let notice = try notice(id)
    guard account.answersFor(notice) else {
      throw HTTPError(.forbidden, message: "only the addressee acknowledges a notice")
    }
    try store.acknowledgeNotice(id: id, actor: account.name, at: clock())
  }

  @discardableResult
  func feedback(_ id: Int64, text: String, fileName: String? = nil, file: Data? = nil) throws -> Bool {
    let notice = try notice(id)
    guard account.answersFor(notice) else {
      throw HTTPError(.forbidden, message: "only the addressee submits the 整改 report")
    }
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw NoticeRefusal.emptyReport
    }
    let now = clock()
    let day = Day.today({ now }, in: configuration.city.timeZone)
    guard let file else {
      return try store.recordFeedback(
        noticeID: id, text: text, fileName: nil, file: nil, actor: account.name, at: now, day: day)
    }
    let name = try UploadQuota.fileName(fileName ?? "")
    // Counting and storing under one lock: two uploads at once cannot both take the last place.
    return try UploadQuota.lock.withLock {
      try UploadQuota(settings: configuration.server).check(store: store, notice: notice)
      return try store.recordFeedback(
        noticeID: id, text: text, fileName: name, file: file, actor: account.name, at: now, day: day)
    }
  }
}
