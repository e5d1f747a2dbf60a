import Foundation
import Testing

@testable import YujingCore

/// The bureau's 位次 is checked against the group's growth figures only when the group is whole.
@Suite struct PublishedRankTests {
  static let counties = ["袁州区", "奉新县", "万载县", "上高县", "宜丰县", "靖安县", "铜鼓县", "丰城市", "樟树市", "高安市"]

  /// The ten counties ranked by 规模以上工业增加值 growth, 9.0 down to 4.5, the bureau's ranks right.
  static func rows(growthOf: (Int) -> String) -> String {
    counties.enumerated().map { index, name in
      """
      put("A\(index + 5)", "\(name)")
      put("B\(index + 5)", \(growthOf(index)))
      put("C\(index + 5)", \(index + 1))
      """
    }.joined(separator: "\n")
  }

  @Test(.needs(.openpyxl)) func aRejectedGrowthInTheGroupSkipsTheCheckAndSaysWhy() throws {
    // 万载县's growth is typed as text that is no figure: its row is refused.
    guard let data = try PythonWriter.bureauXLSX(Self.rows { $0 == 2 ? "'八点一'" : String(9.0 - Double($0) * 0.5) })
    else { return }
    let batch = try CellFormatTests.read(data)
    #expect(batch.observations.count == 9)
    #expect(batch.rejections.map(\.location.cell) == ["B7"])
    #expect(
      batch.notes.filter { $0.hasPrefix("位次") } == [
        "位次 of industry_va in 2020-05 (group counties) not checked: the figure of 万载县 was rejected (sheet 1-5月, cell B7), so the group's growth figures are incomplete"
      ])
  }

  @Test(.needs(.openpyxl)) func aGroupMissingARankedRegionIsNotChecked() throws {
    // 万载县, ranked 3rd, has "—" for its growth: the other nine cannot be ranked as the bureau did.
    guard let data = try PythonWriter.bureauXLSX(Self.rows { $0 == 2 ? "'—'" : String(9.0 - Double($0) * 0.5) })
    else { return }
    let batch = try CellFormatTests.read(data)
    #expect(batch.rejections.isEmpty)
    #expect(
      batch.notes.filter { $0.hasPrefix("位次") } == [
        "位次 of industry_va in 2020-05 (group counties) not checked: the table ranks down to 10, but only 9 region(s) of the group have both a growth and a 位次"
      ])
  }

  @Test(.needs(.openpyxl)) func aWholeGroupIsCheckedAndAWrongRankNamed() throws {
    // 奉新县 and 万载县 swapped: 8.5 is second, 8.0 third, whatever the table says.
    guard
      let data = try PythonWriter.bureauXLSX(
        Self.rows { String(9.0 - Double($0) * 0.5) } + "\nput(\"C6\", 3)\nput(\"C7\", 2)")
    else { return }
    let batch = try CellFormatTests.read(data)
    #expect(
      batch.notes.filter { $0.hasPrefix("位次") } == [
        "位次 of 奉新县 for industry_va in 2020-05: the table says 3, its growth figures give 2",
        "位次 of 万载县 for industry_va in 2020-05: the table says 2, its growth figures give 3",
      ])
  }
}
