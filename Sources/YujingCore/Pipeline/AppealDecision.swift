import Foundation

/// The office's decision on an appeal, composed with what follows a grant (docs/review.md): the
/// subjects set aside for the notice's period, then the period evaluated again as of its latest
/// evaluation, so that the cases are recomputed and a withdrawal or correction of the notice is
/// drafted for the office to review and issue like any notice.
public struct AppealDecision: Sendable {
  public let workspace: Workspace
  public let thresholds: Thresholds
  public let clock: @Sendable () -> Date

  public init(workspace: Workspace, thresholds: Thresholds, clock: @escaping @Sendable () -> Date) {
    self.workspace = workspace
    self.thresholds = thresholds
    self.clock = clock
  }

  public struct Outcome: Sendable {
    public var appeal: StoredAppeal
    /// For a grant: the notices the re-evaluation drafted, superseded or corrected.
    public var notices = NoticeChanges()
  }

  public func decide(_ id: Int64, _ decision: AppealReview.Decision, actor: String) throws -> Outcome {
    let store = workspace.store
    let appeal = try store.decideAppeal(id: id, decision, actor: actor, at: clock())
    guard appeal.state == .granted else { return Outcome(appeal: appeal) }
    let today = Day.today(clock, in: workspace.configuration.city.timeZone)
    let asOf = try store.latestEvaluation(period: appeal.period)?.asOf ?? today
    let evaluation = PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: clock)
    let outcome = try evaluation.run(period: appeal.period, asOf: asOf, dryRun: false)
    return Outcome(appeal: appeal, notices: outcome.notices)
  }
}
