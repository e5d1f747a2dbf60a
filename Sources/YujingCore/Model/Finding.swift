/// What a warning is about (docs/architecture.md#words): an indicator in a region, a project, or a feed.
public enum Subject: Sendable, Hashable, Comparable, CustomStringConvertible {
  case indicator(indicator: String, region: String)
  case project(String)
  case feed(String)

  public var kind: String {
    switch self {
    case .indicator: "indicator"
    case .project: "project"
    case .feed: "feed"
    }
  }

  /// The key stored in the database: `industry_va@360981`, `P2020-017`, `stats`.
  public var key: String {
    switch self {
    case .indicator(let indicator, let region): "\(indicator)@\(region)"
    case .project(let code): code
    case .feed(let name): name
    }
  }

  /// As rule tests write it: `industry_va@360981`, `project P2020-017`, `feed stats`.
  public var notation: String {
    switch self {
    case .indicator: key
    case .project(let code): "project \(code)"
    case .feed(let name): "feed \(name)"
    }
  }

  public init?(kind: String, key: String) {
    switch kind {
    case "indicator":
      let parts = key.split(separator: "@", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { return nil }
      self = .indicator(indicator: parts[0], region: parts[1])
    case "project": self = .project(key)
    case "feed": self = .feed(key)
    default: return nil
    }
  }

  public var description: String {
    switch self {
    case .indicator(let indicator, let region): "\(indicator) × \(region)"
    case .project(let code): "project \(code)"
    case .feed(let name): "feed \(name)"
    }
  }

  private var order: (Int, String, String) {
    switch self {
    case .indicator(let indicator, let region): (0, indicator, region)
    case .project(let code): (1, code, "")
    case .feed(let name): (2, name, "")
    }
  }

  public static func < (lhs: Subject, rhs: Subject) -> Bool { lhs.order < rhs.order }
}

/// A measure's value in a finding's evidence; absent measures are null in the JSON.
public enum MeasureValue: Sendable, Hashable, CustomStringConvertible {
  case number(Fixed)
  case boolean(Bool)
  case text(String)

  public var description: String {
    switch self {
    case .number(let value): value.description
    case .boolean(let flag): flag ? "true" : "false"
    case .text(let text): text
    }
  }
}

/// 预警 (docs/architecture.md#words): the rules that fired for one subject in one period, the highest level, and
/// the evidence. One per subject; each rule that fired is kept with its own level.
public struct Finding: Sendable, Hashable {
  public var subject: Subject
  public var period: Period
  /// The highest level of the rules that fired.
  public var level: Level
  /// Each rule that fired with the level it gave, sorted by rule id.
  public var rules: [RuleLevel]
  /// Suppressed by an exemption in force (docs/architecture.md#words): kept and shown, counted toward nothing.
  public var exempted: Bool
  /// The subject's measures in the period; absent measures are not in it.
  public var values: Evidence

  public struct RuleLevel: Sendable, Hashable, Comparable {
    public var rule: String
    public var level: Level

    public init(rule: String, level: Level) {
      self.rule = rule
      self.level = level
    }

    public static func < (lhs: RuleLevel, rhs: RuleLevel) -> Bool { lhs.rule < rhs.rule }
  }

  public init(
    subject: Subject, period: Period, level: Level, rules: [RuleLevel], exempted: Bool = false, values: Evidence
  ) {
    self.subject = subject
    self.period = period
    self.level = level
    self.rules = rules
    self.exempted = exempted
    self.values = values
  }

  public init(
    subject: Subject, period: Period, level: Level, rules: [RuleLevel], exempted: Bool = false,
    values: [String: MeasureValue]
  ) {
    self.init(
      subject: subject, period: period, level: level, rules: rules, exempted: exempted, values: Evidence(values))
  }
}
