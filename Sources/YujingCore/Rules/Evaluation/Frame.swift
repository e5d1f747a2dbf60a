/// The measures of one kind of subject in one period, as flat arrays by slot: what compiled rule
/// expressions read. A frame knows the frame of the period before for each slot, so that
/// `consecutive` and `previous` follow the subject's own sequence of periods.
///
/// A frame is filled once, by its builder, and only read afterwards (findings point into it).
final class Frame: EvidenceTable, @unchecked Sendable {
  let kind: SubjectKind
  let period: Period
  let slotCount: Int
  // Immutable once built: reading a `let` of a class needs no exclusivity check, and rules read
  // these a million times an evaluation.
  let numbers: [[Int64]]
  let booleans: [[Tri]]
  let texts: [[String?]]
  /// Whether the subject has data in this period; a period without it breaks every run.
  let hasData: [Bool]
  /// The frame of the period before, for a slot; nil when there is none (not loaded, no data).
  /// Set once, when all the frames of an evaluation exist.
  var previous: (Int) -> Frame? = { _ in nil }
  /// Each slot's level from the rules that do not read `level` (docs/rules.md#precoordination: "the subject's level
  /// is still none or blue"); set between the two passes of an evaluation, empty before.
  var levels: [Level] = []

  func level(_ slot: Int) -> Level? { levels.isEmpty ? nil : levels[slot] }

  init(period: Period, columns: FrameColumns) {
    kind = columns.kind
    self.period = period
    slotCount = columns.hasData.count
    numbers = columns.numbers
    booleans = columns.booleans
    texts = columns.texts
    hasData = columns.hasData
  }

  func number(_ name: String, _ slot: Int) -> Int64 {
    numbers[MeasureLayout.of(kind).numberIndex[name]!][slot]
  }

  /// A slot's measures, for a finding's evidence: read from this frame when asked for.
  func evidence(_ slot: Int) -> Evidence { Evidence(table: self, slot: slot) }

  func evidenceValue(_ name: String, _ slot: Int) -> MeasureValue? {
    let layout = MeasureLayout.of(kind)
    if let column = layout.numberIndex[name] {
      let value = numbers[column][slot]
      return value == absent ? nil : .number(Fixed(units: value))
    }
    if let column = layout.booleanIndex[name] {
      let value = booleans[column][slot]
      return value == .unknown ? nil : .boolean(value == .yes)
    }
    return layout.textIndex[name].flatMap { texts[$0][slot] }.map { .text($0) }
  }

  func evidenceEntries(_ slot: Int) -> [Evidence.Entry] {
    var entries: [Evidence.Entry] = []
    entries.reserveCapacity(MeasureLayout.of(kind).byName.count)
    for column in MeasureLayout.of(kind).byName {
      switch column.type {
      case .number:
        let value = numbers[column.index][slot]
        if value != absent { entries.append(.init(name: column.name, value: .number(Fixed(units: value)))) }
      case .boolean:
        let value = booleans[column.index][slot]
        if value != .unknown { entries.append(.init(name: column.name, value: .boolean(value == .yes))) }
      case .text:
        if let text = texts[column.index][slot] { entries.append(.init(name: column.name, value: .text(text))) }
      case .level:
        break
      }
    }
    return entries
  }
}

/// A frame's columns while a builder fills them.
struct FrameColumns {
  let kind: SubjectKind
  var numbers: [[Int64]]
  var booleans: [[Tri]]
  var texts: [[String?]]
  var hasData: [Bool]

  init(kind: SubjectKind, slotCount: Int) {
    self.kind = kind
    let layout = MeasureLayout.of(kind)
    numbers = Array(repeating: Array(repeating: absent, count: slotCount), count: layout.numbers.count)
    booleans = Array(repeating: Array(repeating: .unknown, count: slotCount), count: layout.booleans.count)
    texts = Array(repeating: Array(repeating: nil, count: slotCount), count: layout.texts.count)
    hasData = Array(repeating: false, count: slotCount)
  }
}

/// Where each measure of a subject kind lives in a frame.
struct MeasureLayout: Sendable {
  let numbers: [String]
  let booleans: [String]
  let texts: [String]
  let numberIndex: [String: Int]
  let booleanIndex: [String: Int]
  let textIndex: [String: Int]
  /// Every measure with its column, sorted by name: the order of a finding's evidence.
  let byName: [(name: String, type: ValueType, index: Int)]

  init(_ kind: SubjectKind) {
    let measures = Measures.all.filter { $0.subjects == kind }
    numbers = measures.filter { $0.type == .number }.map(\.name)
    booleans = measures.filter { $0.type == .boolean }.map(\.name)
    texts = measures.filter { $0.type == .text }.map(\.name)
    numberIndex = Dictionary(uniqueKeysWithValues: numbers.enumerated().map { ($1, $0) })
    booleanIndex = Dictionary(uniqueKeysWithValues: booleans.enumerated().map { ($1, $0) })
    textIndex = Dictionary(uniqueKeysWithValues: texts.enumerated().map { ($1, $0) })
    byName =
      (numbers.enumerated().map { ($1, ValueType.number, $0) } + booleans.enumerated().map { ($1, .boolean, $0) }
      + texts.enumerated().map { ($1, .text, $0) }).sorted { $0.0 < $1.0 }
  }

  static let indicators = MeasureLayout(.indicators)
  static let projects = MeasureLayout(.projects)
  static let feeds = MeasureLayout(.feeds)
  static let problems = MeasureLayout(.problems)

  static func of(_ kind: SubjectKind) -> MeasureLayout {
    switch kind {
    case .indicators: indicators
    case .projects: projects
    case .feeds: feeds
    case .problems: problems
    }
  }
}
