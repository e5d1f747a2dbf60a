import Foundation
import Testing

@testable import YujingCore

/// The sample's year evaluated by yujing and by an independent implementation of the rules in
/// Python (`Scripts/sample/check_coverage.py`, written separately from the Swift rules): the
/// findings must agree subject by subject, rule by rule, level by level. Project reports are
/// evaluated twice, on the day they arrived and a year later: a report tells the state on the last
/// day of its month, so the day of the evaluation changes nothing.
@Suite struct SampleCrossCheckTests {
  @Test(.needs(.python3)) func everyMonthsFindingsAgreeWithTheIndependentCheckerWhateverTheDayOfEvaluation() throws {
    guard let python = ExternalTools.require("python3", for: "the independent rule checker") else { return }
    let directory = try TemporaryDirectory()
    let script = ExternalTools.repository.appendingPathComponent("Scripts/sample/check_coverage.py").path
    guard try ExternalTools.run(python, [script, "--dump", directory.path("expected.json")]) != nil else { return }
    let expected = try JSONParser.parse(try Data(contentsOf: directory.url.appendingPathComponent("expected.json")))

    let workspace = try openDefaultWorkspace(directory)
    let replay = SampleReplay(workspace: workspace)
    _ = try replay.loadBaseline()
    for arrival in try SampleReplay.arrivals() { _ = try replay.ingest(arrival) }
    let thresholds = try Thresholds.load(configuration: workspace.configuration)
    let evaluation = PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: { fixedNow })

    var compared = 0
    for month in 1...12 {
      let period = Period(year: 2020, month: month)!
      guard let entry = expected[period.description], case .object(let wanted)? = entry["findings"]?.value,
        case .string(let indicatorsAsOf)? = entry["indicators_as_of"]?.value,
        case .string(let projectsAsOf)? = entry["projects_as_of"]?.value
      else {
        Issue.record("the checker's dump lacks \(period)")
        continue
      }
      var actual: [String: [String: String]] = [:]
      for finding in try evaluation.run(period: period, asOf: Day(indicatorsAsOf)!, dryRun: true).findings
      where finding.subject.kind == "indicator" {
        actual[finding.subject.notation] = Dictionary(
          uniqueKeysWithValues: finding.rules.map { ($0.rule, $0.level.name) })
      }
      var projectsLater: [String: [String: String]] = [:]
      for (asOf, into) in [(Day(projectsAsOf)!, true), (Day(projectsAsOf)!.adding(days: 365), false)] {
        for finding in try evaluation.run(period: period, asOf: asOf, dryRun: true).findings
        where finding.subject.kind == "project" {
          let rules = Dictionary(uniqueKeysWithValues: finding.rules.map { ($0.rule, $0.level.name) })
          if into { actual[finding.subject.notation] = rules } else { projectsLater[finding.subject.notation] = rules }
        }
      }
      #expect(
        projectsLater == actual.filter { $0.key.hasPrefix("project ") },
        "\(period): the project findings depend on the day of the evaluation")
      var expectedFindings: [String: [String: String]] = [:]
      for member in wanted {
        guard case .object(let rules) = member.value.value else { continue }
        expectedFindings[member.key] = Dictionary(
          uniqueKeysWithValues: rules.compactMap { rule -> (String, String)? in
            guard case .string(let level) = rule.value.value else { return nil }
            return (rule.key, level)
          })
      }
      #expect(actual == expectedFindings, "\(period)")
      compared += expectedFindings.count
    }
    #expect(compared > 100)
  }
}
