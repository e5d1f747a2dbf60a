import Foundation
import GRDB
import Testing

@testable import YujingCore

/// The migration that adds signers rebuilds `account`, which sessions reference; it runs here on a
/// database written by the schema before it.
@Suite struct SignerMigrationTests {
  static let previous = "2026-12-05 notice kinds and webhook formats left to the code"

  @Test func accountsAndTheirSessionsSurviveTheRebuildAndASignerNeedsItsLeader() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("previous.sqlite")
    let pool = try DatabasePool(path: path)
    try Migrations.migrator.migrate(pool, upTo: Self.previous)
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO account (id, name, role, addressee, password_hash, created_at)
          VALUES (4, 'rev', 'reviewer', NULL, 'h', 't'), (6, 'fengcheng', 'department', '丰城市人民政府', 'h', 't');
          INSERT INTO session (token_hash, account_id, csrf_token, created_at, expires_ms)
          VALUES ('s1', 6, 'c', 't', 9999999999999);
          """)
    }
    try pool.close()

    let store = try Store(path: path)
    let accounts = try store.accounts()
    #expect(accounts.map(\.name) == ["fengcheng", "rev"] && accounts.map(\.id) == [6, 4])
    #expect(accounts.first?.addressee == "丰城市人民政府" && accounts.allSatisfy { $0.leader == nil })
    let owner = try store.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT account_id FROM session WHERE token_hash = 's1'")
    }
    #expect(owner == 6)
    try store.writer.read { db in try db.checkForeignKeys() }
    // The schema itself refuses a signer without a leader, and a leader on anyone else.
    #expect(throws: DatabaseError.self) {
      try store.writer.write { db in
        try db.execute(
          sql: "INSERT INTO account (name, role, password_hash, created_at) VALUES ('x', 'signer', 'h', 't')")
      }
    }
    #expect(throws: DatabaseError.self) {
      try store.writer.write { db in
        try db.execute(
          sql: """
            INSERT INTO account (name, role, leader, password_hash, created_at) VALUES ('y', 'reviewer', '李××', 'h', 't')
            """)
      }
    }
    let signer = try store.addAccount(
      name: "lead", role: .signer, addressee: nil, leader: "李××", passwordHash: "h", actor: "test", at: fixedNow)
    let found = try #require(try store.account(named: "LEAD"))
    #expect(found.id == signer.id && found.role == .signer && found.leader == "李××", "\(found) \(signer)")
    #expect(throws: AccountError.self) {
      try store.addAccount(name: "lead2", role: .signer, addressee: nil, passwordHash: "h", actor: "test", at: fixedNow)
    }
  }
}
