import Foundation
import Hummingbird
import YujingCore

/// The state changes a reader can make on a notice, shared by the pages and the API. Each one
/// checks who may make it on this notice, then lets the store check the notice's state.
struct ReviewActions: Sendable {
  let current: LiveWorkspace.Current
  let account: Account

  var store: Store { current.workspace.store }
  var configuration: Configuration { current.workspace.configuration }

  /// The notice, if this account may see it; otherwise 404, as if it did not exist — a department
  /// must not learn which ids belong to others (DESIGN §7.2).
  func notice(_ id: Int64) throws -> NoticeRecord {
    guard let notice = try store.notice(id: id), account.maySee(notice) else {
      throw HTTPError(.notFound, message: "there is no notice \(id)")
    }
    return notice
  }

  func requireReviewer() throws {
    guard account.mayReview else { throw HTTPError(.forbidden, message: "only the office's reviewers may do this") }
  }

  @discardableResult
  func approve(_ id: Int64, date: String?, talkAt: String?, place: String?) throws -> NoticeRecord {
    try requireReviewer()
    _ = try notice(id)
    let timeZone = configuration.city.timeZone
    let day: Day
    if let date, !date.isEmpty {
      guard let parsed = Day(date) else { throw NoticeActionError("成文日期 '\(date)' is not YYYY-MM-DD") }
      day = parsed
    } else {
      day = Day.today({ Date() }, in: timeZone)
    }
    let talkAt = talkAt.flatMap { $0.isEmpty ? nil : $0 }
    if let talkAt, !TalkTime.isValid(talkAt) {
      throw NoticeActionError("the talk's time '\(talkAt)' is not YYYY-MM-DD HH:MM")
    }
    return try store.approveNotice(
      id: id, documentDate: day, talkAt: talkAt, place: place.flatMap { $0.isEmpty ? nil : $0 }, actor: account.name,
      at: Date(), prefixes: configuration.numbering, calendar: current.thresholds.calendar,
      reportWorkingDays: current.thresholds.ladder.reportWorkingDays)
  }

  func reject(_ id: Int64, reason: String) throws {
    try requireReviewer()
    _ = try notice(id)
    try store.rejectNotice(id: id, reason: reason, actor: account.name, at: Date())
  }

  func edit(_ id: Int64, title: String, body: String) throws {
    try requireReviewer()
    _ = try notice(id)
    try store.editDraft(id: id, title: title, body: body, actor: account.name, at: Date())
  }

  func acknowledge(_ id: Int64) throws {
    let notice = try notice(id)
    guard account.answersFor(notice) else {
      throw HTTPError(.forbidden, message: "only the addressee acknowledges a notice")
    }
    try store.acknowledgeNotice(id: id, actor: account.name, at: Date())
  }

  @discardableResult
  func feedback(_ id: Int64, text: String, fileName: String? = nil, file: Data? = nil) throws -> Bool {
    let notice = try notice(id)
    guard account.answersFor(notice) else {
      throw HTTPError(.forbidden, message: "only the addressee submits the 整改 report")
    }
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw NoticeActionError("the report is empty")
    }
    let day = Day.today({ Date() }, in: configuration.city.timeZone)
    return try store.recordFeedback(
      noticeID: id, text: text, fileName: fileName, file: file, actor: account.name, at: Date(), day: day)
  }
}
