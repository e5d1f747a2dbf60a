import Foundation
import Testing

@testable import YujingCore

/// Evaluates rules written in the test over figures given in the test, on the default catalogue.
struct RuleHarness {
  let configuration = try! Configuration.embeddedDefault()

  func ruleSet(_ yaml: String) throws -> RuleSet {
    let sink = DiagnosticSink(file: "test.yaml")
    let rules = RuleFileDecoder.decode(Data(yaml.utf8), file: "test.yaml", configuration: configuration, sink: sink)
    guard !sink.hasErrors else { throw DiagnosticsError(sink.diagnostics) }
    return RuleSet(rules: rules, hash: "test", files: ["test.yaml"])
  }

  func evaluate(
    _ ruleSet: RuleSet, period: String, observations: [Observation], targets: [Target] = [], asOf: String = "2020-12-31"
  ) -> [Finding] {
    let index = SubjectIndex(configuration: configuration)
    let input = EvaluationInput(
      configuration: configuration, index: index, ruleSet: ruleSet, period: Period(period)!, asOf: Day(asOf)!,
      calendar: WorkingCalendar(),
      observations: Dictionary(grouping: observations, by: \.period).mapValues { ObservationTable($0, index: index) },
      targets: Dictionary(grouping: targets, by: \.year).mapValues { TargetTable($0, index: index) })
    do throws(Diagnostic) {
      return try Evaluator.evaluate(input)
    } catch {
      Issue.record("the rules did not compile: \(error)")
      return []
    }
  }
}

func growth(_ period: String, _ region: String, _ indicator: String, _ value: String) -> Observation {
  Observation(
    period: Period(period)!, region: region, indicator: indicator, value: nil, growth: try! Fixed(parsing: value))
}

@Suite struct EvaluatorTests {
  let harness = RuleHarness()

  @Test func aNegatedComparisonWithAMissingFigureDoesNotFire() throws {
    let rules = try harness.ruleSet(
      """
      rules:
        - {id: not_below, subjects: indicators, when: "not (growth < province_growth)", level: blue}
        - {id: below, subjects: indicators, when: "growth < province_growth", level: yellow}
      """)
    // No province figure: neither the comparison nor its negation is true.
    let findings = harness.evaluate(rules, period: "2020-06", observations: [growth("2020-06", "360981", "fai", "5")])
    #expect(findings.isEmpty)
    let withProvince = harness.evaluate(
      rules, period: "2020-06",
      observations: [growth("2020-06", "360981", "fai", "5"), growth("2020-06", "360000", "fai", "6")])
    #expect(withProvince.map(\.level) == [.yellow])
  }

  @Test func findingsCarryTheEvidenceOfEveryMeasure() throws {
    let rules = try harness.ruleSet("rules:\n  - {id: low, subjects: indicators, when: rank > 1, level: blue}\n")
    let findings = harness.evaluate(
      rules, period: "2020-08",
      observations: [
        growth("2020-08", "360981", "fai", "7.2"), growth("2020-08", "360982", "fai", "9.5"),
        growth("2020-08", "360983", "fai", "7.2"), growth("2020-08", "360000", "fai", "8.0"),
        growth("2020-08", "360900", "fai", "8.1"),
      ],
      targets: [Target(year: 2020, region: "360981", indicator: "fai", growth: Fixed(9), value: nil)])
    let fengcheng = try #require(findings.first { $0.subject == .indicator(indicator: "fai", region: "360981") })
    #expect(fengcheng.values["gap"] == .number(try Fixed(parsing: "-1.8")))
    #expect(fengcheng.values["rank"] == .number(Fixed(2)))
    #expect(fengcheng.values["group_size"] == .number(Fixed(3)))
    #expect(fengcheng.values["regions_below"] == .number(Fixed(0)))
    #expect(fengcheng.values["province_growth"] == .number(Fixed(8)))
    #expect(fengcheng.values["city_growth"] == .number(try Fixed(parsing: "8.1")))
    #expect(fengcheng.values["time_progress"] == .number(try Fixed(parsing: "66.7")))
    #expect(fengcheng.values["progress"] == nil)
    // 高安 shares rank 2 with 丰城 and has no target: ranked, and found by this rule, which needs none.
    #expect(findings.map(\.subject).contains(.indicator(indicator: "fai", region: "360983")))
  }

  @Test func aRuleWithARecoveryConditionKeepsFiringUntilItRecovers() throws {
    let rules = try harness.ruleSet(
      """
      rules:
        - id: below_target
          subjects: indicators
          tiers: {yellow: growth < 7, blue: growth < 8}
          recovery: growth >= 8.5
      """)
    let series = ["7.5", "6.5", "8.2", "8.4", "8.6", "8.2"]
    let observations = series.enumerated().map { growth("2020-0\($0.offset + 2)", "360981", "industry_va", $0.element) }
    let levels = (2...7).map { month in
      harness.evaluate(rules, period: "2020-0\(month)", observations: observations).first?.level ?? Level.none
    }
    // 8.2 and 8.4 are above the rule's own thresholds but below the recovery: still blue. 8.6
    // recovers; 8.2 after that is fine again.
    #expect(levels == [.blue, .yellow, .blue, .blue, .none, .none])
  }

  @Test func aDateLimitedRuleReplacesAnotherOnlyWhileItIsInForce() throws {
    let rules = try harness.ruleSet(
      """
      rules:
        - {id: negative, subjects: indicators, when: growth < 0, level: red}
        - id: epidemic
          subjects: indicators
          active_from: 2020-02
          active_until: 2020-04
          replaces: [negative]
          when: growth < province_growth - 3
          level: yellow
      """)
    let observations = ["2020-03", "2020-05"].flatMap {
      [growth($0, "360981", "industry_va", "-12"), growth($0, "360000", "industry_va", "-6")]
    }
    let march = harness.evaluate(rules, period: "2020-03", observations: observations)
    #expect(march.map { $0.rules.map(\.rule) } == [["epidemic"]])
    let may = harness.evaluate(rules, period: "2020-05", observations: observations)
    #expect(may.map { $0.rules.map(\.rule) } == [["negative"]])
  }

  @Test func previousLooksAtTheSubjectsOwnPreviousPeriod() throws {
    let rules = try harness.ruleSet(
      "rules:\n  - {id: fell, subjects: indicators, when: growth < previous(growth) - 1, level: blue}\n")
    let observations = [growth("2020-03", "360981", "gdp", "6.0"), growth("2020-06", "360981", "gdp", "4.9")]
    // The quarter before 2020-06 is 2020-03, not 2020-05.
    #expect(harness.evaluate(rules, period: "2020-06", observations: observations).count == 1)
  }

  @Test func theJSONFollowsTheContractWithNullForAbsentMeasures() throws {
    let finding = Finding(
      subject: .indicator(indicator: "fai", region: "360981"), period: Period("2020-08")!, level: .yellow,
      rules: [.init(rule: "growth_gap", level: .yellow)], values: ["growth": .number(try Fixed(parsing: "7.2"))])
    let json = FindingsJSON.document(period: Period("2020-08")!, findings: [finding])
    #expect(
      json.hasPrefix(
        #"{"period": "2020-08", "findings": [{"subject": {"kind": "indicator", "indicator": "fai", "region": "360981"}, "level": "yellow", "rules": ["growth_gap"], "exempted": false, "values": {"below_target": null, "city_growth": null, "gap": null, "group_size": null, "growth": 7.2,"#
      ))
    let parsed = try JSONParser.parse(Array(json.utf8))
    guard case .array(let findings)? = parsed["findings"]?.value else {
      Issue.record("findings must be an array")
      return
    }
    #expect(findings.count == 1)
    #expect(findings[0]["values"]?["gap"]?.value == .null)
  }
}

@Suite struct RuleTestRunnerTests {
  @Test func theDefaultRuleSetPassesItsOwnTests() throws {
    let directory = EmbeddedFiles.url("thresholds/tests")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
      .sorted().map { directory.appendingPathComponent($0).path }
    #expect(files.count >= 5)
    let report = RuleTestRunner.run(files: files, configuration: try Configuration.embeddedDefault())
    #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
    #expect(report.failures.isEmpty, "\(report.failures.map(\.description).joined(separator: "\n"))")
    #expect(report.tests >= 40)
  }

  @Test func aWrongExpectationFailsWithADiff() throws {
    let directory = try TemporaryDirectory()
    let rules = EmbeddedFiles.url("thresholds").path
    try """
    rules: \(rules)
    tests:
      - name: deliberately wrong
        targets:
          - {year: 2020, region: "360981", indicator: industry_va, growth: 8.2}
        series:
          360981 industry_va growth: "2020-06: 7.2"
        expect:
          2020-06:
            - {subject: industry_va@360981, level: orange, rules: [growth_gap]}
            - {subject: project P1, level: red, rules: [project_stalled]}
    """.write(toFile: directory.path("wrong.yaml"), atomically: true, encoding: .utf8)
    let report = RuleTestRunner.run(
      files: [directory.path("wrong.yaml")], configuration: try Configuration.embeddedDefault())
    #expect(!report.passed)
    #expect(
      report.failures.first?.differences == [
        "industry_va@360981: expected orange [growth_gap], got yellow [growth_gap]",
        "missing: project P1 red [project_stalled]",
      ])
  }
}
