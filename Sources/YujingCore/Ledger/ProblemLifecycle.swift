/// What may happen to a problem and what it changes (docs/ledger.md#states), as a pure function:
/// the store loads the problem, asks here, and writes the answer in one transaction.
public enum ProblemLifecycle {
  public enum Action: Sendable, Hashable {
    /// The unit reports progress (进展情况).
    case progress(text: String)
    /// The unit asks to close the problem (申请办结).
    case requestClose(text: String)
    /// The office accepts it and strikes it off (办结, 销号).
    case close(comment: String?)
    /// The office sends the closing back with a reason and a new deadline (退回).
    case sendBack(reason: String, due: Day?)

    public var name: String {
      switch self {
      case .progress: "progress"
      case .requestClose: "request_close"
      case .close: "close"
      case .sendBack: "return"
      }
    }
  }

  /// Why an action was refused; each reader phrases it in its own words.
  public enum Refusal: Error, Sendable, Hashable {
    case alreadyClosed(ProblemState)
    case notAwaitingDecision(ProblemState)
    case emptyText
    case dueBeforeDay(due: Day, day: Day)
  }

  public struct Change: Sendable, Hashable {
    public var state: ProblemState
    public var due: Day
    public var returns: Int
    public var lastReport: Day?
    public var closeRequested: Day?
    public var closedOn: Day?
    /// The event's text: the report, the reason or the comment.
    public var text: String?
  }

  /// How many working days a unit has to resubmit after a return, when the office names no date.
  public static let returnedWorkingDays = 3

  public static func apply(
    _ action: Action, to standing: ProblemStanding, on day: Day, calendar: WorkingCalendar
  ) -> Result<Change, Refusal> {
    let problem = standing.problem
    var change = Change(
      state: problem.state, due: problem.due, returns: standing.returns, lastReport: standing.lastReport,
      closeRequested: standing.closeRequested, closedOn: nil, text: nil)
    guard problem.state.isOpen else { return .failure(.alreadyClosed(problem.state)) }
    switch action {
    case .progress(let text):
      guard !text.trimmingSpaces.isEmpty else { return .failure(.emptyText) }
      if problem.state != .closeRequested { change.state = .inProgress }
      change.lastReport = day
      change.text = text
    case .requestClose(let text):
      guard !text.trimmingSpaces.isEmpty else { return .failure(.emptyText) }
      change.state = .closeRequested
      change.lastReport = day
      change.closeRequested = day
      change.text = text
    case .close(let comment):
      change.state = .closed
      change.closeRequested = nil
      change.closedOn = day
      change.text = comment
    case .sendBack(let reason, let due):
      guard problem.state == .closeRequested else { return .failure(.notAwaitingDecision(problem.state)) }
      guard !reason.trimmingSpaces.isEmpty else { return .failure(.emptyText) }
      let newDue = due ?? calendar.adding(workingDays: returnedWorkingDays, to: day)
      guard newDue >= day else { return .failure(.dueBeforeDay(due: newDue, day: day)) }
      change.state = .returned
      change.due = newDue
      change.returns += 1
      change.closeRequested = nil
      change.text = reason
    }
    return .success(change)
  }
}

extension ProblemLifecycle.Refusal: CustomStringConvertible {
  /// In the operator's words (the command line); the web pages phrase it in Chinese.
  public var description: String {
    switch self {
    case .alreadyClosed(let state):
      "the problem is already \(state.rawValue) (\(state)); a closed problem takes no more steps"
    case .notAwaitingDecision(let state):
      "the problem is \(state.rawValue), not 申请办结: only a request to close can be sent back"
    case .emptyText: "give the text (the report, or the reason)"
    case .dueBeforeDay(let due, let day): "the new deadline \(due) is before the day of the return (\(day))"
    }
  }
}
