/// The office's decision on a 整改 report (docs/review.md, docs/rules.md#the-ladder), as a pure
/// function: accept it (the notice is 办结) or send it back (退回) with a reason and the day it is
/// due again.
///
///     submitted ──accept──▶ accepted        (the notice: closed, 办结)
///         └──────return──▶ returned         (due again by resubmitDue; a new report starts over)
public enum ReportReview {
  public enum State: String, Sendable, Hashable, CaseIterable {
    case submitted, accepted, returned

    public var chinese: String {
      switch self {
      case .submitted: "待审核"
      case .accepted: "已通过（办结）"
      case .returned: "已退回"
      }
    }
  }

  public enum Decision: Sendable, Hashable {
    case accept(comment: String?)
    case sendBack(reason: String, due: Day?)

    public var name: String {
      switch self {
      case .accept: "accept"
      case .sendBack: "return"
      }
    }
  }

  public enum Refusal: Error, Sendable, Hashable {
    case noSuchReport
    case alreadyDecided(State)
    case emptyReason
    case dueBeforeDay(due: Day, day: Day)
  }

  public struct Outcome: Sendable, Hashable {
    public var state: State
    /// For a return: the day the report is due again.
    public var resubmitDue: Day?
    /// The reason or the comment, as the history keeps it.
    public var note: String?
  }

  public static func decide(
    _ decision: Decision, state: State, on day: Day, calendar: WorkingCalendar, returnedWorkingDays: Int
  ) -> Result<Outcome, Refusal> {
    guard state == .submitted else { return .failure(.alreadyDecided(state)) }
    switch decision {
    case .accept(let comment):
      return .success(Outcome(state: .accepted, resubmitDue: nil, note: comment))
    case .sendBack(let reason, let due):
      guard !reason.trimmingSpaces.isEmpty else { return .failure(.emptyReason) }
      let resubmit = due ?? calendar.adding(workingDays: returnedWorkingDays, to: day)
      guard resubmit > day else { return .failure(.dueBeforeDay(due: resubmit, day: day)) }
      return .success(Outcome(state: .returned, resubmitDue: resubmit, note: reason))
    }
  }

  /// The day a notice's report is due: the notice's own deadline, or the latest day a return
  /// named.
  public static func due(notice: Day?, returns: [Day]) -> Day? {
    returns.max() ?? notice
  }
}

extension ReportReview.Refusal: CustomStringConvertible {
  public var description: String {
    switch self {
    case .noSuchReport: "there is no such report"
    case .alreadyDecided(let state): "the report is already \(state.rawValue): only a submitted report is decided"
    case .emptyReason: "give the reason for sending the report back (--reason TEXT)"
    case .dueBeforeDay(let due, let day): "the new deadline \(due) is not after the day of the return (\(day))"
    }
  }
}
