import Testing

@testable import YujingCore

@Suite struct RankingTests {
  @Test func equalFiguresShareTheBetterRank() throws {
    let figures: [String: Fixed] = [
      "a": try Fixed(parsing: "9.0"), "b": try Fixed(parsing: "7.5"), "c": try Fixed(parsing: "7.5"),
      "d": try Fixed(parsing: "3.0"),
    ]
    let places = Ranking.places(figures, polarity: .higherIsBetter)
    #expect(["a", "b", "c", "d"].map { places[$0]!.rank } == [1, 2, 2, 4])
    #expect(places["d"]!.isLast)
    // Only d is lower than b: b is "one of the last two" though it shares the second rank.
    #expect(places["b"]!.isOneOfLastTwo)
    #expect(!places["a"]!.isOneOfLastTwo)
  }

  @Test func aTieAtTheBottomIsLastForBoth() throws {
    let figures: [String: Fixed] = ["a": Fixed(5), "b": Fixed(1), "c": Fixed(1)]
    let places = Ranking.places(figures, polarity: .higherIsBetter)
    #expect(places["b"]!.isLast && places["c"]!.isLast)
    #expect(places["b"]!.rank == 2)
  }

  @Test func lowerIsBetterReversesTheOrder() {
    let places = Ranking.places(["a": Fixed(3), "b": Fixed(5)], polarity: .lowerIsBetter)
    #expect(places["a"]!.rank == 1)
    #expect(places["b"]!.isLast)
  }
}
