import HTTPTypes
import Hummingbird
import Logging

/// Headers on every answer, refusals and errors included: no framing by other sites, no
/// sniffing, no referrer beyond the origin, and a content policy that allows only yujing's own
/// stylesheet and no script at all. An error's answer is made here, so that it gets them too; an
/// unexpected error is a 500 that says nothing of its cause (the log does).
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
  static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }
  static var policy: String {
    "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'"
  }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as any HTTPResponseError {
      response = try error.response(from: request, context: context)
    } catch {
      context.logger.error("\(request.method) \(request.uri.path) failed: \(error)")
      response = try HTTPError(.internalServerError, message: "the server failed; its log says why").response(
        from: request, context: context)
    }
    if response.headers[.contentSecurityPolicy] == nil {
      response.headers[.contentSecurityPolicy] = Self.policy
    }
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[Self.referrerPolicy] = "same-origin"
    if response.status.code >= 400 && response.headers[.cacheControl] == nil {
      response.headers[.cacheControl] = "no-store"
    }
    return response
  }
}
