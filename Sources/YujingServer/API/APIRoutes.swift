import Foundation
import Hummingbird
import YujingCore

/// `/api/v1` routes, in two groups: signing in for anyone, the rest for the signed-in, whom
/// `RoleCheck` asks for before a route runs. Errors are JSON: `{"error": {"message": …}}` with the
/// status (`APIErrors`).
struct APIRoutes: Sendable {
  let live: LiveWorkspace
  let signIn: SignIn
  let clock: @Sendable () -> Date

  func add(to router: Router<WebContext>) {
    router.group("/api/v1").post("/session") { request, context in
      try await NoticesAPI.signIn(request, context: context, signIn: signIn)
    }
    let api = router.area(.signedIn, for: .script, "/api/v1")
    api.get("/openapi.json") { _, _ in NoticesAPI.json(OpenAPIDocument.json) }
    api.get("/session") { _, context in try NoticesAPI.object(["user": NoticesAPI.user(try context.signedIn())]) }
    api.delete("/session") { _, context in
      if let hash = context.sessionTokenHash { try live.store.endSession(tokenHash: hash) }
      var response = Response(status: .noContent)
      response.headers[.setCookie] = signIn.cookies.clearCookie()
      return response
    }
    api.get("/notices") { request, context in
      try NoticesAPI.list(request, account: try context.signedIn(), current: live.current)
    }
    api.get("/notices/{id}") { _, context in
      NoticesAPI.one(try actions(context).notice(try id(context)))
    }
    api.post("/notices/{id}/approve") { request, context in
      let actions = try actions(context)
      let body = try await request.decode(as: NoticesAPI.ApproveBody.self, context: context)
      return NoticesAPI.one(
        try actions.approve(
          try id(context), date: body.date, talkAt: body.talkAt, place: body.place, opinion: body.opinion))
    }
    api.post("/notices/{id}/return") { request, context in
      let actions = try actions(context)
      let body = try await request.decode(as: NoticesAPI.RejectBody.self, context: context)
      let id = try id(context)
      try actions.sendBack(id, reason: body.reason)
      return NoticesAPI.one(try actions.notice(id))
    }
    api.post("/notices/{id}/reject") { request, context in
      let actions = try actions(context)
      let body = try await request.decode(as: NoticesAPI.RejectBody.self, context: context)
      let id = try id(context)
      try actions.reject(id, reason: body.reason)
      return NoticesAPI.one(try actions.notice(id))
    }
    api.post("/notices/{id}/acknowledge") { _, context in
      let actions = try actions(context)
      let id = try id(context)
      try actions.acknowledge(id)
      return NoticesAPI.one(try actions.notice(id))
    }
    addDecisions(to: api)
    addLedger(to: api)
    api.post("/notices/{id}/feedback") { request, context in
      let actions = try actions(context)
      let body = try await request.decode(as: NoticesAPI.FeedbackBody.self, context: context)
      return try NoticesAPI.object(["on_time": try actions.feedback(try id(context), text: body.text)])
    }
  }

  func actions(_ context: WebContext) throws -> ReviewActions {
    ReviewActions(current: live.current, account: try context.signedIn(), clock: clock)
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
    } catch let refusal as ReportReview.Refusal {
      return try NoticesAPI.object(
        ["error": ["code": APIRoutes.code(refusal), "message": Glossary.refusal(refusal)]], status: .conflict)
    } catch let refusal as AppealReview.Refusal {
      return try NoticesAPI.object(
        ["error": ["code": APIRoutes.code(refusal), "message": Glossary.refusal(refusal)]], status: .conflict)
    } catch let refusal as ProblemCSV.FieldRefusal {
      return try NoticesAPI.object(
        ["error": ["code": "invalid_field", "field": refusal.field, "message": refusal.reason]], status: .badRequest)
    } catch let refusal as ProblemLifecycle.Refusal {
      return try NoticesAPI.object(
        ["error": ["code": APIRoutes.code(refusal), "message": Glossary.refusal(refusal)]], status: .conflict)
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
      && ["approve", "return", "reject", "acknowledge", "feedback", "appeal"].contains(parts[2]):
      return "POST"
    case ["reports"], ["appeals"]: return "GET"
    case let parts where parts.count == 3 && parts[0] == "reports" && ["accept", "return"].contains(parts[2]):
      return "POST"
    case let parts where parts.count == 3 && parts[0] == "appeals" && ["grant", "deny"].contains(parts[2]):
      return "POST"
    case ["problems"]: return "GET, POST"
    case let parts where parts.count == 2 && parts[0] == "problems": return "GET"
    case let parts
    where parts.count == 3 && parts[0] == "problems"
      && ["progress", "request-close", "close", "return"].contains(parts[2]):
      return "POST"
    default: return nil
    }
  }
}
