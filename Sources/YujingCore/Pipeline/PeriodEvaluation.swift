import Foundation

/// `evaluate --period P`: loads what the rules need from the store, evaluates, and stores the
/// findings unless it is a dry run (docs/operate.md#commands).
public struct PeriodEvaluation: Sendable {
  public let workspace: Workspace
  public let thresholds: Thresholds
  public let clock: @Sendable () -> Date

  public init(workspace: Workspace, thresholds: Thresholds, clock: @escaping @Sendable () -> Date) {
    self.workspace = workspace
    self.thresholds = thresholds
    self.clock = clock
  }

  public struct Outcome: Sendable {
    public var period: Period
    public var asOf: Day
    public var findings: [Finding]
    /// The evaluation written, or nil for a dry run or when nothing changed.
    public var stored: EvaluationRecord?
    /// The notices drafted, superseded or corrected (nothing for a dry run).
    public var notices = NoticeChanges()
    /// Where the time went, stage by stage.
    public var timings = EvaluationTimings()

    public var json: String { FindingsJSON.document(period: period, findings: findings) }
  }

  /// Evaluates a period: findings (exemptions flagged), and unless it is a dry run, stores them and
  /// escalates: the cases' stages and the notice drafts of the period. A period is recomputed with
  /// the periods evaluated after it, so that new data for a period flows into every later one.
  public func run(period: Period, asOf: Day, dryRun: Bool) throws -> Outcome {
    guard !dryRun else { return try evaluate(period, asOf: asOf, dryRun: true) }
    // Periods with data between the first evaluated one and this one are evaluated too: a case's
    // runs count every period, so none may be skipped.
    let evaluated = try workspace.store.evaluatedPeriods()
    if let earliest = evaluated.first, earliest < period {
      for gap in try workspace.store.periodsWithData() where gap > earliest && gap < period && !evaluated.contains(gap)
      {
        _ = try evaluate(gap, asOf: min(asOf, Day.lastDay(of: gap.adding(months: 1))), dryRun: false)
      }
    }
    let outcome = try evaluate(period, asOf: asOf, dryRun: false)
    for later in evaluated where later > period {
      let laterAsOf = try workspace.store.latestEvaluation(period: later)?.asOf ?? asOf
      _ = try evaluate(later, asOf: laterAsOf, dryRun: false)
    }
    return outcome
  }

  private func evaluate(_ period: Period, asOf: Day, dryRun: Bool) throws -> Outcome {
    var timings = EvaluationTimings()
    let input = try EvaluationTimings.measure(&timings.input) { try self.input(period: period, asOf: asOf) }
    let findings = try EvaluationTimings.measure(&timings.rules) {
      try workspace.store.exemptions().apply(to: try Evaluator.evaluate(input))
    }
    guard !dryRun else {
      return Outcome(period: period, asOf: asOf, findings: findings, stored: nil, timings: timings)
    }
    let instant = clock()
    let stored = try EvaluationTimings.measure(&timings.findings) {
      try workspace.store.recordEvaluation(
        period: period, asOf: asOf, ruleSetHash: thresholds.ruleSet.hash, findings: findings, at: instant)
    }
    let notices = try EscalationStage(workspace: workspace, thresholds: thresholds).run(
      period: period, asOf: asOf, at: instant, findings: findings, input: input, timings: &timings)
    return Outcome(
      period: period, asOf: asOf, findings: findings, stored: stored, notices: notices, timings: timings)
  }

  /// The data of the period and of as many periods before it as the rules look back.
  public func input(period: Period, asOf: Day) throws -> EvaluationInput {
    let configuration = workspace.configuration
    let store = workspace.store
    let index = SubjectIndex(configuration: configuration)
    // Each kind of subject is read as far back as its own rules look.
    let rules = thresholds.ruleSet.rules
    let depth = Evaluator.lookback(rules.filter { $0.subjects == .indicators })
    let projectDepth = Evaluator.lookback(rules.filter { $0.subjects == .projects })
    var periods: Set<Period> = [period]
    for indicator in configuration.indicators where indicator.periods.publishes(period) {
      var current = period
      for _ in 0..<depth {
        current = indicator.periods.previous(current)
        periods.insert(current)
      }
    }
    // Projections (docs/rules.md#precoordination) read the same month and December of earlier years when a rule
    // asks for them; a year not stored reads as an empty table.
    var history: Set<Period> = []
    if thresholds.ruleSet.rules(for: period).contains(where: \.readsProjection) {
      history = Set(ProjectionColumns.periods(for: period)).subtracting(periods)
    }
    // The tables and the projects' months are independent reads of a WAL database: read them
    // side by side.
    let years = Array(Set(periods.map(\.year)))
    let periodList = Array(periods) + Array(history)
    let months = (0...projectDepth).map { period.adding(months: -$0) }
    let reads: [InputRead] = periodList.map(InputRead.period) + years.map(InputRead.year) + months.map(InputRead.month)
    let loaded = try Parallel.map(reads.count) { task -> InputRead.Result in
      switch reads[task] {
      case .period(let period): .table(try store.observationTable(period: period, index: index))
      case .year(let year): .targets(try store.targetTable(year: year, index: index))
      case .month(let month): .projects(try store.projectRecords(period: month))
      }
    }
    var observations: [Period: ObservationTable] = [:]
    var earlier: [Period: ObservationTable] = [:]
    var targets: [Int: TargetTable] = [:]
    var projects: [Period: [ProjectRecord]] = [:]
    for (read, result) in zip(reads, loaded) {
      switch (read, result) {
      case (.period(let period), .table(let table)):
        if history.contains(period) { earlier[period] = table } else { observations[period] = table }
      case (.year(let year), .targets(let table)): targets[year] = table
      case (.month(let month), .projects(let records)): if !records.isEmpty { projects[month] = records }
      default: preconditionFailure("each read gives its own kind of result")
      }
    }
    return EvaluationInput(
      configuration: configuration, index: index, ruleSet: thresholds.ruleSet, period: period, asOf: asOf,
      calendar: thresholds.calendar, observations: observations, targets: targets, projects: projects,
      milestones: try store.milestones(), arrivals: try store.arrivals(timeZone: configuration.city.timeZone),
      history: earlier)
  }
}

extension Day {
  /// Today in a time zone, by an injected clock.
  public static func today(_ clock: () -> Date, in timeZone: TimeZone) -> Day {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: clock())
    return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
  }
}

/// One of the independent reads an evaluation's input is made of, and what it gives.
private enum InputRead: Sendable {
  /// A period's table of figures.
  case period(Period)
  /// A year's targets.
  case year(Int)
  /// A month's project reports.
  case month(Period)

  enum Result {
    case table(ObservationTable?)
    case targets(TargetTable)
    case projects([ProjectRecord])
  }
}
