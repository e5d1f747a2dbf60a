import Testing

@testable import YujingCore

@Suite struct DayTests {
  @Test func parsesRealDatesOnly() {
    #expect(Day("2020-02-29") != nil)
    #expect(Day("2019-02-29") == nil)
    #expect(Day("2020-04-31") == nil)
    #expect(Day("2020-4-30") == nil)
    #expect(Day("2020-04-30T00:00") == nil)
  }

  @Test func ordinalsRoundTripAndCountDays() throws {
    let day = try #require(Day("2020-03-01"))
    #expect(Day(ordinal: day.ordinal) == day)
    #expect(day.adding(days: -1) == Day("2020-02-29"))
    #expect(try #require(Day("1970-01-01")).ordinal == 0)
    #expect(try #require(Day("2020-10-01")).weekday == 4)  // a Thursday
  }

  @Test(arguments: [
    ("2020-01-31", "2020-02-29", 1), ("2020-01-31", "2020-02-28", 0), ("2020-03-01", "2020-03-31", 0),
    ("2020-03-01", "2020-04-01", 1), ("2020-03-01", "2020-06-01", 3), ("2020-03-18", "2020-06-17", 2),
    ("2019-12-15", "2020-01-15", 1), ("2020-05-01", "2020-04-01", -1),
  ])
  func wholeMonthsClampTheDayToShortMonths(from: String, to: String, months: Int) throws {
    #expect(try #require(Day(from)).wholeMonths(until: try #require(Day(to))) == months)
  }

  @Test func writesTheDateInFullWithoutLeadingZeros() throws {
    #expect(try #require(Day("2021-01-05")).chinese == "2021年1月5日")
  }
}
