import Foundation
import Testing

@testable import YujingCore

/// A target that nothing will judge is named with the reason, never left inert.
@Suite struct TargetCoverageTests {
  let configuration: YujingCore.Configuration
  let rules: RuleSet

  init() throws {
    configuration = try YujingCore.Configuration.embeddedDefault()
    rules = try Thresholds.load(configuration: configuration).ruleSet
  }

  func target(_ region: String, _ indicator: String, growth: String? = nil, value: String? = nil) -> Target {
    Target(
      year: 2020, region: region, indicator: indicator, growth: growth.map { try! Fixed(parsing: $0) },
      value: value.map { try! Fixed(parsing: $0) })
  }

  @Test func theDefaultRulesJudgeEveryTargetTheyCanWhateverTheIndicatorsForm() {
    // 一般公共预算收入 is an amount-form indicator: its published growth target is judged too.
    let targets = [
      target("360902", "fiscal_general", growth: "3.5", value: "36.72"), target("360902", "industry_va", growth: "8.2"),
      target("360902", "fdi", growth: "6"),
    ]
    #expect(TargetCoverage.unjudged(targets, configuration: configuration, ruleSet: rules, published: nil).isEmpty)
  }

  @Test func aProvincesTargetIsABenchmarkAndNeverJudged() {
    let unjudged = TargetCoverage.unjudged(
      [target("360000", "gdp", growth: "8")], configuration: configuration, ruleSet: rules, published: nil)
    #expect(unjudged.map(\.explanation) == ["江西省 is a benchmark (a province): no rule judges its targets"])
  }

  @Test func aTargetNoRuleReadsIsNamed() {
    // A rule set of growth rules only: amount targets are read by nothing.
    let growthOnly = RuleSet(
      rules: rules.rules.filter { $0.id != "amount_lag" }, hash: "test", files: [])
    let unjudged = TargetCoverage.unjudged(
      [target("360902", "fiscal_general", growth: "3.5", value: "36.72")], configuration: configuration,
      ruleSet: growthOnly, published: nil)
    #expect(unjudged.count == 1)
    #expect(unjudged.first?.which == .amount)
    #expect(unjudged.first?.explanation == "no rule of the rule set judges an amount target of 一般公共预算收入 in 袁州区")
  }

  @Test func anIndicatorOrARegionWithoutFiguresIsNamed() {
    let published = TargetCoverage.Published(indicators: ["industry_va"], regions: ["360902"])
    let unjudged = TargetCoverage.unjudged(
      [target("360902", "exports", growth: "10"), target("360981", "industry_va", growth: "8.2")],
      configuration: configuration, ruleSet: rules, published: published)
    #expect(
      unjudged.map(\.explanation) == [
        "no feed has delivered a figure of 外贸出口 (exports) lately",
        "no feed has delivered a figure for 丰城市 (360981) lately",
      ])
  }

  @Test func targetsImportWarnsOfATargetThatWillNeverBeJudged() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("y.sqlite")
    let figures = directory.url.appendingPathComponent("figures.csv")
    try "period,region,indicator,value,growth\n2020-05,360981,industry_va,,7.9\n2020-05,360982,exports,,12\n".write(
      to: figures, atomically: true, encoding: .utf8)
    #expect(try YujingCommand.run(["ingest", "--feed", "stats", figures.path, "--db", db]).status == 0)
    let file = directory.url.appendingPathComponent("targets.csv")
    try "year,region,indicator,target_growth,target_value\n2020,360981,electricity,6,\n2020,360981,exports,8,\n".write(
      to: file, atomically: true, encoding: .utf8)
    let result = try YujingCommand.run(["targets", "import", file.path, "--db", db])
    #expect(result.status == 0, "\(result.err)")
    #expect(
      result.out.contains(
        "warning: a target that will never be judged: 2020 360981 electricity growth target 6%: no feed has delivered a figure of 全社会用电量 (electricity) lately"
      ), "\(result.out)")
    #expect(!result.out.contains("360981 exports"), "\(result.out)")
  }
}
