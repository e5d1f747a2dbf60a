import Foundation
import HTTPTypes
import Hummingbird
import YujingCore

extension WebRoutes {
  /// What anyone signed in reaches: the overview (a department is sent to its notices), signing
  /// out, and the notices, of which a department sees only its own (`ReviewActions.notice`).
  func addNoticePages(_ pages: RouterGroup<WebContext>) {
    pages.post("/logout") { request, context in
      var request = request
      _ = try await BodyReader.sessionForm(&request, context: context)
      return try LoginPage.logout(context: context, store: live.store, cookies: cookies)
    }
    pages.get("/") { request, context in
      guard try context.signedIn().isOffice else { return Response.redirect(to: "/notices") }
      return try DashboardPage.render(request, context: context, current: live.current, now: clock())
    }
    pages.get("/notices") { request, context in
      try NoticePages.list(request, context: context, current: live.current, account: try context.signedIn())
    }
    pages.get("/notices/{id}") { _, context in
      let actions = actions(try context.signedIn())
      let notice = try actions.notice(try RequestNumbers.id(context))
      return try NoticePages.show(
        notice, context: context, current: actions.current, account: actions.account, now: clock())
    }
    pages.get("/notices/{id}/document") { _, context in
      let actions = actions(try context.signedIn())
      let notice = try actions.notice(try RequestNumbers.id(context))
      return try NoticePages.document(notice, current: actions.current, now: clock())
    }
    pages.get("/notices/{id}/attachments/{file}") { _, context in
      let actions = actions(try context.signedIn())
      let notice = try actions.notice(try RequestNumbers.id(context))
      // The reports are the addressee's and the office's: a unit it is copied to does not see them.
      guard actions.mayReadReports(notice),
        let file = try actions.store.feedbackFile(
          noticeID: notice.id, feedbackID: try RequestNumbers.id(context, "file"))
      else { throw HTTPError(.notFound, message: "there is no such attachment") }
      return download(file)
    }
    pages.get("/notices/{id}/appeals/{appeal}/attachment") { _, context in
      let actions = actions(try context.signedIn())
      let notice = try actions.notice(try RequestNumbers.id(context))
      // An appeal is read by those who read the reports: the addressee and the office.
      guard actions.mayReadReports(notice),
        let file = try actions.store.appealFile(noticeID: notice.id, appealID: try RequestNumbers.id(context, "appeal"))
      else { throw HTTPError(.notFound, message: "there is no such attachment") }
      return download(file)
    }
    pages.get("/notices/{id}/docx") { _, context in
      let actions = actions(try context.signedIn())
      let notice = try actions.notice(try RequestNumbers.id(context))
      return try NoticePages.docx(notice, current: actions.current, now: clock())
    }
    addNoticeAction("approve", to: pages) { actions, id, form, _ in
      try actions.approve(
        id, date: form["date"], talkAt: form["talk_at"], place: form["place"], opinion: form["opinion"])
    }
    addNoticeAction("return", to: pages) { actions, id, form, _ in
      try actions.sendBack(id, reason: form["reason"] ?? "")
    }
    addNoticeAction("accept-report", to: pages) { actions, id, form, _ in
      try actions.decideReport(id, report: form["report"].flatMap { Int64($0) }, .accept(comment: form["comment"]))
    }
    addNoticeAction("return-report", to: pages) { actions, id, form, _ in
      let due = try RequestNumbers.day(form["due"], name: "due (重新报送期限)")
      try actions.decideReport(
        id, report: form["report"].flatMap { Int64($0) }, .sendBack(reason: form["reason"] ?? "", due: due))
    }
    addNoticeAction("appeal", to: pages, limits: .upload) { actions, id, form, files in
      let file = files["file"]
      try actions.fileAppeal(
        id, subjects: form.all("subject"), reason: form["reason"] ?? "", fileName: file?.fileName, file: file?.data)
    }
    addNoticeAction("grant-appeal", to: pages) { actions, id, form, _ in
      try actions.decideAppeal(try appeal(form, of: id, actions), .grant(reason: form["reason"] ?? ""))
    }
    addNoticeAction("deny-appeal", to: pages) { actions, id, form, _ in
      try actions.decideAppeal(try appeal(form, of: id, actions), .deny(reason: form["reason"] ?? ""))
    }
    addNoticeAction("reject", to: pages) { actions, id, form, _ in
      try actions.reject(id, reason: form["reason"] ?? "")
    }
    addNoticeAction("edit", to: pages) { actions, id, form, _ in
      try actions.edit(id, title: form["title"] ?? "", body: form["body"] ?? "")
    }
    addNoticeAction("acknowledge", to: pages) { actions, id, _, _ in try actions.acknowledge(id) }
    addNoticeAction("feedback", to: pages, limits: .upload) { actions, id, form, files in
      let file = files["file"]
      try actions.feedback(id, text: form["text"] ?? "", fileName: file?.fileName, file: file?.data)
    }
  }

  /// Drafts approved in bulk, from the list of drafts: a reviewer's alone.
  func addBulkApproval(_ review: RouterGroup<WebContext>) {
    review.post("/notices/approve") { request, context in
      let actions = actions(try context.signedIn())
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
      guard !refusals.isEmpty else { return Response.redirect(to: "/notices?state=draft") }
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

  /// A form action on one notice: on success back to its page, on a refusal its page again with
  /// the reason; a page also says what went wrong (422, or 400 for a value out of its range).
  /// The body is read only once the account may see the notice at all.
  func addNoticeAction(
    _ name: String, to pages: RouterGroup<WebContext>, limits: BodyReader.Limits = .form,
    _ action: @escaping @Sendable (ReviewActions, Int64, FormFields, [String: Multipart.File]) throws -> Void
  ) {
    pages.post("/notices/{id}/\(name)") { request, context in
      let id = try RequestNumbers.id(context)
      let actions = actions(try context.signedIn())
      _ = try actions.notice(id)
      var request = request
      let form = try await BodyReader.sessionForm(&request, context: context, limits: limits)
      let status: HTTPResponse.Status
      let message: String
      do {
        try action(actions, id, form.fields, form.files)
        return Response.redirect(to: "/notices/\(id)")
      } catch let refusal as NoticeRefusal {
        (status, message) = (.unprocessableContent, Glossary.refusal(refusal))
      } catch let refusal as ReportReview.Refusal {
        (status, message) = (.unprocessableContent, Glossary.refusal(refusal))
      } catch let refusal as AppealReview.Refusal {
        (status, message) = (.unprocessableContent, Glossary.refusal(refusal))
      } catch let refusal as NoticeActionError {
        (status, message) = (.unprocessableContent, Glossary.refusal(refusal.description))
      } catch let refusal as RequestNumbers.OutOfRange {
        (status, message) = (.badRequest, Glossary.refusal(refusal.description))
      }
      var response = try NoticePages.show(
        try actions.notice(id), context: context, current: actions.current, account: actions.account,
        message: message, now: clock())
      response.status = status
      return response
    }
  }

  /// The appeal a decision form names, if it is one of the notice's; otherwise 404.
  func appeal(_ form: FormFields, of notice: Int64, _ actions: ReviewActions) throws -> Int64 {
    guard let id = form["appeal"].flatMap({ Int64($0) }), try actions.store.appeal(id: id)?.noticeID == notice else {
      throw HTTPError(.notFound, message: "there is no such appeal of notice \(notice)")
    }
    return id
  }
}

/// A file a department attached, always as a download, never shown inline: the file is the
/// addressee's, not yujing's markup.
private func download(_ file: (fileName: String, data: Data)) -> Response {
  let name = file.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
  return Response(
    status: .ok,
    headers: [
      .contentType: "application/octet-stream", .contentDisposition: "attachment; filename*=UTF-8''\(name)",
      .cacheControl: "no-store",
    ],
    body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
}
