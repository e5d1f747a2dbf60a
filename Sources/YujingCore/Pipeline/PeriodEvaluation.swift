import Foundation

/// `evaluate --period P`: loads what the rules need from the store, evaluates, and stores the
/// findings unless it is a dry run (DESIGN §9.1).
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

    public var json: String { FindingsJSON.document(period: period, findings: findings) }
  }

  public func run(period: Period, asOf: Day, dryRun: Bool) throws -> Outcome {
    let findings = Evaluator.evaluate(try input(period: period, asOf: asOf))
    var stored: EvaluationRecord?
    if !dryRun {
      stored = try workspace.store.recordEvaluation(
        period: period, asOf: asOf, ruleSetHash: thresholds.ruleSet.hash, findings: findings, at: clock())
    }
    return Outcome(period: period, asOf: asOf, findings: findings, stored: stored)
  }

  /// The data of the period and of as many periods before it as the rules look back.
  public func input(period: Period, asOf: Day) throws -> EvaluationInput {
    let configuration = workspace.configuration
    let store = workspace.store
    let index = SubjectIndex(configuration: configuration)
    let depth = Evaluator.lookback(thresholds.ruleSet.rules)
    var periods: Set<Period> = [period]
    for indicator in configuration.indicators where indicator.periods.publishes(period) {
      var current = period
      for _ in 0..<depth {
        current = indicator.periods.previous(current)
        periods.insert(current)
      }
    }
    // The tables are independent reads of a WAL database: read them side by side.
    let years = Array(Set(periods.map(\.year)))
    let periodList = Array(periods)
    let loaded = try Parallel.map(periodList.count + years.count) { task -> Any? in
      task < periodList.count
        ? try store.observationTable(period: periodList[task], index: index)
        : try store.targetTable(year: years[task - periodList.count], index: index)
    }
    var observations: [Period: ObservationTable] = [:]
    for (position, period) in periodList.enumerated() {
      observations[period] = loaded[position] as? ObservationTable
    }
    var targets: [Int: TargetTable] = [:]
    for (position, year) in years.enumerated() {
      targets[year] = loaded[periodList.count + position] as? TargetTable
    }
    var projects: [Period: [ProjectRecord]] = [:]
    for offset in 0...depth {
      let month = period.adding(months: -offset)
      let records = try store.projectRecords(period: month)
      if !records.isEmpty { projects[month] = records }
    }
    return EvaluationInput(
      configuration: configuration, index: index, ruleSet: thresholds.ruleSet, period: period, asOf: asOf,
      calendar: thresholds.calendar, observations: observations, targets: targets, projects: projects,
      milestones: try store.milestones(), arrivals: try store.arrivals(timeZone: configuration.city.timeZone))
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
