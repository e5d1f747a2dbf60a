/// What one review action changes, as `NoticeLifecycle` decides it: the notice after, the line of
/// its history and of the audit log, the number drawn, and whether deliveries are queued. The
/// store applies all of it in one transaction.
public struct NoticeChange: Sendable {
  public struct Event: Sendable, Hashable {
    public var note: String?
  }

  /// A step of the chain taken: the store records it with the time.
  public struct Step: Sendable, Hashable {
    public var step: ApprovalStep
    public var decision: StepRecord.Decision
    public var account: Account
    public var opinion: String?
  }

  public struct Audit: Sendable, Hashable {
    public var action: ReviewAction
    public var detail: String?
  }

  public var before: NoticeRecord
  public var after: NoticeRecord
  /// The line of the notice's history (from `before.state` to `after.state`).
  public var event: Event
  public var audit: Audit
  public var actor: String
  /// The number drawn: the series' counter becomes `last`.
  public var numbered: (series: NoticeLifecycle.NumberSeries, last: Int)?
  /// The notice leaves the office: its outbox rows are written with it.
  public var enqueuesDeliveries: Bool
  /// The step of the chain this change takes, if any.
  public var step: Step?

  init(
    before: NoticeRecord, after: NoticeRecord, event: Event, audit: Audit, actor: String,
    numbered: (series: NoticeLifecycle.NumberSeries, last: Int)? = nil, enqueuesDeliveries: Bool = false,
    step: Step? = nil
  ) {
    self.before = before
    self.after = after
    self.event = event
    self.audit = audit
    self.actor = actor
    self.numbered = numbered
    self.enqueuesDeliveries = enqueuesDeliveries
    self.step = step
  }
}
