/// Every case's state at a period, replayed from the stored history: a pure fold of the ladder
/// over each subject's own periods, with the overdue escalations the daily check recorded
/// replayed at their periods. No database, no clock: the history comes in, the period's case
/// updates and the subjects of its notices come out, whatever order periods were evaluated in.
public struct CaseReplay: Sendable {
  /// What the ladder needs of the stored history, loaded by the pipeline.
  public struct History: Sendable {
    /// The period replayed to.
    public var period: Period
    /// The evaluated periods of the window, the period itself included, in order.
    public var periods: [Period]
    /// Each period's level per subject, as the ladder counts it (advisory rules left out).
    public var levels: [Period: [Subject: StoredLevel]]
    /// Whether a subject had a figure (or a project report) in a period: without one, a period
    /// breaks every run.
    public var indicatorPresence: [Period: SlotSet]
    public var projectPresence: [Period: Set<String>]
    public var index: SubjectIndex
    public var exemptions: [Exemption]
    /// The overdue escalations recorded by the daily check, per case, at the period of the notice.
    public var overdue: [OverdueKey: [Period: [Stage]]]
    public var projects: [String: Project]
    /// The period's own findings, for the figures a notice states.
    public var findings: [Subject: Finding]

    public init(
      period: Period, periods: [Period], levels: [Period: [Subject: StoredLevel]],
      indicatorPresence: [Period: SlotSet],
      projectPresence: [Period: Set<String>], index: SubjectIndex, exemptions: [Exemption],
      overdue: [OverdueKey: [Period: [Stage]]], projects: [String: Project], findings: [Subject: Finding]
    ) {
      self.period = period
      self.periods = periods
      self.levels = levels
      self.indicatorPresence = indicatorPresence
      self.projectPresence = projectPresence
      self.index = index
      self.exemptions = exemptions
      self.overdue = overdue
      self.projects = projects
      self.findings = findings
    }
  }

  /// The cases the period touches and the subjects its notices state; `lifted` are the subjects
  /// whose cases close in the period (their notices state the figures no rule found).
  public struct Outcome: Sendable {
    public var updates: [CaseUpdate] = []
    public var entries: [NoticeGrouping.Entry] = []
    public var lifted: [Subject] = []
  }

  public let ladder: Ladder
  public let addressing: Addressing
  /// A subject's periods from a start through an end, in its own sequence (quarters for a
  /// quarterly indicator, 1-2月 as one).
  public let sequence: @Sendable (Subject, Period, Period) -> [Period]

  public init(
    ladder: Ladder, addressing: Addressing, sequence: @escaping @Sendable (Subject, Period, Period) -> [Period]
  ) {
    self.ladder = ladder
    self.addressing = addressing
    self.sequence = sequence
  }

  public func replay(_ history: History) -> Outcome {
    let period = history.period
    let evaluated = Set(history.periods)
    // Each subject's stored levels in period order, gathered in one pass over the periods: the
    // fold below then reads a subject's own short list instead of a table per period.
    var timelines: [Subject: [(period: Period, level: StoredLevel)]] = [:]
    for earlier in history.periods {
      for (subject, level) in history.levels[earlier] ?? [:] where subject.kind != "feed" {
        timelines[subject, default: []].append((earlier, level))
      }
    }
    var outcome = Outcome()
    for (subject, timeline) in timelines.sorted(by: { $0.key < $1.key }) {
      // A subject's history starts at its first counted finding in the window.
      guard let start = timeline.first(where: { !$0.level.exempted })?.period else { continue }
      let project: Project? = if case .project(let code) = subject { history.projects[code] } else { nil }
      guard let recipients = addressing.recipients(of: subject, project: project) else { continue }
      let presence = Presence(subject, history)
      var state = Ladder.State()
      var opened: Period?
      var transitions: [Ladder.Transition] = []
      var closedHere = false
      var cursor = 0
      let overdue = history.overdue[OverdueKey(addressee: recipients.addressee, subject: subject)]
      for at in sequence(subject, start, period) where evaluated.contains(at) {
        while cursor < timeline.count && timeline[cursor].period < at { cursor += 1 }
        let found = cursor < timeline.count && timeline[cursor].period == at ? timeline[cursor].level : nil
        let wasOpen = state.isOpen
        let (next, transition) = ladder.step(state, Self.periodLevel(subject, at, found, presence, history))
        if !wasOpen && next.isOpen { opened = at }
        if at == period {
          transitions = transition.map { [$0] } ?? []
          closedHere = wasOpen && !next.isOpen
        }
        state = next
        for stage in overdue?[at] ?? [] { state = ladder.overdueReport(state, enteredAt: stage).0 }
      }
      guard let opened, !transitions.isEmpty || state.stage >= .reminder || closedHere else { continue }
      let stored = timeline.last.flatMap { $0.period == period ? $0.level : nil }
      let level = stored.map(\.level)
      let levelRules = stored.map { stored in stored.ruleLevels.filter { $0.level == stored.level }.map(\.rule) } ?? []
      outcome.updates.append(
        CaseUpdate(
          addressee: recipients.addressee, subject: subject, opened: opened,
          stageAfter: closedHere ? .lifted : state.stage, closed: closedHere,
          transitions: transitions.map { ($0.from, $0.to, level, $0.reason) }))
      for transition in transitions {
        let lift = transition.to == .lifted
        if lift { outcome.lifted.append(subject) }
        outcome.entries.append(
          NoticeGrouping.Entry(
            recipients: recipients,
            subject: NoticeSubject(
              subject: subject, stage: transition.to, level: lift ? nil : level, rules: stored?.rules ?? [],
              values: history.findings[subject]?.values ?? Evidence(), reason: transition.reason,
              department: project?.department, levelRules: lift ? [] : levelRules)))
      }
    }
    return outcome
  }

  /// Where a subject's presence in a period is read: an indicator's packed slot, found once.
  enum Presence {
    case indicator(slot: Int?)
    case project(String)
    case feed

    init(_ subject: Subject, _ history: History) {
      switch subject {
      case .indicator(let indicator, let region):
        guard let row = history.index.indicatorSlot[indicator], let column = history.index.regionSlot[region] else {
          self = .indicator(slot: nil)
          return
        }
        self = .indicator(slot: history.index.slot(indicator: row, region: column))
      case .project(let code): self = .project(code)
      case .feed: self = .feed
      }
    }
  }

  /// What one period brings to a subject's case: its level, or a break (no figure, no report,
  /// an exemption, an exempted finding).
  static func periodLevel(
    _ subject: Subject, _ at: Period, _ found: StoredLevel?, _ presence: Presence, _ history: History
  ) -> Ladder.PeriodLevel {
    if history.exemptions.contains(where: { $0.covers(subject, in: at) }) { return .breaks }
    switch presence {
    case .indicator(let slot):
      guard let slot, history.indicatorPresence[at]?.contains(slot) == true else { return .breaks }
    case .project(let code):
      guard history.projectPresence[at]?.contains(code) == true else { return .breaks }
    case .feed:
      return .breaks
    }
    guard let found else { return .level(.none) }
    return found.exempted ? .breaks : .level(found.level)
  }
}

/// Overdue escalations are replayed by addressee and subject.
public struct OverdueKey: Sendable, Hashable {
  public var addressee: String
  public var subject: Subject

  public init(addressee: String, subject: Subject) {
    self.addressee = addressee
    self.subject = subject
  }
}
