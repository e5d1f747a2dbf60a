import Foundation
import Testing

@testable import YujingCore

/// The review pages as the office uses them (docs/operate.md#the-web-ui-and-api,
/// docs/rules.md#the-ladder): a talk notice is approved only with the talk's time and place, a
/// draft's text is edited and shown again, drafts are approved in bulk, and a department answers
/// its notice.
@Suite struct ReviewPagesTests {
  @Test func approvingATalkNoticeAsksForTheTalksTimeAndPlace() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      let talk = try #require(try office.live().first { $0.kind == .talk && $0.state == .draft })
      let page = try await reviewer.get("/notices/\(talk.id)")
      #expect(page.body.contains("name=\"talk_at\"") && page.body.contains("name=\"place\""))
      #expect(page.body.contains("required"))

      let refused = try await reviewer.send(.post, "/notices/\(talk.id)/approve", form: ["date": "2020-05-13"])
      #expect(refused.status == 422)
      // In the reader's words, not the command line's.
      #expect(refused.body.contains("约谈通知书须填写约谈时间和地点后才能签发。"), "\(refused.body)")
      #expect(!refused.body.contains("--talk-at"), "\(refused.body)")
      // The API names the rule for programs, and says it as the page does.
      let api = try await reviewer.send(.post, "/api/v1/notices/\(talk.id)/approve", json: ["date": "2020-05-13"])
      let error = api.json?["error"] as? [String: Any]
      #expect(api.status == 409)
      #expect(error?["code"] as? String == "talk_needs_time_and_place", "\(api.body)")
      #expect(error?["message"] as? String == "约谈通知书须填写约谈时间和地点后才能签发。", "\(api.body)")
      #expect(try office.state(talk.id) == .draft)
      let badTime = try await reviewer.send(
        .post, "/notices/\(talk.id)/approve", form: ["date": "2020-05-13", "talk_at": "明天上午", "place": "三楼"])
      #expect(badTime.status == 422)

      // The reviewer checks it with the talk's time and place; the signer signs it, and it is issued.
      let checked = try await reviewer.send(
        .post, "/notices/\(talk.id)/approve",
        form: ["date": "2020-05-13", "talk_at": "2020-05-20 09:30", "place": "市政府三楼第一会议室", "opinion": "已核"])
      #expect(checked.status == 303)
      #expect(try office.state(talk.id) == .draft)
      let signer = try await browser("lead")
      let page2 = try await signer.get("/notices/\(talk.id)")
      #expect(page2.body.contains("当前环节：签发") && page2.body.contains("value=\"2020-05-20 09:30\""), "\(page2.body)")
      let approved = try await signer.send(
        .post, "/notices/\(talk.id)/approve", form: ["date": "2020-05-13", "opinion": "同意"])
      #expect(approved.status == 303)
      let stored = try #require(try office.store.notice(id: talk.id))
      #expect(stored.state == .approved)
      #expect(stored.number?.contains("〔2020〕") == true)
      #expect(stored.body.contains("2020年5月20日9时30分") && stored.body.contains("市政府三楼第一会议室"))
      #expect(try office.store.auditLog().contains { $0.action == "check" && $0.actor == "rev" })
      #expect(try office.store.auditLog().contains { $0.action == "approve" && $0.actor == "lead" })
      // Each step is shown on the notice's page, with its opinion.
      let shown = try await reviewer.get("/notices/\(talk.id)").body
      #expect(shown.contains("签发流程（核稿 → 签发）") && shown.contains("已核") && shown.contains("同意"), "\(shown)")
    }
  }

  @Test func theDashboardNamesTargetsThatWillNeverBeJudged() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      let page = try await reviewer.get("/")
      // The office has 2020's published targets, but only industry figures have come in.
      #expect(page.body.contains("项年度目标无法评判"), "\(page.body)")
      #expect(page.body.contains("<li>近一年没有任何数据源报送地区生产总值的数据（11项2020年目标）</li>"), "\(page.body)")
      #expect(!page.body.contains("丰城市规模以上工业增加值增速目标"))
    }
  }

  @Test func aDraftsTextIsEditedBeforeApprovalAndTheDocumentShowsIt() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      let id = office.draft.id
      let body = "经核实，你单位规上工业增加值增速低于目标。\n请于五个工作日内报送整改报告。"
      let saved = try await reviewer.send(
        .post, "/notices/\(id)/edit", form: ["title": office.draft.title, "body": body])
      #expect(saved.status == 303)
      let document = try await reviewer.get("/notices/\(id)/document")
      #expect(document.body.contains("请于五个工作日内报送整改报告"))
      #expect(document.header("Content-Security-Policy")?.contains("sandbox") == true)
      let history = try office.store.noticeHistory(id: id)
      #expect(history.last?.note?.hasPrefix("text edited; before:") == true)
      // Once approved, the text is fixed.
      #expect(try await reviewer.send(.post, "/notices/\(id)/approve", form: ["date": "2020-05-13"]).status == 303)
      let late = try await reviewer.send(.post, "/notices/\(id)/edit", form: ["title": "x", "body": "y"])
      #expect(late.status == 422)
      #expect(try office.store.notice(id: id)?.body == body)
    }
  }

  @Test func draftsAreApprovedInBulkExceptTalksWhichNeedTheirOwnForm() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      let drafts = try office.live().filter { $0.state == .draft && $0.kind != .talk }
      #expect(!drafts.isEmpty)
      let list = try await reviewer.get("/notices?state=draft")
      for draft in drafts { #expect(list.body.contains("name=\"id\" value=\"\(draft.id)\"")) }
      let talk = try #require(try office.live().first { $0.kind == .talk && $0.state == .draft })
      #expect(!list.body.contains("name=\"id\" value=\"\(talk.id)\""))
      // A talk slipped into the bulk form is refused with its reason; the others are approved.
      let ids = drafts.map { String($0.id) } + [String(talk.id)]
      let answer = try await reviewer.send(.post, "/notices/approve", form: ["id": ids.joined(separator: ",")])
      #expect(answer.status == 422)
      #expect(
        answer.body.contains("\(drafts.count) 件已签发") && answer.body.contains("通知 \(talk.id)：约谈通知书须填写约谈时间和地点"))
      for draft in drafts { #expect(try office.state(draft.id) == .approved) }
      #expect(try office.state(talk.id) == .draft)
    }
  }

  @Test func aDepartmentAcknowledgesAndReportsOnItsOwnNotice() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let department = try await browser(nil)
      let signedIn = try await department.send(
        .post, "/login", form: ["name": "fengcheng", "password": Office.passwords["fengcheng"]!],
        withCSRF: false)
      department.cookie = Browser.sessionCookie(signedIn.header("Set-Cookie"))
      let page = try await department.get("/notices/\(office.approved.id)")
      #expect(page.status == 200)
      // The page's forms carry the session's token; the client takes it from there, as a browser does.
      let token = try #require(
        page.body.range(of: "name=\"_csrf\" value=\"").map { page.body[$0.upperBound...].prefix { $0 != "\"" } })
      department.csrf = String(token)
      #expect(page.body.contains("整改报告截止"))
      #expect(try await department.send(.post, "/notices/\(office.approved.id)/acknowledge", form: [:]).status == 303)
      #expect(try office.state(office.approved.id) == .acknowledged)
      let report = try await department.send(
        .post, "/notices/\(office.approved.id)/feedback", form: ["text": "已召开专题会议，落实整改。"])
      #expect(report.status == 303)
      let reports = try office.store.feedback(noticeID: office.approved.id)
      #expect(reports.map(\.text) == ["已召开专题会议，落实整改。"])
      #expect(try await department.get("/notices/\(office.approved.id)").body.contains("已召开专题会议"))

      // A second report with an attached file, as a browser sends it (multipart/form-data).
      let boundary = "----yujing-test-boundary"
      let pdf = Data("%PDF-1.4 整改报告 <script>".utf8)
      var body = Data()
      body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n".utf8)
      body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n补充整改材料\r\n".utf8)
      body += Data(
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\报告\\整改报告.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
          .utf8)
      body += pdf + Data("\r\n--\(boundary)--\r\n".utf8)
      let upload = try await department.sendRaw(
        .post, "/notices/\(office.approved.id)/feedback", body: body,
        contentType: "multipart/form-data; boundary=\(boundary)")
      #expect(upload.status == 303, "\(upload.body)")
      let attachments = try office.store.feedbackAttachments(noticeID: office.approved.id)
      #expect(attachments.map(\.fileName) == ["整改报告.pdf"])
      let reviewer = try await browser("rev")
      let id = try #require(attachments.first?.id)
      let download = try await reviewer.get("/notices/\(office.approved.id)/attachments/\(id)")
      #expect(download.status == 200)
      #expect(download.header("Content-Disposition")?.hasPrefix("attachment;") == true)
      #expect(download.body == String(decoding: pdf, as: UTF8.self))
      // Another department cannot fetch it, even knowing both ids.
      let other = try await browser("zhangshu")
      #expect(try await other.get("/notices/\(office.approved.id)/attachments/\(id)").status == 404)
    }
  }

  @Test func anExemptionIsAddedWithItsReasonAndExpiredFromThePage() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let admin = try await browser("admin")
      let unknown = try await admin.send(
        .post, "/exemptions", form: ["region": "999999", "until": "2020-12-31", "reason": "疫情影响"])
      #expect(unknown.status == 422)
      #expect(unknown.body.contains("999999"))
      let added = try await admin.send(
        .post, "/exemptions",
        form: [
          "region": "360981", "indicator": "industry_va", "from": "2020-02-01", "until": "2020-06-30", "reason": "疫情影响",
        ])
      #expect(added.status == 303)
      let stored = try #require(try office.store.exemptions().first)
      #expect(stored.region == "360981" && stored.indicator == "industry_va" && stored.reason == "疫情影响")
      #expect(stored.createdBy == "admin" && stored.until == Day("2020-06-30"))
      #expect(try await admin.get("/exemptions").body.contains("疫情影响"))
      #expect(try await admin.send(.post, "/exemptions/\(stored.id)/expire", form: [:]).status == 303)
      #expect(try office.store.exemptions().first?.expired == true)
      #expect(try office.store.auditLog().contains { $0.action == "exemption add" && $0.actor == "admin" })
    }
  }
}
