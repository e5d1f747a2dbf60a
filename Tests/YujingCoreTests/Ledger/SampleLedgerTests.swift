import Foundation
import Testing

@testable import YujingCore

/// The sample's 督办台账 stepped through December 2020 by yujing and recomputed by an independent
/// Python script (`Scripts/sample/check_ledger.py`, written from docs/ledger.md alone): every
/// problem's light agrees on every day, and the last day shows every colour.
@Suite struct SampleLedgerTests {
  @Test(.needs(.python3)) func everyDaysLightsAgreeWithTheIndependentChecker() throws {
    guard let python = ExternalTools.require("python3", for: "the independent ledger checker") else { return }
    let days = (0..<31).map { Day("2020-12-01")!.adding(days: $0) }
    let script = ExternalTools.repository.appendingPathComponent("Scripts/sample/check_ledger.py").path
    guard let output = try ExternalTools.run(python, [script] + days.flatMap { ["--as-of", $0.description] }) else {
      return
    }
    let expected = try JSONParser.parse(Data(output.utf8))

    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let thresholds = try Thresholds.load(configuration: workspace.configuration)
    let sample = try SampleLedger()
    try sample.replay(
      into: workspace, calendar: thresholds.calendar, imported: Day("2020-06-01")!, through: Day("2020-11-30")!,
      instant: { _ in fixedNow })
    var taken = sample.steps.filter { $0.day <= Day("2020-11-30")! }.count
    var lastDay: [String: String] = [:]
    for day in days {
      for step in sample.steps.dropFirst(taken) where step.day <= day {
        try workspace.store.applyProblemAction(
          step.action, code: step.code, day: step.day, actor: "sample", at: fixedNow, calendar: thresholds.calendar)
        taken += 1
      }
      let lights = try ProblemLights.judge(
        try workspace.store.problemStandings(), on: day, ruleSet: thresholds.ruleSet, calendar: thresholds.calendar)
      let actual = Dictionary(uniqueKeysWithValues: lights.map { ($0.code, $0.level.name) })
      guard case .object(let wanted)? = expected[day.description]?["lights"]?.value else {
        Issue.record("the checker gave nothing for \(day)")
        continue
      }
      var expectedLights: [String: String] = [:]
      for member in wanted {
        if case .string(let light) = member.value.value { expectedLights[member.key] = light }
      }
      #expect(actual == expectedLights, "\(day)")
      lastDay = actual
    }
    #expect(taken == sample.steps.count)
    #expect(Set(lastDay.values) == ["none", "blue", "yellow", "red"], "\(lastDay)")
  }
}
