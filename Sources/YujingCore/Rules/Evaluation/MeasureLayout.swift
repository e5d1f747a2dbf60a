/// Where a measure lives in a frame: each value type has its own array of columns, and a measure
/// is the n-th of its type in its enum. `level` has no column: a frame holds it apart, set
/// between the two passes of an evaluation.
enum MeasureColumn: Hashable, Sendable {
  case number(Int)
  case boolean(Int)
  case text(Int)
  case level
}

extension Measure {
  /// Counted rather than looked up, so that every case has a column without a table that could
  /// miss one; builders ask once per frame and the compiler once per rule.
  var column: MeasureColumn {
    var index = 0
    for other in Self.allCases {
      if other == self { break }
      if other.type == type { index += 1 }
    }
    switch type {
    case .number: return .number(index)
    case .boolean: return .boolean(index)
    case .text: return .text(index)
    case .level: return .level
    }
  }
}

/// The columns of a subject kind's frames, made from its measure enum.
struct MeasureLayout: Sendable {
  let numberCount: Int
  let booleanCount: Int
  let textCount: Int
  /// Every measure with a column, sorted by name: the order of a finding's evidence.
  let byName: [(name: String, column: MeasureColumn)]
  private let columnsByName: [String: MeasureColumn]

  init<M: Measure>(_: M.Type) {
    let columns = M.allCases.map { (name: $0.rawValue, column: $0.column) }.filter { $0.column != .level }
    numberCount = M.allCases.count { $0.type == .number }
    booleanCount = M.allCases.count { $0.type == .boolean }
    textCount = M.allCases.count { $0.type == .text }
    byName = columns.sorted { $0.name < $1.name }
    columnsByName = Dictionary(uniqueKeysWithValues: M.allCases.map { ($0.rawValue, $0.column) })
  }

  /// The column of the measure a rule names, nil when these subjects have no such measure.
  func column(named name: String) -> MeasureColumn? { columnsByName[name] }

  static let indicators = MeasureLayout(IndicatorMeasure.self)
  static let projects = MeasureLayout(ProjectMeasure.self)
  static let feeds = MeasureLayout(FeedMeasure.self)
  static let problems = MeasureLayout(ProblemMeasure.self)

  static func of(_ kind: SubjectKind) -> MeasureLayout {
    switch kind {
    case .indicators: indicators
    case .projects: projects
    case .feeds: feeds
    case .problems: problems
    }
  }
}
