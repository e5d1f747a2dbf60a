/// The catalogue as arrays: every indicator × region pair is a slot `indicator * regions + region`,
/// so that a period's figures are a few flat arrays instead of a dictionary of strings.
public struct SubjectIndex: Sendable {
  public let indicators: [Indicator]
  public let regions: [Region]
  public let indicatorSlot: [String: Int]
  public let regionSlot: [String: Int]
  /// The benchmark province and the city, whose growths rules compare against.
  public let province: Int?
  public let city: Int?
  /// Ranking groups: name → region indexes.
  public let groups: [String: [Int]]
  /// The same look-ups from bytes, for the loader.
  let regionBytes: CodeLookup
  let indicatorBytes: CodeLookup

  public init(configuration: Configuration) {
    indicators = configuration.indicators
    regions = configuration.regions
    indicatorSlot = Dictionary(indicators.enumerated().map { ($1.code, $0) }) { first, _ in first }
    regionSlot = Dictionary(regions.enumerated().map { ($1.code, $0) }) { first, _ in first }
    province = regions.firstIndex { $0.kind == .province }
    city = regionSlot[configuration.city.code]
    var groups: [String: [Int]] = [:]
    for (index, region) in regions.enumerated() {
      if let group = region.group { groups[group, default: []].append(index) }
    }
    self.groups = groups
    regionBytes = CodeLookup(regions.map(\.code))
    indicatorBytes = CodeLookup(indicators.map(\.code))
  }

  public var slotCount: Int { indicators.count * regions.count }

  public func slot(indicator: Int, region: Int) -> Int { indicator * regions.count + region }

  public func slot(_ key: Observation.Key) -> Int? {
    guard let indicator = indicatorSlot[key.indicator], let region = regionSlot[key.region] else { return nil }
    return slot(indicator: indicator, region: region)
  }

  public func indicatorIndex(of slot: Int) -> Int { slot / regions.count }
  public func regionIndex(of slot: Int) -> Int { slot % regions.count }
}

/// Absent figures in the flat arrays.
let absent = Int64.min

/// One period's published figures, by slot.
public struct ObservationTable: Sendable {
  public var value: [Int64]
  public var growth: [Int64]
  public var publishedRank: [Int64]

  public init(slotCount: Int) {
    value = Array(repeating: absent, count: slotCount)
    growth = value
    publishedRank = value
  }

  public init(_ observations: [Observation], index: SubjectIndex) {
    self.init(slotCount: index.slotCount)
    for observation in observations {
      guard let slot = index.slot(observation.key) else { continue }
      value[slot] = observation.value?.units ?? absent
      growth[slot] = observation.growth?.units ?? absent
      publishedRank[slot] = observation.publishedRank.map { Int64($0) * Fixed.scale } ?? absent
    }
  }

  func hasData(_ slot: Int) -> Bool { value[slot] != absent || growth[slot] != absent }
}

/// One year's targets, by slot.
public struct TargetTable: Sendable {
  public var growth: [Int64]
  public var value: [Int64]

  public init(slotCount: Int) {
    growth = Array(repeating: absent, count: slotCount)
    value = growth
  }

  public init(_ targets: [Target], index: SubjectIndex) {
    self.init(slotCount: index.slotCount)
    for target in targets {
      guard let indicator = index.indicatorSlot[target.indicator], let region = index.regionSlot[target.region] else {
        continue
      }
      let slot = index.slot(indicator: indicator, region: region)
      growth[slot] = target.growth?.units ?? absent
      value[slot] = target.value?.units ?? absent
    }
  }
}

/// A set of packed slots as bits: which subjects had a figure in a period. A national period has
/// over a hundred thousand slots, tested once per subject and period while cases are replayed.
public struct SlotSet: Sendable, Hashable {
  private var words: [UInt64]

  public init(slotCount: Int) {
    words = Array(repeating: 0, count: (slotCount + 63) / 64)
  }

  public mutating func insert(_ slot: Int) {
    guard slot >= 0, slot / 64 < words.count else { return }
    words[slot / 64] |= 1 << UInt64(slot % 64)
  }

  public func contains(_ slot: Int) -> Bool {
    guard slot >= 0, slot / 64 < words.count else { return false }
    return words[slot / 64] & (1 << UInt64(slot % 64)) != 0
  }
}
