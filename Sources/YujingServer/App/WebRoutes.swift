import Foundation
import HTTPTypes
import Hummingbird
import YujingCore

/// The pages and the API, with who may reach each (docs/operate.md#the-web-ui-and-api,
/// docs/operate.md#who-may-do-what). Pages send a browser that is not signed in to `/login`; the
/// API answers 401. Per-object checks are in `ReviewActions`.
struct WebRoutes: Sendable {
  let live: LiveWorkspace
  let cookies: SessionCookies
  let throttle = SignInThrottle()

  var signIn: SignIn { SignIn(store: live.store, cookies: cookies, throttle: throttle) }

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
    router.post("/logout") { request, context in
      try await page(context) { _ in
        var request = request
        _ = try await BodyReader.sessionForm(&request, context: context)
        return try LoginPage.logout(context: context, store: live.store, cookies: cookies)
      }
    }

    router.get("/") { request, context in
      try await page(context) { account in
        guard account.isOffice else { return .redirect(to: "/notices") }
        return try DashboardPage.render(request, context: context, current: live.current, now: Date())
      }
    }
    router.get("/findings") { request, context in
      try await office(context) { _ in try FindingPages.findings(request, context: context, current: live.current) }
    }
    router.get("/subjects/indicator/{indicator}/{region}") { request, context in
      try await office(context) { _ in
        let subject = Subject.indicator(
          indicator: try RequestNumbers.code(context, "indicator"), region: try RequestNumbers.code(context, "region"))
        return try FindingPages.subject(subject, request, context: context, current: live.current)
      }
    }
    router.get("/subjects/project/{code}") { request, context in
      try await office(context) { _ in
        let subject = Subject.project(try RequestNumbers.code(context, "code"))
        return try FindingPages.subject(subject, request, context: context, current: live.current)
      }
    }
    router.get("/subjects/feed/{name}") { request, context in
      try await office(context) { _ in
        let subject = Subject.feed(try RequestNumbers.code(context, "name"))
        return try FindingPages.subject(subject, request, context: context, current: live.current)
      }
    }
    router.get("/audit") { _, context in
      try await office(context) { _ in
        try AuditPage.render(
          context: context, store: live.store, timeZone: live.current.workspace.configuration.city.timeZone)
      }
    }
    router.get("/cases") { _, context in
      try await office(context) { _ in try OfficePages.cases(context: context, current: live.current) }
    }
    router.get("/cases/{id}") { _, context in
      try await office(context) { _ in
        try OfficePages.caseHistory(try RequestNumbers.id(context), context: context, current: live.current)
      }
    }
    router.get("/feeds") { _, context in
      try await office(context) { _ in try OfficePages.feeds(context: context, current: live.current) }
    }
    router.get("/feeds/runs/{id}") { _, context in
      try await office(context) { _ in
        try OfficePages.rejections(try RequestNumbers.id(context), context: context, store: live.store)
      }
    }
    router.get("/exemptions") { _, context in
      try await office(context) { account in
        try OfficePages.exemptions(context: context, current: live.current, account: account)
      }
    }
    router.post("/exemptions") { request, context in
      try await admin(context) { account in
        var request = request
        let form = try await BodyReader.sessionForm(&request, context: context).fields
        let current = live.current
        do {
          try OfficePages.addExemption(form: form, account: account, current: current)
          return .redirect(to: "/exemptions")
        } catch let refusal as NoticeActionError {
          return try OfficePages.exemptions(
            context: context, current: current, account: account, message: "\(refusal.description)",
            status: .unprocessableContent)
        } catch let refusal as RequestNumbers.OutOfRange {
          return try OfficePages.exemptions(
            context: context, current: current, account: account, message: "\(refusal.description)",
            status: .badRequest)
        }
      }
    }
    router.post("/exemptions/{id}/expire") { request, context in
      try await admin(context) { account in
        let id = try RequestNumbers.id(context)
        var request = request
        _ = try await BodyReader.sessionForm(&request, context: context)
        let current = live.current
        let store = current.workspace.store
        guard let exemption = try store.exemptions().first(where: { $0.id == id }) else {
          throw HTTPError(.notFound, message: "there is no exemption \(id)")
        }
        guard !exemption.expired else {
          return try OfficePages.exemptions(
            context: context, current: current, account: account, message: "豁免 \(id) 已终止，无需再终止。",
            status: .conflict)
        }
        let today = Day.today({ Date() }, in: current.workspace.configuration.city.timeZone)
        try store.expireExemption(id: id, on: today, actor: account.name, at: Date())
        return .redirect(to: "/exemptions")
      }
    }
    router.get("/deliveries") { _, context in
      try await office(context) { _ in
        let current = live.current
        return try OfficePages.deliveries(
          context: context, store: current.workspace.store, timeZone: current.workspace.configuration.city.timeZone)
      }
    }
    router.get("/notices") { request, context in
      try await page(context) { account in
        try NoticePages.list(request, context: context, current: live.current, account: account)
      }
    }
    router.get("/notices/{id}") { _, context in
      try await page(context) { account in
        let current = live.current
        let notice = try ReviewActions(current: current, account: account).notice(try RequestNumbers.id(context))
        return try NoticePages.show(notice, context: context, current: current, account: account)
      }
    }
    router.get("/notices/{id}/document") { _, context in
      try await page(context) { account in
        let current = live.current
        let notice = try ReviewActions(current: current, account: account).notice(try RequestNumbers.id(context))
        return try NoticePages.document(notice, current: current)
      }
    }
    router.get("/notices/{id}/attachments/{file}") { _, context in
      try await page(context) { account in
        let current = live.current
        let actions = ReviewActions(current: current, account: account)
        let notice = try actions.notice(try RequestNumbers.id(context))
        // The reports are the addressee's and the office's: a unit it is copied to does not see them.
        guard actions.mayReadReports(notice),
          let file = try current.workspace.store.feedbackFile(
            noticeID: notice.id, feedbackID: try RequestNumbers.id(context, "file"))
        else { throw HTTPError(.notFound, message: "there is no such attachment") }
        // Always a download, never shown inline: the file is the addressee's, not yujing's markup.
        let name = file.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
        return Response(
          status: .ok,
          headers: [
            .contentType: "application/octet-stream", .contentDisposition: "attachment; filename*=UTF-8''\(name)",
            .cacheControl: "no-store",
          ],
          body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
      }
    }
    router.get("/notices/{id}/docx") { _, context in
      try await page(context) { account in
        let current = live.current
        let notice = try ReviewActions(current: current, account: account).notice(try RequestNumbers.id(context))
        return try NoticePages.docx(notice, current: current)
      }
    }
    router.post("/notices/approve") { request, context in
      try await page(context) { account in
        let actions = ReviewActions(current: live.current, account: account)
        try actions.requireReviewer()
        var request = request
        let form = try await BodyReader.sessionForm(&request, context: context).fields
        let ids = try (form["id"] ?? "").split(separator: ",").map { text -> Int64 in
          guard let id = Int64(text), id > 0 else {
            throw RequestNumbers.OutOfRange("id must be a whole number from 1 to \(Int64.max)")
          }
          return id
        }
        // Each approval is its own transaction: one refused (a talk, a notice approved meanwhile)
        // leaves the others approved, and the page says which and why.
        var refusals: [String] = []
        for id in ids {
          do {
            try actions.approve(id, date: nil, talkAt: nil, place: nil)
          } catch let refusal as NoticeRefusal {
            refusals.append("通知 \(id)：\(Glossary.refusal(refusal))")
          } catch let refusal as NoticeActionError {
            refusals.append(Glossary.refusal(refusal.description))
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
    addNoticeAction("approve") { actions, id, form, _ in
      try actions.approve(
        id, date: form["date"], talkAt: form["talk_at"], place: form["place"], opinion: form["opinion"])
    }
    addNoticeAction("return") { actions, id, form, _ in try actions.sendBack(id, reason: form["reason"] ?? "") }
    addNoticeAction("reject") { actions, id, form, _ in try actions.reject(id, reason: form["reason"] ?? "") }
    addNoticeAction("edit") { actions, id, form, _ in
      try actions.edit(id, title: form["title"] ?? "", body: form["body"] ?? "")
    }
    addNoticeAction("acknowledge") { actions, id, _, _ in try actions.acknowledge(id) }
    addNoticeAction("feedback", limits: .upload) { actions, id, form, files in
      let file = files["file"]
      try actions.feedback(id, text: form["text"] ?? "", fileName: file?.fileName, file: file?.data)
    }
    APIRoutes(live: live, signIn: signIn).add(to: router)

    /// A form action on one notice: on success back to its page, on a refusal its page again with
    /// the reason; a page also says what went wrong (422, or 400 for a value out of its range).
    /// The body is read only once the session may act at all.
    func addNoticeAction(
      _ name: String, limits: BodyReader.Limits = .form,
      _ action: @escaping @Sendable (ReviewActions, Int64, FormFields, [String: Multipart.File]) throws -> Void
    ) {
      router.post("/notices/{id}/\(name)") { request, context in
        try await page(context) { account in
          let id = try RequestNumbers.id(context)
          let current = live.current
          let actions = ReviewActions(current: current, account: account)
          _ = try actions.notice(id)
          var request = request
          let form = try await BodyReader.sessionForm(&request, context: context, limits: limits)
          let status: HTTPResponse.Status
          let message: String
          do {
            try action(actions, id, form.fields, form.files)
            return .redirect(to: "/notices/\(id)")
          } catch let refusal as NoticeRefusal {
            (status, message) = (.unprocessableContent, Glossary.refusal(refusal))
          } catch let refusal as NoticeActionError {
            (status, message) = (.unprocessableContent, Glossary.refusal(refusal.description))
          } catch let refusal as RequestNumbers.OutOfRange {
            (status, message) = (.badRequest, Glossary.refusal(refusal.description))
          }
          var response = try NoticePages.show(
            try actions.notice(id), context: context, current: current, account: account, message: message)
          response.status = status
          return response
        }
      }
    }
  }

  /// A page for the office (reviewers and admins): a department is refused, anyone else sent to sign in.
  func office(_ context: WebContext, _ body: (Account) async throws -> Response) async throws -> Response {
    try await page(context) { account in
      guard account.isOffice else { throw HTTPError(.forbidden, message: "this page is for the office") }
      return try await body(account)
    }
  }

  /// What only the administrator does: exemptions.
  func admin(_ context: WebContext, _ body: (Account) async throws -> Response) async throws -> Response {
    try await page(context) { account in
      guard account.mayManageExemptions else {
        throw HTTPError(.forbidden, message: "only the administrator manages exemptions")
      }
      return try await body(account)
    }
  }

  /// A page for the signed-in: anyone else is sent to sign in, and what they sent is not read.
  func page(_ context: WebContext, _ body: (Account) async throws -> Response) async throws -> Response {
    guard let account = context.account else { return .redirect(to: "/login") }
    return try await body(account)
  }
}
