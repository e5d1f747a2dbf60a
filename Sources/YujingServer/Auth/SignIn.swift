import Foundation
import YujingCore

/// Signing in (DESIGN §7.2), the same for the form and the API: at most `maximumFailures` wrong
/// passwords per account within `window`, after which the account is refused without its
/// password being tried until the window has passed; a new session (new token, new CSRF token) at
/// every success; every success and failure in the audit log.
struct SignIn: Sendable {
  let store: Store
  let cookies: SessionCookies
  static let maximumFailures = 5
  static let window: TimeInterval = 15 * 60

  enum Outcome {
    case signedIn(token: String, session: SessionRecord)
    case refused
    case limited
  }

  func attempt(name: String, password: String, now: Date = Date()) async throws -> Outcome {
    let name = name.trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty, name.count <= 64 else { return .refused }
    if try store.recentLoginFailures(name: name, since: now.addingTimeInterval(-Self.window)) >= Self.maximumFailures {
      try store.recordLogin(name: name, succeeded: false, detail: "refused: too many failures", at: now)
      return .limited
    }
    let found = try store.accountForLogin(name: name)
    let verified = await Passwords.verify(password, hash: found?.passwordHash ?? Passwords.decoy)
    guard let found, verified else {
      try store.recordLogin(
        name: name, succeeded: false, detail: found == nil ? "no such user" : "wrong password", at: now)
      return .refused
    }
    let token = SessionCookies.randomToken()
    let csrf = SessionCookies.randomToken()
    let expires = now.addingTimeInterval(cookies.lifetime)
    try store.createSession(
      accountID: found.account.id, tokenHash: SessionCookies.hash(token), csrfToken: csrf, at: now, expiresAt: expires)
    try store.recordLogin(name: found.account.name, succeeded: true, detail: nil, at: now)
    return .signedIn(token: token, session: SessionRecord(account: found.account, csrfToken: csrf, expiresAt: expires))
  }
}
