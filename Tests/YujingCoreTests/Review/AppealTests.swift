import Foundation
import Testing

@testable import YujingCore

/// 申诉 in a real database with the evaluation and the daily check: filed within its working
/// days for subjects the notice names; while pending, the subject does not escalate for that
/// notice; granted, the subject's finding is set aside for that period alone and the withdrawal of
/// the notice is drafted; denied, the deadline holds again.
@Suite struct AppealTests {
  /// A reminder to 丰城 about industry growth of 2020-08 (7.0 against a target of 8.2), issued on
  /// Monday 2020-09-14; its report due 2020-09-21.
  func issuedReminder() throws -> (EscalationHarness, NoticeRecord) {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let reminder = try harness.approve(try #require(try harness.live().first).id, on: "2020-09-14")
    return (harness, reminder)
  }

  static let subject = Subject.indicator(indicator: "industry_va", region: "360981")

  func file(
    _ harness: EscalationHarness, _ notice: NoticeRecord, _ subjects: [Subject] = [subject], on day: String,
    reason: String = "统计局已修订为8.3%"
  ) throws -> StoredAppeal {
    try harness.store.fileAppeal(
      noticeID: notice.id, subjects: subjects, reason: reason, day: Day(day)!, actor: "丰城", at: fixedNow,
      calendar: harness.thresholds.calendar, workingDays: harness.thresholds.ladder.appealWorkingDays)
  }

  @Test func anAppealIsFiledWithinItsWorkingDaysForSubjectsTheNoticeNames() throws {
    let (harness, reminder) = try issuedReminder()
    #expect(reminder.subjects.map(\.subject).contains(Self.subject))
    // Three working days after Monday the 14th: Thursday the 17th is the last.
    #expect(throws: AppealReview.Refusal.tooLate(lastDay: Day("2020-09-17")!)) {
      try self.file(harness, reminder, on: "2020-09-18")
    }
    let other = Subject.indicator(indicator: "retail", region: "360981")
    #expect(throws: AppealReview.Refusal.notASubjectOfTheNotice(other.notation)) {
      try self.file(harness, reminder, [other], on: "2020-09-16")
    }
    #expect(throws: AppealReview.Refusal.emptyReason) {
      try self.file(harness, reminder, on: "2020-09-16", reason: " ")
    }
    let appeal = try file(harness, reminder, on: "2020-09-17")
    #expect(appeal.state == .pending && appeal.subjects == [Self.subject])
    #expect(throws: AppealReview.Refusal.alreadyAppealed(Self.subject.notation)) {
      try self.file(harness, reminder, on: "2020-09-17")
    }
  }

  @Test func onlyANoticeThatFindsAWarningCanBeAppealed() throws {
    let (harness, reminder) = try issuedReminder()
    for kind in NoticeKind.allCases {
      var notice = reminder
      notice.kind = kind
      let filed = AppealReview.file(
        notice: notice, subjects: [Self.subject], reason: "统计局已修订", on: Day("2020-09-15")!,
        calendar: harness.thresholds.calendar, workingDays: 3, alreadyAppealed: [])
      switch kind {
      case .reminder, .talk, .precoordination: #expect(filed == .success([Self.subject]), "\(kind)")
      case .lift, .dataOverdue, .summary: #expect(filed == .failure(.kindNotAppealable(kind)), "\(kind)")
      }
    }
  }

  @Test func aPendingAppealHoldsTheSubjectAndADenialLetsTheDeadlineCount() throws {
    let (harness, reminder) = try issuedReminder()
    let appeal = try file(harness, reminder, on: "2020-09-16")
    // No report by the 21st, but the appeal waits for the office.
    #expect(try harness.dailyChecks(from: "2020-09-15", through: "2020-09-30").isEmpty)
    let denied = try AppealDecision(workspace: harness.workspace, thresholds: harness.thresholds, clock: { fixedNow })
      .decide(appeal.id, .deny(reason: "修订数据未经统计局确认"), actor: "office")
    #expect(denied.appeal.state == .denied && denied.notices.isEmpty)
    #expect(try harness.dailyChecks(from: "2020-10-09", through: "2020-10-09") == ["2020-10-09 reminder→talk_deputy"])
  }

  @Test func aGrantedAppealSetsTheFindingAsideForThatPeriodAndDraftsTheWithdrawal() throws {
    let (harness, reminder) = try issuedReminder()
    let appeal = try file(harness, reminder, on: "2020-09-15")
    let granted = try AppealDecision(workspace: harness.workspace, thresholds: harness.thresholds, clock: { fixedNow })
      .decide(appeal.id, .grant(reason: "统计局修订数据为8.3%"), actor: "office")
    #expect(granted.appeal.state == .granted)
    // The finding of 2020-08 is set aside, audited as an exemption of that month alone.
    let exemptions = try harness.store.exemptions()
    #expect(exemptions.count == 1)
    #expect(exemptions.first?.from == Day("2020-08-01") && exemptions.first?.until == Day("2020-08-31"))
    #expect(exemptions.first?.reason.contains("统计局修订数据为8.3%") == true)
    // The re-evaluation drafted the withdrawal of the reminder, to be reviewed like any notice.
    let correction = try #require(granted.notices.corrections.first.flatMap { try harness.store.notice(id: $0) })
    #expect(correction.state == .draft)
    #expect(correction.corrects == reminder.id)
    #expect(correction.title.contains(reminder.number ?? "?"), "\(correction.title)")
    // And the appealed subject no longer escalates for it.
    #expect(try harness.dailyChecks(from: "2020-09-22", through: "2020-10-31").isEmpty)
    #expect(throws: AppealReview.Refusal.alreadyDecided(.granted)) {
      try harness.store.decideAppeal(id: appeal.id, .deny(reason: "x"), actor: "office", at: fixedNow)
    }
  }
}
