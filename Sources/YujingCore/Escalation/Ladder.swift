/// The ladder as a pure state machine (docs/rules.md#the-ladder): a case's state and one period's level give
/// the next state and the transition, if any. No database, no clock: a case's whole history is a
/// fold of this over its periods, so it comes out the same whatever order periods were evaluated in.
public struct Ladder: Sendable {
  public let settings: LadderSettings

  public init(settings: LadderSettings = LadderSettings()) { self.settings = settings }

  /// A case between periods: its stage and the runs that count toward the next one.
  public struct State: Sendable, Hashable {
    public var stage: Stage = .none
    /// Whether a case is open (a finding has been seen since the last close).
    public var isOpen = false
    /// Consecutive periods, the last one included, with a finding of at least blue / yellow / red,
    /// and with no finding at all.
    public var findingRun = 0
    public var yellowRun = 0
    public var redRun = 0
    public var cleanRun = 0

    public init() {}
  }

  /// What one period brings to a case: its level (none when back on target), or a break (no
  /// figure in the period, or under an exemption).
  public enum PeriodLevel: Sendable, Hashable {
    case level(Level)
    case breaks
  }

  public struct Transition: Sendable, Hashable {
    public var from: Stage
    public var to: Stage
    /// Why, in words a notice can use.
    public var reason: String
  }

  /// One period's step. At most one stage is climbed per period.
  public func step(_ state: State, _ input: PeriodLevel) -> (State, Transition?) {
    var next = state
    guard case .level(let level) = input else {
      next.findingRun = 0
      next.yellowRun = 0
      next.redRun = 0
      next.cleanRun = 0
      return (next, nil)
    }
    if level == .none {
      next.cleanRun += 1
      next.findingRun = 0
      next.yellowRun = 0
      next.redRun = 0
    } else {
      next.cleanRun = 0
      next.findingRun += 1
      next.yellowRun = level >= .yellow ? next.yellowRun + 1 : 0
      next.redRun = level == .red ? next.redRun + 1 : 0
      next.isOpen = true
    }
    guard next.isOpen else { return (next, nil) }
    if next.cleanRun >= settings.cleanPeriods {
      // Back on target: a case that reached a stage is lifted; one that never did closes silently.
      let from = next.stage
      next = State()
      guard from != .none else { return (next, nil) }
      return (next, Transition(from: from, to: .lifted, reason: "连续\(settings.cleanPeriods)期无预警"))
    }
    var transition: Transition?
    switch next.stage {
    case .none:
      if level == .red {
        transition = Transition(from: .none, to: .talkDeputy, reason: "红色预警")
      } else if level == .yellow || level == .orange {
        transition = Transition(from: .none, to: .reminder, reason: "\(level.chinese)预警")
      } else if next.findingRun >= settings.bluePeriods {
        transition = Transition(from: .none, to: .reminder, reason: "连续\(settings.bluePeriods)期预警")
      }
    case .reminder:
      if level == .red {
        transition = Transition(from: .reminder, to: .talkDeputy, reason: "红色预警")
      } else if next.yellowRun >= settings.yellowPeriods {
        transition = Transition(from: .reminder, to: .talkDeputy, reason: "连续\(settings.yellowPeriods)期黄色及以上预警")
      }
    case .talkDeputy:
      if next.redRun >= settings.redPeriods {
        transition = Transition(from: .talkDeputy, to: .talkMayor, reason: "连续\(settings.redPeriods)期红色预警")
      }
    case .talkMayor, .lifted:
      break
    }
    if let transition { next.stage = transition.to }
    return (next, transition)
  }

  /// The 整改 report of the notice that put the case at `stage` is overdue: climb one stage
  /// (docs/rules.md#the-ladder), unless the case has moved on, closed, or is at talk_mayor already.
  public func overdueReport(_ state: State, enteredAt stage: Stage) -> (State, Transition?) {
    guard state.isOpen, state.stage == stage, let next = stage.afterOverdueReport else { return (state, nil) }
    var moved = state
    moved.stage = next
    return (moved, Transition(from: stage, to: next, reason: "\(stage.chinese)后未按期报送整改报告"))
  }
}
