import Foundation

/// Why a cron expression was rejected, and where: `column` is 1-based and counts Unicode scalars of the expression
/// exactly as given (leading spaces included), the same way `SourcePosition` counts columns.
public struct CronError: Error, Sendable, Hashable, CustomStringConvertible {
  public var column: Int
  public var message: String

  public init(column: Int, message: String) {
    self.column = column
    self.message = message
  }

  public var description: String { "column \(column): \(message)" }
}

/// A five-field cron schedule with Vixie/ISC crontab(5) semantics, evaluated on the wall clock of a given time zone.
///
/// - A wall time skipped by a forward clock change does not fire that day.
/// - A wall time that occurs twice when the clock goes back fires once, at its first occurrence.
/// - When both day-of-month and day-of-week are restricted, a day matches if either does. As in Vixie cron,
///   a field counts as unrestricted when it starts with `*`, so `*/2` in day-of-month still combines with
///   day-of-week by AND.
///
/// Every function is a pure function of its arguments; none reads the system clock or the current time zone.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
  /// The expression as given, untrimmed.
  public let expression: String
  let fields: Fields

  public init(parsing expression: String) throws(CronError) {
    self.expression = expression
    self.fields = try Parser.parse(expression)
  }

  public var description: String { expression }

  /// Whether the schedule fires during the minute that contains `date`.
  ///
  /// In a repeated hour only the first occurrence of a wall minute matches, so that `matches` agrees with
  /// `nextFire` and `previousFire`.
  public func matches(_ date: Date, in timeZone: TimeZone) -> Bool {
    let wall = WallMinute(of: date, in: timeZone)
    guard wall.year >= WallMinute.firstSupportedYear, fields.matches(wall),
      let fire = wall.firstInstant(in: timeZone)
    else { return false }
    return fire <= date && date < fire.addingTimeInterval(60)
  }

  /// The first fire time strictly after `date`, or nil if there is none within `searchYears` years.
  public func nextFire(after date: Date, in timeZone: TimeZone) -> Date? {
    var from = WallMinute(of: date, in: timeZone)
    if from.year < WallMinute.firstSupportedYear {
      from = WallMinute(year: WallMinute.firstSupportedYear, month: 1, day: 1, hour: 0, minute: 0)
    }
    let lastYear = from.year + Self.searchYears
    // Around a backward clock change wall order and instant order disagree for at most the repeated span, so
    // candidates that turn out to lie at or before `date` are skipped rather than ending the search.
    while let candidate = fields.firstWall(atOrAfter: from, throughYear: lastYear) {
      if let fire = candidate.firstInstant(in: timeZone), fire > date {
        return fire
      }
      from = candidate.nextMinute
    }
    return nil
  }

  /// The last fire time at or before `date`, or nil if there is none within `searchYears` years.
  ///
  /// This is the catch-up question: a daemon that was down since `lastRun` compares
  /// `previousFire(atOrBefore: now)` with `lastRun` and runs a missed schedule once.
  public func previousFire(atOrBefore date: Date, in timeZone: TimeZone) -> Date? {
    let until = WallMinute(of: date, in: timeZone)
    guard until.year >= WallMinute.firstSupportedYear else { return nil }
    let firstYear = max(until.year - Self.searchYears, WallMinute.firstSupportedYear)
    var from = until
    var found: Date?
    while let candidate = fields.lastWall(atOrBefore: from, fromYear: firstYear) {
      if let fire = candidate.firstInstant(in: timeZone), fire <= date {
        found = fire
        break
      }
      from = candidate.previousMinute
    }
    guard var result = found else { return nil }
    // Just after a backward clock change the wall clock reads earlier than it did before the change, so fires at
    // later wall times (their first occurrences) may already be past; walking forward picks them up.
    while let later = nextFire(after: result, in: timeZone), later <= date {
      result = later
    }
    return result
  }

  /// How far `nextFire` and `previousFire` look before giving up. The longest wait between two fires of an
  /// expression the parser accepts is 40 years (29 February on one weekday, across a skipped century leap day,
  /// e.g. `0 0 29 2 */7`), so 50 years only gives up on schedules whose every wall time falls into a clock change.
  public static let searchYears = 50
}

// MARK: - Parsed fields

extension CronSchedule {
  /// A set of small non-negative integers (at most 0–63), kept as bits so the search can jump to the next member.
  struct ValueSet: Sendable, Hashable {
    var bits: UInt64 = 0

    init(_ values: some Sequence<Int> = []) {
      for value in values { insert(value) }
    }

    mutating func insert(_ value: Int) { bits |= 1 << UInt64(value) }

    func contains(_ value: Int) -> Bool { value >= 0 && value < 64 && bits & (1 << UInt64(value)) != 0 }

    func next(atOrAfter value: Int) -> Int? {
      guard value < 64 else { return nil }
      let candidates = bits & (~0 << UInt64(max(value, 0)))
      return candidates == 0 ? nil : candidates.trailingZeroBitCount
    }

    func previous(atOrBefore value: Int) -> Int? {
      guard value >= 0 else { return nil }
      let mask: UInt64 = value >= 63 ? ~0 : (1 << UInt64(value + 1)) - 1
      let candidates = bits & mask
      return candidates == 0 ? nil : 63 - candidates.leadingZeroBitCount
    }

    var values: [Int] { (0..<64).filter(contains) }
  }

  struct Fields: Sendable, Hashable {
    var minutes: ValueSet
    var hours: ValueSet
    var daysOfMonth: ValueSet
    var months: ValueSet
    /// Sunday is 0 here; a 7 in the expression is stored as 0.
    var daysOfWeek: ValueSet
    /// True when a day must match both day fields, false when either suffices (both restricted).
    var dayNeedsBoth: Bool

    func dayMatches(day: Int, weekday: Int) -> Bool {
      let byDay = daysOfMonth.contains(day)
      let byWeekday = daysOfWeek.contains(weekday)
      return dayNeedsBoth ? byDay && byWeekday : byDay || byWeekday
    }

    fileprivate func matches(_ wall: WallMinute) -> Bool {
      minutes.contains(wall.minute) && hours.contains(wall.hour) && months.contains(wall.month)
        && dayMatches(day: wall.day, weekday: CivilDate.weekday(wall.year, wall.month, wall.day))
    }

    private func firstMatchingDay(year: Int, month: Int, from day: Int) -> Int? {
      let length = CivilDate.daysIn(year, month)
      guard day <= length else { return nil }
      let firstWeekday = CivilDate.weekday(year, month, 1)
      for candidate in day...length where dayMatches(day: candidate, weekday: (firstWeekday + candidate - 1) % 7) {
        return candidate
      }
      return nil
    }

    private func lastMatchingDay(year: Int, month: Int, through day: Int) -> Int? {
      guard day >= 1 else { return nil }
      let firstWeekday = CivilDate.weekday(year, month, 1)
      for candidate in (1...day).reversed()
      where dayMatches(day: candidate, weekday: (firstWeekday + candidate - 1) % 7) {
        return candidate
      }
      return nil
    }

    /// The earliest matching wall minute at or after `start`, jumping whole months, days and hours that cannot match.
    fileprivate func firstWall(atOrAfter start: WallMinute, throughYear lastYear: Int) -> WallMinute? {
      var wall = start
      while wall.year <= lastYear {
        guard let month = months.next(atOrAfter: wall.month) else {
          wall = WallMinute(year: wall.year + 1, month: 1, day: 1, hour: 0, minute: 0)
          continue
        }
        if month != wall.month {
          wall = WallMinute(year: wall.year, month: month, day: 1, hour: 0, minute: 0)
        }
        guard let day = firstMatchingDay(year: wall.year, month: wall.month, from: wall.day) else {
          wall = wall.nextMonthStart
          continue
        }
        if day != wall.day {
          wall = WallMinute(year: wall.year, month: wall.month, day: day, hour: 0, minute: 0)
        }
        guard let hour = hours.next(atOrAfter: wall.hour) else {
          wall = wall.nextDayStart
          continue
        }
        if hour != wall.hour {
          wall.hour = hour
          wall.minute = 0
        }
        guard let minute = minutes.next(atOrAfter: wall.minute) else {
          wall = wall.nextHourStart
          continue
        }
        wall.minute = minute
        return wall
      }
      return nil
    }

    /// The latest matching wall minute at or before `start`, the mirror image of `firstWall`.
    fileprivate func lastWall(atOrBefore start: WallMinute, fromYear firstYear: Int) -> WallMinute? {
      var wall = start
      while wall.year >= firstYear {
        guard let month = months.previous(atOrBefore: wall.month) else {
          wall = WallMinute(year: wall.year - 1, month: 12, day: 31, hour: 23, minute: 59)
          continue
        }
        if month != wall.month {
          let length = CivilDate.daysIn(wall.year, month)
          wall = WallMinute(year: wall.year, month: month, day: length, hour: 23, minute: 59)
        }
        guard let day = lastMatchingDay(year: wall.year, month: wall.month, through: wall.day) else {
          wall = wall.previousMonthEnd
          continue
        }
        if day != wall.day {
          wall = WallMinute(year: wall.year, month: wall.month, day: day, hour: 23, minute: 59)
        }
        guard let hour = hours.previous(atOrBefore: wall.hour) else {
          wall = wall.previousDayEnd
          continue
        }
        if hour != wall.hour {
          wall.hour = hour
          wall.minute = 59
        }
        guard let minute = minutes.previous(atOrBefore: wall.minute) else {
          wall = wall.previousHourEnd
          continue
        }
        wall.minute = minute
        return wall
      }
      return nil
    }
  }
}

// MARK: - Wall clock

extension CronSchedule {
  /// A reading of a wall clock to the minute, in the proleptic Gregorian calendar.
  fileprivate struct WallMinute: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int

    /// Foundation's Gregorian calendar turns Julian before 15 October 1582 while the arithmetic here does not;
    /// starting at 1583 keeps the two in agreement. Nothing before then is a plausible feed schedule.
    static let firstSupportedYear = 1583

    init(year: Int, month: Int, day: Int, hour: Int, minute: Int) {
      self.year = year
      self.month = month
      self.day = day
      self.hour = hour
      self.minute = minute
    }

    init(of date: Date, in timeZone: TimeZone) {
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = timeZone
      let parts = calendar.dateComponents([.era, .year, .month, .day, .hour, .minute], from: date)
      let year = parts.year ?? 1
      self.year = parts.era == 0 ? 1 - year : year
      self.month = parts.month ?? 1
      self.day = parts.day ?? 1
      self.hour = parts.hour ?? 0
      self.minute = parts.minute ?? 0
    }

    var nextMinute: WallMinute {
      var next = self
      next.minute += 1
      return next.minute > 59 ? nextHourStart : next
    }

    var nextHourStart: WallMinute {
      guard hour < 23 else { return nextDayStart }
      return WallMinute(year: year, month: month, day: day, hour: hour + 1, minute: 0)
    }

    var nextDayStart: WallMinute {
      guard day < CivilDate.daysIn(year, month) else { return nextMonthStart }
      return WallMinute(year: year, month: month, day: day + 1, hour: 0, minute: 0)
    }

    var nextMonthStart: WallMinute {
      month < 12
        ? WallMinute(year: year, month: month + 1, day: 1, hour: 0, minute: 0)
        : WallMinute(year: year + 1, month: 1, day: 1, hour: 0, minute: 0)
    }

    var previousMinute: WallMinute {
      var previous = self
      previous.minute -= 1
      return previous.minute < 0 ? previousHourEnd : previous
    }

    var previousHourEnd: WallMinute {
      guard hour > 0 else { return previousDayEnd }
      return WallMinute(year: year, month: month, day: day, hour: hour - 1, minute: 59)
    }

    var previousDayEnd: WallMinute {
      guard day > 1 else { return previousMonthEnd }
      return WallMinute(year: year, month: month, day: day - 1, hour: 23, minute: 59)
    }

    var previousMonthEnd: WallMinute {
      let (previousYear, previousMonth) = month > 1 ? (year, month - 1) : (year - 1, 12)
      let length = CivilDate.daysIn(previousYear, previousMonth)
      return WallMinute(year: previousYear, month: previousMonth, day: length, hour: 23, minute: 59)
    }

    /// The earliest instant at which clocks in `timeZone` read this minute, or nil if they skip it.
    ///
    /// `Calendar.date(from:)` is not used because it quietly moves a skipped wall time forward and does not promise
    /// which of two repeated instants it returns; here both rules are explicit.
    func firstInstant(in timeZone: TimeZone) -> Date? {
      let local = ((CivilDate.daysSinceEpoch(year, month, day) * 24 + hour) * 60 + minute) * 60
      // The offsets in force a day either side cover both sides of any single clock change near this wall time.
      var offsets: [Int] = []
      for probe in [local - 86_400, local, local + 86_400] {
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe)))
        if !offsets.contains(offset) { offsets.append(offset) }
      }
      // A larger offset means an earlier instant for the same reading, so trying offsets largest first yields the
      // first occurrence of a repeated wall time.
      for offset in offsets.sorted(by: >) {
        let instant = Date(timeIntervalSince1970: TimeInterval(local - offset))
        if timeZone.secondsFromGMT(for: instant) == offset {
          return instant
        }
      }
      return nil
    }
  }

  /// Proleptic Gregorian day arithmetic on plain integers, so that walking the calendar costs no Foundation calls.
  fileprivate enum CivilDate {
    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(_ year: Int, _ month: Int) -> Int {
      switch month {
      case 2: isLeap(year) ? 29 : 28
      case 4, 6, 9, 11: 30
      default: 31
      }
    }

    /// Days from 1970-01-01 to the given date (negative before it).
    static func daysSinceEpoch(_ year: Int, _ month: Int, _ day: Int) -> Int {
      // Counting years from March puts the leap day last, so a year's length only depends on the year itself.
      let marchYear = month <= 2 ? year - 1 : year
      let cycle = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
      let yearOfCycle = marchYear - cycle * 400
      let monthFromMarch = (month + 9) % 12
      let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
      let dayOfCycle = yearOfCycle * 365 + yearOfCycle / 4 - yearOfCycle / 100 + dayOfYear
      // 719_468 days separate 0000-03-01, where the count above starts, from 1970-01-01.
      return cycle * 146_097 + dayOfCycle - 719_468
    }

    /// 0 = Sunday … 6 = Saturday, as in cron.
    static func weekday(_ year: Int, _ month: Int, _ day: Int) -> Int {
      // 1970-01-01 was a Thursday.
      let remainder = (daysSinceEpoch(year, month, day) + 4) % 7
      return remainder < 0 ? remainder + 7 : remainder
    }
  }
}

// MARK: - Parsing

extension CronSchedule {
  fileprivate enum FieldKind {
    case minute, hour, dayOfMonth, month, dayOfWeek

    var name: String {
      switch self {
      case .minute: "minute"
      case .hour: "hour"
      case .dayOfMonth: "day-of-month"
      case .month: "month"
      case .dayOfWeek: "day-of-week"
      }
    }

    /// Day-of-week accepts 7 as a second spelling of Sunday.
    var bounds: ClosedRange<Int> {
      switch self {
      case .minute: 0...59
      case .hour: 0...23
      case .dayOfMonth: 1...31
      case .month: 1...12
      case .dayOfWeek: 0...7
      }
    }

    /// How many distinct values the field has, which is also the largest step that still means something.
    var distinctValues: Int { self == .dayOfWeek ? 7 : bounds.count }

    /// Names in the order of their values, starting at `bounds.lowerBound`.
    var names: [String] {
      switch self {
      case .month: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
      case .dayOfWeek: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
      default: []
      }
    }

    var nameRange: String { names.isEmpty ? "" : "\(names[0])–\(names[names.count - 1])" }

    var allowed: String {
      let numbers = "numbers \(bounds.lowerBound)–\(bounds.upperBound)"
      let names = nameRange.isEmpty ? "" : ", names \(nameRange)"
      return "\(numbers)\(names), '*', ',', '-' and '/'"
    }
  }

  fileprivate struct Token {
    var text: [Unicode.Scalar]
    var column: Int

    var string: String { String(String.UnicodeScalarView(text)) }
  }

  fileprivate enum Parser {
    static let fieldList = "minute hour day-of-month month day-of-week"

    static let macros: [String: String] = [
      "@yearly": "0 0 1 1 *",
      "@annually": "0 0 1 1 *",
      "@monthly": "0 0 1 * *",
      "@weekly": "0 0 * * 0",
      "@daily": "0 0 * * *",
      "@midnight": "0 0 * * *",
      "@hourly": "0 * * * *",
    ]

    static let monthNames = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
      "December",
    ]

    static func parse(_ expression: String) throws(CronError) -> Fields {
      let scalars = Array(expression.unicodeScalars)
      try rejectFullWidth(scalars)
      let tokens = split(scalars)

      if let first = tokens.first, first.text.first == "@" {
        let macro = first.string.lowercased()
        if macro == "@reboot" {
          throw CronError(
            column: first.column,
            message: "@reboot runs only when cron starts and means nothing for a feed schedule; "
              + "give a time such as '@daily' or '0 9 * * *'")
        }
        guard let expansion = macros[macro] else {
          throw CronError(
            column: first.column,
            message: "unknown macro '\(first.string)'; use @yearly, @annually, @monthly, @weekly, @daily, @midnight "
              + "or @hourly")
        }
        if tokens.count > 1 {
          throw CronError(
            column: tokens[1].column, message: "'\(first.string)' stands alone; remove what follows it")
        }
        return try parse(expansion)
      }

      guard tokens.count == 5 else {
        let column = tokens.count > 5 ? tokens[5].column : (tokens.last.map { $0.column + $0.text.count } ?? 1)
        throw CronError(column: column, message: "expected 5 fields (\(fieldList)), found \(tokens.count)")
      }

      let minutes = try parseField(tokens[0], as: .minute)
      let hours = try parseField(tokens[1], as: .hour)
      let daysOfMonth = try parseField(tokens[2], as: .dayOfMonth)
      let months = try parseField(tokens[3], as: .month)
      let daysOfWeek = try parseField(tokens[4], as: .dayOfWeek)

      // Vixie cron decides the day rule by the field's first character, not by the set it denotes.
      let dayNeedsBoth = tokens[2].text.first == "*" || tokens[4].text.first == "*"
      let fields = Fields(
        minutes: minutes, hours: hours, daysOfMonth: daysOfMonth, months: months, daysOfWeek: daysOfWeek,
        dayNeedsBoth: dayNeedsBoth)
      if dayNeedsBoth {
        try rejectImpossibleDays(fields, column: tokens[2].column)
      }
      return fields
    }

    /// A Chinese input method left in full-width mode produces characters that look right and parse as nothing;
    /// naming the problem beats "unexpected character".
    private static func rejectFullWidth(_ scalars: [Unicode.Scalar]) throws(CronError) {
      for (index, scalar) in scalars.enumerated() {
        if scalar == "\u{3000}" {
          throw CronError(column: index + 1, message: "full-width space; separate fields with ordinary spaces")
        }
        if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
          throw CronError(
            column: index + 1,
            message: "full-width '\(Character(scalar))'; type '\(Character(ascii))' in half-width (ASCII) mode")
        }
      }
    }

    private static func split(_ scalars: [Unicode.Scalar]) -> [Token] {
      var tokens: [Token] = []
      var current: Token?
      for (index, scalar) in scalars.enumerated() {
        if scalar.properties.isWhitespace {
          if let token = current { tokens.append(token) }
          current = nil
        } else if current == nil {
          current = Token(text: [scalar], column: index + 1)
        } else {
          current?.text.append(scalar)
        }
      }
      if let token = current { tokens.append(token) }
      return tokens
    }

    private static func parseField(_ token: Token, as field: FieldKind) throws(CronError) -> ValueSet {
      var values = ValueSet()
      var start = 0
      while true {
        var end = start
        while end < token.text.count, token.text[end] != "," { end += 1 }
        let element = Token(text: Array(token.text[start..<end]), column: token.column + start)
        if element.text.isEmpty {
          throw CronError(
            column: element.column, message: "empty entry in the \(field.name) list; remove the extra ','")
        }
        try parseElement(element, as: field, into: &values)
        guard end < token.text.count else { break }
        start = end + 1
      }
      return values
    }

    /// One list element: `*`, `value`, or `value-value`, each optionally followed by `/step`.
    private static func parseElement(
      _ element: Token, as field: FieldKind, into values: inout ValueSet
    ) throws(CronError) {
      var scanner = ElementScanner(element)
      let low: Int
      var high: Int
      var isSingleValue = false

      if scanner.peek == "*" {
        scanner.advance()
        low = field.bounds.lowerBound
        high = field.bounds.upperBound
      } else {
        let first = try value(&scanner, as: field)
        low = first.value
        high = first.value
        isSingleValue = true
        if scanner.peek == "-" {
          scanner.advance()
          guard scanner.peek != nil else {
            throw CronError(column: scanner.column, message: "\(field.name) range is missing its end after '-'")
          }
          let second = try value(&scanner, as: field)
          if second.value < first.value {
            throw reversedRange(first, second, field: field)
          }
          high = second.value
          isSingleValue = false
        }
      }

      var step = 1
      if scanner.peek == "/" {
        scanner.advance()
        step = try stepValue(&scanner, as: field)
        // `a/n` means `a-max/n`, as in cronie.
        if isSingleValue { high = field.bounds.upperBound }
      }

      if let extra = scanner.peek {
        throw unexpected(extra, at: scanner.column, in: field)
      }

      for value in stride(from: low, through: high, by: step) {
        values.insert(field == .dayOfWeek && value == 7 ? 0 : value)
      }
    }

    private static func value(
      _ scanner: inout ElementScanner, as field: FieldKind
    ) throws(CronError) -> (value: Int, text: String, column: Int) {
      let column = scanner.column
      guard let next = scanner.peek else {
        throw CronError(column: column, message: "expected a \(field.name) value; use \(field.allowed)")
      }
      if ("0"..."9").contains(next) {
        let digits = scanner.take(while: { ("0"..."9").contains($0) })
        let text = String(String.UnicodeScalarView(digits))
        // More digits than any field needs would overflow Int; such a value is out of range either way.
        let number = digits.count > 4 ? Int.max : Int(text) ?? Int.max
        guard field.bounds.contains(number) else {
          let names = field.nameRange.isEmpty ? "" : " (or \(field.nameRange))"
          throw CronError(
            column: column,
            message:
              "\(field.name) \(text) is out of range \(field.bounds.lowerBound)–\(field.bounds.upperBound)\(names)"
          )
        }
        return (number, text, column)
      }
      if next.isASCII, next.properties.isAlphabetic {
        let letters = scanner.take(while: { $0.isASCII && $0.properties.isAlphabetic })
        let text = String(String.UnicodeScalarView(letters))
        if field.names.isEmpty {
          throw CronError(
            column: column,
            message:
              "\(field.name) must be a number \(field.bounds.lowerBound)–\(field.bounds.upperBound), not '\(text)'"
          )
        }
        guard let index = field.names.firstIndex(of: text.uppercased()) else {
          throw CronError(
            column: column,
            message: "unknown \(field.name) name '\(text)'; use \(field.nameRange) or "
              + "\(field.bounds.lowerBound)–\(field.bounds.upperBound)")
        }
        return (field.bounds.lowerBound + index, text, column)
      }
      if next == "-" {
        throw CronError(column: column, message: "\(field.name) range is missing its start before '-'")
      }
      if next == "/" {
        throw CronError(column: column, message: "'/' needs '*' or a range before it, as in '*/5'")
      }
      throw unexpected(next, at: column, in: field)
    }

    private static func stepValue(_ scanner: inout ElementScanner, as field: FieldKind) throws(CronError) -> Int {
      let column = scanner.column
      let span = "1–\(field.distinctValues)"
      guard let next = scanner.peek else {
        throw CronError(column: column, message: "\(field.name) step after '/' is missing; write e.g. '*/5'")
      }
      guard ("0"..."9").contains(next) else {
        let word = scanner.take(while: { $0.isASCII && $0.properties.isAlphabetic })
        if word.isEmpty { throw unexpected(next, at: column, in: field) }
        throw CronError(
          column: column,
          message: "\(field.name) step must be a number \(span), not '\(String(String.UnicodeScalarView(word)))'")
      }
      let digits = scanner.take(while: { ("0"..."9").contains($0) })
      let text = String(String.UnicodeScalarView(digits))
      let step = digits.count > 4 ? Int.max : Int(text) ?? Int.max
      if step == 0 {
        throw CronError(column: column, message: "\(field.name) step 0 must be at least 1")
      }
      guard step <= field.distinctValues else {
        throw CronError(column: column, message: "\(field.name) step \(text) is out of range \(span)")
      }
      return step
    }

    private static func reversedRange(
      _ first: (value: Int, text: String, column: Int), _ second: (value: Int, text: String, column: Int),
      field: FieldKind
    ) -> CronError {
      let range = "\(first.text)-\(second.text)"
      if field == .dayOfWeek, second.value == 0 {
        return CronError(
          column: first.column,
          message: "day-of-week range \(range) runs backwards; write Sunday as 7, as in '\(first.text)-7'")
      }
      return CronError(
        column: first.column, message: "\(field.name) range \(range) runs backwards; write the smaller value first")
    }

    private static func unexpected(_ scalar: Unicode.Scalar, at column: Int, in field: FieldKind) -> CronError {
      switch scalar {
      case "?":
        return CronError(column: column, message: "'?' is Quartz syntax, not cron; write '*'")
      case "#":
        return CronError(column: column, message: "'#' (nth weekday of the month) is not part of standard cron")
      default:
        let shown =
          scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
          ? String(format: "U+%04X", scalar.value) : "'\(Character(scalar))'"
        return CronError(column: column, message: "unexpected \(shown) in \(field.name); use \(field.allowed)")
      }
    }

    /// An AND day rule with no month long enough for any listed day can never fire; say so now rather than have
    /// the scheduler silently never run it.
    private static func rejectImpossibleDays(_ fields: Fields, column: Int) throws(CronError) {
      // The longest each month ever gets: a leap year's February.
      let longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
      let months = fields.months.values
      let days = fields.daysOfMonth.values
      let possible = months.contains { month in days.contains { $0 <= longest[month - 1] } }
      guard !possible else { return }
      let dayText =
        days.count == 1
        ? "day \(days[0]) never occurs" : "days \(joined(days.map(String.init), last: "and")) never occur"
      throw CronError(
        column: column, message: "\(dayText) in \(joined(months.map { monthNames[$0 - 1] }, last: "or"))")
    }

    private static func joined(_ items: [String], last conjunction: String) -> String {
      guard items.count > 1 else { return items.first ?? "" }
      return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
    }
  }

  fileprivate struct ElementScanner {
    let token: Token
    var index = 0

    init(_ token: Token) { self.token = token }

    var peek: Unicode.Scalar? { index < token.text.count ? token.text[index] : nil }
    var column: Int { token.column + index }

    mutating func advance() { index += 1 }

    mutating func take(while predicate: (Unicode.Scalar) -> Bool) -> [Unicode.Scalar] {
      let start = index
      while let next = peek, predicate(next) { index += 1 }
      return Array(token.text[start..<index])
    }
  }
}
