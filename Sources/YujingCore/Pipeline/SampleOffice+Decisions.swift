import Foundation

/// The sample office's decisions: it reads each 整改 report the working day after it arrives and
/// accepts it (销号), but returns a few first reports as too vague, which their units send again
/// the next working day; and one unit appeals a reminder whose finding rested on a wrong figure,
/// which the office grants, so that the year shows a withdrawal drafted by an appeal.
extension SampleOffice {
  /// First reports the office returns: (addressee, period of the notice).
  public static let returnedReports: [(addressee: String, period: Period)] = [
    ("市交通运输局", Period(year: 2020, month: 7)!), ("铜鼓县人民政府", Period(year: 2020, month: 9)!),
  ]

  /// The year's one appeal: 市卫健委's reminder of March says project P2020-033 had not started,
  /// but it had; its start was reported late. Filed the working day after the reminder is issued,
  /// granted the next.
  public static let appeal = (
    addressee: "市卫健委", period: Period(year: 2020, month: 3)!,
    reason: "该项目已于3月开工，开工信息报送滞后，现附开工报告，申请撤销该项预警。",
    grant: "经核实，项目已于3月开工，预警所依据的开工信息有误，申诉成立。"
  )

  static let returnReason = "整改措施不够具体，请逐项明确责任单位、完成时限和量化目标后重新报送。"

  /// The office's work on reports and appeals on a working day: what arrived before today is
  /// decided; the appeal of the year is filed on its day.
  func decide(on day: Day, at instant: Date) throws {
    let store = workspace.store
    let calendar = thresholds.calendar
    for report in try store.reports(state: .submitted).reversed() where report.submittedDay < day {
      guard let notice = try store.notice(id: report.noticeID) else { continue }
      let first = try store.reports(noticeID: notice.id).count == 1
      let returned =
        first && Self.returnedReports.contains { $0.addressee == notice.addressee && $0.period == notice.period }
      let decision: ReportReview.Decision =
        returned ? .sendBack(reason: Self.returnReason, due: nil) : .accept(comment: "措施具体，同意销号。")
      try store.decideReport(
        id: report.id, decision, day: day, actor: Self.checker.name, at: instant, calendar: calendar,
        returnedWorkingDays: thresholds.ladder.returnedWorkingDays)
    }
    let clock: @Sendable () -> Date = { instant }
    let decisions = AppealDecision(workspace: workspace, thresholds: thresholds, clock: clock)
    for appeal in try store.appeals(state: .pending) where appeal.filedDay < day {
      _ = try decisions.decide(appeal.id, .grant(reason: Self.appeal.grant), actor: Self.checker.name)
    }
    for notice in try store.notices(period: Self.appeal.period, kind: .reminder, addressee: Self.appeal.addressee)
    where notice.corrects == nil {
      guard let issued = notice.documentDate, calendar.adding(workingDays: 1, to: issued) == day,
        try store.appeals(noticeID: notice.id).isEmpty
      else { continue }
      try store.fileAppeal(
        noticeID: notice.id, subjects: notice.subjects.map(\.subject), reason: Self.appeal.reason, day: day,
        actor: "demo:\(notice.addressee)", at: instant, calendar: calendar,
        workingDays: thresholds.ladder.appealWorkingDays)
    }
  }
}
