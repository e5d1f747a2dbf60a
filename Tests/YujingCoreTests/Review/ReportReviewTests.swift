import Foundation
import Testing

@testable import YujingCore

/// The office's decision on a 整改 report: the rules as a table, then in a real database with the
/// daily check — an accepted report closes its notice, a returned one is due again by the day the
/// return named and escalates like a missing one when it does not come, and a report awaiting the
/// decision holds the case where it is.
@Suite struct ReportReviewTests {
  static let calendar = ProblemLightsTests.thresholds.calendar

  static func decide(_ decision: ReportReview.Decision, _ state: ReportReview.State, on day: String = "2020-09-23")
    -> Result<ReportReview.Outcome, ReportReview.Refusal>
  {
    ReportReview.decide(decision, state: state, on: Day(day)!, calendar: calendar, returnedWorkingDays: 3)
  }

  @Test func onlyASubmittedReportIsDecided() {
    for state in [ReportReview.State.accepted, .returned] {
      #expect(Self.decide(.accept(comment: nil), state) == .failure(.alreadyDecided(state)))
      #expect(Self.decide(.sendBack(reason: "r", due: nil), state) == .failure(.alreadyDecided(state)))
    }
  }

  @Test func aReturnNeedsAReasonAndIsDueAgainOnTheThirdWorkingDayUnlessTheOfficeNamesADay() throws {
    #expect(Self.decide(.sendBack(reason: " ", due: nil), .submitted) == .failure(.emptyReason))
    // Returned on Friday 2020-09-25: Sunday the 27th is a make-up working day, then 28 and 29.
    let returned = try Self.decide(.sendBack(reason: "措施不具体", due: nil), .submitted, on: "2020-09-25").get()
    #expect(returned.state == .returned)
    #expect(returned.resubmitDue == Day("2020-09-29"))
    let named = try Self.decide(.sendBack(reason: "r", due: Day("2020-10-12")), .submitted).get()
    #expect(named.resubmitDue == Day("2020-10-12"))
    #expect(
      Self.decide(.sendBack(reason: "r", due: Day("2020-09-23")), .submitted)
        == .failure(.dueBeforeDay(due: Day("2020-09-23")!, day: Day("2020-09-23")!)))
  }

  @Test func theReportIsDueByTheLatestReturnOrElseByTheNotice() {
    #expect(ReportReview.due(notice: Day("2020-09-21"), returns: []) == Day("2020-09-21"))
    #expect(
      ReportReview.due(notice: Day("2020-09-21"), returns: [Day("2020-09-29")!, Day("2020-10-12")!])
        == Day("2020-10-12"))
  }

  // MARK: - In the database, with the daily check

  /// A reminder of 2020-09-14, its report due 2020-09-21, answered on time on the 18th.
  func answeredReminder() throws -> (EscalationHarness, NoticeRecord, StoredReport) {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let reminder = try harness.approve(try #require(try harness.live().first).id, on: "2020-09-14")
    try harness.workspace.store.recordFeedback(
      noticeID: reminder.id, text: "整改措施", fileName: nil, file: nil, actor: "dept", at: fixedNow,
      day: Day("2020-09-18")!)
    let report = try #require(try harness.workspace.store.reports(noticeID: reminder.id).first)
    #expect(report.state == .submitted && report.onTime)
    return (harness, reminder, report)
  }

  func decide(_ harness: EscalationHarness, _ report: StoredReport, _ decision: ReportReview.Decision, on day: String)
    throws -> StoredReport
  {
    try harness.workspace.store.decideReport(
      id: report.id, decision, day: Day(day)!, actor: "office", at: fixedNow, calendar: Self.calendar,
      returnedWorkingDays: harness.thresholds.ladder.returnedWorkingDays)
  }

  @Test func anAcceptedReportClosesItsNoticeAndIsNotDecidedTwice() throws {
    let (harness, reminder, report) = try answeredReminder()
    let accepted = try decide(harness, report, .accept(comment: "措施可行"), on: "2020-09-22")
    #expect(accepted.state == .accepted && accepted.note == "措施可行")
    #expect(try harness.workspace.store.notice(id: reminder.id)?.state == .closed)
    #expect(try harness.dailyChecks(from: "2020-09-15", through: "2020-10-31").isEmpty)
    #expect(throws: ReportReview.Refusal.alreadyDecided(.accepted)) {
      try self.decide(harness, report, .sendBack(reason: "r", due: nil), on: "2020-09-23")
    }
  }

  @Test func aReportAwaitingTheDecisionHoldsTheCase() throws {
    let (harness, _, _) = try answeredReminder()
    #expect(try harness.dailyChecks(from: "2020-09-15", through: "2020-10-31").isEmpty)
  }

  @Test func aReturnedReportNotSentAgainInTimeEscalatesLikeAMissingOne() throws {
    let (harness, reminder, report) = try answeredReminder()
    // Returned on Tuesday 2020-09-22: due again on Friday the 25th.
    let returned = try decide(harness, report, .sendBack(reason: "措施不具体", due: nil), on: "2020-09-22")
    #expect(returned.resubmitDue == Day("2020-09-25"))
    #expect(try harness.workspace.store.notice(id: reminder.id)?.state == .approved)
    #expect(try harness.dailyChecks(from: "2020-09-22", through: "2020-09-25").isEmpty)
    #expect(try harness.dailyChecks(from: "2020-09-26", through: "2020-09-30") == ["2020-09-26 reminder→talk_deputy"])
  }

  @Test func aReportSentAgainInTimeAfterAReturnIsOnTimeAndHoldsTheCase() throws {
    let (harness, reminder, report) = try answeredReminder()
    _ = try decide(harness, report, .sendBack(reason: "措施不具体", due: Day("2020-09-30")), on: "2020-09-22")
    // After the notice's own deadline, before the return's.
    let onTime = try harness.workspace.store.recordFeedback(
      noticeID: reminder.id, text: "修改后的整改措施", fileName: nil, file: nil, actor: "dept", at: fixedNow,
      day: Day("2020-09-29")!)
    #expect(onTime)
    #expect(try harness.dailyChecks(from: "2020-09-22", through: "2020-10-31").isEmpty)
    let reports = try harness.workspace.store.reports(noticeID: reminder.id)
    #expect(reports.map(\.state) == [.submitted, .returned])
  }
}
