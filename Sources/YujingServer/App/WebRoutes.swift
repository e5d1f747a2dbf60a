import Foundation
import HTTPTypes
import Hummingbird
import YujingCore

/// The pages and the API, with who may reach each (DESIGN §7.1, §7.2). Pages send a browser that
/// is not signed in to `/login`; the API answers 401. Per-object checks are in `ReviewActions`.
struct WebRoutes: Sendable {
  let live: LiveWorkspace
  let cookies: SessionCookies

  var signIn: SignIn { SignIn(store: live.store, cookies: cookies) }

  func add(to router: Router<WebContext>) {
    router.get("/assets/yujing.css") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
        body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
    }
    router.get("/login") { _, context in
      context.account != nil ? Response.redirect(to: "/") : LoginPage.form(context: context)
    }
    router.post("/login") { request, context in try await LoginPage.submit(request, context: context, signIn: signIn) }
    router.post("/logout") { _, context in try LoginPage.logout(context: context, store: live.store, cookies: cookies) }

    router.get("/") { _, context in
      try page(context) { account in
        guard account.mayReview else { return .redirect(to: "/notices") }
        return try DashboardPage.render(context: context, current: live.current, now: Date())
      }
    }
    router.get("/audit") { _, context in
      try office(context) { _ in try AuditPage.render(context: context, store: live.store) }
    }
    router.get("/cases") { _, context in
      try office(context) { _ in try OfficePages.cases(context: context, store: live.store) }
    }
    router.get("/cases/{id}") { _, context in
      try office(context) { _ in
        try OfficePages.caseHistory(
          try context.parameters.require("id", as: Int64.self), context: context, store: live.store)
      }
    }
    router.get("/feeds") { _, context in
      try office(context) { _ in try OfficePages.feeds(context: context, current: live.current) }
    }
    router.get("/feeds/runs/{id}") { _, context in
      try office(context) { _ in
        try OfficePages.rejections(
          try context.parameters.require("id", as: Int64.self), context: context, store: live.store)
      }
    }
    router.get("/exemptions") { _, context in
      try office(context) { _ in try OfficePages.exemptions(context: context, current: live.current) }
    }
    router.post("/exemptions") { _, context in
      try office(context) { account in
        let current = live.current
        do {
          try OfficePages.addExemption(form: context.form, account: account, current: current)
          return .redirect(to: "/exemptions")
        } catch let refusal as NoticeActionError {
          var response = try OfficePages.exemptions(
            context: context, current: current, message: "\(refusal.description)")
          response.status = .unprocessableContent
          return response
        }
      }
    }
    router.post("/exemptions/{id}/expire") { _, context in
      try office(context) { account in
        let current = live.current
        let today = Day.today({ Date() }, in: current.workspace.configuration.city.timeZone)
        try current.workspace.store.expireExemption(
          id: try context.parameters.require("id", as: Int64.self), on: today, actor: account.name, at: Date())
        return .redirect(to: "/exemptions")
      }
    }
    router.get("/deliveries") { _, context in
      try office(context) { _ in
        let current = live.current
        return try OfficePages.deliveries(
          context: context, store: current.workspace.store, timeZone: current.workspace.configuration.city.timeZone)
      }
    }
    router.get("/notices") { request, context in
      try page(context) { account in
        try NoticePages.list(request, context: context, current: live.current, account: account)
      }
    }
    router.get("/notices/{id}") { _, context in
      try page(context) { account in
        let current = live.current
        let notice = try ReviewActions(current: current, account: account).notice(
          try context.parameters.require("id", as: Int64.self))
        return try NoticePages.show(notice, context: context, current: current, account: account)
      }
    }
    router.get("/notices/{id}/document") { _, context in
      try page(context) { account in
        let current = live.current
        let notice = try ReviewActions(current: current, account: account).notice(
          try context.parameters.require("id", as: Int64.self))
        return try NoticePages.document(notice, current: current)
      }
    }
    router.get("/notices/{id}/attachments/{file}") { _, context in
      try page(context) { account in
        let current = live.current
        let notice = try ReviewActions(current: current, account: account).notice(
          try context.parameters.require("id", as: Int64.self))
        guard
          let file = try current.workspace.store.feedbackFile(
            noticeID: notice.id, feedbackID: try context.parameters.require("file", as: Int64.self))
        else { throw HTTPError(.notFound) }
        // Always a download, never shown inline: the file is the addressee's, not yujing's markup.
        let name = file.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
        return Response(
          status: .ok,
          headers: [
            .contentType: "application/octet-stream", .contentDisposition: "attachment; filename*=UTF-8''\(name)",
          ],
          body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
      }
    }
    router.get("/notices/{id}/docx") { _, context in
      try page(context) { account in
        let current = live.current
        let notice = try ReviewActions(current: current, account: account).notice(
          try context.parameters.require("id", as: Int64.self))
        return try NoticePages.docx(notice, current: current)
      }
    }
    router.post("/notices/approve") { _, context in
      try page(context) { account in
        let actions = ReviewActions(current: live.current, account: account)
        try actions.requireReviewer()
        let ids = (context.form["id"] ?? "").split(separator: ",").compactMap { Int64($0) }
        // Each approval is its own transaction: one refused (a talk, a notice approved meanwhile)
        // leaves the others approved, and the page says which and why.
        var refusals: [String] = []
        for id in ids {
          do {
            try actions.approve(id, date: nil, talkAt: nil, place: nil)
          } catch let refusal as NoticeActionError {
            refusals.append(refusal.description)
          }
        }
        guard !refusals.isEmpty else { return .redirect(to: "/notices?state=draft") }
        var response = Layout.page(
          "批量签发", context: context, active: "notices",
          """
          <p class="error" role="alert">\(ids.count - refusals.count) 件已签发；以下未签发：</p>
          <ul>\(refusals.map { refusal -> HTML in "<li>\(refusal)</li>" })</ul>
          <p><a href="/notices?state=draft">返回待审核通知</a></p>
          """)
        response.status = .unprocessableContent
        return response
      }
    }
    addNoticeAction("approve") { actions, id, context in
      let form = context.form
      try actions.approve(id, date: form["date"], talkAt: form["talk_at"], place: form["place"])
    }
    addNoticeAction("reject") { actions, id, context in try actions.reject(id, reason: context.form["reason"] ?? "") }
    addNoticeAction("edit") { actions, id, context in
      try actions.edit(id, title: context.form["title"] ?? "", body: context.form["body"] ?? "")
    }
    addNoticeAction("acknowledge") { actions, id, _ in try actions.acknowledge(id) }
    addNoticeAction("feedback") { actions, id, context in
      let file = context.files["file"]
      try actions.feedback(id, text: context.form["text"] ?? "", fileName: file?.fileName, file: file?.data)
    }
    APIRoutes(live: live, signIn: signIn).add(to: router)

    /// A form action on one notice: on success back to its page, on a refusal its page again with
    /// the reason; a page also says what went wrong (422).
    func addNoticeAction(
      _ name: String, _ action: @escaping @Sendable (ReviewActions, Int64, WebContext) throws -> Void
    ) {
      router.post("/notices/{id}/\(name)") { _, context in
        try page(context) { account in
          let id = try context.parameters.require("id", as: Int64.self)
          let current = live.current
          let actions = ReviewActions(current: current, account: account)
          do {
            try action(actions, id, context)
            return .redirect(to: "/notices/\(id)")
          } catch let refusal as NoticeActionError {
            var response = try NoticePages.show(
              try actions.notice(id), context: context, current: current, account: account,
              message: "\(refusal.description)")
            response.status = .unprocessableContent
            return response
          }
        }
      }
    }
  }

  /// A page for the office (reviewers and admins): a department is refused, anyone else sent to sign in.
  func office(_ context: WebContext, _ body: (Account) throws -> Response) throws -> Response {
    try page(context) { account in
      guard account.mayReview else { throw HTTPError(.forbidden, message: "this page is for the office's reviewers") }
      return try body(account)
    }
  }

  /// A page for the signed-in: anyone else is sent to sign in.
  func page(_ context: WebContext, _ body: (Account) throws -> Response) throws -> Response {
    guard let account = context.account else { return .redirect(to: "/login") }
    return try body(account)
  }
}

/// Headers on every answer: no framing by other sites, no sniffing, no referrer beyond the origin,
/// and a content policy that allows only yujing's own stylesheet and no script at all.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
  static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response = try await next(request, context)
    if response.headers[.contentSecurityPolicy] == nil {
      response.headers[.contentSecurityPolicy] =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'"
    }
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[Self.referrerPolicy] = "same-origin"
    return response
  }
}
