/// A reporting period `YYYY-MM`: the cumulative figure from January to that month (1–N月累计).
///
/// Quarterly figures live at months 03, 06, 09 and 12. For indicators published as 1–2月
/// combined there is no period 01: February holds January and February together.
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var year: Int
  public var month: Int

  public init?(year: Int, month: Int) {
    guard (1000...9999).contains(year), (1...12).contains(month) else { return nil }
    self.year = year
    self.month = month
  }

  /// Parses exactly `YYYY-MM`.
  public init?(_ text: some StringProtocol) {
    let parsed = text.utf8.withContiguousStorageIfAvailable { Period.parse($0) }
    guard let period = parsed ?? Array(text.utf8).withUnsafeBufferPointer({ Period.parse($0) }) else { return nil }
    self = period
  }

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Period? {
    guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return nil }
    var year = 0
    for index in 0..<4 {
      let byte = bytes[index]
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      year = year * 10 + Int(byte - 0x30)
    }
    guard bytes[5] >= 0x30 && bytes[5] <= 0x39, bytes[6] >= 0x30 && bytes[6] <= 0x39 else { return nil }
    return Period(year: year, month: Int(bytes[5] - 0x30) * 10 + Int(bytes[6] - 0x30))
  }

  public var description: String {
    let monthText = month < 10 ? "0\(month)" : "\(month)"
    return "\(year)-\(monthText)"
  }

  public static func < (lhs: Period, rhs: Period) -> Bool {
    (lhs.year, lhs.month) < (rhs.year, rhs.month)
  }

  /// A single index for arithmetic: months since year 0.
  public var ordinal: Int { year * 12 + (month - 1) }

  public init(ordinal: Int) {
    self.year = ordinal / 12
    self.month = ordinal % 12 + 1
  }

  public func adding(months: Int) -> Period { Period(ordinal: ordinal + months) }

  /// 序时进度 in percent, rounded half-up to one decimal: 1–8月 → 66.7 (docs/architecture.md#words,
  /// docs/rules.md#warning-rules).
  public var timeProgress: Fixed {
    Fixed.percentage(Fixed(month), of: Fixed(12))!
  }

  /// The period's name as the office writes it: 2020年1-5月, 2020年1月, 2020年一季度 …
  public func chineseName(for frequency: Frequency = .monthly) -> String {
    if frequency == .quarterly {
      switch month {
      case 3: return "\(year)年一季度"
      case 6: return "\(year)年上半年"
      case 9: return "\(year)年前三季度"
      case 12: return "\(year)年全年"
      default: break
      }
    }
    return month == 1 ? "\(year)年1月" : "\(year)年1-\(month)月"
  }
}

public enum Frequency: String, Sendable, Hashable, CaseIterable, Codable {
  case monthly
  case quarterly
}

/// Whether an indicator publishes January on its own or as 1–2月 combined.
public enum JanuaryPublication: String, Sendable, Hashable, CaseIterable, Codable {
  case alone
  case combined
}

/// The periods an indicator publishes, and their order: the subject's own sequence of periods
/// that "consecutive" counts along (docs/rules.md#the-ladder), across year ends.
public struct PeriodSequence: Hashable, Sendable {
  public var frequency: Frequency
  public var january: JanuaryPublication

  public init(frequency: Frequency, january: JanuaryPublication) {
    self.frequency = frequency
    self.january = january
  }

  /// Whether the indicator has a figure for this period at all.
  public func publishes(_ period: Period) -> Bool {
    switch frequency {
    case .quarterly: period.month % 3 == 0
    case .monthly: !(january == .combined && period.month == 1)
    }
  }

  /// The period before, in the indicator's own sequence: 2021-02 → 2020-12 for a 1–2月 indicator.
  public func previous(_ period: Period) -> Period {
    var candidate = period.adding(months: -1)
    while !publishes(candidate) { candidate = candidate.adding(months: -1) }
    return candidate
  }

  public func next(_ period: Period) -> Period {
    var candidate = period.adding(months: 1)
    while !publishes(candidate) { candidate = candidate.adding(months: 1) }
    return candidate
  }

  /// Every published period of a year, in order.
  public func periods(in year: Int) -> [Period] {
    (1...12).compactMap { Period(year: year, month: $0) }.filter(publishes)
  }
}
