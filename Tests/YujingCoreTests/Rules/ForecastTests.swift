import Foundation
import Testing

@testable import YujingCore

/// The projection of the year end (docs/rules.md#precoordination) on series computed by hand.
@Suite struct ForecastTests {
  private func fixed(_ text: String) -> Fixed { try! Fixed(parsing: text) }

  private func level(_ value: String) -> CumulativeFigure { CumulativeFigure(value: fixed(value)) }

  private func year(_ year: Int, june: String, december: String) -> YearFigures {
    YearFigures(year: year, atMonth: level(june), yearEnd: level(december))
  }

  private func path(_ year: Int, june: String, december: String) -> YearFigures {
    YearFigures(
      year: year, atMonth: CumulativeFigure(growth: fixed(june)), yearEnd: CumulativeFigure(growth: fixed(december)))
  }

  @Test func seasonalShareProjectsTheYearFromTheMeanShareOfEarlierYears() {
    // June reached 40 % of the year in 2018 and 45 % in 2019: a mean share of 42.5 %. June 2020 at
    // 46.75 projects 46.75 ÷ 0.425 = 110 against 2019's 100: growth 10.0 %.
    let earlier = [year(2018, june: "40", december: "100"), year(2019, june: "45", december: "100")]
    let projection = Projector.project(
      .seasonalShare, month: 6, current: level("46.75"), earlier: earlier, year: 2020)
    #expect(projection == Projection(method: .seasonalShare, growth: fixed("10.0"), years: 2))
    // The default takes the seasonal share where levels exist.
    #expect(
      Projector.project(month: 6, current: level("46.75"), earlier: earlier, year: 2020)?.method == .seasonalShare)
  }

  /// A figure becomes a decimal without dividing, and the projections are the very ones the
  /// division gave: the same value at the extremes, and the same rounded growth for random series.
  @Test func figuresBecomeTheSameDecimalsAsByDivision() {
    func divided(_ units: Int64) -> Decimal { Decimal(units) / Decimal(Fixed.scale) }
    for units: Int64 in [0, 1, -1, 5, -5, 9_999, 10_000, -10_000, 123_456_789, Fixed.maxMagnitude, -Fixed.maxMagnitude]
    {
      #expect(Fixed(units: units).decimal == divided(units), "\(units)")
    }
    var generator = SeededRandom(seed: 20_201_127)
    for _ in 0..<2_000 {
      let wholes = (0..<Int.random(in: 2...4, using: &generator)).map { _ in
        Int64.random(in: 1...99_999_999_999, using: &generator)
      }
      let parts = wholes.map { Int64.random(in: 1...$0, using: &generator) }
      let now = Int64.random(in: 1...99_999_999_999, using: &generator)
      let earlier = zip(parts, wholes).enumerated().map { index, figures in
        YearFigures(
          year: 2019 - index, atMonth: CumulativeFigure(value: Fixed(units: figures.0)),
          yearEnd: CumulativeFigure(value: Fixed(units: figures.1)))
      }
      // The formula of `seasonalShare`, with every figure converted by division.
      var shares = Decimal(0)
      for (part, whole) in zip(parts, wholes) { shares += divided(part) / divided(whole) }
      let projected: Decimal = divided(now) / (shares / Decimal(parts.count))
      let growth: Decimal = (projected / divided(wholes[0]) - 1) * 100
      let projection = Projector.seasonalShare(
        current: CumulativeFigure(value: Fixed(units: now)), earlier: earlier[...], year: 2020)
      #expect(projection?.growth == Fixed(roundingHalfUp: growth, decimals: 1), "\(now) \(parts) \(wholes)")
    }
  }

  @Test func seasonalShareRoundsTheProjectedGrowthHalfUpToOneDecimal() {
    // 44 ÷ 0.425 = 103.529… → 3.5 %; 46.2 ÷ 0.425 = 108.705… → 8.7 %.
    let earlier = [year(2018, june: "40", december: "100"), year(2019, june: "45", december: "100")]
    #expect(
      Projector.project(.seasonalShare, month: 6, current: level("44"), earlier: earlier, year: 2020)?.growth
        == fixed("3.5"))
    #expect(
      Projector.project(.seasonalShare, month: 6, current: level("46.2"), earlier: earlier, year: 2020)?.growth
        == fixed("8.7"))
  }

  @Test func aShockInAnEarlierYearWeighsOnTheMeanShare() {
    // 2019 lost its first half (June only 30 % of the year, against 40 % in 2017 and 2018): the mean
    // share falls to 36.67 %, and an ordinary June 2020 of 40 projects 40 ÷ 0.3667 = 109.09 against
    // 2019's 100 — 9.1 % where the two ordinary years alone say 0.0 %.
    let ordinary = [year(2017, june: "36", december: "90"), year(2018, june: "38", december: "95")]
    let shocked = ordinary + [year(2019, june: "30", december: "100")]
    #expect(
      Projector.project(.seasonalShare, month: 6, current: level("40"), earlier: shocked, year: 2020)?.growth
        == fixed("9.1"))
    let withoutShock = ordinary + [YearFigures(year: 2019, atMonth: CumulativeFigure(), yearEnd: level("100"))]
    #expect(
      Projector.project(.seasonalShare, month: 6, current: level("40"), earlier: withoutShock, year: 2020)?.growth
        == fixed("0.0"))
  }

  @Test func aShockInTheCurrentYearCarriesIntoTheProjection() {
    // The first half of 2020 fell to 30 against a usual share of 40 %: the seasonal share projects
    // 75 against 100, −25.0 %, while the growth path, from a cumulative −20.0 %, adds the usual
    // +1.0 point of the second half: −19.0 %.
    let earlier = [
      YearFigures(
        year: 2018, atMonth: CumulativeFigure(value: fixed("38"), growth: fixed("7.0")),
        yearEnd: CumulativeFigure(value: fixed("95"), growth: fixed("8.0"))),
      YearFigures(
        year: 2019, atMonth: CumulativeFigure(value: fixed("40"), growth: fixed("6.0")),
        yearEnd: CumulativeFigure(value: fixed("100"), growth: fixed("7.0"))),
    ]
    let current = CumulativeFigure(value: fixed("30"), growth: fixed("-20.0"))
    #expect(
      Projector.project(.seasonalShare, month: 6, current: current, earlier: earlier, year: 2020)?.growth
        == fixed("-25.0"))
    #expect(
      Projector.project(.growthPath, month: 6, current: current, earlier: earlier, year: 2020)?.growth
        == fixed("-19.0"))
    #expect(
      Projector.project(.naive, month: 6, current: current, earlier: earlier, year: 2020)?.growth == fixed("-20.0"))
  }

  @Test func growthPathAddsTheUsualMoveFromTheMonthToTheYearEnd() {
    // June → December: +1.0 in 2018, +0.5 in 2019, a mean of +0.75: 7.2 in June projects 7.95,
    // rounded half-up to 8.0; a growth-only subject takes this method by default.
    let earlier = [path(2018, june: "7.0", december: "8.0"), path(2019, june: "6.0", december: "6.5")]
    let current = CumulativeFigure(growth: fixed("7.2"))
    let projection = Projector.project(month: 6, current: current, earlier: earlier, year: 2020)
    #expect(projection == Projection(method: .growthPath, growth: fixed("8.0"), years: 2))
    // Down by a mean of 0.75 from −7.2: −7.95 rounds away from zero to −8.0.
    let falling = [path(2018, june: "8.0", december: "7.0"), path(2019, june: "6.5", december: "6.0")]
    #expect(
      Projector.project(
        .growthPath, month: 6, current: CumulativeFigure(growth: fixed("-7.2")), earlier: falling,
        year: 2020)?.growth == fixed("-8.0"))
  }

  @Test func theNaiveBaselineIsTheCurrentGrowth() {
    let projection = Projector.project(
      .naive, month: 6, current: CumulativeFigure(growth: fixed("6.8")), earlier: [], year: 2020)
    #expect(projection == Projection(method: .naive, growth: fixed("6.8"), years: 0))
  }

  @Test func tooLittleHistoryGivesNoProjection() {
    // One earlier year: a single year's share would turn any accident of that year into the
    // projection, so there is none.
    let one = [
      YearFigures(
        year: 2019, atMonth: CumulativeFigure(value: fixed("45"), growth: fixed("6.0")),
        yearEnd: CumulativeFigure(value: fixed("100"), growth: fixed("6.5")))
    ]
    let current = CumulativeFigure(value: fixed("44"), growth: fixed("7.0"))
    #expect(Projector.project(month: 6, current: current, earlier: one, year: 2020) == nil)
    // Two years, but one of them lacks the month: still only one usable year.
    let gap =
      one + [YearFigures(year: 2018, atMonth: CumulativeFigure(), yearEnd: CumulativeFigure(value: fixed("90")))]
    #expect(Projector.project(.seasonalShare, month: 6, current: current, earlier: gap, year: 2020) == nil)
    // Years older than five years back do not count, nor years after the projected one.
    let far = [path(2012, june: "7.0", december: "8.0"), path(2013, june: "7.0", december: "8.0")]
    #expect(Projector.project(.growthPath, month: 6, current: current, earlier: far, year: 2020) == nil)
    let later = [path(2021, june: "7.0", december: "8.0"), path(2022, june: "7.0", december: "8.0")]
    #expect(Projector.project(.growthPath, month: 6, current: current, earlier: later, year: 2020) == nil)
    // Seasonal share needs last year's year-end level to grow from.
    let noBase = [year(2017, june: "40", december: "100"), year(2018, june: "45", december: "100")]
    #expect(Projector.project(.seasonalShare, month: 6, current: current, earlier: noBase, year: 2020) == nil)
  }

  @Test func theYearsLastMonthIsNotProjected() {
    let earlier = [path(2018, june: "7.0", december: "8.0"), path(2019, june: "6.0", december: "6.5")]
    for method in ForecastMethod.allCases {
      #expect(
        Projector.project(
          method, month: 12, current: CumulativeFigure(growth: fixed("7.0")), earlier: earlier,
          year: 2020) == nil)
    }
  }

  @Test func accuracyReplaysEachEarlierYearFromTheYearsBeforeIt() {
    // June → December: +1.0 (2017), +0.5 (2018), +1.5 (2019). 2019 projected from 2017–2018:
    // 6.0 + 0.75 = 6.75 → 6.8 against 7.5: 0.7 off. 2018 has one year before it: not checked.
    let earlier = [
      path(2017, june: "7.0", december: "8.0"), path(2018, june: "6.0", december: "6.5"),
      path(2019, june: "6.0", december: "7.5"),
    ]
    let accuracy = ProjectionAccuracy.of(.growthPath, month: 6, year: 2020, earlier: earlier)
    #expect(accuracy == ProjectionAccuracy(years: 1, meanAbsoluteError: fixed("0.7")))
    #expect(ProjectionAccuracy.of(.growthPath, month: 6, year: 2020, earlier: Array(earlier.prefix(2))) == nil)
  }

  @Test func backtestReportsErrorsAndForeseenMissesPerMonthAndMethod() {
    // Four years of one subject; 2020 had a target of 8.0 and ended at 7.0 (a miss). In June 2020
    // the growth path (from 2017–2019: +1.0, +0.5, +1.5, mean +1.0) projected 5.5 + 1.0 = 6.5 —
    // more than 0.5 below 8.0, foreseen — where the naive 5.5 foresaw it as well; 2019 (from
    // 2017–2018) projected 6.8 against 7.5. 2017 and 2018 have too few years before them.
    var history = SubjectHistory()
    for (year, june, december) in [
      (2017, "7.0", "8.0"), (2018, "6.0", "6.5"), (2019, "6.0", "7.5"), (2020, "5.5", "7.0"),
    ] {
      history[year, 6] = CumulativeFigure(growth: fixed(june))
      history[year, 12] = CumulativeFigure(growth: fixed(december))
    }
    let rows = Backtest.run(
      [Backtest.Subject(history: history, months: [6, 12], targets: [2020: fixed("8.0")])],
      strategies: [.only(.growthPath)])
    let row = try! #require(rows.first)
    // Errors: 2019 |6.8 − 7.5| = 0.7, 2020 |6.5 − 7.0| = 0.5: a mean of 0.60; the naive baseline on
    // the same two years: |6.0 − 7.5| = 1.5, |5.5 − 7.0| = 1.5.
    #expect(row.projections == 2)
    #expect(row.misses == 1)
    #expect(row.score == Backtest.Score(meanAbsoluteError: fixed("0.6"), foreseen: 1, falseAlarms: 0))
    #expect(row.naive == Backtest.Score(meanAbsoluteError: fixed("1.5"), foreseen: 1, falseAlarms: 0))
    #expect(rows.allSatisfy { $0.month == 6 })
  }
}
