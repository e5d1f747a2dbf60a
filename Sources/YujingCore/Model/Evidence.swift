/// The measures of a subject in a period, as a finding states them: the measures that have a
/// value, sorted by name.
///
/// A national evaluation finds 80,000 subjects, and most findings are counted, not read: so the
/// evidence of an evaluated finding points into the evaluation's (immutable) measure table and
/// is read from it when asked for. Two evidences are equal when their entries are.
public struct Evidence: Sendable, Hashable, Sequence {
  public struct Entry: Sendable, Hashable {
    public var name: String
    public var value: MeasureValue
  }

  private enum Storage: Sendable {
    case entries([Entry])
    case table(any EvidenceTable, Int)
  }

  private let storage: Storage

  init(sortedEntries: [Entry]) { storage = .entries(sortedEntries) }

  /// The evidence of one slot of a measure table, read when asked for.
  init(table: any EvidenceTable, slot: Int) { storage = .table(table, slot) }

  public init(_ values: [String: MeasureValue] = [:]) {
    storage = .entries(values.map { Entry(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name })
  }

  public var entries: [Entry] {
    switch storage {
    case .entries(let entries): entries
    case .table(let table, let slot): table.evidenceEntries(slot)
    }
  }

  public subscript(name: String) -> MeasureValue? {
    switch storage {
    case .entries(let entries): entries.first { $0.name == name }?.value
    case .table(let table, let slot): table.evidenceValue(name, slot)
    }
  }

  public var isEmpty: Bool { entries.isEmpty }

  public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

  public static func == (lhs: Evidence, rhs: Evidence) -> Bool { lhs.entries == rhs.entries }

  public func hash(into hasher: inout Hasher) { hasher.combine(entries) }
}

/// A table of measures by slot that findings can point into (the rules' frames).
protocol EvidenceTable: AnyObject, Sendable {
  func evidenceEntries(_ slot: Int) -> [Evidence.Entry]
  func evidenceValue(_ name: String, _ slot: Int) -> MeasureValue?
}
