import Foundation
import Hummingbird
import YujingCore

/// `/api/v1`: the same reading and review as the pages, for scripts (DESIGN §7.1). Described by
/// `OpenAPIDocument`; notices are the JSON of `yujing notices list --format json`, with its
/// stability promise (keys added, never renamed or removed).
enum NoticesAPI {
  struct SignInBody: Decodable {
    var name: String
    var password: String
  }

  struct ApproveBody: Decodable {
    var date: String?
    var talkAt: String?
    var place: String?

    enum CodingKeys: String, CodingKey {
      case date, place
      case talkAt = "talk_at"
    }
  }

  struct RejectBody: Decodable { var reason: String }
  struct FeedbackBody: Decodable { var text: String }

  static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  static func object(_ fields: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
    let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    return json(String(decoding: data, as: UTF8.self), status: status)
  }

  static func user(_ account: Account) -> [String: Any] {
    ["name": account.name, "role": account.role.rawValue, "addressee": account.addressee ?? NSNull()]
  }

  static func signIn(_ request: Request, context: WebContext, signIn: SignIn) async throws -> Response {
    let body = try await request.decode(as: SignInBody.self, context: context)
    switch try await signIn.attempt(name: body.name, password: body.password) {
    case .signedIn(let token, let session):
      var response = try object(["user": user(session.account), "csrf_token": session.csrfToken])
      response.headers[.setCookie] = signIn.cookies.setCookie(token)
      return response
    case .refused:
      throw HTTPError(.unauthorized, message: "wrong user name or password")
    case .limited:
      throw HTTPError(
        .tooManyRequests, headers: [.retryAfter: String(Int(SignIn.window))],
        message: "too many failed sign-ins for this account: wait \(Int(SignIn.window / 60)) minutes")
    }
  }

  static func list(_ request: Request, account: Account, current: LiveWorkspace.Current) throws -> Response {
    let query = request.uri.queryParameters
    let filter = NoticePages.filter(request, account: account)
    let limit = try number(query["limit"].map(String.init), name: "limit", range: 1...1000) ?? 100
    let offset = try number(query["offset"].map(String.init), name: "offset", range: 0...Int.max) ?? 0
    let (notices, total) = try current.workspace.store.noticePage(filter, limit: limit, offset: offset)
    return json("{\"total\": \(total), \"notices\": \(NoticeJSON.list(notices))}")
  }

  /// An optional whole-number parameter within its range; anything else is the client's error.
  static func number(_ text: String?, name: String, range: ClosedRange<Int>) throws -> Int? {
    guard let text, !text.isEmpty else { return nil }
    guard let value = Int(text), range.contains(value) else {
      throw HTTPError(
        .badRequest, message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return value
  }

  static func one(_ notice: NoticeRecord) -> Response {
    json(
      NoticeJSON.object(
        notice,
        extra: [
          ("body", FindingsJSON.string(notice.body)), ("talk_at", NoticeJSON.optional(notice.talkAt)),
          ("place", NoticeJSON.optional(notice.place)),
        ]))
  }
}
