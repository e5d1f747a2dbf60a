import Foundation
import Hummingbird
import YujingCore

/// The decisions after a notice is issued, shared by the pages and the API: the office's review of
/// 整改 reports and of 申诉, and the addressee's appeal. Who may make each is checked here; the rules
/// of each are `ReportReview` and `AppealReview`, whose refusals the pages and the API phrase.
extension ReviewActions {
  /// The reports this account may read, newest first: the office's all, a department's its own.
  func reports(state: ReportReview.State?, noticeID: Int64?) throws -> [StoredReport] {
    if let noticeID {
      let notice = try notice(noticeID)
      guard mayReadReports(notice) else { return [] }
    }
    let reports = try store.reports(state: state, noticeID: noticeID)
    guard !account.isOffice else { return reports }
    return try reports.filter { report in
      try store.notice(id: report.noticeID).map { account.answersFor($0) } ?? false
    }
  }

  /// A report by its own id, for a reviewer: one this account may not see is 404, as if absent.
  func decideReport(id reportID: Int64, _ decision: ReportReview.Decision) throws -> StoredReport {
    try requireReviewer()
    guard let report = try store.report(id: reportID), (try? notice(report.noticeID)) != nil else {
      throw HTTPError(.notFound, message: "there is no report \(reportID)")
    }
    try decideReport(report.noticeID, report: reportID, decision)
    return try store.report(id: reportID) ?? report
  }

  /// The appeals this account may read, newest first: the office's all, a department's its own.
  func appeals(state: AppealReview.State? = nil, noticeID: Int64? = nil) throws -> [StoredAppeal] {
    if let noticeID { _ = try notice(noticeID) }
    if account.isOffice { return try store.appeals(state: state, noticeID: noticeID) }
    guard let addressee = account.addressee else { return [] }
    return try store.appeals(state: state, noticeID: noticeID, addressee: addressee)
  }

  /// The addressee appeals some of the notice's subjects, named as `Subject.notation` writes them,
  /// with a file if it has one (within the same quotas as the reports' files).
  @discardableResult
  func fileAppeal(
    _ id: Int64, subjects notations: [String], reason: String, fileName: String? = nil, file: Data? = nil
  ) throws -> StoredAppeal {
    let notice = try notice(id)
    guard account.answersFor(notice) else {
      throw HTTPError(.forbidden, message: "only the addressee appeals a notice")
    }
    let subjects = try notations.map { notation -> Subject in
      guard let subject = notice.subjects.first(where: { $0.subject.notation == notation })?.subject else {
        throw AppealReview.Refusal.notASubjectOfTheNotice(notation)
      }
      return subject
    }
    let now = clock()
    func store(_ attachment: (fileName: String, data: Data)?) throws -> StoredAppeal {
      try self.store.fileAppeal(
        noticeID: id, subjects: subjects, reason: reason, attachment: attachment,
        day: Day.today({ now }, in: configuration.city.timeZone), actor: account.name, at: now,
        calendar: current.thresholds.calendar, workingDays: current.thresholds.ladder.appealWorkingDays)
    }
    guard let data = file else { return try store(nil) }
    let name = try UploadQuota.fileName(fileName ?? "")
    return try UploadQuota.lock.withLock {
      try UploadQuota(settings: configuration.server).check(store: self.store, notice: notice)
      return try store((name, data))
    }
  }

  /// The last day the addressee may appeal an issued notice, or nil when it may not be appealed.
  func appealDeadline(_ notice: NoticeRecord) -> Day? {
    guard notice.kind.isAppealable, notice.number != nil, let issued = notice.documentDate,
      [.approved, .sent, .acknowledged].contains(notice.state)
    else { return nil }
    return current.thresholds.calendar.adding(workingDays: current.thresholds.ladder.appealWorkingDays, to: issued)
  }

  /// A reviewer grants or denies an appeal; a grant evaluates the period again (`AppealDecision`).
  @discardableResult
  func decideAppeal(_ appealID: Int64, _ decision: AppealReview.Decision) throws -> AppealDecision.Outcome {
    try requireReviewer()
    guard let appeal = try store.appeal(id: appealID), (try? notice(appeal.noticeID)) != nil else {
      throw HTTPError(.notFound, message: "there is no appeal \(appealID)")
    }
    return try AppealDecision(workspace: current.workspace, thresholds: current.thresholds, clock: clock)
      .decide(appealID, decision, actor: account.name)
  }
}
