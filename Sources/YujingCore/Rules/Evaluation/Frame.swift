/// The measures of one kind of subject in one period, as flat arrays by slot: what compiled rule
/// expressions read. A frame knows the frame of the period before for each slot, so that
/// `consecutive` and `previous` follow the subject's own sequence of periods.
final class Frame: @unchecked Sendable {
  let kind: SubjectKind
  let period: Period
  let slotCount: Int
  var numbers: [[Int64]]
  var booleans: [[Tri]]
  var texts: [[String?]]
  /// Whether the subject has data in this period; a period without it breaks every run.
  var hasData: [Bool]
  /// The frame of the period before, for a slot; nil when there is none (not loaded, no data).
  var previous: (Int) -> Frame? = { _ in nil }

  init(kind: SubjectKind, period: Period, slotCount: Int) {
    self.kind = kind
    self.period = period
    self.slotCount = slotCount
    let layout = MeasureLayout.of(kind)
    numbers = Array(repeating: Array(repeating: absent, count: slotCount), count: layout.numbers.count)
    booleans = Array(repeating: Array(repeating: .unknown, count: slotCount), count: layout.booleans.count)
    texts = Array(repeating: Array(repeating: nil, count: slotCount), count: layout.texts.count)
    hasData = Array(repeating: false, count: slotCount)
  }

  func number(_ name: String, _ slot: Int) -> Int64 {
    numbers[MeasureLayout.of(kind).numberIndex[name]!][slot]
  }

  /// A slot's measures by name, for a finding's evidence.
  func values(_ slot: Int) -> [String: MeasureValue] {
    let layout = MeasureLayout.of(kind)
    var values: [String: MeasureValue] = [:]
    for (index, name) in layout.numbers.enumerated() where numbers[index][slot] != absent {
      values[name] = .number(Fixed(units: numbers[index][slot]))
    }
    for (index, name) in layout.booleans.enumerated() where booleans[index][slot] != .unknown {
      values[name] = .boolean(booleans[index][slot] == .yes)
    }
    for (index, name) in layout.texts.enumerated() {
      if let text = texts[index][slot] { values[name] = .text(text) }
    }
    return values
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

  init(_ kind: SubjectKind) {
    let measures = Measures.all.filter { $0.subjects == kind }
    numbers = measures.filter { $0.type == .number }.map(\.name)
    booleans = measures.filter { $0.type == .boolean }.map(\.name)
    texts = measures.filter { $0.type == .text }.map(\.name)
    numberIndex = Dictionary(uniqueKeysWithValues: numbers.enumerated().map { ($1, $0) })
    booleanIndex = Dictionary(uniqueKeysWithValues: booleans.enumerated().map { ($1, $0) })
    textIndex = Dictionary(uniqueKeysWithValues: texts.enumerated().map { ($1, $0) })
  }

  static let indicators = MeasureLayout(.indicators)
  static let projects = MeasureLayout(.projects)
  static let feeds = MeasureLayout(.feeds)

  static func of(_ kind: SubjectKind) -> MeasureLayout {
    switch kind {
    case .indicators: indicators
    case .projects: projects
    case .feeds: feeds
    }
  }
}
