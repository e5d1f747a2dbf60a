/// Annual targets that nothing will ever judge, each with the reason. A target is set to be
/// judged: one that no rule reads, or whose figures never arrive, would sit in the database
/// unnoticed while the office believes it is watched. `targets import`, `yujing check` and the
/// dashboard say so plainly.
public enum TargetCoverage {
  /// A growth or an amount target that cannot be judged, and why.
  public struct Unjudged: Sendable, Hashable, CustomStringConvertible {
    public enum Which: String, Sendable, Hashable {
      case growth
      case amount
    }

    public var target: Target
    public var which: Which
    public var reason: Reason

    public enum Reason: Sendable, Hashable {
      case unknownRegion(String)
      case unknownIndicator(String)
      /// A province's figures are benchmarks.
      case benchmark(region: String)
      case noRule(indicator: String, region: String)
      case noFiguresOfIndicator(name: String, code: String)
      case noFiguresOfRegion(name: String, code: String)
    }

    /// Why, in words an operator acts on.
    public var explanation: String {
      switch reason {
      case .unknownRegion(let code): "the region \(code) is not in the configuration"
      case .unknownIndicator(let code): "the indicator \(code) is not in the configuration"
      case .benchmark(let region): "\(region) is a benchmark (a province): no rule judges its targets"
      case .noRule(let indicator, let region):
        "no rule of the rule set judges \(which == .growth ? "a growth" : "an amount") target of \(indicator) in \(region)"
      case .noFiguresOfIndicator(let name, let code): "no feed has delivered a figure of \(name) (\(code)) lately"
      case .noFiguresOfRegion(let name, let code): "no feed has delivered a figure for \(name) (\(code)) lately"
      }
    }

    /// Why, in the office's words (the dashboard).
    public var chineseExplanation: String {
      let kind = which == .growth ? "增速" : "总量"
      switch reason {
      case .unknownRegion(let code): return "地区\(code)不在配置中"
      case .unknownIndicator(let code): return "指标\(code)不在配置中"
      case .benchmark(let region): return "\(region)为对比基准（省级），其目标不参与评判"
      case .noRule(let indicator, let region): return "现行预警规则中没有评判\(region)\(indicator)\(kind)目标的规则"
      case .noFiguresOfIndicator(let name, _): return "近一年没有任何数据源报送\(name)的数据"
      case .noFiguresOfRegion(let name, _): return "近一年没有任何数据源报送\(name)的数据"
      }
    }

    public var description: String {
      let figure = which == .growth ? target.growth.map { "\($0)%" } : target.value.map(\.description)
      return
        "\(target.year) \(target.region) \(target.indicator) \(which.rawValue) target \(figure ?? ""): \(explanation)"
    }
  }

  /// The indicator and region codes that have figures in the periods looked at; nil when the
  /// store has no figures at all yet (before the first feed run nothing can be said of them).
  public struct Published: Sendable, Hashable {
    public var indicators: Set<String>
    public var regions: Set<String>

    public init(indicators: Set<String>, regions: Set<String>) {
      self.indicators = indicators
      self.regions = regions
    }
  }

  /// The measures through which a rule judges each kind of target.
  static let growthMeasures: Set<String> = ["target_growth", "gap"]
  static let amountMeasures: Set<String> = ["target_value", "progress", "lag"]

  public static func unjudged(
    _ targets: [Target], configuration: Configuration, ruleSet: RuleSet, published: Published?
  ) -> [Unjudged] {
    // The rules in force in some month of each year, advisory ones aside: a 预协调函 warns, it
    // does not judge.
    var rulesByYear: [Int: [Rule]] = [:]
    for year in Set(targets.map(\.year)) {
      var seen = Set<String>()
      rulesByYear[year] = (1...12).flatMap { ruleSet.rules(for: Period(year: year, month: $0)!) }
        .filter { $0.subjects == .indicators && !$0.isAdvisory && seen.insert($0.id).inserted }
    }
    var result: [Unjudged] = []
    for target in targets {
      var kinds: [(Unjudged.Which, Set<String>)] = []
      if target.growth != nil { kinds.append((.growth, growthMeasures)) }
      if target.value != nil { kinds.append((.amount, amountMeasures)) }
      for (which, measures) in kinds {
        if let reason = reason(
          target, measures: measures, which: which, configuration: configuration, rules: rulesByYear[target.year] ?? [],
          published: published)
        {
          result.append(Unjudged(target: target, which: which, reason: reason))
        }
      }
    }
    return result
  }

  private static func reason(
    _ target: Target, measures: Set<String>, which: Unjudged.Which, configuration: Configuration, rules: [Rule],
    published: Published?
  ) -> Unjudged.Reason? {
    guard let region = configuration.region(target.region) else { return .unknownRegion(target.region) }
    guard let indicator = configuration.indicator(target.indicator) else { return .unknownIndicator(target.indicator) }
    if region.kind == .province { return .benchmark(region: region.name) }
    let judging = rules.contains { rule in
      rule.filter.matches(indicator: indicator, region: region)
        && (!measures.isDisjoint(with: rule.requires) || rule.expressions.contains { $0.names(measures) })
    }
    if !judging { return .noRule(indicator: indicator.name, region: region.name) }
    if let published {
      if !published.indicators.contains(indicator.code) {
        return .noFiguresOfIndicator(name: indicator.name, code: indicator.code)
      }
      if !published.regions.contains(region.code) { return .noFiguresOfRegion(name: region.name, code: region.code) }
    }
    return nil
  }
}
