/// The 红黑榜 of a ranking group of counties (docs/documents.md#the-dispatch-summary): every county's composite score, the
/// best three (红榜) and the worst three (黑榜).
///
/// The composite score is the mean of the county's 位次 within its group over the indicators
/// published in the period (1 is best), rounded half-up to two decimals; lower is better. Ties go
/// to the county with more indicators on target, then to the configuration's order. A county
/// ranked in fewer than half of the period's indicators (it did not report) is listed without a
/// score and is on neither list. The 红榜 takes the best three with no warning of yellow or worse
/// in the period; the 黑榜 the worst three with at least one indicator below its target — a county
/// that met every target is never blacklisted, whatever its ranks — and never repeats a county of
/// the 红榜.
public struct LeagueTable: Sendable {
  public struct Entry: Sendable {
    public var region: Region
    /// Nil when the county is ranked in too few indicators to be scored.
    public var score: Fixed?
    /// Indicators in which the county has a 位次, and those in which it is on target.
    public var ranked: Int
    public var onTarget: Int
    /// Indicators in which the county is below its target, and whether any is warned yellow or worse.
    public var belowTarget: Int = 0
    public var warned = false
  }

  /// The group's name as configured (counties).
  public var group: String
  /// Scored counties best first, then the unscored ones.
  public var entries: [Entry]
  public var red: [Entry]
  /// Worst first.
  public var black: [Entry]

  public static let listSize = 3

  /// One table per ranking group whose members are counties or districts, in the order of the
  /// configuration.
  public static func make(_ facts: SummaryFacts, configuration: Configuration) -> [LeagueTable] {
    var groups: [String] = []
    for region in configuration.regions where region.kind == .county || region.kind == .district {
      if let group = region.group, !groups.contains(group) { groups.append(group) }
    }
    return groups.compactMap { group in
      let members = configuration.regions.filter { $0.group == group }
      guard members.allSatisfy({ $0.kind == .county || $0.kind == .district }) else { return nil }
      return make(group: group, members: members, indicators: facts.indicators)
    }
  }

  static func make(group: String, members: [Region], indicators: [SummaryFacts.IndicatorTable]) -> LeagueTable {
    var entries: [Entry] = []
    var order: [String: Int] = [:]
    for (position, region) in members.enumerated() {
      order[region.code] = position
      var rankSum = 0
      var ranked = 0
      var onTarget = 0
      var belowTarget = 0
      var warned = false
      for table in indicators {
        guard let row = table.rows.first(where: { $0.region.code == region.code }) else { continue }
        if let rank = row.rank {
          rankSum += rank
          ranked += 1
        }
        switch row.onTarget(form: table.indicator.form) {
        case true?: onTarget += 1
        case false?: belowTarget += 1
        case nil: break
        }
        if row.level >= .yellow { warned = true }
      }
      let scored = ranked > 0 && ranked * 2 >= indicators.count
      let score = scored ? Fixed(rankSum).divided(by: Fixed(ranked))?.rounded(toDecimals: 2) : nil
      entries.append(
        Entry(
          region: region, score: score, ranked: ranked, onTarget: onTarget, belowTarget: belowTarget, warned: warned))
    }
    entries.sort { lhs, rhs in
      switch (lhs.score, rhs.score) {
      case (let left?, let right?) where left != right: return left < right
      case (nil, _?): return false
      case (_?, nil): return true
      default:
        if lhs.onTarget != rhs.onTarget { return lhs.onTarget > rhs.onTarget }
        return order[lhs.region.code]! < order[rhs.region.code]!
      }
    }
    let scored = entries.filter { $0.score != nil }
    let red = Array(scored.filter { !$0.warned }.prefix(listSize))
    let redCodes = Set(red.map(\.region.code))
    let black = Array(
      scored.reversed().filter { $0.belowTarget > 0 && !redCodes.contains($0.region.code) }.prefix(listSize))
    return LeagueTable(group: group, entries: entries, red: red, black: black)
  }
}
