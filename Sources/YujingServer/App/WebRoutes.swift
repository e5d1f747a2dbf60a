import Foundation
import HTTPTypes
import Hummingbird
import YujingCore

/// The pages and the API, each in the group of who may reach it (docs/operate.md#the-web-ui-and-api,
/// docs/operate.md#who-may-do-what): the sign-in and the stylesheet for anyone, the notices for
/// anyone signed in, the office's pages for reviewers and the administrator, the bulk approval for
/// reviewers, exemptions' changes for the administrator. The groups' `RoleCheck` does the asking; per-object checks are in
/// `ReviewActions`.
struct WebRoutes: Sendable {
  let live: LiveWorkspace
  let cookies: SessionCookies
  /// The one clock of the web layer: sessions, sign-ins, approvals, reports and pages ask it.
  let clock: @Sendable () -> Date
  let throttle = SignInThrottle()

  var signIn: SignIn { SignIn(store: live.store, cookies: cookies, throttle: throttle, clock: clock) }

  /// What an account may do on notices, against the live workspace and this clock.
  func actions(_ account: Account) -> ReviewActions {
    ReviewActions(current: live.current, account: account, clock: clock)
  }

  func add(to router: Router<WebContext>) {
    addPublicPages(router.group())
    addNoticePages(router.area(.signedIn, for: .browser))
    addLedgerPages(router.area(.signedIn, for: .browser))
    addBulkApproval(router.area(.review, for: .browser))
    addLedgerEntry(router.area(.review, for: .browser))
    addOfficePages(router.area(.office, for: .browser))
    addAdminPages(router.area(.admin, for: .browser))
    APIRoutes(live: live, signIn: signIn, clock: clock).add(to: router)
  }

  /// The stylesheet and signing in.
  func addPublicPages(_ pages: RouterGroup<WebContext>) {
    pages.get("/assets/yujing.css") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
        body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
    }
    pages.get("/login") { _, context in
      context.account != nil ? Response.redirect(to: "/") : LoginPage.form(context: context)
    }
    pages.post("/login") { request, context in try await LoginPage.submit(request, context: context, signIn: signIn) }
  }

  /// The office's pages: reading, and exemptions' list.
  func addOfficePages(_ office: RouterGroup<WebContext>) {
    office.get("/findings") { request, context in
      try FindingPages.findings(request, context: context, current: live.current)
    }
    office.get("/subjects/indicator/{indicator}/{region}") { request, context in
      let subject = Subject.indicator(
        indicator: try RequestNumbers.code(context, "indicator"), region: try RequestNumbers.code(context, "region"))
      return try FindingPages.subject(subject, request, context: context, current: live.current)
    }
    office.get("/subjects/project/{code}") { request, context in
      let subject = Subject.project(try RequestNumbers.code(context, "code"))
      return try FindingPages.subject(subject, request, context: context, current: live.current)
    }
    office.get("/subjects/feed/{name}") { request, context in
      let subject = Subject.feed(try RequestNumbers.code(context, "name"))
      return try FindingPages.subject(subject, request, context: context, current: live.current)
    }
    office.get("/reports") { _, context in
      try ReportPages.list(context: context, actions: actions(try context.signedIn()), now: clock())
    }
    office.get("/appeals") { _, context in
      try AppealPages.list(context: context, actions: actions(try context.signedIn()))
    }
    // The 发文稿纸 holds the office's own opinions: the office's to read, not the addressee's.
    office.get("/notices/{id}/form") { _, context in
      try NoticePages.processingForm(
        try RequestNumbers.id(context), format: .html, current: live.current, now: clock())
    }
    office.get("/notices/{id}/form.docx") { _, context in
      try NoticePages.processingForm(
        try RequestNumbers.id(context), format: .docx, current: live.current, now: clock())
    }
    office.get("/audit") { _, context in
      try AuditPage.render(
        context: context, store: live.store, timeZone: live.current.workspace.configuration.city.timeZone)
    }
    office.get("/cases") { _, context in try OfficePages.cases(context: context, current: live.current) }
    office.get("/cases/{id}") { _, context in
      try OfficePages.caseHistory(try RequestNumbers.id(context), context: context, current: live.current)
    }
    office.get("/feeds") { _, context in try OfficePages.feeds(context: context, current: live.current) }
    office.get("/feeds/runs/{id}") { _, context in
      try OfficePages.rejections(try RequestNumbers.id(context), context: context, store: live.store)
    }
    office.get("/exemptions") { _, context in
      try OfficePages.exemptions(context: context, current: live.current, account: try context.signedIn())
    }
    office.get("/deliveries") { _, context in
      let current = live.current
      return try OfficePages.deliveries(
        context: context, store: current.workspace.store, timeZone: current.workspace.configuration.city.timeZone)
    }
  }

  /// Exemptions' changes, the administrator's alone.
  func addAdminPages(_ admin: RouterGroup<WebContext>) {
    admin.post("/exemptions") { request, context in
      let account = try context.signedIn()
      var request = request
      let form = try await BodyReader.sessionForm(&request, context: context).fields
      let current = live.current
      do {
        try OfficePages.addExemption(form: form, account: account, current: current, now: clock())
        return Response.redirect(to: "/exemptions")
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
    admin.post("/exemptions/{id}/expire") { request, context in
      let account = try context.signedIn()
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
      let now = clock()
      let today = Day.today({ now }, in: current.workspace.configuration.city.timeZone)
      try store.expireExemption(id: id, on: today, actor: account.name, at: now)
      return Response.redirect(to: "/exemptions")
    }
  }
}
