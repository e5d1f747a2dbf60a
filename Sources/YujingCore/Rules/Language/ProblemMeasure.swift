/// The measures of a problem of the 督办台账 on the day its light is judged (docs/ledger.md#lights).
public enum ProblemMeasure: String, Measure {
  case workingDaysLeft = "working_days_left"
  case workingDaysOverdue = "working_days_overdue"
  case returns
  case daysWithoutReport = "days_without_report"
  case coordination

  public static let subjects = SubjectKind.problems

  public var type: ValueType { facts.type }
  public var meaning: String { facts.meaning }

  private var facts: (type: ValueType, meaning: String) {
    switch self {
    case .workingDaysLeft:
      (
        .number,
        "working days after the day up to and including the deadline (0 on it; none once a working day past it)"
      )
    case .workingDaysOverdue: (.number, "working days past the deadline (0 until it has passed)")
    case .returns: (.number, "times the office sent its closing back (退回)")
    case .daysWithoutReport: (.number, "days since the last progress report, or since it was assigned")
    case .coordination: (.text, "county, city or province")
    }
  }
}
