import Foundation
import YujingCore

/// Signing in, the same for the form and the API: at most `maximumFailures` wrong passwords per
/// account within `window`, after which the account is refused without its password being tried
/// until the window has passed since the last wrong password; the limits per address and over all
/// addresses of `SignInThrottle`; a new session (new token, new CSRF token) at every success.
/// Only a wrong password counts as a failure: a refused attempt is not one, or anyone could keep an
/// account locked for ever by asking for it every few minutes. Every success, failure and refusal
/// is in the audit log.
struct SignIn: Sendable {
  let store: Store
  let cookies: SessionCookies
  let throttle: SignInThrottle
  let clock: @Sendable () -> Date
  static let maximumFailures = 5
  static let window: TimeInterval = 15 * 60

  enum Outcome {
    case signedIn(token: String, session: SessionRecord)
    case refused
    /// Not tried: too many wrong passwords for the account, or from the address.
    case limited(Limit)
  }

  enum Limit {
    case account, address, busy

    /// Seconds to wait, for `Retry-After`.
    var retryAfter: Int { self == .busy ? 1 : Int(SignIn.window) }

    var message: String {
      switch self {
      case .account: "too many failed sign-ins for this account: wait \(Int(SignIn.window / 60)) minutes"
      case .address: "too many failed sign-ins from this address: wait \(Int(SignIn.window / 60)) minutes"
      case .busy: "a sign-in from this address is being checked: try again in a moment"
      }
    }

    var chinese: String {
      switch self {
      case .account: "该账户连续登录失败次数过多，请 \(Int(SignIn.window / 60)) 分钟后再试。"
      case .address: "本机登录失败次数过多，请 \(Int(SignIn.window / 60)) 分钟后再试。"
      case .busy: "本机的登录请求正在核验，请稍后再试。"
      }
    }
  }

  func attempt(name: String, password: String, address: String) async throws -> Outcome {
    let now = clock()
    let name = name.trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty, name.count <= 64, password.utf8.count <= 1024 else { return .refused }
    if let refusal = throttle.begin(address: address, now: now) {
      let limit: Limit = refusal == .busy ? .busy : .address
      try store.recordRefusedLogin(name: name, detail: "refused from \(address): \(limit.message)", at: now)
      return .limited(limit)
    }
    var wrongPassword = false
    defer { throttle.end(address: address, wrongPassword: wrongPassword, now: now) }
    if try store.recentLoginFailures(name: name, since: now.addingTimeInterval(-Self.window)) >= Self.maximumFailures {
      try store.recordRefusedLogin(name: name, detail: "refused from \(address): \(Limit.account.message)", at: now)
      return .limited(.account)
    }
    let found = try store.accountForLogin(name: name)
    let verified = await Passwords.verify(password, hash: found?.passwordHash ?? Passwords.decoy)
    guard let found, verified else {
      wrongPassword = true
      try store.recordLogin(
        name: name, succeeded: false,
        detail: (found == nil ? "no such user" : "wrong password") + " from \(address)", at: now)
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
