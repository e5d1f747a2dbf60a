import Foundation

/// Projects the year-end cumulative growth of one subject from its figure at month N and the same
/// subject's earlier years (docs/rules.md#precoordination). Pure: no database, no clock.
///
/// A projection needs at least two usable earlier years; with fewer there is none, rather than a
/// wild one drawn from a single year. The last month of the year is no forecast: the figure is
/// the outcome, so nothing is projected there.
public enum Projector {
  /// Fewer usable earlier years than this give no projection (docs/rules.md#precoordination).
  public static let minimumYears = 2
  /// The most recent earlier years used: older ones describe another economy.
  public static let maximumYears = 5

  /// The default: the seasonal share where the subject publishes levels, else the growth path.
  /// The backtest of the sample (docs/rules.md#precoordination) says why.
  public static func project(month: Int, current: CumulativeFigure, earlier: [YearFigures], year: Int) -> Projection? {
    project(month: month, current: current, earlier: earlier[...], year: year)
  }

  static func project(
    month: Int, current: CumulativeFigure, earlier: ArraySlice<YearFigures>, year: Int
  ) -> Projection? {
    project(.seasonalShare, month: month, current: current, earlier: earlier, year: year)
      ?? project(.growthPath, month: month, current: current, earlier: earlier, year: year)
  }

  /// A projection by one method; nil when the method has not what it needs.
  /// `earlier` holds years before `year`, in any order; only the most recent `maximumYears` count.
  public static func project(
    _ method: ForecastMethod, month: Int, current: CumulativeFigure, earlier: [YearFigures], year: Int
  ) -> Projection? {
    project(method, month: month, current: current, earlier: earlier[...], year: year)
  }

  /// On a slice, so that a national evaluation (120,000 subjects, each also replayed for its
  /// accuracy) projects without allocating: the years are copied only when some fall outside.
  static func project(
    _ method: ForecastMethod, month: Int, current: CumulativeFigure, earlier: ArraySlice<YearFigures>, year: Int
  ) -> Projection? {
    guard month < 12 else { return nil }
    let oldest = year - maximumYears
    let recent =
      earlier.allSatisfy { $0.year < year && $0.year >= oldest }
      ? earlier : ArraySlice(earlier.filter { $0.year < year && $0.year >= oldest })
    switch method {
    case .naive:
      return current.growth.map { Projection(method: .naive, growth: $0.rounded(toDecimals: 1), years: 0) }
    case .growthPath:
      return growthPath(current: current, earlier: recent)
    case .seasonalShare:
      return seasonalShare(current: current, earlier: recent, year: year)
    }
  }

  /// Year-end growth = growth at month N + the mean, over earlier years, of (year-end growth −
  /// growth at month N). Exact in `Fixed`; the mean rounded once, half-up, to one decimal.
  static func growthPath(current: CumulativeFigure, earlier: ArraySlice<YearFigures>) -> Projection? {
    guard let now = current.growth else { return nil }
    var sum: Int64 = 0
    var count: Int64 = 0
    for year in earlier {
      guard let atMonth = year.atMonth.growth, let end = year.yearEnd.growth else { continue }
      sum += end.units - atMonth.units
      count += 1
    }
    guard count >= Int64(minimumYears) else { return nil }
    // now + sum / count, rounded once: (now × count + sum) / count in units, to one decimal.
    let total = now.units * count + sum
    let step = Fixed.scale / 10
    let tenths = divideRoundingHalfAway(total, count * step)
    return Projection(method: .growthPath, growth: Fixed(units: tenths * step), years: Int(count))
  }

  /// Projected level = level at month N ÷ the mean share of the year-end level reached by month N
  /// in earlier years; its growth over last year's year-end level, rounded half-up to one decimal.
  /// In decimal arithmetic, as published figures are decimal.
  static func seasonalShare(current: CumulativeFigure, earlier: ArraySlice<YearFigures>, year: Int) -> Projection? {
    guard let now = current.value, now.units > 0,
      let base = earlier.first(where: { $0.year == year - 1 })?.yearEnd.value, base.units > 0
    else { return nil }
    var shares = Decimal(0)
    var count = 0
    for figures in earlier {
      guard let part = figures.atMonth.value, let whole = figures.yearEnd.value, part.units > 0, whole.units > 0
      else { continue }
      shares += part.decimal / whole.decimal
      count += 1
    }
    guard count >= minimumYears else { return nil }
    let share = shares / Decimal(count)
    let projected = now.decimal / share
    let growth = (projected / base.decimal - 1) * 100
    guard let rounded = Fixed(roundingHalfUp: growth, decimals: 1) else { return nil }
    return Projection(method: .seasonalShare, growth: rounded, years: count)
  }

  static func divideRoundingHalfAway(_ numerator: Int64, _ denominator: Int64) -> Int64 {
    let quotient = numerator / denominator
    let remainder = numerator % denominator
    guard abs(remainder) * 2 >= abs(denominator) else { return quotient }
    return quotient + ((numerator < 0) != (denominator < 0) ? -1 : 1)
  }
}

extension Fixed {
  /// The figure as a Foundation decimal, exactly: its units under the scale's exponent, with no
  /// division (one took a microsecond, and a projection by seasonal share converted eight figures).
  var decimal: Decimal {
    Decimal(sign: units < 0 ? .minus : .plus, exponent: -Fixed.fractionDigits, significand: Decimal(units.magnitude))
  }

  /// A decimal rounded half away from zero to `decimals`; nil when out of range.
  init?(roundingHalfUp value: Decimal, decimals: Int) {
    var input = value
    var rounded = Decimal()
    NSDecimalRound(&rounded, &input, decimals, .plain)
    let units = rounded * Decimal(Fixed.scale)
    guard abs(units) < Decimal(Fixed.maxMagnitude) else { return nil }
    self.init(units: NSDecimalNumber(decimal: units).int64Value)
  }
}
