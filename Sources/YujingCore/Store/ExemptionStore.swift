import Foundation
import GRDB

extension Store {
  public func exemptions() throws -> [Exemption] {
    try writer.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM exemption ORDER BY id").map { row in
        Exemption(
          id: row["id"], region: row["region"], indicator: row["indicator"], project: row["project"],
          reason: row["reason"], createdBy: row["created_by"], from: Day(row["from_day"] as String)!,
          until: Day(row["until_day"] as String)!, expired: (row["expired_at"] as String?) != nil)
      }
    }
  }

  /// Adds an exemption and records it in the audit log.
  @discardableResult
  public func addExemption(_ exemption: Exemption, at instant: Date) throws -> Int64 {
    try writer.write { db in try Store.insertExemption(db, exemption, at: instant) }
  }

  static func insertExemption(_ db: Database, _ exemption: Exemption, at instant: Date) throws -> Int64 {
    try db.execute(
      sql: """
        INSERT INTO exemption (region, indicator, project, reason, created_by, created_at, from_day, until_day)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        exemption.region, exemption.indicator, exemption.project, exemption.reason, exemption.createdBy,
        Timestamp.string(instant), exemption.from.description, exemption.until.description,
      ])
    let id = db.lastInsertedRowID
    try Store.audit(
      db, actor: exemption.createdBy, action: "exemption add", object: "exemption \(id)",
      detail: "\(exemption.matcher), \(exemption.from)…\(exemption.until): \(exemption.reason)", at: instant)
    return id
  }

  /// Ends an exemption on `day`: periods ending after it are no longer covered; those before stay as
  /// they were evaluated.
  public func expireExemption(id: Int64, on day: Day, actor: String, at instant: Date) throws {
    try writer.write { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM exemption WHERE id = ?", arguments: [id]) else {
        throw NoticeActionError("there is no exemption \(id)")
      }
      guard (row["expired_at"] as String?) == nil else {
        throw NoticeActionError("exemption \(id) has already expired")
      }
      let until = min(Day(row["until_day"] as String)!, day)
      let from = Day(row["from_day"] as String)!
      try db.execute(
        sql: "UPDATE exemption SET expired_at = ?, until_day = ? WHERE id = ?",
        arguments: [Timestamp.string(instant), max(until, from).description, id])
      try Store.audit(
        db, actor: actor, action: "exemption expire", object: "exemption \(id)", detail: "until \(until)", at: instant)
    }
  }
}
