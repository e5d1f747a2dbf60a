import Foundation
import Hummingbird
import YujingCore

/// `/api/v1` routes. Errors are JSON: `{"error": {"message": …}}` with the status.
struct APIRoutes: Sendable {
  let live: LiveWorkspace
  let signIn: SignIn

  func add(to router: Router<WebContext>) {
    let api = router.group("/api/v1")
    api.get("/openapi.json") { _, context in
      _ = try signedIn(context)
      return NoticesAPI.json(OpenAPIDocument.json)
    }
    api.post("/session") { request, context in try await NoticesAPI.signIn(request, context: context, signIn: signIn) }
    api.get("/session") { _, context in try NoticesAPI.object(["user": NoticesAPI.user(try signedIn(context))]) }
    api.delete("/session") { _, context in
      _ = try signedIn(context)
      if let hash = context.sessionTokenHash { try live.store.endSession(tokenHash: hash) }
      var response = Response(status: .noContent)
      response.headers[.setCookie] = signIn.cookies.clearCookie()
      return response
    }
    api.get("/notices") { request, context in
      try NoticesAPI.list(request, account: try signedIn(context), current: live.current)
    }
    api.get("/notices/{id}") { _, context in
      let actions = ReviewActions(current: live.current, account: try signedIn(context))
      return NoticesAPI.one(try actions.notice(try id(context)))
    }
    api.post("/notices/{id}/approve") { request, context in
      let actions = ReviewActions(current: live.current, account: try signedIn(context))
      let body = try await request.decode(as: NoticesAPI.ApproveBody.self, context: context)
      return NoticesAPI.one(
        try actions.approve(
          try id(context), date: body.date, talkAt: body.talkAt, place: body.place, opinion: body.opinion))
    }
    api.post("/notices/{id}/return") { request, context in
      let actions = ReviewActions(current: live.current, account: try signedIn(context))
      let body = try await request.decode(as: NoticesAPI.RejectBody.self, context: context)
      let id = try id(context)
      try actions.sendBack(id, reason: body.reason)
      return NoticesAPI.one(try actions.notice(id))
    }
    api.post("/notices/{id}/reject") { request, context in
      let actions = ReviewActions(current: live.current, account: try signedIn(context))
      let body = try await request.decode(as: NoticesAPI.RejectBody.self, context: context)
      let id = try id(context)
      try actions.reject(id, reason: body.reason)
      return NoticesAPI.one(try actions.notice(id))
    }
    api.post("/notices/{id}/acknowledge") { _, context in
      let actions = ReviewActions(current: live.current, account: try signedIn(context))
      let id = try id(context)
      try actions.acknowledge(id)
      return NoticesAPI.one(try actions.notice(id))
    }
    api.post("/notices/{id}/feedback") { request, context in
      let actions = ReviewActions(current: live.current, account: try signedIn(context))
      let body = try await request.decode(as: NoticesAPI.FeedbackBody.self, context: context)
      return try NoticesAPI.object(["on_time": try actions.feedback(try id(context), text: body.text)])
    }
  }

  func signedIn(_ context: WebContext) throws -> Account {
    guard let account = context.account else { throw HTTPError(.unauthorized, message: "sign in first") }
    return account
  }

  func id(_ context: WebContext) throws -> Int64 { try RequestNumbers.id(context) }
}

/// Turns every refusal under `/api/` into the API's JSON error, the CSRF check's included: a refused state change is 409, a malformed body
/// 400, and anything unexpected 500 without its details.
struct APIErrors: RouterMiddleware {
  typealias Context = WebContext

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
    async throws -> Response
  {
    guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
    do {
      return try await next(request, context)
    } catch let error as HTTPError where error.status == .notFound && error.body == nil {
      // The router's own "no route": a known path asked with another method is 405, with Allow.
      guard let allowed = Self.methods(of: request.uri.path) else { throw error }
      var response = try NoticesAPI.object(
        ["error": ["message": "\(request.method.rawValue) is not allowed here; use \(allowed)"]],
        status: .methodNotAllowed)
      response.headers[.allow] = allowed
      return response
    } catch let error as HTTPError {
      var response = try NoticesAPI.object(
        ["error": ["message": error.body ?? error.status.reasonPhrase]], status: error.status)
      for field in error.headers { response.headers.append(field) }
      return response
    } catch let refusal as NoticeRefusal {
      // `code` for programs, the message in the words the web UI shows.
      return try NoticesAPI.object(
        ["error": ["code": refusal.code, "message": Glossary.refusal(refusal)]], status: .conflict)
    } catch let refusal as NoticeActionError {
      return try NoticesAPI.object(["error": ["message": refusal.description]], status: .conflict)
    } catch let refusal as RequestNumbers.OutOfRange {
      return try NoticesAPI.object(["error": ["message": refusal.description]], status: .badRequest)
    } catch is DecodingError {
      return try NoticesAPI.object(
        ["error": ["message": "the request body is not the JSON this call takes"]], status: .badRequest)
    } catch let error as any HTTPResponseError {
      return try NoticesAPI.object(["error": ["message": error.status.reasonPhrase]], status: error.status)
    }
  }

  /// The methods each API path answers, as the OpenAPI document lists them.
  static func methods(of path: String) -> String? {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(3)
    switch Array(parts) {
    case ["openapi.json"]: return "GET"
    case ["session"]: return "GET, POST, DELETE"
    case ["notices"]: return "GET"
    case let parts where parts.count == 2 && parts[0] == "notices": return "GET"
    case let parts
    where parts.count == 3 && parts[0] == "notices"
      && ["approve", "return", "reject", "acknowledge", "feedback"].contains(parts[2]):
      return "POST"
    default: return nil
    }
  }
}
