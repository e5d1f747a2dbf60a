/// Every cumulative figure of one subject (indicator × region) by year and month: what the
/// projection of any month and its backtest read.
public struct SubjectHistory: Sendable, Hashable {
  public var figures: [Int: [Int: CumulativeFigure]]

  public init(figures: [Int: [Int: CumulativeFigure]] = [:]) { self.figures = figures }

  public subscript(year: Int, month: Int) -> CumulativeFigure? {
    get { figures[year]?[month] }
    set { figures[year, default: [:]][month] = newValue }
  }

  public var years: [Int] { figures.keys.sorted() }

  /// The earlier years as a projection at `month` of `year` sees them: those with a year-end
  /// figure, their figure at the month (empty when missing).
  public func earlier(than year: Int, month: Int) -> [YearFigures] {
    years.filter { $0 < year }.compactMap { earlier in
      guard let end = self[earlier, 12] else { return nil }
      return YearFigures(year: earlier, atMonth: self[earlier, month] ?? CumulativeFigure(), yearEnd: end)
    }
  }
}

/// How accurate a method has been at one month in the years before: the projection each earlier
/// year would have had at that month (from the years before it), against its actual year end.
public struct ProjectionAccuracy: Sendable, Hashable {
  /// The years checked: those where the method gave a projection and the year end is known.
  public var years: Int
  /// Mean absolute error in percentage points, to two decimals.
  public var meanAbsoluteError: Fixed

  /// The accuracy at `month` for a projection made in `year`, over the earlier years of `earlier`
  /// (each projected from those before it); nil when no earlier year could be checked.
  public static func of(
    _ method: ForecastMethod?, month: Int, year: Int, earlier: [YearFigures]
  ) -> ProjectionAccuracy? {
    var total: Int64 = 0
    var count: Int64 = 0
    // Newest first, the years before each past year are the slice after it: no copy per year.
    let newestFirst =
      zip(earlier, earlier.dropFirst()).allSatisfy { $0.year > $1.year }
      ? earlier : earlier.sorted { $0.year > $1.year }
    for (position, past) in newestFirst.enumerated() where past.year < year {
      guard let actual = past.yearEnd.growth else { continue }
      let before = newestFirst[(position + 1)...].drop(while: { $0.year >= past.year })
      let projection =
        method.map { Projector.project($0, month: month, current: past.atMonth, earlier: before, year: past.year) }
        ?? Projector.project(month: month, current: past.atMonth, earlier: before, year: past.year)
      guard let projection else { continue }
      total += abs(projection.growth.units - actual.rounded(toDecimals: 1).units)
      count += 1
    }
    guard count > 0 else { return nil }
    let step = Fixed.scale / 100
    return ProjectionAccuracy(
      years: Int(count), meanAbsoluteError: Fixed(units: Projector.divideRoundingHalfAway(total, count * step) * step))
  }
}
