/// The 督办台账 counted on a day, for the dispatch summary and `yujing problems report`
/// (docs/ledger.md#in-the-dispatch-summary): how many problems at each level, how many finished and
/// how many on time, and the lights of those still open. Pure: standings and lights in.
public struct LedgerSummary: Sendable {
  public struct Row: Sendable {
    public var standing: ProblemStanding
    public var light: ProblemLight
  }

  public var asOf: Day
  /// Every problem assigned by the day, in code order.
  public var rows: [Row]
  public var byLevel: [CoordinationLevel: Int]
  /// 已办结: 办结 or 销号.
  public var finished: Int
  /// 应办结: finished, or past its deadline.
  public var owed: Int
  /// 按期办结: finished on or before its deadline.
  public var finishedOnTime: Int
  public var lights: [Level: Int]

  public var total: Int { rows.count }
  public var open: Int { total - finished }
  /// 办结率: finished ÷ assigned, %, one decimal.
  public var finishedRate: Fixed? { Self.rate(finished, of: total) }
  /// 按期办结率: finished on time ÷ owed, %, one decimal.
  public var onTimeRate: Fixed? { Self.rate(finishedOnTime, of: owed) }

  /// The open problems with a light, red first, then by code.
  public var lit: [Row] {
    rows.filter { $0.light.level != .none }.sorted {
      ($0.light.level, $1.standing.problem.code) > ($1.light.level, $0.standing.problem.code)
    }
  }

  public init(standings: [ProblemStanding], lights: [ProblemLight], on day: Day) {
    asOf = day
    rows = zip(standings, lights).filter { $0.0.problem.assigned <= day }.map { Row(standing: $0.0, light: $0.1) }
      .sorted { $0.standing.problem.code < $1.standing.problem.code }
    byLevel = Dictionary(grouping: rows, by: \.standing.problem.level).mapValues(\.count)
    let done = rows.filter { !$0.standing.problem.state.isOpen }
    finished = done.count
    finishedOnTime = done.filter { row in (row.standing.closedOn ?? day) <= row.standing.problem.due }.count
    owed = finished + rows.filter { $0.standing.problem.state.isOpen && $0.standing.problem.due < day }.count
    self.lights = Dictionary(grouping: rows.filter { $0.light.level != .none }, by: \.light.level).mapValues(\.count)
  }

  static func rate(_ part: Int, of whole: Int) -> Fixed? {
    Fixed.percentage(Fixed(units: Int64(part) * Fixed.scale), of: Fixed(units: Int64(whole) * Fixed.scale))
  }
}

extension Level {
  /// A problem's light as the office says it: 红灯, 黄灯, 蓝灯.
  public var lightName: String {
    switch self {
    case .none: "—"
    case .blue: "蓝灯"
    case .yellow: "黄灯"
    case .orange: "橙灯"
    case .red: "红灯"
    }
  }
}
