import Foundation
import Testing

@testable import YujingCore

@Suite struct RuleFileTests {
  let configuration = try! Configuration.embeddedDefault()

  func diagnostics(_ yaml: String) -> [String] {
    let sink = DiagnosticSink(file: "rules.yaml")
    _ = RuleFileDecoder.decode(Data(yaml.utf8), file: "rules.yaml", configuration: configuration, sink: sink)
    return sink.diagnostics.map(\.description)
  }

  @Test func aFileWithThreeMistakesReportsAllThreeWithPositions() {
    let yaml = """
      rules:
        - id: growth_gap
          subjects: indicators
          tiers:
            red: gap <= -3.0
            orange: gap <== -2.0
        - id: negative_growth
          subjects: indicators
          when: grwoth < 0
          level: red
        - id: below_province
          subjects: indicators
          when: growth < province_growth
          levle: yellow
      """
    let found = diagnostics(yaml)
    #expect(found.count == 4, "got: \(found)")
    // The column points at the character inside the expression.
    #expect(
      found.contains {
        $0.hasPrefix("rules.yaml:6:21: rules[0] (growth_gap).tiers.orange: '=' alone is not an operator")
      })
    #expect(
      found.contains {
        $0.hasPrefix(
          "rules.yaml:9:11: rules[1] (negative_growth).when: unknown measure 'grwoth'; did you mean 'growth'?")
      })
    #expect(found.contains { $0.hasPrefix("rules.yaml:14:5: unknown key 'levle' in rules[2]; did you mean 'level'?") })
    // Without its level, the rule has no outcome: that is said too.
    #expect(found.contains { $0.contains("rules[2] (below_province) needs a level") })
  }

  @Test func positionsInsideQuotedAndBlockExpressionsPointAtTheCharacter() {
    let yaml = """
      rules:
        - id: quoted
          subjects: indicators
          when: "gap < 0 and rnak < 3"
          level: yellow
        - id: block
          subjects: indicators
          when: >
            gap < 0 and
            lga < -5
          level: yellow
      """
    let found = diagnostics(yaml)
    #expect(
      found.contains { $0.hasPrefix("rules.yaml:4:24: rules[0] (quoted).when: unknown measure 'rnak'") },
      "got: \(found)")
    #expect(
      found.contains { $0.hasPrefix("rules.yaml:10:7: rules[1] (block).when: unknown measure 'lga'") }, "got: \(found)")
  }

  @Test(arguments: [
    ("id: Growth-Gap", "must be lower-case letters, digits and _"),
    ("form: amount", "rules[0] (a_rule).form does not apply to a rule about projects"),
    ("indicators: [industy_va]", "'industy_va' is not an indicator of the configuration; did you mean 'industry_va'?"),
    ("active_from: 2020-13", "'2020-13' is not a period YYYY-MM"),
    ("requires: [behind]", "'behind' is not a measure of indicators"),
  ])
  func reportsABadRuleField(field: String, message: String) {
    let subjects = field.hasPrefix("form") ? "projects" : "indicators"
    let idLine = field.hasPrefix("id:") ? field : "id: a_rule"
    let extra = field.hasPrefix("id:") ? "" : "\n    \(field)"
    let yaml = """
      rules:
        - \(idLine)
          subjects: \(subjects)\(extra)
          when: \(subjects == "projects" ? "started" : "gap < 0")
          level: yellow
      """
    let found = diagnostics(yaml)
    #expect(found.contains { $0.contains(message) }, "got: \(found)")
  }

  @Test func filtersAreListsOrAll() throws {
    let harness = RuleHarness()
    let rules = try harness.ruleSet(
      """
      rules:
        - {id: counties_only, subjects: indicators, groups: [counties], regions: all, when: growth < 0, level: blue}
      """)
    #expect(rules.rules[0].filter.groups == ["counties"])
    #expect(rules.rules[0].filter.regions == nil)
  }

  @Test func levelAndTiersAreExclusiveAndTiersNameLevels() {
    let found = diagnostics(
      """
      rules:
        - id: both
          subjects: indicators
          when: gap < 0
          level: yellow
          tiers: {red: gap < -3}
        - id: purple
          subjects: indicators
          tiers: {purple: gap < -3}
      """)
    #expect(found.contains { $0.contains("rules[0] (both) has both level and tiers") })
    #expect(found.contains { $0.contains("'purple' is not one of blue, yellow, orange, red") })
  }

  @Test func duplicateIdsAndUnknownReplacementsAreReportedAcrossFiles() throws {
    let directory = try TemporaryDirectory()
    try "rules:\n  - {id: a, subjects: indicators, when: gap < 0, level: blue}\n".write(
      toFile: directory.path("one.yaml"), atomically: true, encoding: .utf8)
    try "rules:\n  - {id: a, subjects: indicators, when: gap < 0, level: blue, replaces: [b]}\n".write(
      toFile: directory.path("two.yaml"), atomically: true, encoding: .utf8)
    do {
      _ = try RuleSet.load(directory: directory.url, configuration: configuration)
      Issue.record("duplicate ids must be refused")
    } catch {
      let messages = error.diagnostics.map(\.message)
      #expect(messages.contains { $0.hasPrefix("rule id 'a' is already used at one.yaml:2") })
      #expect(messages.contains { $0.contains("replaces 'b', which is no rule") })
    }
  }

  @Test func theDefaultRuleSetLoadsWithEveryDefaultRuleId() throws {
    let ruleSet = try RuleSet.embeddedDefault(configuration: configuration)
    #expect(
      Set(ruleSet.rules.map(\.id)) == [
        "growth_gap", "negative_growth", "below_province", "amount_lag", "rank_bottom_two", "rank_last_twice",
        "project_investment", "project_start_overdue", "project_unregistered", "project_milestone_overdue",
        "project_stalled", "feed_late", "precoordination", "problem_light",
      ])
    #expect(ruleSet.hash.count == 64)
  }
}
