/// `yujing forecast backtest` (DESIGN §5.5): every past year of every subject replayed month by
/// month, as a live run would have seen it (only the years before it), each month's projection
/// compared with the actual year end. Pure: the caller loads the histories and targets.
public enum Backtest {
  /// One subject to replay: its figures and, where known, its growth targets by year.
  public struct Subject: Sendable {
    public var history: SubjectHistory
    public var months: [Int]
    public var targets: [Int: Fixed]

    public init(history: SubjectHistory, months: [Int], targets: [Int: Fixed] = [:]) {
      self.history = history
      self.months = months
      self.targets = targets
    }
  }

  /// The result for one month and one method, over every subject and year that had a projection.
  public struct Row: Sendable, Hashable {
    public var month: Int
    public var method: ForecastMethod
    /// How many subject-years were projected.
    public var projections: Int
    /// Mean absolute error of the projected against the actual year-end growth, points, two decimals.
    public var meanAbsoluteError: Fixed
    /// Subject-years with a target that ended below it (at one decimal) …
    public var misses: Int
    /// … of which the projection at this month fell short of the target by more than the margin
    /// of the precoordination rule (0.5 points), so that yujing would have warned.
    public var foreseen: Int
    /// Subject-years that met their target although the projection said they would miss.
    public var falseAlarms: Int
  }

  /// The margin of the default precoordination rule: a miss is foreseen when the projection is
  /// more than this below the target.
  public static let margin = Fixed(units: 5_000)

  /// The methods a subject is replayed with: the default (seasonal share where levels exist, else
  /// the growth path), each method by itself, and the naive baseline.
  public static func run(_ subjects: [Subject], methods: [ForecastMethod] = ForecastMethod.allCases) -> [Row] {
    struct Tally {
      var projections = 0
      var error: Int64 = 0
      var misses = 0
      var foreseen = 0
      var falseAlarms = 0
    }
    var tallies: [Int: [ForecastMethod: Tally]] = [:]
    for subject in subjects {
      for year in subject.history.years {
        guard let actual = subject.history[year, 12]?.growth?.rounded(toDecimals: 1) else { continue }
        let target = subject.targets[year]
        for month in subject.months where month < 12 {
          guard let current = subject.history[year, month] else { continue }
          let earlier = subject.history.earlier(than: year, month: month)
          for method in methods {
            guard
              let projection = Projector.project(method, month: month, current: current, earlier: earlier, year: year)
            else { continue }
            var tally = tallies[month, default: [:]][method, default: Tally()]
            tally.projections += 1
            tally.error += abs(projection.growth.units - actual.units)
            if let target {
              let warned = projection.growth < Fixed(units: target.units - margin.units)
              if actual < target {
                tally.misses += 1
                if warned { tally.foreseen += 1 }
              } else if warned {
                tally.falseAlarms += 1
              }
            }
            tallies[month, default: [:]][method] = tally
          }
        }
      }
    }
    let step = Fixed.scale / 100
    return tallies.keys.sorted().flatMap { month in
      methods.compactMap { method -> Row? in
        guard let tally = tallies[month]?[method], tally.projections > 0 else { return nil }
        let mean = Projector.divideRoundingHalfAway(tally.error, Int64(tally.projections) * step) * step
        return Row(
          month: month, method: method, projections: tally.projections, meanAbsoluteError: Fixed(units: mean),
          misses: tally.misses, foreseen: tally.foreseen, falseAlarms: tally.falseAlarms)
      }
    }
  }
}
