/// How a statistics bureau's wide table maps onto indicators and regions (docs/operate.md#feeds).
public struct XLSXMapping: Sendable, Hashable {
  /// The sheet to read; the first one when nil.
  public var sheet: String?
  /// The header text of the column holding region names.
  public var regionHeader: String
  /// Header text over an indicator's columns → indicator code.
  public var indicators: [String: String]
  /// Sub-column header → what it holds.
  public var columns: [String: XLSXColumnRole]
  /// Names in the table → region codes, besides each region's own name and aliases.
  public var regions: [String: String]
  /// Cell texts that mean "no figure" (— no such figure, / not compiled).
  public var missing: [String]

  public static let defaultColumns: [String: XLSXColumnRole] = [
    "总量": .value, "绝对值": .value, "累计": .value, "增速": .growth, "增长": .growth, "同比增长": .growth,
    "位次": .rank, "排位": .rank, "排名": .rank,
  ]
  public static let defaultMissing = ["—", "–", "-", "/", "／", "——", "…"]
}

public enum XLSXColumnRole: String, Sendable, Hashable, CaseIterable {
  case value
  case growth
  case rank
  /// A column that is read past on purpose (a 目标 or 占比 column the bureau adds).
  case ignore
}
