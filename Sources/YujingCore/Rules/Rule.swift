/// One rule of a rule file (docs/rules.md#warning-rules): which subjects it looks at, when it is in force, and the
/// level it gives.
public struct Rule: Sendable, Hashable {
  public var id: String
  /// The rule's name as notices and the UI print it (增速低于年度目标).
  public var title: String
  public var subjects: SubjectKind
  public var filter: SubjectFilter
  /// The periods the rule is in force, inclusive; nil is unbounded.
  public var activeFrom: Period?
  public var activeUntil: Period?
  /// Rules this one stands in for while it is in force (the epidemic months' rule set).
  public var replaces: [String]
  /// Measures that must have a value for the rule to apply at all (a subject without a target
  /// gets no target finding).
  public var requires: [String]
  /// A condition that must hold before the levels are considered.
  public var condition: Expression?
  public var outcome: Outcome
  /// With hysteresis: once the rule has fired, it keeps firing (at its lowest level) until this
  /// holds.
  public var recovery: Expression?
  /// An advisory rule drafts this kind of notice for the subjects it finds, and counts neither
  /// toward a case's level nor against a lift (docs/rules.md#precoordination).
  public var notice: AdvisoryNotice? = nil
  /// Where the rule is written, for messages.
  public var file: String
  public var position: SourcePosition?

  public enum Outcome: Sendable, Hashable {
    case level(Level)
    /// Highest first: the first that holds gives the level.
    case tiers([(level: Level, condition: Expression)])

    public static func == (lhs: Outcome, rhs: Outcome) -> Bool {
      switch (lhs, rhs) {
      case (.level(let a), .level(let b)): a == b
      case (.tiers(let a), .tiers(let b)): a.map(\.level) == b.map(\.level) && a.map(\.condition) == b.map(\.condition)
      default: false
      }
    }

    public func hash(into hasher: inout Hasher) {
      switch self {
      case .level(let level): hasher.combine(level)
      case .tiers(let tiers):
        for tier in tiers {
          hasher.combine(tier.level)
          hasher.combine(tier.condition)
        }
      }
    }

    /// The lowest level the rule can give: what a rule under hysteresis keeps until it recovers.
    var lowest: Level {
      switch self {
      case .level(let level): level
      case .tiers(let tiers): tiers.map(\.level).min() ?? .blue
      }
    }
  }

  /// Whether the rule only advises (a precoordination), outside the ladder.
  public var isAdvisory: Bool { notice != nil }

  public func isActive(in period: Period) -> Bool {
    (activeFrom.map { $0 <= period } ?? true) && (activeUntil.map { period <= $0 } ?? true)
  }
}

/// Which subjects a rule looks at; every list that is nil means all.
public struct SubjectFilter: Sendable, Hashable {
  public var indicators: Set<String>?
  public var form: IndicatorForm?
  public var regions: Set<String>?
  public var regionKinds: Set<RegionKind>?
  public var groups: Set<String>?
  public var projects: Set<String>?
  public var feeds: Set<String>?

  public init(
    indicators: Set<String>? = nil, form: IndicatorForm? = nil, regions: Set<String>? = nil,
    regionKinds: Set<RegionKind>? = nil, groups: Set<String>? = nil, projects: Set<String>? = nil,
    feeds: Set<String>? = nil
  ) {
    self.indicators = indicators
    self.form = form
    self.regions = regions
    self.regionKinds = regionKinds
    self.groups = groups
    self.projects = projects
    self.feeds = feeds
  }

  func matches(indicator: Indicator, region: Region) -> Bool {
    matches(indicator: indicator) && matches(region: region)
  }

  func matches(indicator: Indicator) -> Bool {
    if let indicators, !indicators.contains(indicator.code) { return false }
    if let form, indicator.form != form { return false }
    return true
  }

  func matches(region: Region) -> Bool {
    // A province is a benchmark only (docs/rules.md#warning-rules): never a subject, whatever a rule says.
    guard region.kind != .province else { return false }
    if let regions, !regions.contains(region.code) { return false }
    if let regionKinds, !regionKinds.contains(region.kind) { return false }
    if let groups, !groups.contains(region.group ?? "") { return false }
    return true
  }

  func matches(project code: String) -> Bool { projects.map { $0.contains(code) } ?? true }
  func matches(feed name: String) -> Bool { feeds.map { $0.contains(name) } ?? true }
}

/// The notices an advisory rule can draft.
public enum AdvisoryNotice: String, Sendable, Hashable, CaseIterable {
  case precoordination
}
