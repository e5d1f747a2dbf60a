import Foundation

/// Sends the outbox (docs/operate.md#delivery): every due delivery, each target's in order and one at a time
/// (robots count per target), targets side by side. A delivery is marked delivered only after
/// the receiver said so; a crash before that leaves it pending, and it goes again under the same
/// `webhook-id` — at least once, never lost.
public struct DispatchWorker: Sendable {
  public struct Round: Sendable, Hashable {
    public var delivered = 0
    public var retrying = 0
    public var dead = 0
    /// Held back by a target's rate limit, not attempted.
    public var postponed = 0
    public var attempted: Int { delivered + retrying + dead }
  }

  let workspace: Workspace
  let transport: any WebhookTransport
  let clock: @Sendable () -> Date
  /// A number in 0..<1 per retry; injected so that tests know the schedule exactly.
  let jitter: @Sendable () -> Double
  let targetsAtOnce: Int

  public init(
    workspace: Workspace, transport: any WebhookTransport, clock: @escaping @Sendable () -> Date,
    jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, targetsAtOnce: Int = 8
  ) {
    self.workspace = workspace
    self.transport = transport
    self.clock = clock
    self.jitter = jitter
    self.targetsAtOnce = max(1, targetsAtOnce)
  }

  var settings: Configuration.DispatchSettings { workspace.configuration.dispatch }

  /// One pass over what is due now.
  public func runDue() async throws -> Round {
    let due = try workspace.store.dueDeliveries(now: clock())
    guard !due.isEmpty else { return Round() }
    var byTarget: [Int64: [DueDelivery]] = [:]
    for item in due { byTarget[item.target.id, default: []].append(item) }
    let groups = byTarget.keys.sorted().map { byTarget[$0]! }
    let messages = try self.messages(for: due.map(\.delivery))
    var total = Round()
    var next = 0
    try await withThrowingTaskGroup(of: Round.self) { group in
      func startNext() {
        guard next < groups.count else { return }
        let deliveries = groups[next]
        next += 1
        group.addTask { try await self.send(deliveries, messages: messages) }
      }
      for _ in 0..<min(targetsAtOnce, groups.count) { startNext() }
      while let round = try await group.next() {
        total.delivered += round.delivered
        total.retrying += round.retrying
        total.dead += round.dead
        total.postponed += round.postponed
        startNext()
      }
    }
    return total
  }

  /// Rounds until nothing is due now (what `yujing deliveries send` does; the daemon sleeps
  /// until the next delivery falls due instead).
  public func runUntilNothingIsDue(maximumRounds: Int = 1000) async throws -> Round {
    var total = Round()
    for _ in 0..<maximumRounds {
      let round = try await runDue()
      total.delivered += round.delivered
      total.retrying += round.retrying
      total.dead += round.dead
      total.postponed += round.postponed
      if round.attempted == 0 { break }
    }
    return total
  }

  /// Each notice's and each decision's message, made once for all its targets; one whose notice
  /// is gone has none.
  private func messages(for deliveries: [DeliveryRecord]) throws -> [DeliveryRecord.Carries: any OutgoingMessage] {
    let store = workspace.store
    var evidence: [Period: [Subject: Evidence]] = [:]
    var messages: [DeliveryRecord.Carries: any OutgoingMessage] = [:]
    var notices: [Int64: NoticeRecord] = [:]
    func notice(_ id: Int64) throws -> NoticeRecord? {
      if let known = notices[id] { return known }
      notices[id] = try store.notice(id: id)
      return notices[id]
    }
    for id in Set(deliveries.filter { $0.eventID == nil }.map(\.noticeID)).sorted() {
      guard let notice = try notice(id) else { continue }
      if evidence[notice.period] == nil {
        evidence[notice.period] = Dictionary(
          try store.currentFindings(period: notice.period).map { ($0.subject, $0.values) }
        ) { first, _ in first }
      }
      messages[.notice(id)] = WebhookMessage(
        notice: notice, configuration: workspace.configuration, evidence: evidence[notice.period] ?? [:])
    }
    for event in try store.decisionEvents(ids: Set(deliveries.compactMap(\.eventID))) {
      guard let notice = try notice(event.noticeID) else { continue }
      messages[.event(event.id)] = DecisionMessage(event: event, notice: notice, configuration: workspace.configuration)
    }
    return messages
  }

  /// One target's due deliveries, in order, within its rate.
  private func send(_ deliveries: [DueDelivery], messages: [DeliveryRecord.Carries: any OutgoingMessage]) async throws
    -> Round
  {
    var round = Round()
    for (index, item) in deliveries.enumerated() {
      let now = clock()
      let perMinute =
        item.target.format.isRobot ? min(item.target.perMinute, settings.robotPerMinute) : item.target.perMinute
      let window = try workspace.store.attemptTimes(target: item.target.id, since: now.addingTimeInterval(-60))
      if window.count >= perMinute {
        // Full: the rest wait until the oldest attempt leaves the window (queued, not failed).
        let free = window[window.count - perMinute].addingTimeInterval(60)
        for waiting in deliveries[index...] {
          try workspace.store.postponeDelivery(id: waiting.delivery.id, until: free)
        }
        round.postponed += deliveries.count - index
        break
      }
      switch try await attempt(item, message: messages[item.delivery.carries]) {
      case .delivered: round.delivered += 1
      case .retry: round.retrying += 1
      case .permanent: round.dead += 1
      }
    }
    return round
  }

  private func attempt(_ item: DueDelivery, message: (any OutgoingMessage)?) async throws -> DeliveryOutcome {
    let store = workspace.store
    let started = clock()
    let request: WebhookRequest
    do {
      guard let message else { throw NoticeActionError("notice \(item.delivery.noticeID) is gone") }
      request = try message.request(to: item.target, webhookID: item.delivery.webhookID, at: started)
    } catch {
      // A message that cannot be made (a malformed secret) will not be made by trying again.
      let outcome = DeliveryOutcome.permanent(reason: "\(error)")
      try store.recordAttempt(
        DeliveryAttempt(
          deliveryID: item.delivery.id, startedAt: started, latencyMilliseconds: 0, httpStatus: nil,
          outcome: outcome.name, answer: "\(error)"),
        targetID: item.target.id, outcome: outcome, retryAt: nil, now: started)
      return outcome
    }
    let answer = await transport.send(request, timeout: TimeInterval(settings.timeoutSeconds))
    let finished = clock()
    let outcome = DeliveryClassifier.classify(answer, format: item.target.format, now: finished)
    var retryAt: Date?
    if case .retry(_, let after) = outcome {
      retryAt = RetrySchedule(giveUpAfter: TimeInterval(settings.giveUpAfterHours * 3600)).next(
        after: item.delivery.attempts + 1, firstQueued: item.delivery.queuedAt, now: finished, retryAfter: after,
        jitter: jitter())
    }
    // A failure that may not be tried again any more is the delivery's end: the log says so.
    var settled = outcome
    if case .retry(let reason, _) = outcome, retryAt == nil {
      settled = .permanent(
        reason: "given up after \(settings.giveUpAfterHours) h of failures (dispatch.give_up_after_hours): \(reason)")
    }
    let latency = max(0, Int((finished.timeIntervalSince(started) * 1000).rounded()))
    let (status, text): (Int?, String) =
      switch answer {
      case .answered(let status, _, let body): (status, String(decoding: body.prefix(2048), as: UTF8.self))
      case .failed(let reason): (nil, reason)
      }
    try store.recordAttempt(
      DeliveryAttempt(
        deliveryID: item.delivery.id, startedAt: started, latencyMilliseconds: latency, httpStatus: status,
        outcome: settled.name, answer: text),
      targetID: item.target.id, outcome: settled, retryAt: retryAt, now: finished)
    return settled
  }
}
