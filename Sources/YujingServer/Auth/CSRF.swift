import Foundation
import HTTPTypes
import Hummingbird
import YujingCore

/// Cross-site requests. Every state-changing request, signing in included, is refused when its
/// `Origin` (or, without one, its `Referer`) names another site: a browser always sends one of them
/// with a form or a script's request from another page, so this stops a foreign page from signing
/// a browser in under the attacker's account as well as from acting in the user's session. A
/// request with neither comes from a script, not a browser, and goes on.
///
/// Besides, every state-changing request of a session carries the session's CSRF token: in the
/// `X-CSRF-Token` header (scripts, the API) or the `_csrf` field of a page's form. The header is
/// checked here; the field is inside the body, which only the route reads (`BodyReader`), so a
/// page's form is checked there. An API call must send the header.
struct CSRFMiddleware: RouterMiddleware {
  typealias Context = WebContext
  static let header = HTTPField.Name("X-CSRF-Token")!
  static let field = "_csrf"
  /// Signing in: there is no session yet, so no token.
  static let exempt: Set<String> = ["/login", "/api/v1/session"]
  static let refusal = HTTPError(.forbidden, message: "missing or wrong CSRF token: reload the page and try again")

  /// The origin of `server.public_url`, when the office serves yujing behind a proxy under
  /// another name than the Host a request carries.
  let publicOrigin: String?

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
    async throws -> Response
  {
    guard Self.changesState(request.method) else { return try await next(request, context) }
    try SameOrigin.check(request, publicOrigin: publicOrigin)
    // Without a session the route answers 401 or sends the browser to sign in, unread.
    guard !Self.exempt.contains(request.uri.path), let session = context.session else {
      return try await next(request, context)
    }
    if let given = request.headers[Self.header] {
      guard Self.constantTimeEqual(given, session.csrfToken) else { throw Self.refusal }
      return try await next(request, context)
    }
    let contentType = (request.headers[.contentType] ?? "").lowercased()
    let isForm =
      contentType.hasPrefix("application/x-www-form-urlencoded") || contentType.hasPrefix("multipart/form-data")
    guard isForm, !request.uri.path.hasPrefix("/api/") else { throw Self.refusal }
    return try await next(request, context)
  }

  static func changesState(_ method: HTTPRequest.Method) -> Bool {
    ![.get, .head, .options].contains(method)
  }

  static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
    let a = Array(left.utf8)
    let b = Array(right.utf8)
    guard a.count == b.count else { return false }
    return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }
}

/// Whether a request comes from a page of this server.
enum SameOrigin {
  static let refusal = HTTPError(
    .forbidden, message: "a request from another site is refused: open yujing's own page and try again")

  static func check(_ request: Request, publicOrigin: String?) throws {
    let source: String
    if let origin = request.headers[.origin] {
      source = origin
    } else if let referer = request.headers[.referer] {
      source = referer
    } else {
      return
    }
    guard let host = Self.hostAndPort(source) else { throw refusal }
    let own = [request.head.authority, publicOrigin.flatMap(Self.hostAndPort)]
    guard own.contains(where: { $0?.lowercased() == host }) else { throw refusal }
  }

  /// `https://yujing.example:8443/notices` → `yujing.example:8443`; `null` and anything that is
  /// not an http(s) address → nil.
  static func hostAndPort(_ text: String) -> String? {
    guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
      scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
    else { return nil }
    let hostText = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    return (components.port.map { "\(hostText):\($0)" } ?? hostText).lowercased()
  }
}
