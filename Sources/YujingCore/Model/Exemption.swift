/// 豁免 (docs/architecture.md#words): a matcher, a reason, who and when. It covers the periods whose last day lies
/// in [from, until], and suppresses its subjects' findings there (they stay stored, flagged, and
/// visible); a covered period breaks every run of the ladder.
public struct Exemption: Sendable, Hashable {
  public var id: Int64
  /// An indicator × region; a region alone matches all its indicators, an indicator alone all
  /// regions; a project matches that project.
  public var region: String?
  public var indicator: String?
  public var project: String?
  public var reason: String
  public var createdBy: String
  public var from: Day
  public var until: Day
  public var expired: Bool

  public init(
    id: Int64 = 0, region: String?, indicator: String?, project: String?, reason: String, createdBy: String, from: Day,
    until: Day, expired: Bool = false
  ) {
    self.id = id
    self.region = region
    self.indicator = indicator
    self.project = project
    self.reason = reason
    self.createdBy = createdBy
    self.from = from
    self.until = until
    self.expired = expired
  }

  public func covers(_ subject: Subject, in period: Period) -> Bool {
    let last = Day.lastDay(of: period)
    guard from <= last && last <= until else { return false }
    switch subject {
    case .indicator(let code, let regionCode):
      guard project == nil, region != nil || indicator != nil else { return false }
      return (region.map { $0 == regionCode } ?? true) && (indicator.map { $0 == code } ?? true)
    case .project(let code):
      return project == code
    case .feed:
      return false
    }
  }

  public var matcher: String {
    if let project { return "project \(project)" }
    switch (indicator, region) {
    case (let indicator?, let region?): return "\(indicator) × \(region)"
    case (let indicator?, nil): return "\(indicator) (all regions)"
    case (nil, let region?): return "\(region) (all indicators)"
    default: return "nothing"
    }
  }
}

extension Array where Element == Exemption {
  /// Flags the findings that an exemption in force covers (the findings stay, counted toward nothing).
  public func apply(to findings: [Finding]) -> [Finding] {
    findings.map { finding in
      var flagged = finding
      flagged.exempted = contains { $0.covers(finding.subject, in: finding.period) }
      return flagged
    }
  }
}
