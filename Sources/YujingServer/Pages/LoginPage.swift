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
    let name = context.form["name"] ?? ""
    switch try await signIn.attempt(name: name, password: context.form["password"] ?? "") {
    case .signedIn(let token, _):
      var response = Response.redirect(to: "/", type: .normal)
      response.headers[.setCookie] = signIn.cookies.setCookie(token)
      return response
    case .refused:
      var response = form(context: context, message: "用户名或密码不正确。", name: name)
      response.status = .unauthorized
      return response
    case .limited:
      var response = form(
        context: context, message: "该账户连续登录失败次数过多，请 \(Int(SignIn.window / 60)) 分钟后再试。", name: name)
      response.status = .tooManyRequests
      response.headers[.retryAfter] = String(Int(SignIn.window))
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
