import Foundation

/// The ladder at one period (DESIGN §6.1), composed from the stored facts: every case's state at
/// the period is recomputed as a fold of the ladder over the findings of every evaluated period
/// up to it (whatever order they were evaluated in), with the overdue escalations recorded by the
/// daily check replayed at their periods; the period's transitions become notice drafts, one per
/// addressee, reconciled with what was drafted before.
public struct EscalationStage: Sendable {
  public let workspace: Workspace
  public let thresholds: Thresholds

  public init(workspace: Workspace, thresholds: Thresholds) {
    self.workspace = workspace
    self.thresholds = thresholds
  }

  /// How far back a case's history is folded: a case open longer than this starts afresh.
  static let historyMonths = 36

  /// The kinds of notice key an evaluation of a period owns.
  static let keyKinds = ["stage", "lift", "data_overdue", "precoordination"]

  public func run(period: Period, asOf: Day, at instant: Date, findings: [Finding], input: EvaluationInput) throws
    -> NoticeChanges
  {
    let store = workspace.store
    let configuration = workspace.configuration
    let ladder = Ladder(settings: thresholds.ladder)
    let addressing = Addressing(configuration: configuration)
    let exemptions = try store.exemptions()

    // The levels of every evaluated period of the window, this period's from its fresh findings.
    let window = try store.evaluatedPeriods().filter { $0 < period && $0 >= period.adding(months: -Self.historyMonths) }
    // Advisory rules (precoordination, DESIGN §5.5) count neither toward a case's level nor
    // against a lift: the ladder sees only the other rules' levels.
    let advisory = Set(thresholds.ruleSet.rules.filter(\.isAdvisory).map(\.id))
    var levels: [Period: [Subject: StoredLevel]] = [:]
    for earlier in window {
      levels[earlier] = try store.levels(period: earlier).compactMapValues { counted($0, advisory) }
    }
    levels[period] = Dictionary(
      findings.compactMap { finding in
        counted(
          StoredLevel(
            level: finding.level, exempted: finding.exempted, rules: finding.rules.map(\.rule),
            ruleLevels: finding.rules), advisory
        ).map { (finding.subject, $0) }
      }
    ) { first, _ in first }
    let periods = (window + [period]).sorted()

    // A subject's history starts at its first counted finding in the window.
    var first: [Subject: Period] = [:]
    for earlier in periods {
      for (subject, level) in levels[earlier]! where !level.exempted && subject.kind != "feed" && first[subject] == nil
      {
        first[subject] = earlier
      }
    }
    let index = input.index
    var indicatorPresence: [Period: Set<Int>] = [:]
    var projectPresence: [Period: Set<String>] = [:]
    for earlier in periods {
      indicatorPresence[earlier] = try store.presentIndicatorSlots(period: earlier, index: index)
      projectPresence[earlier] = try store.presentProjects(period: earlier)
    }
    let overdue = try store.overdueEscalationsBySubject()
    let projects = try store.projects()
    let evaluated = Set(periods)

    func periodLevel(_ subject: Subject, _ at: Period) -> Ladder.PeriodLevel {
      if exemptions.contains(where: { $0.covers(subject, in: at) }) { return .breaks }
      switch subject {
      case .indicator(let indicator, let region):
        guard let slot = index.slot(Observation.Key(period: at, region: region, indicator: indicator)),
          indicatorPresence[at]?.contains(slot) == true
        else { return .breaks }
      case .project(let code):
        guard projectPresence[at]?.contains(code) == true else { return .breaks }
      case .feed:
        return .breaks
      }
      guard let found = levels[at]?[subject] else { return .level(.none) }
      return found.exempted ? .breaks : .level(found.level)
    }

    var updates: [CaseUpdate] = []
    var entries: [NoticeGrouping.Entry] = []
    var lifted: [Subject] = []
    for (subject, start) in first.sorted(by: { $0.key < $1.key }) {
      let project: Project? = if case .project(let code) = subject { projects[code] } else { nil }
      guard let recipients = addressing.recipients(of: subject, project: project) else { continue }
      var state = Ladder.State()
      var opened: Period?
      var transitions: [Ladder.Transition] = []
      var closedHere = false
      for at in sequence(of: subject, from: start, through: period) where evaluated.contains(at) || at == period {
        let wasOpen = state.isOpen
        let (next, transition) = ladder.step(state, periodLevel(subject, at))
        if !wasOpen && next.isOpen { opened = at }
        if at == period {
          transitions = transition.map { [$0] } ?? []
          closedHere = wasOpen && !next.isOpen
        }
        state = next
        for stage in overdue[OverdueKey(addressee: recipients.addressee, subject: subject)]?[at] ?? [] {
          state = ladder.overdueReport(state, enteredAt: stage).0
        }
      }
      guard let opened, !transitions.isEmpty || state.stage >= .reminder || closedHere else { continue }
      let stored = levels[period]?[subject]
      let level = stored.map(\.level)
      let rules = stored?.rules ?? []
      let levelRules = stored.map { stored in stored.ruleLevels.filter { $0.level == stored.level }.map(\.rule) } ?? []
      updates.append(
        CaseUpdate(
          addressee: recipients.addressee, subject: subject, opened: opened,
          stageAfter: closedHere ? .lifted : state.stage,
          closed: closedHere, transitions: transitions.map { ($0.from, $0.to, level, $0.reason) }))
      for transition in transitions {
        if transition.to == .lifted { lifted.append(subject) }
        let values = findings.first { $0.subject == subject }?.values ?? Evidence()
        entries.append(
          NoticeGrouping.Entry(
            recipients: recipients,
            subject: NoticeSubject(
              subject: subject, stage: transition.to, level: transition.to == .lifted ? nil : level, rules: rules,
              values: values, reason: transition.reason, department: project?.department,
              levelRules: transition.to == .lifted ? [] : levelRules)))
      }
    }
    // A lift notice states the figures of a subject back on target, which no rule found.
    let backOnTarget = Evaluator.evidence(input, subjects: lifted)
    for position in entries.indices where entries[position].subject.stage == .lifted {
      let entry = entries[position]
      entries[position].subject.values = backOnTarget[entry.subject.subject] ?? Evidence()
      // The lift names the document that put the case at its stage, whichever organ issued it.
      entries[position].subject.precedent = try store.latestStageNoticeNumber(
        addressee: entry.recipients.addressee, subject: entry.subject.subject, through: period)
    }

    var intents = NoticeGrouping.intents(period: period, entries: entries)
    intents += dataOverdueIntents(findings, period: period, addressing: addressing)
    intents += precoordinationIntents(findings, period: period, addressing: addressing)
    let text = DraftText(workspace: workspace, thresholds: thresholds)
    let names = projects.mapValues(\.name)
    return try store.applyEscalation(
      period: period, day: asOf, at: instant, cases: updates, intents: intents, groupKinds: Self.keyKinds,
      draft: { intent, corrected in
        guard let corrected else {
          return NoticeDraft(
            intent: intent, title: text.title(intent), body: text.body(intent, projectNames: names),
            holder: intent.kind == .talk ? text.talkHolder(intent) : nil)
        }
        let title = text.correctionTitle(corrects: corrected, withdrawing: intent.subjects.isEmpty)
        return NoticeDraft(
          intent: intent, title: title, body: text.correctionBody(intent, corrects: corrected, projectNames: names),
          holder: intent.kind == .talk ? text.talkHolder(intent) : nil, corrects: corrected.id)
      })
  }

  /// 数据报送提醒: one notice per late feed and period, to the providing department (DESIGN §5.6).
  func dataOverdueIntents(_ findings: [Finding], period: Period, addressing: Addressing) -> [NoticeIntent] {
    findings.compactMap { finding in
      guard case .feed(let name) = finding.subject, !finding.exempted,
        let recipients = addressing.recipients(of: finding.subject)
      else { return nil }
      let subject = NoticeSubject(
        subject: finding.subject, stage: nil, level: finding.level, rules: finding.rules.map(\.rule),
        values: finding.values, reason: "数据未按时报送")
      return NoticeIntent(
        kind: .dataOverdue, addressee: recipients.addressee, copies: recipients.copies, period: period,
        key: "data_overdue|\(name)|\(period)", subjects: [subject])
    }
  }

  /// A stored level as the ladder counts it: without the advisory rules; nil when nothing else fired.
  func counted(_ stored: StoredLevel, _ advisory: Set<String>) -> StoredLevel? {
    guard !advisory.isEmpty, stored.ruleLevels.contains(where: { advisory.contains($0.rule) }) else { return stored }
    let kept = stored.ruleLevels.filter { !advisory.contains($0.rule) }
    guard let level = kept.map(\.level).max() else { return nil }
    return StoredLevel(level: level, exempted: stored.exempted, rules: kept.map(\.rule), ruleLevels: kept)
  }

  /// 预协调函 (DESIGN §5.5): per addressee and period, one letter naming every subject an advisory
  /// precoordination rule found — to the county, copied to the lead department; for the city's own
  /// figure to the lead department. Outside the ladder: no case, no stage.
  func precoordinationIntents(_ findings: [Finding], period: Period, addressing: Addressing) -> [NoticeIntent] {
    let rules = Set(thresholds.ruleSet.rules.filter { $0.notice == .precoordination }.map(\.id))
    guard !rules.isEmpty else { return [] }
    var entries: [NoticeGrouping.Entry] = []
    for finding in findings where !finding.exempted && finding.rules.contains(where: { rules.contains($0.rule) }) {
      guard let recipients = addressing.recipients(of: finding.subject) else { continue }
      entries.append(
        NoticeGrouping.Entry(
          recipients: recipients,
          subject: NoticeSubject(
            subject: finding.subject, stage: nil, level: nil,
            rules: finding.rules.map(\.rule).filter(rules.contains), values: finding.values,
            reason: "预计全年完不成目标")))
    }
    let byAddressee = Dictionary(grouping: entries, by: \.recipients.addressee)
    return byAddressee.keys.sorted().map { addressee in
      let group = byAddressee[addressee]!
      return NoticeIntent(
        kind: .precoordination, addressee: addressee, copies: NoticeGrouping.copies(group, except: addressee),
        period: period, key: "precoordination|\(addressee)|\(period)",
        subjects: group.map(\.subject).sorted { $0.subject < $1.subject })
    }
  }

  /// A subject's periods from `start` through `end`, in its own sequence.
  func sequence(of subject: Subject, from start: Period, through end: Period) -> [Period] {
    var periods: [Period] = []
    switch subject {
    case .indicator(let code, _):
      guard let indicator = workspace.configuration.indicator(code) else { return [] }
      var current = start
      while current <= end {
        if indicator.periods.publishes(current) { periods.append(current) }
        current = current.adding(months: 1)
      }
    default:
      var current = start
      while current <= end {
        periods.append(current)
        current = current.adding(months: 1)
      }
    }
    return periods
  }
}

/// Overdue escalations are replayed by addressee and subject.
struct OverdueKey: Hashable {
  var addressee: String
  var subject: Subject
}
