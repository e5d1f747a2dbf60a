/// 位次: the rank of each member of a group by one figure (docs/architecture.md#words, docs/rules.md#warning-rules).
///
/// Equal figures share the better rank (1, 2, 2, 4). "Last" means no member is lower; "one of
/// the last two" means at most one member is lower.
public enum Ranking {
  public struct Place: Hashable, Sendable {
    /// 1 = best.
    public var rank: Int
    /// How many members are strictly worse.
    public var below: Int
    public var groupSize: Int

    public var isLast: Bool { below == 0 }
    public var isOneOfLastTwo: Bool { below <= 1 }
  }

  /// Ranks the members by figure, best first by the indicator's polarity.
  public static func places<Key: Hashable>(_ figures: [Key: Fixed], polarity: Polarity) -> [Key: Place] {
    let sorted = figures.sorted { polarity == .higherIsBetter ? $0.value > $1.value : $0.value < $1.value }
    var places: [Key: Place] = [:]
    places.reserveCapacity(sorted.count)
    var index = 0
    while index < sorted.count {
      // A run of equal figures shares the rank of its first member.
      var end = index
      while end + 1 < sorted.count && sorted[end + 1].value == sorted[index].value { end += 1 }
      let below = sorted.count - end - 1
      for member in sorted[index...end] {
        places[member.key] = Place(rank: index + 1, below: below, groupSize: sorted.count)
      }
      index = end + 1
    }
    return places
  }
}
