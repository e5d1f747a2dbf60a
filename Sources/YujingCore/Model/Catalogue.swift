/// The structure of the city, from the configuration (docs/architecture.md#words,
/// docs/operate.md#configuration): regions, departments, indicators. Everything city-specific is
/// data; these types hold it.

public enum RegionKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// A benchmark only (全省): its figures are compared against, it gets no findings.
  case province
  case city
  case county
  case district
  /// A functional zone (功能区) with a synthetic code such as 3609A1.
  case zone
}

public struct Region: Sendable, Hashable, Identifiable {
  public var code: String
  public var name: String
  public var kind: RegionKind
  /// The ranking group (一类县, counties, zones …); nil when the region is not ranked.
  public var group: String?
  /// Who receives the region's notices (丰城市人民政府); nil for benchmarks and the city itself.
  public var addressee: String?
  /// Other names feeds use for the region (全市, 经开区 …).
  public var aliases: [String]

  public var id: String { code }

  public init(
    code: String, name: String, kind: RegionKind, group: String? = nil, addressee: String? = nil,
    aliases: [String] = []
  ) {
    self.code = code
    self.name = name
    self.kind = kind
    self.group = group
    self.addressee = addressee
    self.aliases = aliases
  }

  public var isBenchmark: Bool { kind == .province }
}

public struct Department: Sendable, Hashable, Identifiable {
  public var code: String
  public var name: String

  public var id: String { code }

  public init(code: String, name: String) {
    self.code = code
    self.name = name
  }
}

/// How an indicator is targeted and ranked: by cumulative growth, or by a cumulative amount
/// measured against an annual amount target (docs/rules.md#warning-rules).
public enum IndicatorForm: String, Sendable, Hashable, CaseIterable, Codable {
  case growth
  case amount
}

/// Whether a higher figure is better (most indicators) or worse (an unemployment rate, CPI).
public enum Polarity: String, Sendable, Hashable, CaseIterable, Codable {
  case higherIsBetter = "higher_is_better"
  case lowerIsBetter = "lower_is_better"
}

public struct Indicator: Sendable, Hashable, Identifiable {
  public var code: String
  public var name: String
  /// The unit of the level: 亿元, 万美元, 元, 亿千瓦时, or "%" for growth-only indicators.
  public var unit: String
  public var frequency: Frequency
  public var form: IndicatorForm
  public var polarity: Polarity
  public var leadDepartment: String
  public var january: JanuaryPublication

  public var id: String { code }

  public init(
    code: String, name: String, unit: String, frequency: Frequency, form: IndicatorForm,
    polarity: Polarity = .higherIsBetter, leadDepartment: String, january: JanuaryPublication
  ) {
    self.code = code
    self.name = name
    self.unit = unit
    self.frequency = frequency
    self.form = form
    self.polarity = polarity
    self.leadDepartment = leadDepartment
    self.january = january
  }

  public var periods: PeriodSequence { PeriodSequence(frequency: frequency, january: january) }
}
