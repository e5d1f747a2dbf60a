/// The bureau prints its own 位次 beside each figure. It is data, not truth: where it differs from
/// the rank the figures give, the run says so (`domain/samples/README.md`).
enum PublishedRanks {
  static func disagreements(in observations: [Observation], catalogue: FeedCatalogue) -> [String] {
    struct Slot: Hashable {
      var period: Period
      var indicator: String
      var group: String
    }
    var figures: [Slot: [String: Fixed]] = [:]
    var published: [Slot: [String: Int]] = [:]
    for observation in observations {
      guard let rank = observation.publishedRank, let growth = observation.growth,
        let group = catalogue.regions[observation.region]?.group
      else { continue }
      let slot = Slot(period: observation.period, indicator: observation.indicator, group: group)
      figures[slot, default: [:]][observation.region] = growth
      published[slot, default: [:]][observation.region] = rank
    }
    var notes: [String] = []
    for slot in figures.keys.sorted(by: { ($0.indicator, $0.group) < ($1.indicator, $1.group) }) {
      let polarity = catalogue.indicators[slot.indicator]?.polarity ?? .higherIsBetter
      let places = Ranking.places(figures[slot]!, polarity: polarity)
      for (region, rank) in published[slot]!.sorted(by: { $0.key < $1.key }) {
        guard let computed = places[region]?.rank, computed != rank else { continue }
        let name = catalogue.regions[region]?.name ?? region
        notes.append(
          "位次 of \(name) for \(slot.indicator) in \(slot.period): the table says \(rank), its growth figures give \(computed)"
        )
      }
    }
    return notes
  }
}
