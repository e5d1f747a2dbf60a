/// The measures of a feed and a period (docs/rules.md#data-timeliness).
public enum FeedMeasure: String, Measure {
  case late
  case daysLate = "days_late"

  public static let subjects = SubjectKind.feeds

  public var type: ValueType { facts.type }
  public var meaning: String { facts.meaning }

  private var facts: (type: ValueType, meaning: String) {
    switch self {
    case .late: (.boolean, "no accepted row of the period by the end of its due day (moved to a working day)")
    case .daysLate: (.number, "working days past the due day")
    }
  }
}
