/// The measures of a major project in a period, at the last day of the period its report describes.
public enum ProjectMeasure: String, Measure {
  case annualPlan = "annual_plan"
  case completedYearToDate = "completed_ytd"
  case totalInvestment = "total_investment"
  case completion
  case timeProgress = "time_progress"
  case behind
  case status
  case started
  case registered
  case monthsSincePlannedStart = "months_since_planned_start"
  case monthsSinceStart = "months_since_start"
  case overdueDays = "overdue_days"
  case overdueMilestone = "overdue_milestone"

  public static let subjects = SubjectKind.projects

  public var type: ValueType { facts.type }
  public var meaning: String { facts.meaning }

  private var facts: (type: ValueType, meaning: String) {
    switch self {
    case .annualPlan: (.number, "年度计划投资, 亿元")
    case .completedYearToDate: (.number, "1–N月累计完成投资, 亿元")
    case .totalInvestment: (.number, "总投资, 亿元")
    case .completion: (.number, "completed_ytd ÷ annual_plan × 100, %, one decimal")
    case .timeProgress: (.number, "序时进度 of the period, %, one decimal")
    case .behind: (.number, "time_progress − completion, points")
    case .status: (.text, "前期, 在建, 停工 or 竣工")
    case .started: (.boolean, "the actual start is on or before the as-of date")
    case .registered: (.boolean, "registered in the statistics (入统) on or before the as-of date")
    case .monthsSincePlannedStart: (.number, "whole months from the planned start to the as-of date")
    case .monthsSinceStart: (.number, "whole months from the actual start to the as-of date")
    case .overdueDays:
      (.number, "days past due of the most overdue approval milestone not done at the as-of date (0 if none)")
    case .overdueMilestone: (.text, "the stage of that milestone (环评, 施工许可 …)")
    }
  }
}
