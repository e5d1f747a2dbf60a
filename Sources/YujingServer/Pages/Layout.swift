import Foundation
import Hummingbird
import YujingCore

/// The frame of every page: title, navigation by role, the signed-in user with a sign-out form.
enum Layout {
  static func page(_ title: String, context: WebContext, active: String = "", _ content: HTML) -> Response {
    let nav: [(String, String, String)]
    switch context.account?.role {
    case .admin?, .reviewer?, .signer?:
      nav = [
        ("/", "dashboard", "总览"), ("/notices", "notices", "通知"), ("/cases", "cases", Glossary.warningCase),
        ("/findings", "findings", Glossary.findings), ("/reports", "reports", Glossary.report),
        ("/appeals", "appeals", "申诉"), ("/problems", "problems", "督办台账"),
        ("/notices?kind=summary", "summaries", "调度通报"), ("/feeds", "feeds", "数据源"),
        ("/exemptions", "exemptions", "豁免"), ("/deliveries", "deliveries", "投递"), ("/audit", "audit", "审计日志"),
      ]
    case .department?:
      nav = [("/notices", "notices", "本单位通知"), ("/problems", "problems", "督办台账")]
    case nil:
      nav = []
    }
    let links = nav.map { href, key, label -> HTML in
      key == active ? "<a href=\"\(href)\" aria-current=\"page\">\(label)</a>" : "<a href=\"\(href)\">\(label)</a>"
    }
    var user: HTML = ""
    if let account = context.account, let session = context.session {
      let who = account.addressee.map { "\(account.name)（\($0)）" } ?? "\(account.name)（\(Glossary.role(account.role))）"
      user = """
        <form method="post" action="/logout" class="signout">\(who) \(csrfField(session))<button>退出</button></form>
        """
    }
    let html: HTML = """
      <!doctype html>
      <html lang="zh-CN">
      <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(title) · 预警</title><link rel="stylesheet" href="/assets/yujing.css"></head>
      <body><header><span class="brand">预警 · 经济运行调度</span><nav>\(links)</nav>\(user)</header>
      <main><h1>\(title)</h1>
      \(content)
      </main></body></html>
      """
    return response(html)
  }

  static func response(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
      body: .init(byteBuffer: ByteBuffer(string: html.markup)))
  }

  static func csrfField(_ session: SessionRecord) -> HTML {
    "<input type=\"hidden\" name=\"_csrf\" value=\"\(session.csrfToken)\">"
  }

}
