/// The types of the rule language. Levels compare with levels only, text with text only, so
/// that `level >= 2` or `status == 3` is caught by `yujing check`, not at three in the morning.
public enum ValueType: String, Sendable, Hashable {
  case number
  case boolean
  case level
  case text

  var article: String {
    switch self {
    case .number: "a number"
    case .boolean: "true or false"
    case .level: "a level"
    case .text: "text"
    }
  }
}

/// What a rule looks at: indicator × region figures, a major project, a feed, or a problem of the
/// 督办台账 (docs/ledger.md).
public enum SubjectKind: String, Sendable, Hashable, CaseIterable {
  case indicators
  case projects
  case feeds
  case problems
}

/// A measure a rule can name: its type, which subjects have it, and what it means (shown by
/// `yujing check` and in thresholds/README.md).
public struct MeasureDefinition: Sendable, Hashable {
  public var name: String
  public var type: ValueType
  public var subjects: SubjectKind
  public var meaning: String
}

/// Every measure of the rule language (thresholds/README.md#measures), and the facts that rules
/// about projects and feeds need.
public enum Measures {
  public static let all: [MeasureDefinition] = [
    // Indicator × region × period.
    .init(name: "growth", type: .number, subjects: .indicators, meaning: "cumulative 同比 growth, %"),
    .init(name: "value", type: .number, subjects: .indicators, meaning: "cumulative level, in the indicator's unit"),
    .init(name: "target_growth", type: .number, subjects: .indicators, meaning: "the year's growth target, %"),
    .init(name: "target_value", type: .number, subjects: .indicators, meaning: "the year's amount target"),
    .init(name: "gap", type: .number, subjects: .indicators, meaning: "growth − target_growth, percentage points"),
    .init(
      name: "progress", type: .number, subjects: .indicators,
      meaning: "value ÷ target_value × 100, %, one decimal"),
    .init(
      name: "time_progress", type: .number, subjects: .indicators,
      meaning: "序时进度: months elapsed ÷ 12 × 100, %, one decimal"),
    .init(name: "lag", type: .number, subjects: .indicators, meaning: "progress − time_progress, percentage points"),
    .init(name: "province_growth", type: .number, subjects: .indicators, meaning: "the province's growth (全省)"),
    .init(name: "city_growth", type: .number, subjects: .indicators, meaning: "the city's growth (全市)"),
    .init(
      name: "rank", type: .number, subjects: .indicators,
      meaning: "位次 in the region's group, by growth (by progress for an amount-target indicator); 1 = best, ties share"),
    .init(
      name: "group_size", type: .number, subjects: .indicators,
      meaning: "how many regions of the group have a figure to rank by"),
    .init(
      name: "regions_below", type: .number, subjects: .indicators,
      meaning: "how many regions of the group rank strictly lower (0 = last)"),
    .init(
      name: "published_rank", type: .number, subjects: .indicators, meaning: "the 位次 the publisher printed"),
    .init(
      name: "below_target", type: .boolean, subjects: .indicators,
      meaning: "below the indicator's target: gap < 0 for a growth-target indicator, lag < 0 for an amount-target one"),
    // The projection of the year end (预协调, docs/rules.md#precoordination), for the period's own figures.
    .init(
      name: "projected_growth", type: .number, subjects: .indicators,
      meaning:
        "the year-end growth projected from this month's cumulative figure and earlier years (seasonal share, or the growth path where no level is published), %, one decimal; absent with fewer than two earlier years and in the year's last month"
    ),
    .init(
      name: "projection_method", type: .text, subjects: .indicators,
      meaning: "how projected_growth was made: seasonal_share or growth_path"),
    .init(
      name: "projection_years", type: .number, subjects: .indicators,
      meaning: "how many earlier years projected_growth rests on"),
    .init(
      name: "projection_error", type: .number, subjects: .indicators,
      meaning:
        "the mean absolute error, points, of the same method at this month in the earlier years (each projected from the years before it); absent when none could be checked"
    ),
    .init(
      name: "projection_checks", type: .number, subjects: .indicators,
      meaning: "how many earlier years projection_error is measured over"),
    .init(
      name: "level", type: .level, subjects: .indicators,
      meaning:
        "the subject's level in this period from the rules that do not read level themselves (none when they find nothing)"
    ),
    // A project in a period, at the as-of date.
    .init(name: "annual_plan", type: .number, subjects: .projects, meaning: "年度计划投资, 亿元"),
    .init(name: "completed_ytd", type: .number, subjects: .projects, meaning: "1–N月累计完成投资, 亿元"),
    .init(name: "total_investment", type: .number, subjects: .projects, meaning: "总投资, 亿元"),
    .init(
      name: "completion", type: .number, subjects: .projects,
      meaning: "completed_ytd ÷ annual_plan × 100, %, one decimal"),
    .init(
      name: "time_progress", type: .number, subjects: .projects,
      meaning: "序时进度 of the period, %, one decimal"),
    .init(name: "behind", type: .number, subjects: .projects, meaning: "time_progress − completion, points"),
    .init(name: "status", type: .text, subjects: .projects, meaning: "前期, 在建, 停工 or 竣工"),
    .init(
      name: "started", type: .boolean, subjects: .projects,
      meaning: "the actual start is on or before the as-of date"),
    .init(
      name: "registered", type: .boolean, subjects: .projects,
      meaning: "registered in the statistics (入统) on or before the as-of date"),
    .init(
      name: "months_since_planned_start", type: .number, subjects: .projects,
      meaning: "whole months from the planned start to the as-of date"),
    .init(
      name: "months_since_start", type: .number, subjects: .projects,
      meaning: "whole months from the actual start to the as-of date"),
    .init(
      name: "overdue_days", type: .number, subjects: .projects,
      meaning: "days past due of the most overdue approval milestone not done at the as-of date (0 if none)"),
    .init(
      name: "overdue_milestone", type: .text, subjects: .projects,
      meaning: "the stage of that milestone (环评, 施工许可 …)"),
    // A feed and a period (docs/rules.md#data-timeliness).
    .init(
      name: "late", type: .boolean, subjects: .feeds,
      meaning: "no accepted row of the period by the end of its due day (moved to a working day)"),
    .init(name: "days_late", type: .number, subjects: .feeds, meaning: "working days past the due day"),
    // A problem of the 督办台账 on the day its light is judged (docs/ledger.md#lights).
    .init(
      name: "working_days_left", type: .number, subjects: .problems,
      meaning: "working days after the day up to and including the deadline (0 on it; none once a working day past it)"),
    .init(
      name: "working_days_overdue", type: .number, subjects: .problems,
      meaning: "working days past the deadline (0 until it has passed)"),
    .init(name: "returns", type: .number, subjects: .problems, meaning: "times the office sent its closing back (退回)"),
    .init(
      name: "days_without_report", type: .number, subjects: .problems,
      meaning: "days since the last progress report, or since it was assigned"),
    .init(name: "coordination", type: .text, subjects: .problems, meaning: "county, city or province"),
  ]

  static func find(_ name: String, for subjects: SubjectKind) -> MeasureDefinition? {
    all.first { $0.name == name && $0.subjects == subjects }
  }

  static func names(for subjects: SubjectKind) -> [String] {
    all.filter { $0.subjects == subjects }.map(\.name)
  }
}
