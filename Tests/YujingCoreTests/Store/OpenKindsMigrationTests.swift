import Foundation
import GRDB
import Testing

@testable import YujingCore

/// The migration that leaves notice kinds and webhook formats to the code rebuilds `notice` and
/// `webhook_target`, which other tables reference, carry indexes, and (notice) keep `notice_cc` in
/// step by triggers. It runs here on a database written by the schema before it.
@Suite struct OpenKindsMigrationTests {
  static let previous = "2026-12-05 configuration fingerprints"

  /// A database at the previous schema holding two notices (one correcting the other, one copied to
  /// two units), their events, a case that names them, a report, and a target with a delivery
  /// and an attempt.
  func databaseAtThePreviousSchema(_ path: String) throws {
    let pool = try DatabasePool(path: path)
    try Migrations.migrator.migrate(pool, upTo: Self.previous)
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO notice (id, kind, notice_key, number, addressee, cc, period, state, subjects, facts_hash, title,
            body, created_at, document_date)
          VALUES (7, 'talk', 'stage|丰城市人民政府|2020-05', '宜府办约谈〔2020〕1号', '丰城市人民政府', '["市工信局", "市统计局"]',
            '2020-05', 'sent', '[]', 'h1', '约谈通知书', '正文', '2020-06-12T09:00:00Z', '2020-06-12');
          INSERT INTO notice (id, kind, notice_key, addressee, period, state, corrects, subjects, facts_hash, title,
            body, created_at)
          VALUES (9, 'talk', 'stage|丰城市人民政府|2020-05', '丰城市人民政府', '2020-05', 'draft', 7, '[]', 'h2', '更正',
            '正文', '2020-06-13T09:00:00Z');
          INSERT INTO notice_event (notice_id, at, actor, to_state) VALUES (7, 't', 'yujing', 'draft');
          INSERT INTO notice_number (prefix, year, last) VALUES ('宜府办约谈', 2020, 1);
          INSERT INTO case_file (id, addressee, subject_kind, subject, opened_period, stage)
          VALUES (3, '丰城市人民政府', 'indicator', 'industry_va@360981', '2020-04', 'talk_deputy');
          INSERT INTO case_event (case_id, period, day, cause, from_stage, to_stage, reason, notice_id)
          VALUES (3, '2020-05', '2020-06-11', 'level', 'reminder', 'talk_deputy', '红色预警', 7);
          INSERT INTO feedback (notice_id, addressee, text, submitted_at, submitted_day, on_time)
          VALUES (7, '丰城市人民政府', '整改报告', 't', '2020-06-20', 1);
          INSERT INTO webhook_target (id, addressee, format, url, secret, content, receives_copies, per_minute, created_at)
          VALUES (5, '丰城市人民政府', 'dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=x', 'SECx', 'link', 1,
            20, 't');
          INSERT INTO delivery (id, webhook_id, notice_id, target_id, role, state, queued_at, queued_ms, next_attempt_ms,
            delivered_at)
          VALUES (11, 'msg_1', 7, 5, 'addressee', 'delivered', 't', 0, 0, 't');
          INSERT INTO delivery_attempt (delivery_id, target_id, started_at, started_ms, latency_ms, outcome, answer)
          VALUES (11, 5, 't', 0, 12, 'delivered', '{"errcode":0}');
          """)
    }
    try pool.close()
  }

  func schemaNames(_ db: Database, of table: String) throws -> [String] {
    try String.fetchAll(
      db, sql: "SELECT type || ' ' || name FROM sqlite_master WHERE tbl_name = ? ORDER BY type, name",
      arguments: [table])
  }

  @Test func rebuildingTheNoticeAndTargetTablesKeepsEveryRowReferenceIndexAndTrigger() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("previous.sqlite")
    try databaseAtThePreviousSchema(path)
    let before = try DatabaseQueue(path: path)
    let (noticeSchema, targetSchema, ccBefore) = try before.read { db in
      (
        try schemaNames(db, of: "notice"), try schemaNames(db, of: "webhook_target"),
        try String.fetchAll(db, sql: "SELECT addressee || '/' || notice_id FROM notice_cc ORDER BY 1")
      )
    }
    try before.close()
    #expect(ccBefore == ["市工信局/7", "市统计局/7"])

    let store = try Store(path: path)
    #expect(try store.appliedMigrations() == Migrations.migrator.migrations)
    try store.writer.read { (db: Database) throws in
      // The same indexes and triggers under the same names, and nothing left of the rebuild.
      #expect(try schemaNames(db, of: "notice") == noticeSchema)
      #expect(try schemaNames(db, of: "webhook_target") == targetSchema)
      #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name LIKE '%rebuilt%'") == 0)
      // Dropping the old table deleted nothing that references it.
      #expect(
        try String.fetchAll(db, sql: "SELECT addressee || '/' || notice_id FROM notice_cc ORDER BY 1") == ccBefore)
      for table in ["notice_event", "case_event", "feedback", "delivery", "delivery_attempt"] {
        #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") == 1, "\(table)")
      }
      #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
      #expect(
        try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'notice'")?.contains("IN ('reminder'")
          == false)
    }
    let talk = try #require(try store.notice(id: 7))
    #expect(talk.kind == .talk && talk.number == "宜府办约谈〔2020〕1号" && talk.copies == ["市工信局", "市统计局"])
    #expect(try store.notice(id: 9)?.corrects == 7)
    #expect(try store.webhookTargets().map(\.format) == [.dingtalk])

    // The rebuilt table's triggers keep notice_cc in step, and its foreign keys hold.
    try store.writer.write { (db: Database) throws in
      try db.execute(sql: "UPDATE notice SET cc = '[\"市发改委\"]' WHERE id = 9")
      #expect(
        try String.fetchAll(db, sql: "SELECT addressee FROM notice_cc WHERE notice_id = 9") == ["市发改委"])
      #expect(throws: DatabaseError.self) {
        try db.execute(sql: "UPDATE notice SET corrects = 999 WHERE id = 9")
      }
      // The delivery table, rebuilt again for decision events, still takes a notice once per target.
      #expect(throws: DatabaseError.self) {
        try db.execute(
          sql: """
            INSERT INTO delivery (webhook_id, notice_id, target_id, role, state, queued_at, queued_ms, next_attempt_ms)
            VALUES ('msg_2', 7, 5, 'addressee', 'pending', 't', 0, 0)
            """)
      }
    }
    let delivery = try #require(try store.delivery(id: 11))
    #expect(delivery.eventID == nil && delivery.carries == .notice(7) && delivery.state == .delivered)
  }

  @Test func aKindTheSchemaNoLongerListsIsRefusedByTheCodeWhenRead() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("previous.sqlite")
    try databaseAtThePreviousSchema(path)
    let store = try Store(path: path)
    try store.writer.write { (db: Database) throws in
      try db.execute(sql: "UPDATE notice SET kind = 'inspection' WHERE id = 9")
      try db.execute(sql: "UPDATE webhook_target SET format = 'slack' WHERE id = 5")
    }
    let error = #expect(throws: UnknownStoredValue.self) { try store.notice(id: 9) }
    #expect(throws: UnknownStoredValue.self) { try store.webhookTargets() }
    #expect(error?.description == "notice 9 has kind 'inspection', which this version of yujing does not know")
  }
}
