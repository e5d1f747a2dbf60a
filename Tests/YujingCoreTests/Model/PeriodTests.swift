import Testing

@testable import YujingCore

@Suite struct PeriodTests {
  @Test(arguments: ["2020-05", "1999-12", "2020-01"])
  func parsesYearAndMonth(text: String) throws {
    #expect(try #require(Period(text)).description == text)
  }

  @Test(arguments: ["2020-5", "2020-13", "2020-00", "20-05", "2020/05", "2020-05-01", "", "２０２０-05"])
  func rejectsAnythingButYYYYMM(text: String) {
    #expect(Period(text) == nil)
  }

  @Test(arguments: [(1, "8.3"), (2, "16.7"), (8, "66.7"), (6, "50"), (12, "100")])
  func timeProgressIsElapsedMonthsOverTwelveRoundedHalfUp(month: Int, expected: String) throws {
    #expect(try #require(Period(year: 2020, month: month)).timeProgress.description == expected)
  }

  @Test func combinedJanuaryIndicatorsHaveNoJanuaryPeriod() throws {
    let sequence = PeriodSequence(frequency: .monthly, january: .combined)
    #expect(!sequence.publishes(try #require(Period("2020-01"))))
    #expect(sequence.periods(in: 2020).count == 11)
    #expect(sequence.periods(in: 2020).first == Period("2020-02"))
  }

  @Test func previousPeriodCrossesTheYearEndPastTheMissingJanuary() throws {
    let combined = PeriodSequence(frequency: .monthly, january: .combined)
    #expect(combined.previous(try #require(Period("2021-02"))) == Period("2020-12"))
    #expect(combined.next(try #require(Period("2020-12"))) == Period("2021-02"))
    let alone = PeriodSequence(frequency: .monthly, january: .alone)
    #expect(alone.previous(try #require(Period("2021-01"))) == Period("2020-12"))
  }

  @Test func quarterlyIndicatorsLiveAtQuarterEnds() throws {
    let quarterly = PeriodSequence(frequency: .quarterly, january: .alone)
    #expect(quarterly.periods(in: 2020).map(\.month) == [3, 6, 9, 12])
    #expect(quarterly.previous(try #require(Period("2020-03"))) == Period("2019-12"))
    #expect(quarterly.next(try #require(Period("2020-06"))) == Period("2020-09"))
    #expect(!quarterly.publishes(try #require(Period("2020-05"))))
  }

  @Test func chineseNamesFollowTheOfficesUsage() throws {
    #expect(try #require(Period("2020-05")).chineseName() == "2020年1-5月")
    #expect(try #require(Period("2020-01")).chineseName() == "2020年1月")
    #expect(try #require(Period("2020-09")).chineseName(for: .quarterly) == "2020年前三季度")
  }
}
