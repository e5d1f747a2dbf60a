import Foundation
import Hummingbird
import YujingCore

/// `/login` and `/logout`.
enum LoginPage {
  static func form(context: WebContext, message: HTML? = nil, name: String = "") -> Response {
    let notice: HTML = message.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
    return Layout.page(
      "登录", context: context,
      """
      <form class="login" method="post" action="/login">
        \(notice)
        <label for="name">用户名</label><input id="name" name="name" value="\(name)" autocomplete="username" required autofocus>
        <label for="password">密码</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button>登录</button>
      </form>
      """)
  }

  static func submit(_ request: Request, context: WebContext, signIn: SignIn) async throws -> Response {
    var request = request
    guard (request.headers[.contentType] ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded") else {
      throw HTTPError(.unsupportedMediaType, message: "the sign-in form is application/x-www-form-urlencoded")
    }
    let form = try await BodyReader.form(&request, limits: .signIn).fields
    let name = form["name"] ?? ""
    switch try await signIn.attempt(name: name, password: form["password"] ?? "", address: context.clientAddress) {
    case .signedIn(let token, _):
      var response = Response.redirect(to: "/", type: .normal)
      response.headers[.setCookie] = signIn.cookies.setCookie(token)
      return response
    case .refused:
      var response = self.form(context: context, message: "用户名或密码不正确。", name: name)
      response.status = .unauthorized
      return response
    case .limited(let limit):
      var response = self.form(context: context, message: "\(limit.chinese)", name: name)
      response.status = .tooManyRequests
      response.headers[.retryAfter] = String(limit.retryAfter)
      return response
    }
  }

  static func logout(context: WebContext, store: Store, cookies: SessionCookies) throws -> Response {
    if let hash = context.sessionTokenHash { try store.endSession(tokenHash: hash) }
    var response = Response.redirect(to: "/login", type: .normal)
    response.headers[.setCookie] = cookies.clearCookie()
    return response
  }
}
