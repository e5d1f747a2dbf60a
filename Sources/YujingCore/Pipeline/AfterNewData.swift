import Foundation

/// What the daemon does when a feed run brings new or revised figures
/// (docs/architecture.md#the-data-path, docs/operate.md#the-daemon): evaluates each affected
/// period, oldest first, as of today in the city's time zone, and stores the findings, case
/// transitions and notice drafts. Evaluating a period that nothing changed for writes nothing, so
/// an overlap between runs costs only time.
public struct AfterNewData: Sendable {
  public let current: LiveWorkspace.Current
  public let metrics: DaemonMetrics?
  public let clock: @Sendable () -> Date

  public init(current: LiveWorkspace.Current, metrics: DaemonMetrics?, clock: @escaping @Sendable () -> Date) {
    self.current = current
    self.metrics = metrics
    self.clock = clock
  }

  public func evaluate(_ periods: [Period]) throws -> [PeriodEvaluation.Outcome] {
    let workspace = current.workspace
    let evaluation = PeriodEvaluation(workspace: workspace, thresholds: current.thresholds, clock: clock)
    let asOf = Day.today(clock, in: workspace.configuration.city.timeZone)
    return try Set(periods).sorted().map { period in
      let started = ContinuousClock.now
      let outcome = try evaluation.run(period: period, asOf: asOf, dryRun: false)
      let elapsed = ContinuousClock.now - started
      metrics?.observeEvaluation(
        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
      return outcome
    }
  }
}
