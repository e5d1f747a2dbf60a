import Foundation
import GRDB

/// A delivery of one notice, or of a decision on its report or appeal, to one target, with where
/// it stands (docs/operate.md#delivery).
public struct DeliveryRecord: Sendable, Hashable {
  public enum State: String, Sendable, Hashable, CaseIterable {
    case pending, delivered, dead, cancelled
  }

  public var id: Int64
  /// The Standard Webhooks id: the same on every attempt, so a receiver can drop duplicates.
  public var webhookID: String
  public var noticeID: Int64
  /// The decision event it carries (`DecisionEvent`), nil when it carries the notice itself.
  public var eventID: Int64?
  public var eventKind: DecisionEvent.Kind?
  public var targetID: Int64
  /// `addressee` or `copy` (the target receives the notice as 抄送).
  public var role: String
  public var state: State
  public var attempts: Int
  public var queuedAt: Date
  public var nextAttempt: Date
  public var deliveredAt: Date?
  public var lastError: String?

  /// What a delivery carries: a notice, or a decision event about one.
  public enum Carries: Sendable, Hashable {
    case notice(Int64)
    case event(Int64)
  }

  public var carries: Carries { eventID.map(Carries.event) ?? .notice(noticeID) }
}

/// One attempt of a delivery, as the log shows it.
public struct DeliveryAttempt: Sendable, Hashable {
  public var deliveryID: Int64
  public var startedAt: Date
  public var latencyMilliseconds: Int
  public var httpStatus: Int?
  public var outcome: String
  /// The receiver's answer or the transport's error, cut to `DeliveryAttempt.answerLimit`.
  public var answer: String

  public static let answerLimit = 500
}

/// What the worker needs to send a due delivery.
public struct DueDelivery: Sendable {
  public var delivery: DeliveryRecord
  public var target: WebhookTarget
}

extension Store {
  // MARK: Targets

  public func addWebhookTarget(
    addressee: String, format: WebhookTarget.Format, url: URL, secret: String?, content: WebhookTarget.Content,
    receivesCopies: Bool, perMinute: Int, actor: String, at instant: Date
  ) throws -> WebhookTarget {
    try writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO webhook_target (addressee, format, url, secret, content, receives_copies, per_minute, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          addressee, format.rawValue, url.absoluteString, secret, content.rawValue, receivesCopies, perMinute,
          Timestamp.string(instant),
        ])
      let target = WebhookTarget(
        id: db.lastInsertedRowID, addressee: addressee, format: format, url: url, secret: secret, content: content,
        receivesCopies: receivesCopies, perMinute: perMinute)
      // The audit names the target by its masked URL: the log never holds a credential.
      try Store.audit(
        db, actor: actor, action: "webhook-add", object: "webhook \(target.id)",
        detail: "\(addressee) \(format.rawValue) \(target.maskedURL)", at: instant)
      return target
    }
  }

  public func webhookTargets(includingRemoved: Bool = false) throws -> [WebhookTarget] {
    try writer.read { db in
      try Store.webhookTargets(db, sql: includingRemoved ? "" : "WHERE removed_at IS NULL")
    }
  }

  static func webhookTargets(_ db: Database, sql clause: String, arguments: StatementArguments = []) throws
    -> [WebhookTarget]
  {
    try Row.fetchAll(db, sql: "SELECT * FROM webhook_target \(clause) ORDER BY id", arguments: arguments).compactMap {
      row in
      // The schema leaves the format to `WebhookTarget.Format`: one this build does not know is refused.
      guard let format = WebhookTarget.Format(rawValue: row["format"]) else {
        throw UnknownStoredValue(table: "webhook_target", id: row["id"], column: "format", value: row["format"])
      }
      guard let content = WebhookTarget.Content(rawValue: row["content"]), let url = URL(string: row["url"])
      else { return nil }
      return WebhookTarget(
        id: row["id"], addressee: row["addressee"], format: format, url: url, secret: row["secret"], content: content,
        receivesCopies: row["receives_copies"], perMinute: row["per_minute"])
    }
  }

  /// Removes a target; its pending deliveries are cancelled (they would have nowhere to go).
  /// Returns how many were cancelled.
  @discardableResult
  public func removeWebhookTarget(id: Int64, actor: String, at instant: Date) throws -> Int {
    try writer.write { db in
      guard
        try Bool.fetchOne(
          db, sql: "SELECT removed_at IS NULL FROM webhook_target WHERE id = ?", arguments: [id]) == true
      else { throw NoticeActionError("there is no webhook target \(id) (see yujing webhooks list)") }
      try db.execute(
        sql: "UPDATE webhook_target SET removed_at = ? WHERE id = ?", arguments: [Timestamp.string(instant), id])
      try db.execute(
        sql: """
          UPDATE delivery SET state = 'cancelled', last_error = 'the target was removed'
          WHERE target_id = ? AND state = 'pending'
          """,
        arguments: [id])
      let cancelled = db.changesCount
      try Store.audit(
        db, actor: actor, action: "webhook-remove", object: "webhook \(id)", detail: "\(cancelled) pending cancelled",
        at: instant)
      return cancelled
    }
  }

  // MARK: The outbox

  /// Called inside an approval's transaction: one delivery per target of the addressee, and per
  /// target that receives the copies of a 抄送 unit.
  static func enqueueDeliveries(_ db: Database, notice: NoticeRecord, at instant: Date) throws {
    let targets = try webhookTargets(db, sql: "WHERE removed_at IS NULL")
    let milliseconds = Store.milliseconds(instant)
    for target in targets {
      let role: String
      if target.addressee == notice.addressee {
        role = "addressee"
      } else if target.receivesCopies && notice.copies.contains(target.addressee) {
        role = "copy"
      } else {
        continue
      }
      try db.execute(
        sql: """
          INSERT INTO delivery (webhook_id, notice_id, target_id, role, state, queued_at, queued_ms, next_attempt_ms)
          VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)
          """,
        arguments: [
          Store.newWebhookID(), notice.id, target.id, role, Timestamp.string(instant), milliseconds, milliseconds,
        ])
    }
  }

  /// `msg_` and 128 random bits, as Standard Webhooks ids look.
  static func newWebhookID() -> String {
    "msg_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
  }

  static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
  static func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

  /// Pending deliveries due by `now`, oldest first, with their targets.
  public func dueDeliveries(now: Date, limit: Int = 500) throws -> [DueDelivery] {
    try writer.read { db in
      let rows = try Row.fetchAll(
        db,
        sql: Store.deliverySelect + """
           WHERE delivery.state = 'pending' AND delivery.next_attempt_ms <= ?
          ORDER BY delivery.next_attempt_ms, delivery.id LIMIT ?
          """,
        arguments: [Store.milliseconds(now), limit])
      let targets = Dictionary(
        uniqueKeysWithValues: try Store.webhookTargets(db, sql: "").map { ($0.id, $0) })
      return try rows.compactMap { row in
        let delivery = try Store.deliveryRecord(row)
        return targets[delivery.targetID].map { DueDelivery(delivery: delivery, target: $0) }
      }
    }
  }

  /// When the earliest pending delivery falls due, if any: the worker sleeps until then.
  public func nextDeliveryDue() throws -> Date? {
    try writer.read { db in
      try Int64.fetchOne(db, sql: "SELECT min(next_attempt_ms) FROM delivery WHERE state = 'pending'")
        .map(Store.date(milliseconds:))
    }
  }

  /// Attempts sent to a target since `since`: the rate limit's window.
  public func attemptTimes(target: Int64, since: Date) throws -> [Date] {
    try writer.read { db in
      try Int64.fetchAll(
        db, sql: "SELECT started_ms FROM delivery_attempt WHERE target_id = ? AND started_ms >= ? ORDER BY started_ms",
        arguments: [target, Store.milliseconds(since)]
      ).map(Store.date(milliseconds:))
    }
  }

  /// Moves a due delivery later without an attempt (the target's rate limit is full).
  public func postponeDelivery(id: Int64, until: Date) throws {
    try writer.write { db in
      try db.execute(
        sql: "UPDATE delivery SET next_attempt_ms = ? WHERE id = ? AND state = 'pending'",
        arguments: [Store.milliseconds(until), id])
    }
  }

  /// Records an attempt and its consequence in one transaction: delivered, again at `retryAt`, or
  /// dead (`retryAt` nil on a failure). A notice whose deliveries have all arrived becomes `sent`.
  public func recordAttempt(
    _ attempt: DeliveryAttempt, targetID: Int64, outcome: DeliveryOutcome, retryAt: Date?, now: Date
  ) throws {
    try writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO delivery_attempt
            (delivery_id, target_id, started_at, started_ms, latency_ms, http_status, outcome, answer)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          attempt.deliveryID, targetID, Timestamp.string(attempt.startedAt), Store.milliseconds(attempt.startedAt),
          attempt.latencyMilliseconds, attempt.httpStatus, attempt.outcome,
          String(attempt.answer.prefix(DeliveryAttempt.answerLimit)),
        ])
      switch outcome {
      case .delivered:
        try db.execute(
          sql: """
            UPDATE delivery SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL
            WHERE id = ? AND state = 'pending'
            """,
          arguments: [Timestamp.string(now), attempt.deliveryID])
        try Store.markSentWhenDelivered(db, delivery: attempt.deliveryID, at: now)
      case .retry(let reason, _), .permanent(let reason):
        if let retryAt, case .retry = outcome {
          try db.execute(
            sql: """
              UPDATE delivery SET attempts = attempts + 1, next_attempt_ms = ?, last_error = ?
              WHERE id = ? AND state = 'pending'
              """,
            arguments: [Store.milliseconds(retryAt), reason, attempt.deliveryID])
        } else {
          try db.execute(
            sql: """
              UPDATE delivery SET state = 'dead', attempts = attempts + 1, last_error = ?
              WHERE id = ? AND state = 'pending'
              """,
            arguments: [reason, attempt.deliveryID])
        }
      }
    }
  }

  static func markSentWhenDelivered(_ db: Database, delivery: Int64, at instant: Date) throws {
    guard
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT n.id, n.state,
            (SELECT count(*) FROM delivery d
              WHERE d.notice_id = n.id AND d.event_id IS NULL AND d.state != 'delivered') AS open
          FROM notice n WHERE n.id = (SELECT notice_id FROM delivery WHERE id = ? AND event_id IS NULL)
          """,
        arguments: [delivery])
    else { return }
    let open: Int = row["open"]
    let state: String = row["state"]
    guard open == 0, state == NoticeRecord.State.approved.rawValue else { return }
    try setNoticeState(
      db, row["id"], from: .approved, to: .sent, actor: "dispatch", at: instant, note: "delivered to every target")
  }

  // MARK: The log

  public func deliveries(state: DeliveryRecord.State? = nil, notice: Int64? = nil) throws -> [DeliveryRecord] {
    let (filter, arguments) = Store.equalityFilter([
      ("delivery.state", state?.rawValue), ("delivery.notice_id", notice),
    ])
    return try writer.read { db in
      try Row.fetchAll(db, sql: Store.deliverySelect + " \(filter) ORDER BY delivery.id", arguments: arguments)
        .map(Store.deliveryRecord)
    }
  }

  public func delivery(id: Int64) throws -> DeliveryRecord? {
    try writer.read { db in
      try Row.fetchOne(db, sql: Store.deliverySelect + " WHERE delivery.id = ?", arguments: [id])
        .map(Store.deliveryRecord)
    }
  }

  public func deliveryAttempts(delivery: Int64) throws -> [DeliveryAttempt] {
    try writer.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM delivery_attempt WHERE delivery_id = ? ORDER BY id", arguments: [delivery]
      ).map { row in
        DeliveryAttempt(
          deliveryID: row["delivery_id"], startedAt: Store.date(milliseconds: row["started_ms"]),
          latencyMilliseconds: row["latency_ms"], httpStatus: row["http_status"], outcome: row["outcome"],
          answer: row["answer"])
      }
    }
  }

  /// Puts a dead or cancelled delivery back in the queue, due now, under its webhook id; the
  /// give-up time counts from now.
  public func resendDelivery(id: Int64, actor: String, at instant: Date) throws {
    try writer.write { db in
      guard let row = try Row.fetchOne(db, sql: Store.deliverySelect + " WHERE delivery.id = ?", arguments: [id])
      else { throw NoticeActionError("there is no delivery \(id) (see yujing deliveries list)") }
      let delivery = try Store.deliveryRecord(row)
      guard delivery.state == .dead || delivery.state == .cancelled else {
        throw NoticeActionError("delivery \(id) is \(delivery.state.rawValue): only a dead or cancelled one is resent")
      }
      guard
        try Bool.fetchOne(
          db, sql: "SELECT removed_at IS NULL FROM webhook_target WHERE id = ?", arguments: [delivery.targetID])
          == true
      else { throw NoticeActionError("delivery \(id)'s target was removed: add the target again, then resend") }
      let now = Store.milliseconds(instant)
      try db.execute(
        sql: "UPDATE delivery SET state = 'pending', queued_ms = ?, next_attempt_ms = ? WHERE id = ?",
        arguments: [now, now, id])
      try Store.audit(
        db, actor: actor, action: "delivery-resend", object: "delivery \(id)", detail: delivery.webhookID, at: instant)
    }
  }

  /// A delivery with the type of the decision event it carries, if any.
  static let deliverySelect = """
    SELECT delivery.*, decision_event.type AS event_type
    FROM delivery LEFT JOIN decision_event ON decision_event.id = delivery.event_id
    """

  static func deliveryRecord(_ row: Row) throws -> DeliveryRecord {
    let eventType: String? = row["event_type"]
    let eventKind = try eventType.map { type in
      guard let kind = DecisionEvent.Kind(rawValue: type) else {
        throw UnknownStoredValue(table: "decision_event", id: row["event_id"], column: "type", value: type)
      }
      return kind
    }
    return DeliveryRecord(
      id: row["id"], webhookID: row["webhook_id"], noticeID: row["notice_id"], eventID: row["event_id"],
      eventKind: eventKind, targetID: row["target_id"],
      role: row["role"], state: DeliveryRecord.State(rawValue: row["state"]) ?? .pending, attempts: row["attempts"],
      queuedAt: Store.date(milliseconds: row["queued_ms"]),
      nextAttempt: Store.date(milliseconds: row["next_attempt_ms"]),
      deliveredAt: (row["delivered_at"] as String?).flatMap(Timestamp.date), lastError: row["last_error"])
  }
}
