/// The bureau prints its own 位次 beside each figure. It is data, not truth: where it differs from
/// the rank the figures give, the run says so: bureaus do print ranks that their own figures
/// contradict, and the office must hear of it rather than have either silently chosen.
///
/// The check is made only against a complete group: with one region's figure refused, every
/// rank computed from the rest would be off by one, and the run would report wrong ranks that
/// are right.
enum PublishedRanks {
  /// A region (or a row whose region is unknown) whose figure of an indicator was refused.
  struct Gap {
    var indicator: String
    /// Nil when the row's region is unknown: it may belong to any group.
    var region: String?
    /// What was refused, for the note: "the figure of 丰城市".
    var what: String
    /// Where: "sheet 1-5月, cell E7".
    var place: String

    init(indicator: String, region: String?, what: String, place: String) {
      self.indicator = indicator
      self.region = region
      self.what = what
      self.place = place
    }

    init(rejection: Rejection, indicator: String, region: String, catalogue: FeedCatalogue) {
      self.init(
        indicator: indicator, region: region,
        what: "the figure of \(catalogue.regions[region]?.name ?? region)", place: rejection.location.description)
    }
  }

  static func disagreements(in observations: [Observation], catalogue: FeedCatalogue, gaps: [Gap] = []) -> [String] {
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
      let ranks = published[slot]!
      let unchecked = "位次 of \(slot.indicator) in \(slot.period) (group \(slot.group)) not checked"
      if let gap = gaps.first(where: { gap in
        gap.indicator == slot.indicator && (gap.region.map { catalogue.regions[$0]?.group == slot.group } ?? true)
      }) {
        notes.append(
          "\(unchecked): \(gap.what) was rejected (\(gap.place)), so the group's growth figures are incomplete")
        continue
      }
      if let highest = ranks.values.max(), highest > ranks.count {
        notes.append(
          "\(unchecked): the table ranks down to \(highest), but only \(ranks.count) region(s) of the group have both a growth and a 位次"
        )
        continue
      }
      let polarity = catalogue.indicators[slot.indicator]?.polarity ?? .higherIsBetter
      let places = Ranking.places(figures[slot]!, polarity: polarity)
      for (region, rank) in ranks.sorted(by: { $0.key < $1.key }) {
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
