import Foundation
import Testing

@testable import YujingCore

/// The suites below share these fixtures through the enclosing type, so nothing here claims a module-wide name.
struct CronScheduleTests {
  static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
  static let newYork = TimeZone(identifier: "America/New_York")!
  static let berlin = TimeZone(identifier: "Europe/Berlin")!
  static let lordHowe = TimeZone(identifier: "Australia/Lord_Howe")!
  static let utc = TimeZone(identifier: "UTC")!

  /// "2024-05-06 08:00" read on the wall clock of `zone`; only for wall times that occur exactly once.
  static func wall(_ text: String, _ zone: TimeZone = shanghai) -> Date {
    let numbers = text.split(whereSeparator: { !$0.isNumber }).map { Int($0)! }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = DateComponents(
      year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4],
      second: numbers.count > 5 ? numbers[5] : 0)
    return calendar.date(from: parts)!
  }

  /// An instant given in UTC, for the wall times that a clock change makes ambiguous.
  static func instant(_ text: String) -> Date { wall(text, utc) }

  static func cron(_ expression: String) throws -> CronSchedule { try CronSchedule(parsing: expression) }
}

// MARK: - Parsing

extension CronScheduleTests {
  struct Parsing {
    struct FieldCase: Sendable, CustomTestStringConvertible {
      var expression: String
      var minutes: [Int]? = nil
      var hours: [Int]? = nil
      var daysOfMonth: [Int]? = nil
      var months: [Int]? = nil
      var daysOfWeek: [Int]? = nil
      var testDescription: String { expression }
    }

    @Test(arguments: [
      FieldCase(expression: "* * * * *", minutes: Array(0...59), hours: Array(0...23), daysOfMonth: Array(1...31)),
      FieldCase(expression: "5 * * * *", minutes: [5]),
      FieldCase(expression: "0,15,30,45 * * * *", minutes: [0, 15, 30, 45]),
      FieldCase(expression: "*/15 * * * *", minutes: [0, 15, 30, 45]),
      FieldCase(expression: "10-12 * * * *", minutes: [10, 11, 12]),
      FieldCase(expression: "10-30/10 * * * *", minutes: [10, 20, 30]),
      FieldCase(expression: "50/4 * * * *", minutes: [50, 54, 58]),
      FieldCase(expression: "0 8-10,14,20-23/2 * * *", hours: [8, 9, 10, 14, 20, 22]),
      FieldCase(expression: "0 */7 * * *", hours: [0, 7, 14, 21]),
      FieldCase(expression: "07 09 01 * *", minutes: [7], hours: [9], daysOfMonth: [1]),
      FieldCase(expression: "0 0 1,15,31 * *", daysOfMonth: [1, 15, 31]),
      FieldCase(expression: "0 0 */10 * *", daysOfMonth: [1, 11, 21, 31]),
      FieldCase(expression: "0 0 1 JAN,mar,Dec *", months: [1, 3, 12]),
      FieldCase(expression: "0 0 1 apr-JUN *", months: [4, 5, 6]),
      FieldCase(expression: "0 0 1 */3 *", months: [1, 4, 7, 10]),
      FieldCase(expression: "0 0 1 FEB/5 *", months: [2, 7, 12]),
      FieldCase(expression: "0 9 * * MON-FRI", daysOfWeek: [1, 2, 3, 4, 5]),
      FieldCase(expression: "0 9 * * 1-5", daysOfWeek: [1, 2, 3, 4, 5]),
      FieldCase(expression: "0 9 * * sat,Sun", daysOfWeek: [0, 6]),
      FieldCase(expression: "0 9 * * 7", daysOfWeek: [0]),
      FieldCase(expression: "0 9 * * 5-7", daysOfWeek: [0, 5, 6]),
      FieldCase(expression: "0 9 * * 0-7", daysOfWeek: Array(0...6)),
      FieldCase(expression: "0 9 * * FRI-7", daysOfWeek: [0, 5, 6]),
      FieldCase(expression: "0 9 * * */2", daysOfWeek: [0, 2, 4, 6]),
      // `a/n` runs to the field's maximum, which for day-of-week is 7 (Sunday again), as in cronie.
      FieldCase(expression: "0 9 * * MON/2", daysOfWeek: [0, 1, 3, 5]),
    ])
    func parsesEveryFieldForm(_ testCase: FieldCase) throws {
      let fields = try cron(testCase.expression).fields
      if let minutes = testCase.minutes { #expect(fields.minutes.values == minutes) }
      if let hours = testCase.hours { #expect(fields.hours.values == hours) }
      if let days = testCase.daysOfMonth { #expect(fields.daysOfMonth.values == days) }
      if let months = testCase.months { #expect(fields.months.values == months) }
      if let weekdays = testCase.daysOfWeek { #expect(fields.daysOfWeek.values == weekdays) }
    }

    @Test(arguments: [
      ("@yearly", "0 0 1 1 *"),
      ("@annually", "0 0 1 1 *"),
      ("@monthly", "0 0 1 * *"),
      ("@weekly", "0 0 * * 0"),
      ("@daily", "0 0 * * *"),
      ("@midnight", "0 0 * * *"),
      ("@hourly", "0 * * * *"),
      ("@Daily", "0 0 * * *"),
      ("  @hourly  ", "0 * * * *"),
    ])
    func macrosMeanTheirFiveFieldExpansion(macro: String, expansion: String) throws {
      #expect(try cron(macro).fields == cron(expansion).fields)
    }

    @Test func descriptionIsTheExpressionAsGiven() throws {
      #expect(try cron(" 0  9 * * MON-FRI ").description == " 0  9 * * MON-FRI ")
      #expect(try cron("@daily").description == "@daily")
    }

    @Test func fieldsMaySeparateByTabsAndRepeatedSpaces() throws {
      #expect(try cron("0\t9  *\t* *").fields == cron("0 9 * * *").fields)
    }

    @Test func dayRuleIsEitherOnlyWhenNeitherDayFieldStartsWithStar() throws {
      #expect(try cron("0 0 13 * FRI").fields.dayNeedsBoth == false)
      #expect(try cron("0 0 13 * *").fields.dayNeedsBoth == true)
      #expect(try cron("0 0 * * FRI").fields.dayNeedsBoth == true)
      #expect(try cron("0 0 */2 * FRI").fields.dayNeedsBoth == true)
      // A field that lists every value is still restricted: Vixie cron looks at the text, not the set.
      #expect(try cron("0 0 13 * 0-6").fields.dayNeedsBoth == false)
    }

    @Test func february29IsAccepted() throws {
      #expect(try cron("0 0 29 2 *").fields.daysOfMonth.values == [29])
    }

    @Test func dayThatNeverOccursIsAcceptedWhenTheWeekdayCanStillMatch() throws {
      // Both day fields restricted: the schedule fires on Mondays in February, so it is not impossible.
      _ = try cron("0 0 30 2 MON")
    }

    @Test func errorDescriptionStartsWithTheColumn() {
      let error = CronError(column: 3, message: "hour 24 is out of range 0–23")
      #expect(error.description == "column 3: hour 24 is out of range 0–23")
    }
  }
}

// MARK: - Errors

extension CronScheduleTests {
  struct Errors {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
      var expression: String
      var column: Int
      var message: String
      var testDescription: String { "\"\(expression)\"" }
    }

    static let fieldCount = "expected 5 fields (minute hour day-of-month month day-of-week)"

    @Test(arguments: [
      ErrorCase(expression: "", column: 1, message: "\(fieldCount), found 0"),
      ErrorCase(expression: "   ", column: 1, message: "\(fieldCount), found 0"),
      ErrorCase(expression: "0 9 * *", column: 8, message: "\(fieldCount), found 4"),
      ErrorCase(expression: "0 0 9 * * *", column: 11, message: "\(fieldCount), found 6"),
      ErrorCase(expression: "0 9 * * * /usr/bin/fetch", column: 11, message: "\(fieldCount), found 6"),
      ErrorCase(
        expression: "0 9 1,,15 * *", column: 7, message: "empty entry in the day-of-month list; remove the extra ','"),
      ErrorCase(
        expression: "0 9 1, * *", column: 7, message: "empty entry in the day-of-month list; remove the extra ','"),
      ErrorCase(expression: ",5 * * * *", column: 1, message: "empty entry in the minute list; remove the extra ','"),
      ErrorCase(
        expression: "0 5-1 * * *", column: 3, message: "hour range 5-1 runs backwards; write the smaller value first"),
      ErrorCase(
        expression: "0 0 * DEC-JAN *", column: 7,
        message: "month range DEC-JAN runs backwards; write the smaller value first"),
      ErrorCase(
        expression: "0 0 * * SAT-SUN", column: 9,
        message: "day-of-week range SAT-SUN runs backwards; write Sunday as 7, as in 'SAT-7'"),
      ErrorCase(expression: "*/0 * * * *", column: 3, message: "minute step 0 must be at least 1"),
      ErrorCase(expression: "0 1-5/0 * * *", column: 7, message: "hour step 0 must be at least 1"),
      ErrorCase(expression: "*/61 * * * *", column: 3, message: "minute step 61 is out of range 1–60"),
      ErrorCase(expression: "0 0 * * */8", column: 11, message: "day-of-week step 8 is out of range 1–7"),
      ErrorCase(expression: "*/ * * * *", column: 3, message: "minute step after '/' is missing; write e.g. '*/5'"),
      ErrorCase(expression: "0 0 * * */MON", column: 11, message: "day-of-week step must be a number 1–7, not 'MON'"),
      ErrorCase(expression: "/5 * * * *", column: 1, message: "'/' needs '*' or a range before it, as in '*/5'"),
      ErrorCase(expression: "0 24 * * *", column: 3, message: "hour 24 is out of range 0–23"),
      ErrorCase(expression: "60 * * * *", column: 1, message: "minute 60 is out of range 0–59"),
      ErrorCase(expression: "0 0 0 * *", column: 5, message: "day-of-month 0 is out of range 1–31"),
      ErrorCase(expression: "0 0 32 * *", column: 5, message: "day-of-month 32 is out of range 1–31"),
      ErrorCase(expression: "0 0 * 13 *", column: 7, message: "month 13 is out of range 1–12 (or JAN–DEC)"),
      ErrorCase(expression: "0 0 * * 8", column: 9, message: "day-of-week 8 is out of range 0–7 (or SUN–SAT)"),
      ErrorCase(
        expression: "0 0-99999999999999999999 * * *", column: 5,
        message: "hour 99999999999999999999 is out of range 0–23"
      ),
      ErrorCase(expression: "0 0 1 JUNE *", column: 7, message: "unknown month name 'JUNE'; use JAN–DEC or 1–12"),
      ErrorCase(
        expression: "0 0 * * MON-FUN", column: 13, message: "unknown day-of-week name 'FUN'; use SUN–SAT or 0–7"),
      ErrorCase(expression: "0 0 L * *", column: 5, message: "day-of-month must be a number 1–31, not 'L'"),
      ErrorCase(expression: "0 noon * * *", column: 3, message: "hour must be a number 0–23, not 'noon'"),
      ErrorCase(expression: "0 0 * * MON-", column: 13, message: "day-of-week range is missing its end after '-'"),
      ErrorCase(expression: "-5 * * * *", column: 1, message: "minute range is missing its start before '-'"),
      ErrorCase(
        expression: "1-5-7 * * * *", column: 4,
        message: "unexpected '-' in minute; use numbers 0–59, '*', ',', '-' and '/'"),
      ErrorCase(
        expression: "5x * * * *", column: 2,
        message: "unexpected 'x' in minute; use numbers 0–59, '*', ',', '-' and '/'"),
      ErrorCase(
        expression: "0 9 * * *;", column: 10,
        message: "unexpected ';' in day-of-week; use numbers 0–7, names SUN–SAT, '*', ',', '-' and '/'"),
      ErrorCase(
        expression: "** * * * *", column: 2,
        message: "unexpected '*' in minute; use numbers 0–59, '*', ',', '-' and '/'"),
      ErrorCase(
        expression: "0 9 * * 一", column: 9,
        message: "unexpected '一' in day-of-week; use numbers 0–7, names SUN–SAT, '*', ',', '-' and '/'"),
      ErrorCase(
        expression: "0 9\u{200B} * * *", column: 4,
        message: "unexpected U+200B in hour; use numbers 0–23, '*', ',', '-' and '/'"),
      ErrorCase(expression: "0 9 ? * MON", column: 5, message: "'?' is Quartz syntax, not cron; write '*'"),
      ErrorCase(
        expression: "0 9 * * 1#2", column: 10, message: "'#' (nth weekday of the month) is not part of standard cron"),
      ErrorCase(expression: "0 ９ * * *", column: 3, message: "full-width '９'; type '9' in half-width (ASCII) mode"),
      ErrorCase(expression: "0 9 1，15 * *", column: 6, message: "full-width '，'; type ',' in half-width (ASCII) mode"),
      ErrorCase(
        expression: "0\u{3000}9 * * *", column: 2, message: "full-width space; separate fields with ordinary spaces"),
      ErrorCase(
        expression: "@reboot", column: 1,
        message: "@reboot runs only when cron starts and means nothing for a feed schedule; "
          + "give a time such as '@daily' or '0 9 * * *'"),
      ErrorCase(
        expression: "@every 5m", column: 1,
        message: "unknown macro '@every'; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly"),
      ErrorCase(expression: "@daily 9", column: 8, message: "'@daily' stands alone; remove what follows it"),
      ErrorCase(expression: "  0 25 * * *", column: 5, message: "hour 25 is out of range 0–23"),
      ErrorCase(expression: "0 0 30 2 *", column: 5, message: "day 30 never occurs in February"),
      ErrorCase(expression: "0 0 30,31 FEB *", column: 5, message: "days 30 and 31 never occur in February"),
      ErrorCase(
        expression: "0 0 31 4,6,9,11 *", column: 5, message: "day 31 never occurs in April, June, September or November"
      ),
      ErrorCase(expression: "0 0 31 2 */7", column: 5, message: "day 31 never occurs in February"),
    ])
    func rejectsMalformedExpressionAtTheOffendingColumn(_ testCase: ErrorCase) {
      let error = #expect(throws: CronError.self) { try CronSchedule(parsing: testCase.expression) }
      #expect(error?.column == testCase.column)
      #expect(error?.message == testCase.message)
    }

    @Test(arguments: ["0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 30-31 2 *", "0 0 31 FEB,APR *"])
    func neverFiringExpressionIsRejectedAtParseTime(_ expression: String) {
      #expect(throws: CronError.self) { try CronSchedule(parsing: expression) }
    }
  }
}

// MARK: - Matching and the day rule

extension CronScheduleTests {
  struct Matching {
    @Test func firesAtNineEveryDayInShanghai() throws {
      let schedule = try cron("0 9 * * *")
      #expect(schedule.nextFire(after: wall("2024-05-01 08:59"), in: shanghai) == wall("2024-05-01 09:00"))
      #expect(schedule.nextFire(after: wall("2024-05-01 09:00"), in: shanghai) == wall("2024-05-02 09:00"))
      #expect(schedule.nextFire(after: wall("2024-05-01 09:00"), in: shanghai) == instant("2024-05-02 01:00"))
    }

    @Test func matchesTheWholeFireMinuteAndNothingElse() throws {
      let schedule = try cron("0 9 * * *")
      #expect(schedule.matches(wall("2024-05-01 09:00:00"), in: shanghai))
      #expect(schedule.matches(wall("2024-05-01 09:00:59"), in: shanghai))
      #expect(!schedule.matches(wall("2024-05-01 08:59:59"), in: shanghai))
      #expect(!schedule.matches(wall("2024-05-01 09:01:00"), in: shanghai))
    }

    @Test func sameInstantMatchesOnlyInTheZoneWhoseWallClockReadsNine() throws {
      let schedule = try cron("0 9 * * *")
      let nineInShanghai = wall("2024-05-01 09:00", shanghai)
      #expect(schedule.matches(nineInShanghai, in: shanghai))
      #expect(!schedule.matches(nineInShanghai, in: berlin))
      #expect(schedule.matches(wall("2024-05-01 09:00", berlin), in: berlin))
    }

    @Test func eitherDayFieldSufficesWhenBothAreRestricted() throws {
      // The 13th of each month, and every Friday.
      let schedule = try cron("0 0 13 * FRI")
      #expect(schedule.matches(wall("2024-09-13 00:00"), in: shanghai))  // Friday the 13th
      #expect(schedule.matches(wall("2024-05-13 00:00"), in: shanghai))  // a Monday
      #expect(schedule.matches(wall("2024-05-10 00:00"), in: shanghai))  // a Friday
      #expect(!schedule.matches(wall("2024-05-14 00:00"), in: shanghai))  // a Tuesday
      var fires: [Date] = []
      var cursor = wall("2024-05-01 00:00")
      while fires.count < 5, let next = schedule.nextFire(after: cursor, in: shanghai) {
        fires.append(next)
        cursor = next
      }
      #expect(
        fires == [
          wall("2024-05-03 00:00"), wall("2024-05-10 00:00"), wall("2024-05-13 00:00"), wall("2024-05-17 00:00"),
          wall("2024-05-24 00:00"),
        ])
    }

    @Test func onlyDayOfWeekAppliesWhenDayOfMonthIsStar() throws {
      let schedule = try cron("0 9 * * MON")
      #expect(schedule.nextFire(after: wall("2024-05-01 00:00"), in: shanghai) == wall("2024-05-06 09:00"))
      #expect(!schedule.matches(wall("2024-05-01 09:00"), in: shanghai))
    }

    @Test func onlyDayOfMonthAppliesWhenDayOfWeekIsStar() throws {
      let schedule = try cron("0 9 15 * *")
      #expect(schedule.nextFire(after: wall("2024-05-01 00:00"), in: shanghai) == wall("2024-05-15 09:00"))
      #expect(!schedule.matches(wall("2024-05-06 09:00"), in: shanghai))
    }

    @Test func stepInDayOfMonthCombinesWithDayOfWeekByAndAsInVixieCron() throws {
      // Odd days that are also Mondays: the field starts with '*', so it does not count as restricted.
      let schedule = try cron("0 0 */2 * MON")
      #expect(schedule.nextFire(after: wall("2024-05-01 00:00"), in: shanghai) == wall("2024-05-13 00:00"))
    }

    @Test func sundayMatchesAsZeroAndAsSeven() throws {
      let sunday = wall("2024-05-05 10:00")
      #expect(try cron("0 10 * * 0").matches(sunday, in: shanghai))
      #expect(try cron("0 10 * * 7").matches(sunday, in: shanghai))
      #expect(try cron("0 10 * * SUN").matches(sunday, in: shanghai))
      #expect(try !cron("0 10 * * 1-6").matches(sunday, in: shanghai))
    }

    @Test func weekdaysNineToFiveOnTheHour() throws {
      let schedule = try cron("0 9-17 * * MON-FRI")
      #expect(schedule.nextFire(after: wall("2024-05-03 17:00"), in: shanghai) == wall("2024-05-06 09:00"))
      #expect(schedule.previousFire(atOrBefore: wall("2024-05-06 08:59"), in: shanghai) == wall("2024-05-03 17:00"))
    }
  }
}

// MARK: - Next and previous fire

extension CronScheduleTests {
  struct FireTimes {
    struct FireCase: Sendable, CustomTestStringConvertible {
      var expression: String
      var from: String
      var expected: String
      var testDescription: String { "\(expression) from \(from)" }
    }

    @Test(arguments: [
      FireCase(expression: "0 0 31 * *", from: "2024-01-31 00:00", expected: "2024-03-31 00:00"),
      FireCase(expression: "0 0 31 * *", from: "2024-04-01 00:00", expected: "2024-05-31 00:00"),
      FireCase(expression: "0 0 30 * *", from: "2024-01-30 00:00", expected: "2024-03-30 00:00"),
      FireCase(expression: "0 0 29 2 *", from: "2021-03-01 00:00", expected: "2024-02-29 00:00"),
      FireCase(expression: "0 0 29 2 *", from: "2096-03-01 00:00", expected: "2104-02-29 00:00"),
      FireCase(expression: "0 0 * * *", from: "2024-02-28 12:00", expected: "2024-02-29 00:00"),
      FireCase(expression: "0 0 * * *", from: "2023-02-28 12:00", expected: "2023-03-01 00:00"),
      FireCase(expression: "0 0 1 1 *", from: "2024-12-31 23:59", expected: "2025-01-01 00:00"),
      FireCase(expression: "*/10 * * * *", from: "2024-12-31 23:55", expected: "2025-01-01 00:00"),
      FireCase(expression: "59 23 31 12 *", from: "2024-06-01 00:00", expected: "2024-12-31 23:59"),
      FireCase(expression: "30 8 1 * *", from: "2023-12-15 00:00", expected: "2024-01-01 08:30"),
      FireCase(expression: "0 12 * * SUN", from: "2024-12-30 00:00", expected: "2025-01-05 12:00"),
      FireCase(expression: "15 10 * * *", from: "2024-05-01 10:14:59", expected: "2024-05-01 10:15"),
      FireCase(expression: "15 10 * * *", from: "2024-05-01 10:15:01", expected: "2024-05-02 10:15"),
      // 29 February on a Sunday: 2088, then not until 2128 because 2100 skips its leap day.
      FireCase(expression: "0 0 29 2 */7", from: "2088-03-01 00:00", expected: "2128-02-29 00:00"),
    ])
    func nextFireIsTheFirstMatchStrictlyAfter(_ testCase: FireCase) throws {
      let fire = try cron(testCase.expression).nextFire(after: wall(testCase.from), in: shanghai)
      #expect(fire == wall(testCase.expected))
    }

    @Test(arguments: [
      FireCase(expression: "0 0 31 * *", from: "2024-04-30 23:59", expected: "2024-03-31 00:00"),
      FireCase(expression: "0 0 29 2 *", from: "2028-02-28 00:00", expected: "2024-02-29 00:00"),
      FireCase(expression: "0 0 29 2 *", from: "2100-03-01 00:00", expected: "2096-02-29 00:00"),
      FireCase(expression: "0 0 1 1 *", from: "2025-01-01 00:00", expected: "2025-01-01 00:00"),
      FireCase(expression: "0 0 1 1 *", from: "2024-12-31 23:59", expected: "2024-01-01 00:00"),
      FireCase(expression: "*/15 * * * *", from: "2025-01-01 00:14:59", expected: "2025-01-01 00:00"),
      FireCase(expression: "59 23 * * *", from: "2025-01-01 00:00", expected: "2024-12-31 23:59"),
      FireCase(expression: "0 0 1 * *", from: "2024-03-01 00:00:30", expected: "2024-03-01 00:00"),
      FireCase(expression: "0 0 * * *", from: "2024-03-01 00:00", expected: "2024-03-01 00:00"),
      FireCase(expression: "0 0 * * *", from: "2024-02-29 23:59", expected: "2024-02-29 00:00"),
      FireCase(expression: "0 0 29 2 */7", from: "2128-02-28 00:00", expected: "2088-02-29 00:00"),
    ])
    func previousFireIsTheLastMatchAtOrBefore(_ testCase: FireCase) throws {
      let fire = try cron(testCase.expression).previousFire(atOrBefore: wall(testCase.from), in: shanghai)
      #expect(fire == wall(testCase.expected))
    }

    @Test func missedFireRunsOnceAtStartAfterDowntime() throws {
      // Down from Monday 08:00 to Wednesday 10:00: Monday's and Tuesday's 09:00 were missed, and only the latest is due.
      let schedule = try cron("0 9 * * *")
      let lastRun = wall("2024-05-06 08:00")
      let restart = wall("2024-05-08 10:00")
      let due = try #require(schedule.previousFire(atOrBefore: restart, in: shanghai))
      #expect(due == wall("2024-05-08 09:00"))
      #expect(due > lastRun)
      #expect(schedule.nextFire(after: restart, in: shanghai) == wall("2024-05-09 09:00"))
    }

    @Test func nothingIsDueWhenTheLastRunCameAfterTheLatestFire() throws {
      let schedule = try cron("0 9 * * *")
      let lastRun = wall("2024-05-08 09:00:02")
      let due = try #require(schedule.previousFire(atOrBefore: wall("2024-05-08 10:00"), in: shanghai))
      #expect(due <= lastRun)
    }

    @Test func previousFireOfANextFireIsItself() throws {
      let schedule = try cron("*/7 3,17 * * MON-FRI")
      var cursor = wall("2024-12-27 00:00")
      for _ in 0..<50 {
        let next = try #require(schedule.nextFire(after: cursor, in: shanghai))
        #expect(schedule.previousFire(atOrBefore: next, in: shanghai) == next)
        #expect(schedule.previousFire(atOrBefore: next.addingTimeInterval(-1), in: shanghai).map { $0 < next } == true)
        cursor = next
      }
    }

    @Test func rareFireIsFoundWithoutSteppingMinuteByMinute() throws {
      let schedule = try cron("0 0 29 2 *")
      let clock = ContinuousClock()
      let elapsed = clock.measure {
        for _ in 0..<100 {
          _ = schedule.nextFire(after: wall("2021-03-01 00:00"), in: shanghai)
          _ = schedule.previousFire(atOrBefore: wall("2027-12-31 00:00"), in: shanghai)
        }
      }
      #expect(elapsed < .seconds(1))
    }

    @Test func scheduleWhoseEveryFireFallsInTheSpringGapNeverFires() throws {
      // 02:30 on the second Sunday of March, the day New York clocks jump from 02:00 to 03:00.
      let schedule = try cron("30 2 8-14 3 */7")
      let clock = ContinuousClock()
      let elapsed = clock.measure {
        #expect(schedule.nextFire(after: wall("2024-01-01 00:00", newYork), in: newYork) == nil)
        // Until 2006 the clocks changed in April, so the schedule did fire then.
        #expect(
          schedule.previousFire(atOrBefore: wall("2024-01-01 00:00", newYork), in: newYork)
            == wall("2006-03-12 02:30", newYork))
      }
      #expect(elapsed < .seconds(1))
    }

    @Test func searchStartsAfterTheGregorianReform() throws {
      let schedule = try cron("* * * * *")
      #expect(schedule.nextFire(after: .distantPast, in: utc) == wall("1583-01-01 00:00", utc))
      #expect(schedule.previousFire(atOrBefore: .distantPast, in: utc) == nil)
      #expect(!schedule.matches(.distantPast, in: utc))
    }
  }
}

// MARK: - Clock changes

extension CronScheduleTests {
  struct ClockChanges {
    @Test func wallTimeInTheSpringGapIsSkippedThatDay() throws {
      // New York, 2024-03-10: 02:00 EST becomes 03:00 EDT.
      let schedule = try cron("30 2 * * *")
      #expect(
        schedule.nextFire(after: wall("2024-03-09 03:00", newYork), in: newYork) == wall("2024-03-11 02:30", newYork))
      #expect(
        schedule.previousFire(atOrBefore: wall("2024-03-10 12:00", newYork), in: newYork)
          == wall("2024-03-09 02:30", newYork))
    }

    @Test func frequentScheduleResumesAtTheFirstWallTimeAfterTheGap() throws {
      let schedule = try cron("*/30 * * * *")
      #expect(schedule.nextFire(after: instant("2024-03-10 06:30"), in: newYork) == instant("2024-03-10 07:00"))
      #expect(schedule.matches(instant("2024-03-10 07:00"), in: newYork))  // 03:00 EDT
    }

    @Test func wallTimeInTheRepeatedHourFiresOnceAtItsFirstOccurrence() throws {
      // New York, 2024-11-03: 02:00 EDT becomes 01:00 EST, so 01:30 happens at 05:30Z and again at 06:30Z.
      let schedule = try cron("30 1 * * *")
      let first = try #require(schedule.nextFire(after: instant("2024-11-03 04:00"), in: newYork))
      #expect(first == instant("2024-11-03 05:30"))
      #expect(schedule.nextFire(after: first, in: newYork) == instant("2024-11-04 06:30"))
      #expect(schedule.matches(instant("2024-11-03 05:30"), in: newYork))
      #expect(!schedule.matches(instant("2024-11-03 06:30"), in: newYork))
    }

    @Test func everyTwentyMinutesThroughTheRepeatedHourFiresEachWallTimeOnce() throws {
      let schedule = try cron("*/20 * * * *")
      var fires: [Date] = []
      var cursor = instant("2024-11-03 04:50")  // 00:50 EDT
      while fires.count < 5, let next = schedule.nextFire(after: cursor, in: newYork) {
        fires.append(next)
        cursor = next
      }
      #expect(
        fires == [
          instant("2024-11-03 05:00"), instant("2024-11-03 05:20"), instant("2024-11-03 05:40"),  // 01:00–01:40 EDT
          instant("2024-11-03 07:00"), instant("2024-11-03 07:20"),  // 02:00 and 02:20 EST
        ])
    }

    @Test func previousFireDuringTheRepeatedHourIsTheLatestFirstOccurrence() throws {
      let schedule = try cron("*/20 * * * *")
      // 01:10 EST reads earlier than 01:40 EDT, but happens after it.
      #expect(
        schedule.previousFire(atOrBefore: instant("2024-11-03 06:10"), in: newYork) == instant("2024-11-03 05:40"))
      #expect(schedule.nextFire(after: instant("2024-11-03 06:10"), in: newYork) == instant("2024-11-03 07:00"))
    }

    @Test func dailyFireInTheRepeatedHourIsFoundByPreviousFireDuringTheRepeat() throws {
      let schedule = try cron("45 1 * * *")
      // At 01:10 EST the wall clock has not yet reached 01:45 again, yet 01:45 EDT is already past.
      #expect(
        schedule.previousFire(atOrBefore: instant("2024-11-03 06:10"), in: newYork) == instant("2024-11-03 05:45"))
    }

    @Test func berlinSpringForwardSkipsHalfPastTwo() throws {
      // Berlin, 2024-03-31: 02:00 CET becomes 03:00 CEST.
      let schedule = try cron("30 2 * * *")
      #expect(
        schedule.nextFire(after: wall("2024-03-30 03:00", berlin), in: berlin) == wall("2024-04-01 02:30", berlin))
    }

    @Test func berlinHourlyScheduleFiresOnceInTheRepeatedHour() throws {
      // Berlin, 2024-10-27: 03:00 CEST becomes 02:00 CET at 01:00Z. 02:00 CEST is 00:00Z, 02:00 CET is 01:00Z and
      // 03:00 CET is 02:00Z.
      let schedule = try cron("0 * * * *")
      #expect(schedule.nextFire(after: instant("2024-10-26 23:30"), in: berlin) == instant("2024-10-27 00:00"))
      #expect(schedule.nextFire(after: instant("2024-10-27 00:00"), in: berlin) == instant("2024-10-27 02:00"))
      #expect(!schedule.matches(instant("2024-10-27 01:00"), in: berlin))
    }

    @Test func lordHoweHalfHourShiftSkipsOnlyHalfAnHour() throws {
      // Lord Howe Island, 2024-10-06: 02:00 becomes 02:30 (+10:30 to +11).
      let schedule = try cron("15,45 2 * * *")
      let fire = schedule.nextFire(after: wall("2024-10-06 00:00", lordHowe), in: lordHowe)
      #expect(fire == wall("2024-10-06 02:45", lordHowe))
    }

    @Test func shanghaiFiresAtTheSameUTCTimeAllYear() throws {
      let schedule = try cron("30 2 * * *")
      var cursor = wall("2024-01-01 00:00")
      for _ in 0..<366 {
        let next = try #require(schedule.nextFire(after: cursor, in: shanghai))
        #expect(Int(next.timeIntervalSince1970) % 86_400 == (18 * 60 + 30) * 60)  // 02:30 at UTC+8 is 18:30Z
        cursor = next
      }
    }

    struct Window: Sendable, CustomTestStringConvertible {
      var zone: String
      var start: String
      var testDescription: String { "\(zone) from \(start)Z" }
    }

    /// Checks the jumping search against the slow, obvious one: test every minute of three days around a change.
    @Test(arguments: [
      Window(zone: "America/New_York", start: "2024-03-09 12:00"),
      Window(zone: "America/New_York", start: "2024-11-02 12:00"),
      Window(zone: "Europe/Berlin", start: "2024-03-30 12:00"),
      Window(zone: "Europe/Berlin", start: "2024-10-26 12:00"),
      Window(zone: "Australia/Lord_Howe", start: "2024-10-05 00:00"),
      Window(zone: "Australia/Lord_Howe", start: "2024-04-06 00:00"),
      Window(zone: "Asia/Shanghai", start: "2024-12-30 12:00"),
    ])
    func fireTimesAgreeWithMinuteByMinuteMatching(_ window: Window) throws {
      let zone = try #require(TimeZone(identifier: window.zone))
      let start = instant(window.start)
      let end = start.addingTimeInterval(3 * 86_400)
      for expression in ["*/20 * * * *", "15,45 1,2 * * *", "0 * * * *", "30 2 * * SUN", "* 1-3 * * *"] {
        let schedule = try cron(expression)
        let expected = stride(from: start.timeIntervalSince1970, to: end.timeIntervalSince1970, by: 60)
          .map { Date(timeIntervalSince1970: $0) }
          .filter { schedule.matches($0, in: zone) }
        var found: [Date] = []
        var cursor = start.addingTimeInterval(-1)
        while let next = schedule.nextFire(after: cursor, in: zone), next < end {
          found.append(next)
          cursor = next
        }
        #expect(found == expected, "\(expression)")
        // Points every three minutes (at half past) after the first fire, including inside a repeated hour.
        guard let firstFire = expected.first else { continue }
        for probe in stride(from: firstFire.timeIntervalSince1970 + 30, to: end.timeIntervalSince1970, by: 180) {
          let latest = expected.last { $0.timeIntervalSince1970 <= probe }
          #expect(
            schedule.previousFire(atOrBefore: Date(timeIntervalSince1970: probe), in: zone) == latest,
            "\(expression) at \(Date(timeIntervalSince1970: probe))")
        }
      }
    }
  }
}
