import Crypto
import Foundation
import Hummingbird
import YujingCore

/// Session cookies (docs/operate.md#who-may-do-what): a random token per sign-in (a new one at every sign-in, so a
/// token planted before it is worthless), HttpOnly and SameSite=Strict, Secure when the office
/// serves yujing over HTTPS; the database keeps only the token's hash.
public struct SessionCookies: Sendable {
  public static let name = "yujing_session"
  public let secure: Bool
  public let lifetime: TimeInterval

  public init(secure: Bool, lifetime: TimeInterval = 12 * 3600) {
    self.secure = secure
    self.lifetime = lifetime
  }

  public static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  public static func hash(_ token: String) -> String {
    SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  func setCookie(_ token: String) -> String {
    "\(Self.name)=\(token); Path=/; Max-Age=\(Int(lifetime)); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
  }

  func clearCookie() -> String {
    "\(Self.name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
  }

  /// The session token of a request's Cookie header, if any.
  static func token(in request: Request) -> String? {
    for header in request.headers[values: .cookie] {
      for pair in header.split(separator: ";") {
        let trimmed = pair.drop { $0 == " " }
        if trimmed.hasPrefix(Self.name + "=") {
          let value = trimmed.dropFirst(Self.name.count + 1)
          return value.isEmpty ? nil : String(value)
        }
      }
    }
    return nil
  }
}

/// Finds the request's session, if its cookie names a live one.
struct SessionMiddleware: RouterMiddleware {
  typealias Context = WebContext
  let store: @Sendable () -> Store
  let clock: @Sendable () -> Date

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
    async throws -> Response
  {
    var context = context
    if let token = SessionCookies.token(in: request) {
      let hash = SessionCookies.hash(token)
      if let session = try store().session(tokenHash: hash, now: clock()) {
        context.session = session
        context.sessionTokenHash = hash
      }
    }
    return try await next(request, context)
  }
}
