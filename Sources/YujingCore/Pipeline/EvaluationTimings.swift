import Foundation

/// Where a stored evaluation's time went, stage by stage: the daemon logs it after each
/// evaluation, and the benchmarks read it to say which stage of the path costs what.
public struct EvaluationTimings: Sendable, Hashable {
  /// Reading the period's figures, targets and projects.
  public var input = 0.0
  /// The rules over them.
  public var rules = 0.0
  /// Storing the findings.
  public var findings = 0.0
  /// Reading the cases' history: the earlier periods' levels, who had figures, overdue reports.
  public var history = 0.0
  /// Replaying the ladder over every case.
  public var replay = 0.0
  /// Writing the notices and storing them with the cases' changes.
  public var drafting = 0.0

  public init() {}

  public var total: Double { input + rules + findings + history + replay + drafting }

  /// `0.84 s (input 0.10, rules 0.12, findings 0.20, history 0.15, replay 0.05, drafting 0.22)`.
  public var description: String {
    func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
    return "\(format(total)) s (input \(format(input)), rules \(format(rules)), findings \(format(findings)), "
      + "history \(format(history)), replay \(format(replay)), drafting \(format(drafting)))"
  }

  /// Runs `work` and adds its duration to `seconds`.
  static func measure<T>(_ seconds: inout Double, _ work: () throws -> T) rethrows -> T {
    let start = ContinuousClock.now
    defer {
      let elapsed = ContinuousClock.now - start
      seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
    return try work()
  }
}
