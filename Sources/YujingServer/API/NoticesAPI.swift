import Foundation
import Hummingbird
import YujingCore

/// `/api/v1`: the same reading and review as the pages, for scripts (docs/operate.md#the-web-ui-and-api). Described by
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
    /// The step's opinion (意见).
    var opinion: String?

    enum CodingKeys: String, CodingKey {
      case date, place, opinion
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

  /// Only JSON: a browser sends `text/plain` across sites without asking, and a sign-in that
  /// took it could sign a user in under another's account.
  static func signIn(_ request: Request, context: WebContext, signIn: SignIn) async throws -> Response {
    var request = request
    guard (request.headers[.contentType] ?? "").lowercased().hasPrefix("application/json") else {
      throw HTTPError(.unsupportedMediaType, message: "send the sign-in as application/json")
    }
    let buffer = try await BodyReader.bytes(&request, limits: .signIn)
    let body = try JSONDecoder().decode(SignInBody.self, from: Data(buffer.readableBytesView))
    switch try await signIn.attempt(name: body.name, password: body.password, address: context.clientAddress) {
    case .signedIn(let token, let session):
      var response = try object(["user": user(session.account), "csrf_token": session.csrfToken])
      response.headers[.setCookie] = signIn.cookies.setCookie(token)
      return response
    case .refused:
      throw HTTPError(.unauthorized, message: "wrong user name or password")
    case .limited(let limit):
      throw HTTPError(.tooManyRequests, headers: [.retryAfter: String(limit.retryAfter)], message: limit.message)
    }
  }

  static func list(_ request: Request, account: Account, current: LiveWorkspace.Current) throws -> Response {
    let filter = try NoticePages.filter(request, account: account)
    let limit = try RequestNumbers.query(request, "limit", range: 1...1000) ?? 100
    let offset = try RequestNumbers.query(request, "offset", range: 0...maximumOffset) ?? 0
    let (notices, total) = try current.workspace.store.noticePage(filter, limit: limit, offset: offset)
    return json("{\"total\": \(total), \"notices\": \(NoticeJSON.list(notices))}")
  }

  /// Past the last of the notices that a city's years could hold.
  static let maximumOffset = 100_000_000

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
