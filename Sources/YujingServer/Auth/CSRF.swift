import Foundation
import HTTPTypes
import Hummingbird
import YujingCore

/// Every state-changing request of a session carries the session's CSRF token (DESIGN §7.2): in the
/// `X-CSRF-Token` header (scripts, the API) or the `_csrf` field of a form (the pages). Without it
/// the request is refused before any route sees it. Signing in is the one exception: there is no
/// session yet, and SameSite=Strict keeps another site's form from riding on one.
struct CSRFMiddleware: RouterMiddleware {
  typealias Context = WebContext
  static let header = HTTPField.Name("X-CSRF-Token")!
  static let field = "_csrf"
  static let exempt: Set<String> = ["/login", "/api/v1/session"]

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
    async throws -> Response
  {
    var request = request
    var context = context
    let contentType = request.headers[.contentType] ?? ""
    if contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") {
      let buffer = try await request.collectBody(upTo: context.maxUploadSize)
      context.form = FormFields.parse(String(buffer: buffer))
    } else if let boundary = Multipart.boundary(contentType: contentType) {
      let buffer = try await request.collectBody(upTo: context.maxUploadSize)
      (context.form, context.files) = Multipart.parse(Data(buffer.readableBytesView), boundary: boundary)
    }
    guard Self.changesState(request.method), !Self.exempt.contains(request.uri.path) else {
      return try await next(request, context)
    }
    // Without a session the route answers 401 or sends the browser to sign in.
    guard let session = context.session else { return try await next(request, context) }
    let given = request.headers[Self.header] ?? context.form[Self.field]
    guard let given, Self.constantTimeEqual(given, session.csrfToken) else {
      throw HTTPError(.forbidden, message: "missing or wrong CSRF token: reload the page and try again")
    }
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

/// `application/x-www-form-urlencoded` fields; a repeated name keeps its values joined by commas
/// (the bulk approval's ids).
enum FormFields {
  static func parse(_ body: String) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in body.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = decode(parts[0])
      let value = parts.count > 1 ? decode(parts[1]) : ""
      if let existing = fields[name] { fields[name] = existing + "," + value } else { fields[name] = value }
    }
    return fields
  }

  static func decode(_ text: Substring) -> String {
    String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
  }
}
