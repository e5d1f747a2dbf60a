import Hummingbird
import YujingCore

/// Who may reach a group of routes, checked once for the group before any route runs, so that a
/// route never reads a body or a path of someone who may not be there. Pages send a browser that
/// is not signed in to `/login` and answer a role that may not come in with the site's error page
/// (`PageErrors`); the API answers 401 and 403 as JSON (`APIErrors`). Which notices an account may
/// see is a question of the notice, not of the route: `ReviewActions` answers it.
struct RoleCheck: RouterMiddleware {
  typealias Context = WebContext

  /// The areas of the site, by who may come in.
  enum Area: Sendable {
    /// Anyone signed in: the notices, which a department sees too (only its own).
    case signedIn
    /// The office's pages: reviewers and the administrator.
    case office
    /// The office's decisions on many notices at once: reviewers.
    case review
    /// What only the administrator does: exemptions.
    case admin

    /// Why the account may not come in, or nil when it may.
    func refusal(for account: Account) -> String? {
      switch self {
      case .signedIn: nil
      case .office: account.isOffice ? nil : "this page is for the office"
      case .review: account.mayReview ? nil : "only the office's reviewers may do this"
      case .admin: account.mayManageExemptions ? nil : "only the administrator manages exemptions"
      }
    }
  }

  /// How a refusal is said: a page's way or the API's.
  enum Reader: Sendable {
    case browser, script
  }

  let area: Area
  let reader: Reader

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
    async throws -> Response
  {
    guard let account = context.account else {
      switch reader {
      case .browser: return .redirect(to: "/login")
      case .script: throw HTTPError(.unauthorized, message: "sign in first")
      }
    }
    if let refusal = area.refusal(for: account) { throw HTTPError(.forbidden, message: refusal) }
    return try await next(request, context)
  }
}

extension RouterMethods where Context == WebContext {
  /// A group of routes behind the role check of `area`.
  func area(_ area: RoleCheck.Area, for reader: RoleCheck.Reader, _ path: RouterPath = "") -> RouterGroup<WebContext> {
    group(path).add(middleware: RoleCheck(area: area, reader: reader))
  }
}
