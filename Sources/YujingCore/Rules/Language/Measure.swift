/// A measure a rule can name: one case of its subject kind's enum, whose raw value is the word a
/// rule writes. The type checker's table, the frames' columns and the findings' evidence are all
/// made from these enums, so a measure exists everywhere or nowhere.
public protocol Measure: RawRepresentable, CaseIterable, Hashable, Sendable
where RawValue == String, AllCases == [Self] {
  /// The subjects that have this measure.
  static var subjects: SubjectKind { get }
  var type: ValueType { get }
  /// What it means, as `yujing check` and thresholds/README.md say it.
  var meaning: String { get }
}

extension Measure {
  public var name: String { rawValue }

  public var definition: MeasureDefinition {
    MeasureDefinition(name: rawValue, type: type, subjects: Self.subjects, meaning: meaning)
  }
}

/// A measure as the type checker and the documentation see it, whatever its kind.
public struct MeasureDefinition: Sendable, Hashable {
  public var name: String
  public var type: ValueType
  public var subjects: SubjectKind
  public var meaning: String
}

extension SubjectKind {
  /// The measures of these subjects, in their enum's order: the type checker's table. The switch
  /// is exhaustive, so a new kind of subject does not compile until it has its measures.
  public var measures: [MeasureDefinition] {
    switch self {
    case .indicators: IndicatorMeasure.allCases.map(\.definition)
    case .projects: ProjectMeasure.allCases.map(\.definition)
    case .feeds: FeedMeasure.allCases.map(\.definition)
    case .problems: ProblemMeasure.allCases.map(\.definition)
    }
  }

  /// The measure of these subjects that a rule names `name`, if there is one.
  public func measure(named name: String) -> MeasureDefinition? {
    switch self {
    case .indicators: IndicatorMeasure(rawValue: name)?.definition
    case .projects: ProjectMeasure(rawValue: name)?.definition
    case .feeds: FeedMeasure(rawValue: name)?.definition
    case .problems: ProblemMeasure(rawValue: name)?.definition
    }
  }
}

/// Every measure of the rule language (thresholds/README.md#measures), kind after kind.
public enum Measures {
  public static let all: [MeasureDefinition] = SubjectKind.allCases.flatMap(\.measures)

  static func find(_ name: String, for subjects: SubjectKind) -> MeasureDefinition? {
    subjects.measure(named: name)
  }

  static func names(for subjects: SubjectKind) -> [String] {
    subjects.measures.map(\.name)
  }
}
