import Foundation
import GRDB

/// A notice as stored (docs/architecture.md#words): its facts, its text, and where it stands.
public struct NoticeRecord: Sendable, Hashable {
  public enum State: String, Sendable, Hashable, CaseIterable {
    case draft, approved, sent, acknowledged, closed, rejected, superseded
  }

  public var id: Int64
  public var kind: NoticeKind
  public var key: String
  public var number: String?
  public var addressee: String
  public var copies: [String]
  public var period: Period
  public var state: State
  public var corrects: Int64?
  public var subjects: [StoredNoticeSubject]
  /// Each subject's facts, hashed (subject notation → hash).
  public var subjectFacts: [String: String]
  public var factsHash: String
  public var title: String
  public var body: String
  public var holder: String?
  public var createdAt: Date
  /// 成文日期, fixed at approval.
  public var documentDate: Day?
  /// The 整改 report's deadline, fixed at approval.
  public var reportDue: Day?
  public var talkAt: String?
  public var place: String?
}

/// One subject of a stored notice, as `notices list --format json` shows it.
public struct StoredNoticeSubject: Sendable, Hashable {
  public var subject: Subject
  public var stage: Stage?
  public var level: Level?
}

/// A new notice, as escalation drafts it.
public struct NoticeDraft: Sendable {
  public let intent: NoticeIntent
  public var title: String
  public var body: String
  public var holder: String?
  public var corrects: Int64?
  /// What the notice states about each subject, hashed (subject notation → hash).
  public let subjectFacts: [String: String]
  /// All the notice states, hashed: the same facts make the same hash, whatever the wording.
  public let factsHash: String

  public init(intent: NoticeIntent, title: String, body: String, holder: String?, corrects: Int64? = nil) {
    self.intent = intent
    self.title = title
    self.body = body
    self.holder = holder
    self.corrects = corrects
    // Hashed once here: the store reads both for every notice it writes.
    let facts = Dictionary(intent.subjects.map { ($0.subject.notation, $0.factsHash) }) { first, _ in first }
    subjectFacts = facts
    factsHash = Store.hash(facts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";"))
  }
}

/// A row holds a value of a closed set that this build of yujing does not know (a database
/// written by a newer version, or edited by hand).
public struct UnknownStoredValue: Error, Sendable, CustomStringConvertible {
  public var table: String
  public var id: Int64
  public var column: String
  public var value: String

  public var description: String {
    "\(table) \(id) has \(column) '\(value)', which this version of yujing does not know"
  }
}

/// Why an action outside a notice's review is refused (an exemption, a delivery, a target), in
/// words the operator can act on. The review's own refusals are `NoticeRefusal`s.
public struct NoticeActionError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

extension Store {
  // MARK: - Reading

  public func notice(id: Int64) throws -> NoticeRecord? {
    try writer.read { db in try Store.notice(db, id: id) }
  }

  static func notice(_ db: Database, id: Int64) throws -> NoticeRecord? {
    try Row.fetchOne(db, sql: "SELECT * FROM notice WHERE id = ?", arguments: [id]).map(Store.noticeRecord)
  }

  /// `WHERE a = ? AND b = ?` over the columns given a value, with those values; empty when none is.
  static func equalityFilter(_ columns: [(String, (any DatabaseValueConvertible)?)]) -> (String, StatementArguments) {
    let given = columns.compactMap { column, value in value.map { (column, $0) } }
    guard !given.isEmpty else { return ("", []) }
    return (
      "WHERE " + given.map { "\($0.0) = ?" }.joined(separator: " AND "), StatementArguments(given.map(\.1))
    )
  }

  /// Notices filtered as `notices list` filters them, sorted by id.
  public func notices(
    period: Period? = nil, kind: NoticeKind? = nil, state: NoticeRecord.State? = nil, addressee: String? = nil
  ) throws -> [NoticeRecord] {
    let (filter, arguments) = Store.equalityFilter([
      ("period", period?.description), ("kind", kind?.rawValue), ("state", state?.rawValue), ("addressee", addressee),
    ])
    return try writer.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM notice \(filter) ORDER BY id", arguments: arguments)
        .map(Store.noticeRecord)
    }
  }

  static func latestNotice(_ db: Database, key: String) throws -> NoticeRecord? {
    try Row.fetchOne(
      db, sql: "SELECT * FROM notice WHERE notice_key = ? AND state != 'superseded' ORDER BY id DESC LIMIT 1",
      arguments: [key]
    ).map(Store.noticeRecord)
  }

  /// The history of a notice: every change with who, when and why.
  public func noticeHistory(id: Int64) throws -> [(at: String, actor: String, from: String?, to: String, note: String?)]
  {
    try writer.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM notice_event WHERE notice_id = ? ORDER BY id", arguments: [id]).map {
        ($0["at"], $0["actor"], $0["from_state"], $0["to_state"], $0["note"])
      }
    }
  }

  /// A notice as read from its row. The schema leaves the kind to `NoticeKind` (a new kind needs
  /// no migration), so a kind this build does not know is refused here, not read as another.
  static func noticeRecord(_ row: Row) throws -> NoticeRecord {
    guard let kind = NoticeKind(rawValue: row["kind"]) else {
      throw UnknownStoredValue(table: "notice", id: row["id"], column: "kind", value: row["kind"])
    }
    return NoticeRecord(
      id: row["id"], kind: kind, key: row["notice_key"],
      number: row["number"],
      addressee: row["addressee"], copies: NoticeFacts.strings(row["cc"]), period: Period(row["period"] as String)!,
      state: NoticeRecord.State(rawValue: row["state"]) ?? .draft, corrects: row["corrects"],
      subjects: NoticeFacts.subjects(row["subjects"]), subjectFacts: NoticeFacts.map(row["subject_facts"]),
      factsHash: row["facts_hash"], title: row["title"],
      body: row["body"], holder: row["holder"], createdAt: Timestamp.date(row["created_at"]) ?? .distantPast,
      documentDate: (row["document_date"] as String?).flatMap { Day($0) },
      reportDue: (row["report_due"] as String?).flatMap { Day($0) }, talkAt: row["talk_at"], place: row["place"])
  }

  // MARK: - Writing

  static func insertNotice(_ db: Database, _ draft: NoticeDraft, at instant: Date, note: String) throws -> Int64 {
    let intent = draft.intent
    // Cached statements: an evaluation writes thousands of notices in one transaction.
    try db.cachedStatement(
      sql: """
        INSERT INTO notice (kind, notice_key, addressee, cc, period, state, corrects, subjects, subject_facts, facts_hash,
          title, body, holder, created_at)
        VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(
      arguments: [
        intent.kind.rawValue, intent.key.description, intent.addressee, NoticeFacts.stringsJSON(intent.copies),
        intent.period.description, draft.corrects, NoticeFacts.json(intent), NoticeFacts.mapJSON(draft.subjectFacts),
        draft.factsHash, draft.title, draft.body, draft.holder, Timestamp.string(instant),
      ])
    let id = db.lastInsertedRowID
    try recordNoticeEvent(db, id, from: nil, to: .draft, actor: "yujing", at: instant, note: note)
    return id
  }

  static func setNoticeState(
    _ db: Database, _ id: Int64, from: NoticeRecord.State, to: NoticeRecord.State, actor: String, at instant: Date,
    note: String?
  ) throws {
    try db.cachedStatement(sql: "UPDATE notice SET state = ? WHERE id = ?").execute(arguments: [to.rawValue, id])
    try recordNoticeEvent(db, id, from: from, to: to, actor: actor, at: instant, note: note)
  }

  static func recordNoticeEvent(
    _ db: Database, _ id: Int64, from: NoticeRecord.State?, to: NoticeRecord.State, actor: String, at instant: Date,
    note: String?
  ) throws {
    try db.cachedStatement(
      sql: "INSERT INTO notice_event (notice_id, at, actor, from_state, to_state, note) VALUES (?, ?, ?, ?, ?, ?)"
    ).execute(arguments: [id, Timestamp.string(instant), actor, from?.rawValue, to.rawValue, note])
  }

  static func audit(_ db: Database, actor: String, action: String, object: String?, detail: String?, at instant: Date)
    throws
  {
    try db.execute(
      sql: "INSERT INTO audit_log (at, actor, action, object, detail) VALUES (?, ?, ?, ?, ?)",
      arguments: [Timestamp.string(instant), actor, action, object, detail])
  }

  /// The audit log, newest first.
  public func auditLog(limit: Int = 200) throws -> [(
    at: String, actor: String, action: String, object: String?, detail: String?
  )] {
    try writer.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
        ($0["at"], $0["actor"], $0["action"], $0["object"], $0["detail"])
      }
    }
  }

  /// The 整改 reports of a notice.
  public func feedback(noticeID: Int64) throws -> [(text: String, day: Day, onTime: Bool)] {
    try writer.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM feedback WHERE notice_id = ? ORDER BY id", arguments: [noticeID]).map {
        ($0["text"], Day($0["submitted_day"] as String)!, $0["on_time"])
      }
    }
  }
}

/// The facts of a notice as JSON: stored with it, hashed to tell a revision from a repeat, and the
/// `subjects` of `notices list --format json`.
enum NoticeFacts {
  static func json(_ intent: NoticeIntent) -> String {
    var out = JSONBytes()
    out.raw("[")
    for (position, subject) in intent.subjects.enumerated() {
      if position > 0 { out.raw(", ") }
      out.raw("{\"subject\": ")
      FindingsJSON.subject(subject.subject, to: &out)
      out.raw(", \"stage\": ")
      if let stage = subject.stage { out.string(stage.rawValue) } else { out.raw("null") }
      out.raw(", \"level\": ")
      if let level = subject.level, level != .none { out.string(level.name) } else { out.raw("null") }
      out.raw(", \"rules\": [")
      for (index, rule) in subject.rules.enumerated() {
        if index > 0 { out.raw(", ") }
        out.string(rule)
      }
      out.raw("], \"reason\": ")
      out.string(subject.reason)
      out.raw(", \"values\": ")
      FindingsJSON.evidence(subject.values, kind: subject.subject.subjectKind, to: &out)
      out.raw("}")
    }
    out.raw("]")
    return out.text
  }

  static func subjects(_ json: String) -> [StoredNoticeSubject] {
    guard case .array(let items)? = try? JSONParser.parse(Array(json.utf8)).value else { return [] }
    return items.compactMap { item in
      guard let subjectNode = item["subject"], case .string(let kind)? = subjectNode["kind"]?.value else { return nil }
      let subject: Subject?
      switch kind {
      case "indicator":
        guard case .string(let indicator)? = subjectNode["indicator"]?.value,
          case .string(let region)? = subjectNode["region"]?.value
        else { return nil }
        subject = .indicator(indicator: indicator, region: region)
      case "project":
        guard case .string(let code)? = subjectNode["project"]?.value else { return nil }
        subject = .project(code)
      default:
        guard case .string(let name)? = subjectNode["feed"]?.value else { return nil }
        subject = .feed(name)
      }
      guard let subject else { return nil }
      var stage: Stage?
      if case .string(let text)? = item["stage"]?.value { stage = Stage(rawValue: text) }
      var level: Level?
      if case .string(let text)? = item["level"]?.value { level = Level(name: text) }
      return StoredNoticeSubject(subject: subject, stage: stage, level: level)
    }
  }

  static func mapJSON(_ map: [String: String]) -> String {
    "{"
      + map.sorted { $0.key < $1.key }.map { "\(FindingsJSON.string($0.key)): \(FindingsJSON.string($0.value))" }
      .joined(separator: ", ") + "}"
  }

  static func map(_ json: String) -> [String: String] {
    guard case .object(let members)? = try? JSONParser.parse(Array(json.utf8)).value else { return [:] }
    var result: [String: String] = [:]
    for member in members {
      if case .string(let text) = member.value.value { result[member.key] = text }
    }
    return result
  }

  static func stringsJSON(_ strings: [String]) -> String {
    "[" + strings.map(FindingsJSON.string).joined(separator: ", ") + "]"
  }

  static func strings(_ json: String) -> [String] {
    guard case .array(let items)? = try? JSONParser.parse(Array(json.utf8)).value else { return [] }
    return items.compactMap { item in
      guard case .string(let text) = item.value else { return nil }
      return text
    }
  }
}

extension Subject {
  var subjectKind: SubjectKind {
    switch self {
    case .indicator: .indicators
    case .project: .projects
    case .feed: .feeds
    }
  }
}
