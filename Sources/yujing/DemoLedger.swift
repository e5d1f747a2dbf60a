import Foundation
import YujingCore

/// The demo's 督办台账: the sample's twelve problems imported in June 2020 and stepped through the
/// year's end by their units and the office, then shown with their lights on 2020-12-31.
enum DemoLedger {
  static let lastDay = Day(year: 2020, month: 12, day: 31)!

  static func run(_ workspace: Workspace, thresholds: Thresholds, replay: SampleReplay) throws {
    let sample = try SampleLedger()
    let summary = try sample.replay(
      into: workspace, calendar: thresholds.calendar, imported: Day(year: 2020, month: 6, day: 1)!,
      through: lastDay, instant: { replay.instant(of: $0) })
    let standings = try workspace.store.problemStandings()
    let lights = try ProblemLights.judge(
      standings, on: lastDay, ruleSet: thresholds.ruleSet, calendar: thresholds.calendar)
    print("")
    print(
      "督办台账: \(summary.added.count) problems imported, \(sample.steps.count) steps by the units and the office; "
        + "lights on \(lastDay):")
    for level in [Level.red, .yellow, .blue] {
      let lit = zip(standings, lights).filter { $0.1.level == level }
      guard !lit.isEmpty else { continue }
      print("  \(LedgerText.light(level).padding(toLength: 6, withPad: " ", startingAt: 0)) \(lit.count):")
      for (standing, light) in lit {
        print(
          "    \(standing.problem.code) \(standing.problem.unit) \(standing.problem.state.rawValue), "
            + "\(LedgerText.deadline(light, state: standing.problem.state))"
            + (standing.returns > 0 ? ", returned \(standing.returns) time(s)" : "") + ": \(standing.problem.title)")
      }
    }
    let unlit = lights.filter { $0.level == .none }.count
    print("  none   \(unlit) (finished, or the deadline more than three working days away)")
    print("  the whole ledger, with each problem's deadline and light:")
    print("    \(DemoReview.binary) problems list --config \(workspace.configuration.source) --as-of \(lastDay)")
  }
}
