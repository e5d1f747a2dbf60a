import Foundation
import GRDB

/// A signed-in session as stored: the account, and the CSRF token that every state-changing
/// request of the session must carry.
public struct SessionRecord: Sendable, Hashable {
  public var account: Account
  public var csrfToken: String
  public var expiresAt: Date

  public init(account: Account, csrfToken: String, expiresAt: Date) {
    self.account = account
    self.csrfToken = csrfToken
    self.expiresAt = expiresAt
  }
}

extension Store {
  // MARK: - Accounts

  /// Adds an account; the password arrives already hashed. Names are unique, case-insensitively.
  @discardableResult
  public func addAccount(
    name: String, role: Role, addressee: String?, leader: String? = nil, passwordHash: String, actor: String,
    at instant: Date
  ) throws -> Account {
    let name = name.trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty, name.count <= 64, !name.contains(where: { $0.isNewline }) else {
      throw AccountError("a user name is 1 to 64 characters on one line")
    }
    guard (role == .department) == (addressee != nil) else {
      throw AccountError(
        role == .department
          ? "a department account speaks for one addressee: give --addressee"
          : "only a department account has an addressee")
    }
    guard (role == .signer) == (leader != nil) else {
      throw AccountError(
        role == .signer
          ? "a signer signs for a leader of the configuration's leaders: give --leader"
          : "only a signer account signs for a leader")
    }
    return try writer.write { db in
      if try Int.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ? COLLATE NOCASE", arguments: [name]) != nil {
        throw AccountError("there is already a user named \(name)")
      }
      try db.execute(
        sql: """
          INSERT INTO account (name, role, addressee, leader, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)
          """,
        arguments: [name, role.rawValue, addressee, leader, passwordHash, Timestamp.string(instant)])
      // Taken before the audit's own insert, which would answer its row's id.
      let id = db.lastInsertedRowID
      try Store.audit(
        db, actor: actor, action: "user-add", object: "user \(name)",
        detail: role.rawValue + ((addressee ?? leader).map { " for \($0)" } ?? ""), at: instant)
      return Account(
        id: id, name: name, role: role, addressee: addressee, leader: leader, createdAt: instant)
    }
  }

  /// Replaces a password and ends every session of the account.
  public func setPassword(name: String, passwordHash: String, actor: String, at instant: Date) throws {
    try writer.write { db in
      guard
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ? COLLATE NOCASE", arguments: [name])
      else { throw AccountError("there is no user named \(name)") }
      try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [passwordHash, id])
      try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [id])
      try Store.audit(db, actor: actor, action: "user-passwd", object: "user \(name)", detail: nil, at: instant)
    }
  }

  /// The account of a name, for the command line's `--as`.
  public func account(named name: String) throws -> Account? {
    try writer.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ? COLLATE NOCASE", arguments: [name]).map(
        Store.account)
    }
  }

  public func accounts() throws -> [Account] {
    try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY name").map(Store.account) }
  }

  /// The account of a name, with its password hash, for signing in.
  public func accountForLogin(name: String) throws -> (account: Account, passwordHash: String)? {
    try writer.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ? COLLATE NOCASE", arguments: [name]).map {
        (Store.account($0), $0["password_hash"])
      }
    }
  }

  static func account(_ row: Row) -> Account {
    Account(
      id: row["id"], name: row["name"], role: Role(rawValue: row["role"]) ?? .department, addressee: row["addressee"],
      leader: row["leader"], createdAt: Timestamp.date(row["created_at"]) ?? .distantPast)
  }

  // MARK: - Sessions

  /// Starts a session. Only the token's hash is stored, so a copy of the database signs no one in.
  public func createSession(accountID: Int64, tokenHash: String, csrfToken: String, at instant: Date, expiresAt: Date)
    throws
  {
    try writer.write { db in
      try db.execute(
        sql: "INSERT INTO session (token_hash, account_id, csrf_token, created_at, expires_ms) VALUES (?, ?, ?, ?, ?)",
        arguments: [
          tokenHash, accountID, csrfToken, Timestamp.string(instant), Store.milliseconds(expiresAt),
        ])
      // Expired sessions go as new ones come: the table never grows without bound.
      try db.execute(sql: "DELETE FROM session WHERE expires_ms <= ?", arguments: [Store.milliseconds(instant)])
    }
  }

  public func session(tokenHash: String, now: Date) throws -> SessionRecord? {
    try writer.read { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT account.*, session.csrf_token, session.expires_ms FROM session
            JOIN account ON account.id = session.account_id
            WHERE session.token_hash = ? AND session.expires_ms > ?
            """, arguments: [tokenHash, Store.milliseconds(now)])
      else { return nil }
      return SessionRecord(
        account: Store.account(row), csrfToken: row["csrf_token"],
        expiresAt: Store.date(milliseconds: row["expires_ms"]))
    }
  }

  public func endSession(tokenHash: String) throws {
    try writer.write { db in try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [tokenHash]) }
  }

  // MARK: - Sign-in attempts

  /// Records a sign-in attempt, and in the audit log a success or a failure (docs/operate.md#who-may-do-what).
  public func recordLogin(name: String, succeeded: Bool, detail: String?, at instant: Date) throws {
    try writer.write { db in
      try db.execute(
        sql: "INSERT INTO login_attempt (name, at_ms, succeeded) VALUES (lower(?), ?, ?)",
        arguments: [name, Store.milliseconds(instant), succeeded])
      // Attempts under made-up names would otherwise pile up; a day covers every window counted.
      try db.execute(
        sql: "DELETE FROM login_attempt WHERE at_ms < ?",
        arguments: [Store.milliseconds(instant.addingTimeInterval(-86_400))])
      try Store.audit(
        db, actor: name, action: succeeded ? "login" : "login-failed", object: "user \(name)", detail: detail,
        at: instant)
    }
  }

  /// A sign-in refused without its password being tried (a limit was reached): in the audit log
  /// only, since it is no failure and must not prolong the limit.
  public func recordRefusedLogin(name: String, detail: String, at instant: Date) throws {
    try writer.write { db in
      try Store.audit(db, actor: name, action: "login-refused", object: "user \(name)", detail: detail, at: instant)
    }
  }

  /// Failed sign-ins of a name since `since` and since its last success: what the rate limit counts.
  public func recentLoginFailures(name: String, since: Date) throws -> Int {
    try writer.read { db in
      try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM login_attempt
          WHERE name = lower(?) AND succeeded = 0 AND at_ms >= ?
            AND at_ms > coalesce((SELECT max(at_ms) FROM login_attempt WHERE name = lower(?) AND succeeded = 1), 0)
          """, arguments: [name, Store.milliseconds(since), name]) ?? 0
    }
  }
}
