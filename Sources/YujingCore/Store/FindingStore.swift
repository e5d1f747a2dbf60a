import Foundation
import GRDB

/// An evaluation as stored: the period, the as-of date, the rule set and the findings' hash.
public struct EvaluationRecord: Sendable, Hashable {
  public var id: Int64
  public var period: Period
  public var asOf: Day
  public var ruleSetHash: String
  public var findingsHash: String
}

extension Store {
  /// Stores an evaluation of a period with its findings, unless the period's latest evaluation
  /// already has the same findings under the same rule set: evaluating the same data again writes
  /// nothing (docs/architecture.md#the-data-path). Returns the new record, or nil when nothing was written.
  @discardableResult
  public func recordEvaluation(
    period: Period, asOf: Day, ruleSetHash: String, findings: [Finding], at instant: Date
  ) throws -> EvaluationRecord? {
    try writer.write { db in
      try Store.recordEvaluation(
        db, period: period, asOf: asOf, ruleSetHash: ruleSetHash, findings: findings, at: instant)
    }
  }

  static func recordEvaluation(
    _ db: Database, period: Period, asOf: Day, ruleSetHash: String, findings: [Finding], at instant: Date
  ) throws -> EvaluationRecord? {
    let findingsHash = Store.hash(FindingsJSON.document(period: period, findings: findings))
    if let latest = try latestEvaluation(db, period: period), latest.findingsHash == findingsHash,
      latest.ruleSetHash == ruleSetHash
    {
      return nil
    }
    try db.execute(
      sql: """
        INSERT INTO evaluation (period, as_of, rule_set_hash, evaluated_at, findings_hash) VALUES (?, ?, ?, ?, ?)
        """,
      arguments: [period.description, asOf.description, ruleSetHash, Timestamp.string(instant), findingsHash])
    let id = db.lastInsertedRowID
    let insert = try db.cachedStatement(
      sql: """
        INSERT INTO finding (evaluation_id, subject_kind, subject, level, rules, exempted, evidence)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
    for finding in findings {
      let rules =
        "["
        + finding.rules.map { "{\"rule\": \(FindingsJSON.string($0.rule)), \"level\": \"\($0.level.name)\"}" }
        .joined(separator: ", ") + "]"
      try insert.execute(arguments: [
        id, finding.subject.kind, finding.subject.key, finding.level.name, rules, finding.exempted,
        FindingsJSON.values(finding),
      ])
    }
    return EvaluationRecord(id: id, period: period, asOf: asOf, ruleSetHash: ruleSetHash, findingsHash: findingsHash)
  }

  public func latestEvaluation(period: Period) throws -> EvaluationRecord? {
    try writer.read { db in try Store.latestEvaluation(db, period: period) }
  }

  static func latestEvaluation(_ db: Database, period: Period) throws -> EvaluationRecord? {
    try Row.fetchOne(
      db, sql: "SELECT * FROM evaluation WHERE period = ? ORDER BY id DESC LIMIT 1", arguments: [period.description]
    ).map { row in
      EvaluationRecord(
        id: row["id"], period: period, asOf: Day(row["as_of"] as String) ?? Day(year: 1970, month: 1, day: 1)!,
        ruleSetHash: row["rule_set_hash"], findingsHash: row["findings_hash"])
    }
  }

  /// The findings of a period's latest evaluation.
  public func currentFindings(period: Period) throws -> [Finding] {
    try writer.read { db in
      guard let latest = try Store.latestEvaluation(db, period: period) else { return [] }
      return try Row.fetchAll(
        db, sql: "SELECT * FROM finding WHERE evaluation_id = ? ORDER BY subject_kind, subject", arguments: [latest.id]
      ).compactMap { row in
        guard let subject = Subject(kind: row["subject_kind"], key: row["subject"]),
          let level = Level(name: row["level"])
        else { return nil }
        let rules = Store.ruleLevels(row["rules"])
        return Finding(
          subject: subject, period: period, level: level, rules: rules, exempted: row["exempted"],
          values: Store.evidence(row["evidence"]))
      }.sorted { $0.subject < $1.subject }
    }
  }

  static func ruleLevels(_ json: String) -> [Finding.RuleLevel] {
    guard case .array(let items)? = try? JSONParser.parse(Array(json.utf8)).value else { return [] }
    return items.compactMap { item in
      guard case .string(let rule)? = item["rule"]?.value, case .string(let name)? = item["level"]?.value,
        let level = Level(name: name)
      else { return nil }
      return Finding.RuleLevel(rule: rule, level: level)
    }
  }

  static func evidence(_ json: String) -> Evidence {
    guard case .object(let members)? = try? JSONParser.parse(Array(json.utf8)).value else { return Evidence() }
    var values: [String: MeasureValue] = [:]
    for member in members {
      switch member.value.value {
      case .number(let literal): if let figure = try? Fixed(parsing: literal) { values[member.key] = .number(figure) }
      case .bool(let flag): values[member.key] = .boolean(flag)
      case .string(let text): values[member.key] = .text(text)
      default: break
      }
    }
    return Evidence(values)
  }

  static func hash(_ text: String) -> String { ContentHash.hex(text) }
}
