import Foundation

/// The sample office's year (the demo): day by day through 2020, files are ingested the day they
/// arrive and their month evaluated; the reviewer approves the drafts of the day before; the
/// addressees answer as units do: most send their 整改 reports on time, a few late, and one never
/// answers, so that every path of the ladder shows; the office accepts the reports, returns a few,
/// and grants one appeal (`SampleOffice+Decisions.swift`); the daily check runs every day.
/// Everything goes through the same stages as real work.
public struct SampleOffice: Sendable {
  public let workspace: Workspace
  public let thresholds: Thresholds
  public let review: Review

  /// Which drafts the sample's reviewer approves.
  public enum Review: Sendable, Hashable {
    /// Every draft, the year round: what the tests of the year's documents read.
    case everything
    /// Every draft but those about `period` and the months after, which wait for whoever runs
    /// the demo.
    case leaving(from: Period)

    /// The demo's: the drafts about November and December, the office's last month of work
    /// (November's figures arrive in mid-December), wait for review.
    public static let lastMonthLeft = Review.leaving(from: Period(year: 2020, month: 11)!)

    func approves(_ draft: NoticeRecord) -> Bool {
      switch self {
      case .everything: true
      case .leaving(let period): draft.period < period
      }
    }
  }

  public init(workspace: Workspace, thresholds: Thresholds, review: Review = .lastMonthLeft) {
    self.workspace = workspace
    self.thresholds = thresholds
    self.review = review
  }

  /// The last day the year is replayed to: twenty days after the last file arrives.
  public static func lastDay() throws -> Day? {
    try SampleReplay.arrivals().last.map { $0.day.adding(days: 20) }
  }

  /// Addressees that answer the first notice of a period two working days after its deadline
  /// (the case climbs the day after the deadline all the same): (addressee, period of the notice).
  public static let lateReporters: [(addressee: String, period: Period)] = [
    ("奉新县人民政府", Period(year: 2020, month: 10)!), ("市住建局", Period(year: 2020, month: 7)!),
  ]

  /// The one addressee that stops answering from a period on: its case climbs at each deadline.
  public static let silentReporter = (addressee: "上高县人民政府", from: Period(year: 2020, month: 10)!)

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
    guard let first = arrivals.first?.day, let last = try Self.lastDay() else { return }
    var day = first
    let end = min(stop ?? last, last)
    while day <= end {
      let noon = replay.instant(of: day, hour: 12)
      let clock: @Sendable () -> Date = { noon }
      var entry = DayLog(day: day)
      let before = try store.notices().count
      // Approve yesterday's drafts first (the reviewer's morning), then what the day brings.
      if thresholds.calendar.isWorkingDay(day) {
        entry.approved = try approveDrafts(on: day, at: noon, arrivals: arrivals)
        try sendReports(on: day, at: noon)
        try decide(on: day, at: noon)
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
  /// letters on the indicators wait until both of its files are in, as an office issues them after
  /// the monthly figures; letters on projects alone go once the project report is in; reminders to
  /// report late data and overdue talks go at once.
  private func approveDrafts(on day: Day, at instant: Date, arrivals: [SampleReplay.Arrival]) throws -> [NoticeRecord] {
    let store = workspace.store
    var approved: [NoticeRecord] = []
    for draft in try store.notices(state: .draft)
    where draft.createdAt < instant.addingTimeInterval(-6 * 3600) && review.approves(draft) {
      let urgent = draft.kind == .dataOverdue || draft.key.hasPrefix("overdue|")
      let projectsOnly = !draft.subjects.isEmpty && draft.subjects.allSatisfy { $0.subject.kind == "project" }
      let monthComplete = arrivals.filter { $0.period == draft.period && (!projectsOnly || $0.feed == "projects") }
        .allSatisfy { $0.day < day }
      guard urgent || monthComplete else { continue }
      let talk = draft.kind == .talk && draft.corrects == nil
      let slot = talk ? try talkSlot(thresholds.calendar.adding(workingDays: 5, to: day), holder: draft.holder) : nil
      // Each step of the kind's chain: the office checks, the mayor signs what a leader signs.
      let chain = workspace.configuration.chain(draft.kind)
      var notice = draft
      for step in chain {
        notice = try store.approveStep(
          id: draft.id, by: step == .check ? Self.checker : signer, chain: chain, opinion: nil, documentDate: day,
          talkAt: slot?.time, place: slot?.place, at: instant, prefixes: workspace.configuration.numbering,
          calendar: thresholds.calendar, reportWorkingDays: thresholds.ladder.reportWorkingDays)
      }
      approved.append(notice)
    }
    return approved
  }

  /// The sample office's reviewer, who checks (核稿) every draft.
  static let checker = Account(
    id: 0, name: "demo:经济办审核员", role: .reviewer, addressee: nil, createdAt: Date(timeIntervalSince1970: 0))

  /// The sample's signer (签发人): the first leader of the configuration, the mayor.
  var signer: Account {
    let leader = workspace.configuration.leaders.signingNames[0]
    return Account(
      id: 0, name: "demo:\(workspace.configuration.leaders.postAndName(leader) ?? leader)", role: .signer,
      addressee: nil, leader: leader, createdAt: Date(timeIntervalSince1970: 0))
  }

  /// A time and room for a talk on a day: a leader already holding talks that day holds this one
  /// with them (a joint talk, 集体约谈); another leader gets the next free time and room.
  public func talkSlot(_ day: Day, holder: String?) throws -> (time: String, place: String) {
    let booked = try workspace.store.notices().filter {
      $0.kind == .talk && $0.number != nil && $0.corrects == nil && $0.talkAt?.hasPrefix(day.description) == true
    }
    let mine = TalkClash.leaders(holder)
    let times = ["09:00", "10:30", "15:00", "16:30", "17:30"]
    let rooms = ["市政府第一会议室", "市政府第二会议室", "市政府第三会议室"]
    let slots = times.flatMap { time in rooms.map { (time: "\(day) \(time)", place: $0) } }
    func talks(at time: String) -> [TalkClash.Talk] {
      booked.filter { $0.talkAt == time }.map {
        TalkClash.Talk(number: $0.number!, place: $0.place ?? "", holder: $0.holder)
      }
    }
    let free = slots.filter { TalkClash.clash(place: $0.place, holder: holder, with: talks(at: $0.time)) == nil }
    let joint = free.first { slot in
      talks(at: slot.time).contains { $0.place == slot.place && !TalkClash.leaders($0.holder).isDisjoint(with: mine) }
    }
    guard let slot = joint ?? free.first else {
      throw NoticeActionError("the demo found no free time for a talk on \(day)")
    }
    return slot
  }

  /// Each addressee answers on the third working day after the 成文日期 (after the talk, for a
  /// talk), the late ones two working days after the deadline, the silent one never; a report the
  /// office returned is sent again, made specific, the next working day.
  private func sendReports(on day: Day, at instant: Date) throws {
    let store = workspace.store
    let notices = try store.notices()
    for report in try store.reports(state: .returned) where report.resubmitDue.map({ day <= $0 }) == true {
      guard try store.reports(noticeID: report.noticeID).first?.id == report.id else { continue }
      try store.recordFeedback(
        noticeID: report.noticeID,
        text: "关于\(report.noticeNumber ?? "")的整改报告（修改稿）：逐项明确了责任单位、完成时限和量化目标。", fileName: nil, file: nil,
        actor: "demo:\(report.addressee)", at: instant, day: day)
    }
    for notice in notices where [.approved, .sent].contains(notice.state) {
      // A notice whose appeal was granted is withdrawn: there is nothing to report on.
      guard let due = notice.reportDue, let answered = reportDay(notice, due: due, among: notices), answered == day,
        try store.feedback(noticeID: notice.id).isEmpty,
        try store.appeals(noticeID: notice.id).allSatisfy({ $0.state != .granted })
      else { continue }
      let what = notice.kind == .precoordination ? "应对措施" : "整改报告"
      try store.recordFeedback(
        noticeID: notice.id, text: "关于\(notice.number ?? "")的\(what)：已分析原因，制定措施，明确责任和时限。", fileName: nil,
        file: nil, actor: "demo:\(notice.addressee)", at: instant, day: day)
    }
  }

  /// When the sample's addressee answers a notice, or nil when it never does.
  func reportDay(_ notice: NoticeRecord, due: Day, among notices: [NoticeRecord]) -> Day? {
    let silent = Self.silentReporter
    if notice.addressee == silent.addressee && notice.period >= silent.from { return nil }
    let first = notices.first { $0.addressee == notice.addressee && $0.period == notice.period && $0.reportDue != nil }
    if first?.id == notice.id,
      Self.lateReporters.contains(where: { $0.addressee == notice.addressee && $0.period == notice.period })
    {
      return thresholds.calendar.adding(workingDays: 2, to: due)
    }
    let start = notice.talkAt.flatMap(TalkTime.day) ?? notice.documentDate ?? due
    return thresholds.calendar.adding(workingDays: 3, to: start)
  }
}
