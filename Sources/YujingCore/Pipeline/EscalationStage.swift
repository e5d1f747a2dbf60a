import Foundation

/// The ladder at one period (docs/rules.md#the-ladder), composed from the stored facts: every case's state at
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

  public func run(
    period: Period, asOf: Day, at instant: Date, findings: [Finding], input: EvaluationInput,
    timings: inout EvaluationTimings
  ) throws -> NoticeChanges {
    let store = workspace.store
    let history = try EvaluationTimings.measure(&timings.history) {
      try self.history(period: period, findings: findings, input: input)
    }
    let addressing = Addressing(configuration: workspace.configuration)
    let replay = CaseReplay(
      ladder: Ladder(settings: thresholds.ladder), addressing: addressing,
      sequence: { [configuration = workspace.configuration] subject, start, end in
        Self.sequence(of: subject, from: start, through: end, configuration: configuration)
      })
    var replayed = EvaluationTimings.measure(&timings.replay) { replay.replay(history) }

    return try EvaluationTimings.measure(&timings.drafting) {
      // A lift notice states the figures of a subject back on target, which no rule found, and
      // names the document that put the case at its stage, whichever organ issued it.
      let backOnTarget = Evaluator.evidence(input, subjects: replayed.lifted)
      for position in replayed.entries.indices where replayed.entries[position].subject.stage == .lifted {
        let entry = replayed.entries[position]
        replayed.entries[position].subject.values = backOnTarget[entry.subject.subject] ?? Evidence()
        replayed.entries[position].subject.precedent = try store.latestStageNoticeNumber(
          addressee: entry.recipients.addressee, subject: entry.subject.subject, through: period)
      }
      var intents = NoticeGrouping.intents(period: period, entries: replayed.entries)
      intents += dataOverdueIntents(findings, period: period, addressing: addressing)
      intents += precoordinationIntents(findings, period: period, addressing: addressing)
      let text = DraftText(workspace: workspace, thresholds: thresholds)
      let names = history.projects.mapValues(\.name)
      return try store.applyEscalation(
        period: period, day: asOf, at: instant, cases: replayed.updates, intents: intents,
        groupKinds: NoticeKey.Group.evaluated,
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
  }

  /// What the ladder needs of the stored history up to the period: the levels of every evaluated
  /// period of the window (this period's from its fresh findings), who had figures when, the
  /// exemptions, the overdue escalations and the projects.
  func history(period: Period, findings: [Finding], input: EvaluationInput) throws -> CaseReplay.History {
    let store = workspace.store
    let window = try store.evaluatedPeriods().filter { $0 < period && $0 >= period.adding(months: -Self.historyMonths) }
    // Advisory rules (precoordination) count neither toward a case's level nor against a lift:
    // the ladder sees only the other rules' levels.
    let advisory = Set(thresholds.ruleSet.rules.filter(\.isAdvisory).map(\.id))
    var levels: [Period: [Subject: StoredLevel]] = [:]
    for earlier in window {
      levels[earlier] = try store.levels(period: earlier) { counted($0, advisory) }
    }
    var bySubject: [Subject: Finding] = [:]
    var current: [Subject: StoredLevel] = [:]
    for finding in findings where bySubject[finding.subject] == nil {
      bySubject[finding.subject] = finding
      current[finding.subject] = counted(
        StoredLevel(
          level: finding.level, exempted: finding.exempted, rules: finding.rules.map(\.rule), ruleLevels: finding.rules),
        advisory)
    }
    levels[period] = current
    let periods = (window + [period]).sorted()
    var indicatorPresence: [Period: SlotSet] = [:]
    var projectPresence: [Period: Set<String>] = [:]
    for earlier in periods {
      indicatorPresence[earlier] = try store.presentIndicatorSlots(period: earlier, index: input.index)
      projectPresence[earlier] = try store.presentProjects(period: earlier)
    }
    return CaseReplay.History(
      period: period, periods: periods, levels: levels, indicatorPresence: indicatorPresence,
      projectPresence: projectPresence, index: input.index, exemptions: try store.exemptions(),
      overdue: try store.overdueEscalationsBySubject(), projects: try store.projects(), findings: bySubject)
  }

  /// 数据报送提醒: one notice per late feed and period, to the providing department (docs/rules.md#data-timeliness).
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
        key: NoticeKey(.dataOverdue, addressee: name, period: period), subjects: [subject])
    }
  }

  /// A stored level as the ladder counts it: without the advisory rules; nil when nothing else fired.
  func counted(_ stored: StoredLevel, _ advisory: Set<String>) -> StoredLevel? {
    guard !advisory.isEmpty, stored.ruleLevels.contains(where: { advisory.contains($0.rule) }) else { return stored }
    let kept = stored.ruleLevels.filter { !advisory.contains($0.rule) }
    guard let level = kept.map(\.level).max() else { return nil }
    return StoredLevel(level: level, exempted: stored.exempted, rules: kept.map(\.rule), ruleLevels: kept)
  }

  /// 预协调函 (docs/rules.md#precoordination): per addressee and period, one letter naming every subject an advisory
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
        period: period, key: NoticeKey(.precoordination, addressee: addressee, period: period),
        subjects: group.map(\.subject).sorted { $0.subject < $1.subject })
    }
  }

  /// A subject's periods from `start` through `end`, in its own sequence.
  static func sequence(of subject: Subject, from start: Period, through end: Period, configuration: Configuration)
    -> [Period]
  {
    var periods: [Period] = []
    var current = start
    let indicator: Indicator? = if case .indicator(let code, _) = subject { configuration.indicator(code) } else { nil }
    if case .indicator = subject, indicator == nil { return [] }
    while current <= end {
      if indicator?.periods.publishes(current) ?? true { periods.append(current) }
      current = current.adding(months: 1)
    }
    return periods
  }
}
