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

  init<M: Measure>(period: Period, columns: FrameColumns<M>) {
    kind = M.subjects
    self.period = period
    slotCount = columns.hasData.count
    numbers = columns.numbers
    booleans = columns.booleans
    texts = columns.texts
    hasData = columns.hasData
  }

  /// A slot's measures, for a finding's evidence: read from this frame when asked for.
  func evidence(_ slot: Int) -> Evidence { Evidence(table: self, slot: slot) }

  func evidenceValue(_ name: String, _ slot: Int) -> MeasureValue? {
    guard let column = MeasureLayout.of(kind).column(named: name) else { return nil }
    return value(column, slot)
  }

  func evidenceEntries(_ slot: Int) -> [Evidence.Entry] {
    let measures = MeasureLayout.of(kind).byName
    var entries: [Evidence.Entry] = []
    entries.reserveCapacity(measures.count)
    for measure in measures {
      if let value = value(measure.column, slot) { entries.append(.init(name: measure.name, value: value)) }
    }
    return entries
  }

  /// A measure's value in a slot; nil when absent.
  private func value(_ column: MeasureColumn, _ slot: Int) -> MeasureValue? {
    switch column {
    case .number(let index):
      let value = numbers[index][slot]
      return value == absent ? nil : .number(Fixed(units: value))
    case .boolean(let index):
      let value = booleans[index][slot]
      return value == .unknown ? nil : .boolean(value == .yes)
    case .text(let index):
      return texts[index][slot].map { .text($0) }
    case .level:
      return nil
    }
  }
}
