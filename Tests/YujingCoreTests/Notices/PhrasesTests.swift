import Testing

@testable import YujingCore

/// The clauses every notice and the summary share, in the office's wording.
struct PhrasesTests {
  @Test(arguments: [
    ("-1.4", "8.2", "低于年度目标（增长8.2%）1.4个百分点"),
    ("0.4", "8.2", "高于年度目标（增长8.2%）0.4个百分点"),
    ("0", "9.0", "与年度目标（增长9.0%）持平"),
    ("-9.2", "-2", "低于年度目标（下降2.0%）9.2个百分点"),
  ])
  func aGapIsBelowAboveOrLevelWithTheTarget(gap: String, target: String, expected: String) throws {
    let gap = try Fixed(parsing: gap)
    let target = try Fixed(parsing: target)
    #expect(Phrases.againstTarget(gap: gap, target: target) == expected)
  }

  @Test func aLagIsBehindAheadOrLevelWithTheSchedule() throws {
    let behind = try Fixed(parsing: "-1.3")
    let ahead = try Fixed(parsing: "2.1")
    let time = try Fixed(parsing: "75")
    #expect(Phrases.againstSchedule(lag: behind, timeProgress: time) == "落后序时进度（75.0%）1.3个百分点")
    #expect(Phrases.againstSchedule(lag: ahead, timeProgress: nil) == "超序时进度2.1个百分点")
    #expect(Phrases.againstSchedule(lag: .zero, timeProgress: nil) == "与序时进度持平")
  }
}
