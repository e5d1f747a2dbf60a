/// An exact decimal figure with four fractional digits, as statistics are published.
///
/// Published figures carry one or two decimals (7.2 %, 23.51 亿元); comparing them in binary
/// floating point makes 7.2 − 8.2 come out as −0.9999…, which would turn a yellow warning into a
/// blue one. `Fixed` stores ten-thousandths in an `Int64`, so sums and differences are exact and
/// comparisons happen at the published precision (docs/rules.md#warning-rules).
public struct Fixed: Hashable, Sendable, Comparable {
  /// Ten-thousandths: 7.2 is 72_000.
  public var units: Int64

  public static let scale: Int64 = 10_000
  public static let fractionDigits = 4
  /// The largest magnitude accepted from input, in units: ten billion, far above any figure a city
  /// publishes (in 元, 万美元 or 亿元), and small enough that `divided(by:)` cannot overflow.
  public static let maxMagnitude: Int64 = 10_000_000_000 * scale

  public init(units: Int64) { self.units = units }

  public init(_ integer: Int) { self.units = Int64(integer) * Fixed.scale }

  public static let zero = Fixed(units: 0)

  /// The figure rounded half away from zero to `digits` decimals (0…4), the rounding published
  /// tables use ("四舍五入"): 66.65 → 66.7, −5.05 → −5.1.
  public func rounded(toDecimals digits: Int) -> Fixed {
    precondition((0...Fixed.fractionDigits).contains(digits))
    let step = Fixed.power(Fixed.fractionDigits - digits)
    return Fixed(units: Fixed.divideRoundingHalfAway(units, step) * step)
  }

  /// `self ÷ other` to four decimals, rounded half away from zero; nil when dividing by zero.
  public func divided(by other: Fixed) -> Fixed? {
    guard other.units != 0 else { return nil }
    let (numerator, overflow) = units.multipliedReportingOverflow(by: Fixed.scale)
    guard !overflow else { return nil }
    return Fixed(units: Fixed.divideRoundingHalfAway(numerator, other.units))
  }

  /// `part ÷ whole × 100`, rounded once, half away from zero, to `decimals` (docs/rules.md#warning-rules: derived
  /// percentages are rounded half-up to one decimal). Rounding to four decimals first and then to
  /// one would turn 61.749 % into 61.8 %. Nil when `whole` is zero or the result overflows.
  public static func percentage(_ part: Fixed, of whole: Fixed, decimals: Int = 1) -> Fixed? {
    precondition((0...fractionDigits).contains(decimals))
    guard whole.units != 0 else { return nil }
    // part/whole × 100 × 10^decimals, in whole steps of the last decimal.
    let factor = 100 * power(decimals)
    let (numerator, overflow) = part.units.multipliedReportingOverflow(by: factor)
    guard !overflow else { return nil }
    let steps = divideRoundingHalfAway(numerator, whole.units)
    let (units, overflowUnits) = steps.multipliedReportingOverflow(by: power(fractionDigits - decimals))
    return overflowUnits ? nil : Fixed(units: units)
  }

  /// `self × other`, rounded half away from zero to four decimals; nil on overflow.
  public func multiplied(by other: Fixed) -> Fixed? {
    let (product, overflow) = units.multipliedReportingOverflow(by: other.units)
    guard !overflow else { return nil }
    return Fixed(units: Fixed.divideRoundingHalfAway(product, Fixed.scale))
  }

  public var isNegative: Bool { units < 0 }

  public var doubleValue: Double { Double(units) / Double(Fixed.scale) }

  /// The nearest figure to a binary double, for values read back from SQLite REAL columns or
  /// from XLSX cells (88.90000000000001 is 88.9). Nil for NaN, infinities and out-of-range values.
  public init?(_ double: Double) {
    guard double.isFinite else { return nil }
    let scaled = (double * Double(Fixed.scale)).rounded(.toNearestOrAwayFromZero)
    guard abs(scaled) <= Double(Fixed.maxMagnitude) else { return nil }
    self.units = Int64(scaled)
  }

  public static func < (lhs: Fixed, rhs: Fixed) -> Bool { lhs.units < rhs.units }
  public static func + (lhs: Fixed, rhs: Fixed) -> Fixed { Fixed(units: lhs.units + rhs.units) }
  public static func - (lhs: Fixed, rhs: Fixed) -> Fixed { Fixed(units: lhs.units - rhs.units) }
  public static prefix func - (value: Fixed) -> Fixed { Fixed(units: -value.units) }

  static func power(_ exponent: Int) -> Int64 {
    var result: Int64 = 1
    for _ in 0..<exponent { result *= 10 }
    return result
  }

  static func divideRoundingHalfAway(_ numerator: Int64, _ denominator: Int64) -> Int64 {
    let quotient = numerator / denominator
    let remainder = numerator % denominator
    guard remainder != 0 else { return quotient }
    let twice = remainder.magnitude * 2
    guard twice >= denominator.magnitude else { return quotient }
    return (numerator < 0) != (denominator < 0) ? quotient - 1 : quotient + 1
  }
}

extension Fixed: CustomStringConvertible {
  /// The shortest exact text: 7.2, −1, 23.51 (never "7.2000" or "-0").
  public var description: String { formatted(minimumDecimals: 0) }

  /// The text with at least `minimumDecimals` decimals, as a table prints it: 5 with 1 → "5.0".
  public func formatted(minimumDecimals: Int) -> String {
    let magnitude = units.magnitude
    let whole = magnitude / UInt64(Fixed.scale)
    var fraction = String(magnitude % UInt64(Fixed.scale))
    fraction = String(repeating: "0", count: Fixed.fractionDigits - fraction.count) + fraction
    while fraction.count > minimumDecimals, fraction.last == "0" { fraction.removeLast() }
    let sign = units < 0 ? "-" : ""
    return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
  }
}
