import Testing

@testable import YujingCore

@Suite struct FixedTests {
  @Test func gapBetweenPublishedFiguresIsExact() throws {
    let growth = try Fixed(parsing: "7.2")
    let target = try Fixed(parsing: "8.2")
    #expect(growth - target == (try Fixed(parsing: "-1.0")))
    #expect((growth - target).description == "-1")
    // The binary-floating-point answer is the reason this type exists.
    #expect(7.2 - 8.2 != -1.0)
  }

  @Test(arguments: [
    ("7.2", "7.2"), ("-1.0", "-1"), ("+5", "5"), ("0.05", "0.05"), ("23.51", "23.51"), ("1e3", "1000"),
    ("2.5E-1", "0.25"), ("  3.1 ", "3.1"), ("0.00005", "0.0001"), ("-0.00005", "-0.0001"), ("0.00004999", "0"),
    ("88.90000000000001", "88.9"), ("000012.50", "12.5"), ("10000000000", "10000000000"),
  ])
  func parsesPublishedFiguresExactly(text: String, expected: String) throws {
    #expect(try Fixed(parsing: text).description == expected)
  }

  @Test(arguments: [
    ("", "is not a number"), ("abc", "is not a number"), ("5,2", "thousands separator"), ("1.2.3", "is not a number"),
    ("NaN", "not a finite number"), ("-inf", "not a finite number"), ("Infinity", "not a finite number"),
    ("1e400", "out of range"), ("10000000001", "out of range"), ("99999999999999999999", "out of range"),
    ("1e", "is not a number"), (".", "is not a number"), ("5%", "is not a number"), ("５", "is not a number"),
  ])
  func rejectsWhatIsNotAFigure(text: String, reason: String) {
    #expect(throws: FigureSyntaxError.self) { try Fixed(parsing: text) }
    do {
      _ = try Fixed(parsing: text)
    } catch {
      #expect(error.description.contains(reason))
    }
  }

  @Test(arguments: [
    ("66.65", 1, "66.7"), ("66.64", 1, "66.6"), ("-5.05", 1, "-5.1"), ("-5.04", 1, "-5"), ("2.5", 0, "3"),
    ("-2.5", 0, "-3"),
  ])
  func roundsHalfAwayFromZero(text: String, digits: Int, expected: String) throws {
    #expect(try Fixed(parsing: text).rounded(toDecimals: digits).description == expected)
  }

  @Test func dividesWithRoundingAndRefusesZero() throws {
    let progress = try #require(Fixed(617).divided(by: Fixed(1000)))
    #expect(progress.description == "0.617")
    #expect(Fixed(2).divided(by: Fixed(3))?.description == "0.6667")
    #expect(Fixed(1).divided(by: .zero) == nil)
  }

  @Test func formatsWithAMinimumOfDecimals() throws {
    #expect(try Fixed(parsing: "5").formatted(minimumDecimals: 1) == "5.0")
    #expect(try Fixed(parsing: "-0.25").formatted(minimumDecimals: 1) == "-0.25")
    #expect(try Fixed(parsing: "0").formatted(minimumDecimals: 0) == "0")
    #expect(try Fixed(parsing: "-0.0001").formatted(minimumDecimals: 0) == "-0.0001")
    #expect(try Fixed(parsing: "120.5").formatted(minimumDecimals: 6) == "120.5000")
  }

  /// The digit-by-digit formatting agrees with padding the fraction's text and dropping zeros.
  @Test func formatsAsThePaddedFractionWithoutItsTrailingZeros() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<5_000 {
      let units =
        Int64.random(in: -99_999_999_999...99_999_999_999, using: &generator) / [1, 10, 1_000][Int.random(in: 0...2)]
      let decimals = Int.random(in: 0...5)
      let magnitude = units.magnitude
      var fraction = String(magnitude % 10_000)
      fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
      while fraction.count > decimals, fraction.last == "0" { fraction.removeLast() }
      let sign = units < 0 ? "-" : ""
      let expected = fraction.isEmpty ? "\(sign)\(magnitude / 10_000)" : "\(sign)\(magnitude / 10_000).\(fraction)"
      #expect(Fixed(units: units).formatted(minimumDecimals: decimals) == expected, "\(units), \(decimals)")
    }
  }

  @Test func roundTripsThroughDoubleAsStoredInSQLite() throws {
    for text in ["7.2", "-1.0", "23.51", "0.0001", "9999999.9999", "-3.3"] {
      let figure = try Fixed(parsing: text)
      #expect(Fixed(figure.doubleValue) == figure)
    }
    #expect(Fixed(Double.nan) == nil)
    #expect(Fixed(Double.infinity) == nil)
  }
}
