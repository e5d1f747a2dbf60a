import Foundation

/// The daily check (`yujing escalate`, and the daemon every morning): 整改 reports overdue since
/// yesterday escalate their cases one stage (docs/rules.md#the-ladder), and feeds whose due day has passed
/// without their figures raise the timeliness finding (docs/rules.md#data-timeliness).
public struct DailyCheck: Sendable {
  public let workspace: Workspace
  public let thresholds: Thresholds
  public let clock: @Sendable () -> Date

  public init(workspace: Workspace, thresholds: Thresholds, clock: @escaping @Sendable () -> Date) {
    self.workspace = workspace
    self.thresholds = thresholds
    self.clock = clock
  }

  public struct Outcome: Sendable {
    /// Cases escalated for an overdue report: the case, from and to.
    public var escalations: [(caseID: Int64, from: Stage, to: Stage)] = []
    /// Overdue reports of cases already at talk_mayor: shown, not escalated.
    public var overdueAtTop: [Int64] = []
    public var talkNotices: [Int64] = []
    /// Feed periods found late on this day.
    public var lateFeeds: [(feed: String, period: Period)] = []
  }

  public func run(day: Day) throws -> Outcome {
    var outcome = Outcome()
    try escalateOverdueReports(day: day, into: &outcome)
    try checkLateFeeds(day: day, into: &outcome)
    return outcome
  }

  private func escalateOverdueReports(day: Day, into outcome: inout Outcome) throws {
    let store = workspace.store
    // An escalation found on a day off is the office's business of the next working day: its
    // talk notice and the case's event carry that day.
    let dated = thresholds.calendar.workingDay(onOrAfter: day)
    let ladder = Ladder(settings: thresholds.ladder)
    var escalations:
      [(caseID: Int64, period: Period, from: Stage, to: Stage, reason: String, overdueNotice: Int64, key: NoticeKey)] =
        []
    var entries: [NoticeKey: [NoticeSubject]] = [:]
    var copies: [NoticeKey: [String]] = [:]
    let addressing = Addressing(configuration: workspace.configuration)
    let projects = try store.projects()
    for (notice, cases) in try store.overdueReports(on: day) {
      let findings = try store.currentFindings(period: notice.period)
      // Subjects under an appeal the office has not decided do not escalate for this notice.
      let appealed = try store.pendingAppealSubjects(noticeID: notice.id)
      for (caseID, stage) in cases {
        guard let record = try store.caseRecord(id: caseID), record.closedPeriod == nil,
          !appealed.contains(record.subject)
        else { continue }
        var state = Ladder.State()
        state.isOpen = true
        state.stage = record.stage
        guard let transition = ladder.overdueReport(state, enteredAt: stage).1 else {
          if record.stage == .talkMayor && stage == .talkMayor { outcome.overdueAtTop.append(caseID) }
          continue
        }
        let key = NoticeKey(.overdue, addressee: notice.addressee, period: notice.period, day: dated)
        escalations.append(
          (
            caseID, notice.period, transition.from, transition.to,
            "\(notice.number ?? "notice \(notice.id)")\(transition.reason)", notice.id, key
          ))
        outcome.escalations.append((caseID, transition.from, transition.to))
        let project: Project? = if case .project(let code) = record.subject { projects[code] } else { nil }
        let finding = findings.first { $0.subject == record.subject }
        entries[key, default: []].append(
          NoticeSubject(
            subject: record.subject, stage: transition.to, level: finding?.level,
            rules: finding?.rules.map(\.rule) ?? [],
            values: finding?.values ?? Evidence(), reason: "\(notice.number ?? "")\(transition.reason)",
            department: project?.department,
            levelRules: finding.map { finding in finding.rules.filter { $0.level == finding.level }.map(\.rule) } ?? [])
        )
        copies[key, default: []] += addressing.recipients(of: record.subject, project: project)?.copies ?? []
      }
    }
    guard !escalations.isEmpty else { return }
    let text = DraftText(workspace: workspace, thresholds: thresholds)
    let drafts = entries.keys.sorted().map { key -> NoticeDraft in
      let addressee = key.addressee ?? ""
      var seen = Set<String>()
      let intent = NoticeIntent(
        kind: .talk, addressee: addressee,
        copies: copies[key, default: []].filter { $0 != addressee && seen.insert($0).inserted },
        period: key.period, key: key, subjects: entries[key]!.sorted { $0.subject < $1.subject })
      return NoticeDraft(
        intent: intent, title: text.title(intent), body: text.body(intent, projectNames: projects.mapValues(\.name)),
        holder: text.talkHolder(intent))
    }
    outcome.talkNotices = try store.applyOverdueEscalations(escalations, drafts: drafts, day: dated, at: clock())
  }

  /// A feed's period whose due day has passed in the last two months without figures is
  /// evaluated as of today: its feed_late finding and 数据报送提醒 follow.
  private func checkLateFeeds(day: Day, into outcome: inout Outcome) throws {
    let store = workspace.store
    let arrivals = try store.arrivals(timeZone: workspace.configuration.city.timeZone)
    var periods = Set<Period>()
    for feed in workspace.configuration.feeds {
      guard let dueDay = feed.dueDay, let first = arrivals[feed.name]?.keys.min() else { continue }
      for back in 1...2 {
        let period = day.period.adding(months: -back)
        guard period >= first else { continue }
        let deadline = Timeliness.deadline(of: period, dueDay: dueDay, calendar: thresholds.calendar)
        guard deadline < day, arrivals[feed.name]?[period] == nil else { continue }
        // Already found late and notified: nothing new to say until the figures come.
        if try store.latestEvaluation(period: period)?.asOf ?? Day(year: 1970, month: 1, day: 1)! > deadline,
          try store.currentFindings(period: period).contains(where: { $0.subject == .feed(feed.name) })
        {
          continue
        }
        periods.insert(period)
        outcome.lateFeeds.append((feed.name, period))
      }
    }
    let evaluation = PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: clock)
    for period in periods.sorted() {
      _ = try evaluation.run(period: period, asOf: day, dryRun: false)
    }
  }
}
