/// The stored targets that nothing will judge (`TargetCoverage`), from the targets, the rule set in
/// force and the figures the feeds have delivered: what `targets import`, `yujing check` and the
/// dashboard report.
extension Workspace {
  public func unjudgedTargets(years: [Int], ruleSet: RuleSet) throws -> [TargetCoverage.Unjudged] {
    try unjudged(try years.sorted().flatMap { try store.targets(year: $0) }, ruleSet: ruleSet)
  }

  /// These targets (just imported, say) that nothing will judge.
  public func unjudged(_ targets: [Target], ruleSet: RuleSet) throws -> [TargetCoverage.Unjudged] {
    guard !targets.isEmpty else { return [] }
    return TargetCoverage.unjudged(
      targets, configuration: configuration, ruleSet: ruleSet, published: try store.publishedCodes())
  }
}
