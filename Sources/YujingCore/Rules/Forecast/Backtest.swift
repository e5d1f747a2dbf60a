/// `yujing forecast backtest` (docs/rules.md#precoordination): every past year of every subject replayed month by
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

  /// What is replayed: yujing's default (the seasonal share where the subject publishes levels,
  /// else the growth path), or one method alone.
  public enum Strategy: Sendable, Hashable {
    case standard
    case only(ForecastMethod)

    public var name: String {
      switch self {
      case .standard: "default"
      case .only(let method): method.rawValue
      }
    }

    func project(month: Int, current: CumulativeFigure, earlier: [YearFigures], year: Int) -> Projection? {
      switch self {
      case .standard: Projector.project(month: month, current: current, earlier: earlier, year: year)
      case .only(let method): Projector.project(method, month: month, current: current, earlier: earlier, year: year)
      }
    }
  }

  /// A strategy and the naive baseline on the same subject-years (those the strategy could project).
  public struct Score: Sendable, Hashable {
    /// Mean absolute error of the projected against the actual year-end growth, points, two decimals.
    public var meanAbsoluteError: Fixed
    /// Of the misses (a year with a target that ended below it, at one decimal), how many the
    /// projection at this month put more than 0.5 points below the target, as the precoordination
    /// rule warns.
    public var foreseen: Int
    /// Years that met their target although the projection said they would miss.
    public var falseAlarms: Int
  }

  /// The result for one month and one strategy.
  public struct Row: Sendable, Hashable {
    public var month: Int
    public var strategy: Strategy
    /// How many subject-years were projected.
    public var projections: Int
    public var misses: Int
    public var score: Score
    /// The naive baseline on the same subject-years.
    public var naive: Score
  }

  /// The margin of the default precoordination rule: a miss is foreseen when the projection is
  /// more than this below the target.
  public static let margin = Fixed(units: 5_000)

  public static let strategies: [Strategy] = [.standard, .only(.seasonalShare), .only(.growthPath)]

  public static func run(_ subjects: [Subject], strategies: [Strategy] = strategies) -> [Row] {
    struct Tally {
      var error: Int64 = 0
      var foreseen = 0
      var falseAlarms = 0

      mutating func add(_ projected: Fixed, actual: Fixed, target: Fixed?) {
        error += abs(projected.units - actual.units)
        guard let target else { return }
        let warned = projected < Fixed(units: target.units - Backtest.margin.units)
        if actual < target {
          if warned { foreseen += 1 }
        } else if warned {
          falseAlarms += 1
        }
      }

      func score(_ count: Int) -> Score {
        let step = Fixed.scale / 100
        let mean = Projector.divideRoundingHalfAway(error, Int64(count) * step) * step
        return Score(meanAbsoluteError: Fixed(units: mean), foreseen: foreseen, falseAlarms: falseAlarms)
      }
    }
    struct Key: Hashable {
      var month: Int
      var strategy: Strategy
    }
    var counts: [Key: (projections: Int, misses: Int)] = [:]
    var scores: [Key: Tally] = [:]
    var baselines: [Key: Tally] = [:]
    for subject in subjects {
      for year in subject.history.years {
        guard let actual = subject.history[year, 12]?.growth?.rounded(toDecimals: 1) else { continue }
        let target = subject.targets[year]
        for month in subject.months where month < 12 {
          guard let current = subject.history[year, month],
            let naive = Projector.project(.naive, month: month, current: current, earlier: [], year: year)
          else { continue }
          let earlier = subject.history.earlier(than: year, month: month)
          for strategy in strategies {
            guard let projection = strategy.project(month: month, current: current, earlier: earlier, year: year)
            else { continue }
            let key = Key(month: month, strategy: strategy)
            let missed = target.map { actual < $0 } ?? false
            counts[key, default: (0, 0)].projections += 1
            if missed { counts[key, default: (0, 0)].misses += 1 }
            scores[key, default: Tally()].add(projection.growth, actual: actual, target: target)
            baselines[key, default: Tally()].add(naive.growth, actual: actual, target: target)
          }
        }
      }
    }
    let months = Set(counts.keys.map(\.month)).sorted()
    return months.flatMap { month in
      strategies.compactMap { strategy -> Row? in
        let key = Key(month: month, strategy: strategy)
        guard let count = counts[key], count.projections > 0 else { return nil }
        return Row(
          month: month, strategy: strategy, projections: count.projections, misses: count.misses,
          score: scores[key]!.score(count.projections), naive: baselines[key]!.score(count.projections))
      }
    }
  }
}
