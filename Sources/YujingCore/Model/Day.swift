/// A calendar date without a time: a planned start, a milestone's due date, a 成文日期, a deadline.
///
/// Dates are civil dates in the city's time zone; keeping them apart from `Date` (an instant)
/// avoids the off-by-one that a UTC midnight produces in Asia/Shanghai.
public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init?(year: Int, month: Int, day: Int) {
    guard (1000...9999).contains(year), (1...12).contains(month),
      (1...Day.daysIn(year: year, month: month)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses exactly `YYYY-MM-DD`, a real date (2020-02-30 is not one).
  public init?(_ text: some StringProtocol) {
    guard let day = Array(text.utf8).withUnsafeBufferPointer({ Day(utf8: $0) }) else { return nil }
    self = day
  }

  /// The same from UTF-8 bytes, such as a database column's, without making a string first.
  init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        guard bytes[index] >= 0x30 && bytes[index] <= 0x39 else { return nil }
        value = value * 10 + Int(bytes[index] - 0x30)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
    self.init(year: year, month: month, day: day)
  }

  public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

  public static func daysIn(year: Int, month: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  public var description: String {
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(year)-\(two(month))-\(two(day))"
  }

  /// The date in full as official documents write it: 2020年6月5日 (no leading zeros).
  public var chinese: String { "\(year)年\(month)月\(day)日" }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

  /// Days since 1970-01-01 (proleptic Gregorian).
  public var ordinal: Int {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let m = month
    let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  public init(ordinal: Int) {
    let z = ordinal + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    self.day = dayOfYear - (153 * mp + 2) / 5 + 1
    self.month = mp < 10 ? mp + 3 : mp - 9
    self.year = yearOfEra + era * 400 + (self.month <= 2 ? 1 : 0)
  }

  public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

  /// The same day `months` later, clamped to the end of a shorter month: 01-31 + 1 → 02-29.
  public func adding(months: Int) -> Day {
    let target = Period(ordinal: Period(year: year, month: month)!.ordinal + months)
    var result = self
    result.year = target.year
    result.month = target.month
    result.day = min(day, Day.daysIn(year: target.year, month: target.month))
    return result
  }

  /// Whole calendar months from `self` to `later` (docs/rules.md#warning-rules): the largest n with
  /// `self.adding(months: n) <= later`. 2020-01-31 → 2020-02-29 is one month. Negative when
  /// `later` is earlier.
  public func wholeMonths(until later: Day) -> Int {
    guard later >= self else { return -later.wholeMonths(until: self) }
    var months = (later.year * 12 + later.month) - (year * 12 + month)
    while months > 0 && adding(months: months) > later { months -= 1 }
    return months
  }

  /// ISO weekday: 1 = Monday … 7 = Sunday.
  public var weekday: Int {
    let value = (ordinal + 3) % 7  // 1970-01-01 was a Thursday
    return (value < 0 ? value + 7 : value) + 1
  }

  public var isWeekend: Bool { weekday >= 6 }

  /// The reporting period this day falls in.
  public var period: Period { Period(year: year, month: month)! }

  /// The last day of a period's month.
  public static func lastDay(of period: Period) -> Day {
    Day(year: period.year, month: period.month, day: daysIn(year: period.year, month: period.month))!
  }
}
