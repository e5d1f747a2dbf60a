import Foundation

/// The sample office's year (the demo): day by day through 2020, files are ingested the day they
/// arrive and their month evaluated; the reviewer approves the drafts of the day before; the
/// addressees send their 整改 reports, but for two who are late on purpose, so that the overdue path
/// shows; the daily check runs every day. Everything goes through the same stages as real work.
public struct SampleOffice: Sendable {
  public let workspace: Workspace
  public let thresholds: Thresholds

  public init(workspace: Workspace, thresholds: Thresholds) {
    self.workspace = workspace
    self.thresholds = thresholds
  }

  /// Addressees that let a report of theirs run late: (addressee, period of the notice).
  public static let lateReporters: [(addressee: String, period: Period)] = [
    ("上高县人民政府", Period(year: 2020, month: 10)!), ("奉新县人民政府", Period(year: 2020, month: 11)!),
  ]

  /// What happened on one day, for the demo's log.
  public struct DayLog: Sendable {
    public var day: Day
    public var ingested: [(arrival: SampleReplay.Arrival, run: FeedRunSummary, findings: Int)] = []
    public var drafted: [NoticeRecord] = []
    public var approved: [NoticeRecord] = []
    public var overdue: [(caseID: Int64, from: Stage, to: Stage)] = []
  }

  /// Runs the year (or up to a day); `log` hears of every day on which something happened.
  public func run(until stop: Day? = nil, log: (DayLog) -> Void) throws {
    let replay = SampleReplay(workspace: workspace)
    let store = workspace.store
    let arrivals = try SampleReplay.arrivals()
    guard let first = arrivals.first?.day, let last = arrivals.last?.day else { return }
    var day = first
    let end = min(stop ?? last.adding(days: 20), last.adding(days: 20))
    while day <= end {
      let noon = replay.instant(of: day, hour: 12)
      let clock: @Sendable () -> Date = { noon }
      var entry = DayLog(day: day)
      let before = try store.notices().count
      // Approve yesterday's drafts first (the reviewer's morning), then what the day brings.
      if thresholds.calendar.isWorkingDay(day) {
        entry.approved = try approveDrafts(on: day, at: noon, arrivals: arrivals)
        try sendReports(on: day, at: noon)
      }
      for arrival in arrivals where arrival.day == day {
        let run = try replay.ingest(arrival)
        let evaluation = PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: clock)
        let outcome = try evaluation.run(period: arrival.period, asOf: day, dryRun: false)
        entry.ingested.append((arrival, run, outcome.findings.count))
      }
      let check = try DailyCheck(workspace: workspace, thresholds: thresholds, clock: clock).run(day: day)
      entry.overdue = check.escalations
      entry.drafted = Array(try store.notices().dropFirst(before))
      if !entry.ingested.isEmpty || !entry.drafted.isEmpty || !entry.approved.isEmpty || !entry.overdue.isEmpty {
        log(entry)
      }
      day = day.adding(days: 1)
    }
  }

  /// Approves the drafts made before today, dated today; a talk is set a week later. A month's
  /// letters wait until both of its files are in, as an office issues them after the monthly
  /// figures; reminders to report late data and overdue talks go at once.
  private func approveDrafts(on day: Day, at instant: Date, arrivals: [SampleReplay.Arrival]) throws -> [NoticeRecord] {
    let store = workspace.store
    var approved: [NoticeRecord] = []
    for draft in try store.notices(state: .draft) where draft.createdAt < instant.addingTimeInterval(-6 * 3600) {
      let urgent = draft.kind == .dataOverdue || draft.key.hasPrefix("overdue|")
      let monthComplete = arrivals.filter { $0.period == draft.period }.allSatisfy { $0.day < day }
      guard urgent || monthComplete else { continue }
      let talk = draft.kind == .talk
      let talkDay = thresholds.calendar.adding(workingDays: 5, to: day)
      approved.append(
        try store.approveNotice(
          id: draft.id, documentDate: day, talkAt: talk ? "\(talkDay) 09:30" : nil,
          place: talk ? "市政府第一会议室" : nil, actor: "demo:经济办审核员", at: instant,
          prefixes: workspace.configuration.numbering, calendar: thresholds.calendar,
          reportWorkingDays: thresholds.ladder.reportWorkingDays))
    }
    return approved
  }

  /// Each addressee reports on the third working day after the 成文日期, except the late ones.
  private func sendReports(on day: Day, at instant: Date) throws {
    let store = workspace.store
    for notice in try store.notices() where notice.reportDue != nil && [.approved, .sent].contains(notice.state) {
      guard let date = notice.documentDate, thresholds.calendar.adding(workingDays: 3, to: date) == day,
        try store.feedback(noticeID: notice.id).isEmpty,
        !Self.lateReporters.contains(where: { $0.addressee == notice.addressee && $0.period == notice.period })
      else { continue }
      try store.recordFeedback(
        noticeID: notice.id, text: "关于\(notice.number ?? "")的整改报告：已分析原因，制定整改措施，明确责任和时限。", fileName: nil,
        file: nil, actor: "demo:\(notice.addressee)", at: instant, day: day)
    }
  }
}
