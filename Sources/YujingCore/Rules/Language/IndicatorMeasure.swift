/// The measures of an indicator × region in a period.
public enum IndicatorMeasure: String, Measure {
  case growth
  case value
  case targetGrowth = "target_growth"
  case targetValue = "target_value"
  case gap
  case progress
  case timeProgress = "time_progress"
  case lag
  case provinceGrowth = "province_growth"
  case cityGrowth = "city_growth"
  case rank
  case groupSize = "group_size"
  case regionsBelow = "regions_below"
  case publishedRank = "published_rank"
  case belowTarget = "below_target"
  // The projection of the year end (预协调, docs/rules.md#precoordination), for the period's own figures.
  case projectedGrowth = "projected_growth"
  case projectionMethod = "projection_method"
  case projectionYears = "projection_years"
  case projectionError = "projection_error"
  case projectionChecks = "projection_checks"
  case level

  public static let subjects = SubjectKind.indicators

  public var type: ValueType { facts.type }
  public var meaning: String { facts.meaning }

  /// Whether the projection of the year end makes it: an evaluation projects only when a rule
  /// names one, since projecting reads years of earlier tables.
  public var isProjection: Bool {
    switch self {
    case .projectedGrowth, .projectionMethod, .projectionYears, .projectionError, .projectionChecks: true
    default: false
    }
  }

  private var facts: (type: ValueType, meaning: String) {
    switch self {
    case .growth: (.number, "cumulative 同比 growth, %")
    case .value: (.number, "cumulative level, in the indicator's unit")
    case .targetGrowth: (.number, "the year's growth target, %")
    case .targetValue: (.number, "the year's amount target")
    case .gap: (.number, "growth − target_growth, percentage points")
    case .progress: (.number, "value ÷ target_value × 100, %, one decimal")
    case .timeProgress: (.number, "序时进度: months elapsed ÷ 12 × 100, %, one decimal")
    case .lag: (.number, "progress − time_progress, percentage points")
    case .provinceGrowth: (.number, "the province's growth (全省)")
    case .cityGrowth: (.number, "the city's growth (全市)")
    case .rank:
      (
        .number,
        "位次 in the region's group, by growth (by progress for an amount-target indicator); 1 = best, ties share"
      )
    case .groupSize: (.number, "how many regions of the group have a figure to rank by")
    case .regionsBelow: (.number, "how many regions of the group rank strictly lower (0 = last)")
    case .publishedRank: (.number, "the 位次 the publisher printed")
    case .belowTarget:
      (
        .boolean,
        "below the indicator's target: gap < 0 for a growth-target indicator, lag < 0 for an amount-target one"
      )
    case .projectedGrowth:
      (
        .number,
        "the year-end growth projected from this month's cumulative figure and earlier years (seasonal share, or the growth path where no level is published), %, one decimal; absent with fewer than two earlier years and in the year's last month"
      )
    case .projectionMethod: (.text, "how projected_growth was made: seasonal_share or growth_path")
    case .projectionYears: (.number, "how many earlier years projected_growth rests on")
    case .projectionError:
      (
        .number,
        "the mean absolute error, points, of the same method at this month in the earlier years (each projected from the years before it); absent when none could be checked"
      )
    case .projectionChecks: (.number, "how many earlier years projection_error is measured over")
    case .level:
      (
        .level,
        "the subject's level in this period from the rules that do not read level themselves (none when they find nothing)"
      )
    }
  }
}
