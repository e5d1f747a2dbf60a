/// A problem with what its light depends on besides its own fields: how often the office sent it
/// back, when the unit last reported, and when it asked to close it.
public struct ProblemStanding: Sendable, Hashable {
  public var problem: Problem
  public var returns: Int
  public var lastReport: Day?
  /// The day the unit asked to close it, while the office has not decided: its clock stops there.
  public var closeRequested: Day?
  /// The day it was finished (销号, or a file's 办结 or 销号 on the day it was imported).
  public var closedOn: Day?

  public init(
    problem: Problem, returns: Int = 0, lastReport: Day? = nil, closeRequested: Day? = nil, closedOn: Day? = nil
  ) {
    self.problem = problem
    self.returns = returns
    self.lastReport = lastReport
    self.closeRequested = closeRequested
    self.closedOn = closedOn
  }
}

/// A problem's light on a day (三色督办): the highest level the problem rules give it, with the rules
/// that gave it and the measures they read.
public struct ProblemLight: Sendable, Hashable {
  public var code: String
  public var level: Level
  public var rules: [Finding.RuleLevel]
  public var workingDaysLeft: Int?
  public var workingDaysOverdue: Int
  public var returns: Int
  public var daysWithoutReport: Int
}

/// Judges the lights of the 督办台账 with the rules about `problems` (thresholds/problems.yaml),
/// as the indicator rules judge a period: a pure function of the problems, the day and the
/// calendar (docs/ledger.md#lights).
public enum ProblemLights {
  public static func judge(
    _ standings: [ProblemStanding], on day: Day, ruleSet: RuleSet, calendar: WorkingCalendar
  ) throws(Diagnostic) -> [ProblemLight] {
    let period = Period(year: day.year, month: day.month)!
    let rules = ruleSet.rules(for: period).filter { $0.subjects == .problems }
    let measured = standings.map { measure($0, on: day, calendar: calendar) }
    let frame = build(period: period, standings: standings, measured: measured)
    let compiled = try rules.map { rule throws(Diagnostic) in try CompiledRule(rule, kind: .problems) }
      .sorted { $0.id < $1.id }
    let matchers = compiled.map { _ in { @Sendable (_: Int) -> Bool in true } }
    let levels = Evaluator.pass(compiled, Array(compiled.indices), frame: frame, matchers: matchers)
    return standings.indices.map { slot in
      var fired: [Finding.RuleLevel] = []
      for position in compiled.indices where levels[position][slot] != .none {
        fired.append(Finding.RuleLevel(rule: compiled[position].id, level: levels[position][slot]))
      }
      let measures = measured[slot]
      return ProblemLight(
        code: standings[slot].problem.code, level: fired.map(\.level).max() ?? .none, rules: fired,
        workingDaysLeft: measures.left, workingDaysOverdue: measures.overdue, returns: standings[slot].returns,
        daysWithoutReport: measures.withoutReport)
    }
  }

  struct Measured {
    var open: Bool
    var left: Int?
    var overdue: Int
    var withoutReport: Int
  }

  /// The measures on `day`, or on the day the unit asked to close it if that came first.
  static func measure(_ standing: ProblemStanding, on day: Day, calendar: WorkingCalendar) -> Measured {
    let problem = standing.problem
    let asOf = standing.closeRequested.map { min($0, day) } ?? day
    let due = problem.due
    let overdue = asOf > due ? calendar.workingDays(after: due, through: asOf) : 0
    // Until a working day has passed the deadline (a Friday's deadline, judged on Saturday) the
    // problem is still due, not overdue: 0 working days left.
    let left = overdue > 0 ? nil : calendar.workingDays(after: asOf, through: due)
    let since = max(standing.lastReport ?? problem.assigned, problem.assigned)
    return Measured(
      open: problem.state.isOpen && problem.assigned <= day, left: left, overdue: overdue,
      withoutReport: max(0, asOf.ordinal - since.ordinal))
  }

  static func build(period: Period, standings: [ProblemStanding], measured: [Measured]) -> Frame {
    var frame = FrameColumns<ProblemMeasure>(slotCount: standings.count)
    let left = NumberColumn(ProblemMeasure.workingDaysLeft)
    let overdue = NumberColumn(ProblemMeasure.workingDaysOverdue)
    let returns = NumberColumn(ProblemMeasure.returns)
    let withoutReport = NumberColumn(ProblemMeasure.daysWithoutReport)
    let coordination = TextColumn(ProblemMeasure.coordination)
    for (slot, standing) in standings.enumerated() where measured[slot].open {
      let measures = measured[slot]
      frame.hasData[slot] = true
      if let days = measures.left { frame[left][slot] = Int64(days) * Fixed.scale }
      frame[overdue][slot] = Int64(measures.overdue) * Fixed.scale
      frame[returns][slot] = Int64(standing.returns) * Fixed.scale
      frame[withoutReport][slot] = Int64(measures.withoutReport) * Fixed.scale
      frame[coordination][slot] = standing.problem.level.rawValue
    }
    return Frame(period: period, columns: frame)
  }
}
