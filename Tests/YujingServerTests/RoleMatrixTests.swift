import Foundation
import Testing

@testable import YujingCore

/// Who may reach what: every route for every role, the state changes each role may not make, and
/// the forms' tokens. The groups' role check answers the first question, `ReviewActions` the rest.
@Suite struct RoleMatrixTests {
  /// anonymous, admin, rev, fengcheng (addressee), gongxin (抄送), zhangshu (unrelated)
  static let roles: [String?] = [nil, "admin", "rev", "fengcheng", "gongxin", "zhangshu"]

  @Test func everyRouteAnswersEachRoleAsItMay() async throws {
    let office = try await Office.make()
    try LedgerPagesTests.ledger(office)
    try await office.serve { browser in
      var browsers: [String: Browser] = [:]
      for role in Self.roles { browsers[role ?? "anonymous"] = try await browser(role) }
      let (approved, draft) = (office.approved.id, office.draft.id)
      let department = browsers["fengcheng"]!
      let (body, type) = department.multipart(fields: [("text", "见附件")], files: [("file", "a.txt", Data("a".utf8))])
      #expect(
        try await department.sendRaw(.post, "/notices/\(approved)/feedback", body: body, contentType: type).status
          == 303)
      let file = try #require(try office.store.feedbackAttachments(noticeID: approved).first).id
      let subject = try #require(office.approved.subjects.first).subject.notation
      let (appealBody, appealType) = department.multipart(
        fields: [("subject", subject), ("reason", "数据已修订")], files: [("file", "b.txt", Data("b".utf8))])
      #expect(
        try await department.sendRaw(.post, "/notices/\(approved)/appeal", body: appealBody, contentType: appealType)
          .status == 303)
      let appeal = try #require(try office.store.appeals().first).id
      let caseID = try #require(try office.store.cases().first).id
      let run = try #require(try office.store.feedRuns(limit: 1).first).id
      let reads: [(String, [Int])] = [
        ("/login", [200, 303, 303, 303, 303, 303]),
        ("/assets/yujing.css", [200, 200, 200, 200, 200, 200]),
        ("/", [303, 200, 200, 303, 303, 303]),
        ("/audit", [303, 200, 200, 403, 403, 403]),
        ("/cases", [303, 200, 200, 403, 403, 403]),
        ("/cases/\(caseID)", [303, 200, 200, 403, 403, 403]),
        ("/feeds", [303, 200, 200, 403, 403, 403]),
        ("/feeds/runs/\(run)", [303, 200, 200, 403, 403, 403]),
        ("/exemptions", [303, 200, 200, 403, 403, 403]),
        ("/deliveries", [303, 200, 200, 403, 403, 403]),
        ("/reports", [303, 200, 200, 403, 403, 403]),
        ("/appeals", [303, 200, 200, 403, 403, 403]),
        ("/findings", [303, 200, 200, 403, 403, 403]),
        ("/findings?period=2020-04&level=red", [303, 200, 200, 403, 403, 403]),
        ("/subjects/indicator/industry_va/360981", [303, 200, 200, 403, 403, 403]),
        ("/subjects/project/P2020-901", [303, 200, 200, 403, 403, 403]),
        ("/subjects/feed/stats", [303, 200, 200, 403, 403, 403]),
        ("/no-such-page", [404, 404, 404, 404, 404, 404]),
        ("/notices", [303, 200, 200, 200, 200, 200]),
        ("/notices?state=draft&page=2", [303, 200, 200, 200, 200, 200]),
        ("/notices/\(approved)", [303, 200, 200, 200, 200, 404]),
        ("/notices/\(draft)", [303, 200, 200, 404, 404, 404]),
        ("/notices/\(approved)/document", [303, 200, 200, 200, 200, 404]),
        ("/notices/\(draft)/document", [303, 200, 200, 404, 404, 404]),
        ("/notices/\(approved)/docx", [303, 200, 200, 200, 200, 404]),
        ("/notices/\(draft)/docx", [303, 200, 200, 404, 404, 404]),
        ("/notices/\(approved)/attachments/\(file)", [303, 200, 200, 200, 404, 404]),
        ("/notices/\(draft)/attachments/\(file)", [303, 404, 404, 404, 404, 404]),
        ("/notices/\(approved)/appeals/\(appeal)/attachment", [303, 200, 200, 200, 404, 404]),
        ("/notices/\(draft)/appeals/\(appeal)/attachment", [303, 404, 404, 404, 404, 404]),
        ("/notices/\(approved)/form", [303, 200, 200, 403, 403, 403]),
        ("/notices/\(approved)/form.docx", [303, 200, 200, 403, 403, 403]),
        ("/notices/\(draft)/form", [303, 200, 200, 403, 403, 403]),
        ("/notices/999999/form", [303, 404, 404, 403, 403, 403]),
        ("/api/v1/session", [401, 200, 200, 200, 200, 200]),
        ("/api/v1/openapi.json", [401, 200, 200, 200, 200, 200]),
        ("/api/v1/notices", [401, 200, 200, 200, 200, 200]),
        ("/api/v1/notices/\(approved)", [401, 200, 200, 200, 200, 404]),
        ("/api/v1/notices/\(draft)", [401, 200, 200, 404, 404, 404]),
        ("/api/v1/notices/999999", [401, 404, 404, 404, 404, 404]),
        ("/api/v1/reports", [401, 200, 200, 200, 200, 200]),
        ("/api/v1/appeals?state=pending", [401, 200, 200, 200, 200, 200]),
        ("/api/v1/reports?notice=\(draft)", [401, 200, 200, 404, 404, 404]),
        ("/healthz", [200, 200, 200, 200, 200, 200]),
        // D2020-01: 丰城 leads, 市工信局 (gongxin) assists; 樟树 (zhangshu) has no part in it.
        ("/problems", [303, 200, 200, 200, 200, 200]),
        ("/problems/D2020-01", [303, 200, 200, 200, 200, 404]),
        ("/problems/D2020-02", [303, 200, 200, 404, 404, 200]),
        ("/problems/no-such", [303, 404, 404, 404, 404, 404]),
        ("/api/v1/problems", [401, 200, 200, 200, 200, 200]),
        ("/api/v1/problems/D2020-01", [401, 200, 200, 200, 200, 404]),
      ]
      for (path, expected) in reads {
        var got: [Int] = []
        for role in Self.roles { got.append(try await browsers[role ?? "anonymous"]!.get(path).status) }
        #expect(got == expected, "GET \(path)")
      }
      // State changes each role may not make, with a valid token: refused, and nothing changed.
      let writes: [(String, [String: String], [Int])] = [
        ("/notices/\(draft)/reject", ["reason": "x"], [303, 403, -1, 404, 404, 404]),
        ("/notices/\(draft)/edit", ["title": "t", "body": "b"], [303, 403, -1, 404, 404, 404]),
        ("/notices/\(draft)/approve", ["date": "2020-05-13"], [303, 403, -1, 404, 404, 404]),
        ("/notices/approve", ["id": "\(draft)"], [303, 403, -1, 403, 403, 403]),
        ("/notices/\(approved)/acknowledge", [:], [303, 403, 403, -1, 403, 404]),
        ("/exemptions", ["region": "360981", "until": "2020-12-31", "reason": "x"], [303, -1, 403, 403, 403, 403]),
        ("/exemptions/1/expire", [:], [303, -1, 403, 403, 403, 403]),
        ("/problems/D2020-01/progress", ["text": "x"], [303, 403, 403, -1, 403, 404]),
        ("/problems/D2020-01/request-close", ["text": "x"], [303, 403, 403, -1, 403, 404]),
        ("/problems/D2020-01/close", [:], [303, 403, -1, 403, 403, 404]),
        ("/problems/D2020-01/return", ["reason": "x"], [303, 403, -1, 403, 403, 404]),
        (
          "/problems",
          ["code": "X1", "title": "t", "unit": "丰城市人民政府", "level": "city", "assigned": "2020-05-01", "due": "5"],
          [303, 403, -1, 403, 403, 403]
        ),
        ("/problems/D2020-01/edit", ["title": "t"], [303, 403, -1, 403, 403, 403]),
      ]
      for (path, form, expected) in writes {
        for (role, status) in zip(Self.roles, expected) where status != -1 {
          let answer = try await browsers[role ?? "anonymous"]!.send(.post, path, form: form)
          #expect(answer.status == status, "\(role ?? "anonymous") POST \(path)")
          if status == 303 { #expect(answer.header("Location") == "/login") }
          if status == 403 { #expect(answer.body.contains("无权访问"), "\(role ?? "anonymous") POST \(path)") }
        }
      }
      // The API refuses a department by its role before it looks for the notice.
      for (role, status) in zip(Self.roles, [401, 403, -1, 403, 403, 403]) where status != -1 {
        let answer = try await browsers[role ?? "anonymous"]!.send(
          .post, "/api/v1/notices/\(draft)/reject", json: ["reason": "x"])
        #expect(answer.status == status, "\(role ?? "anonymous") rejects through the API")
        #expect(answer.json?["error"] != nil, "\(answer.body)")
      }
    }
    #expect(try office.state(office.draft.id) == .draft)
    #expect(try office.state(office.approved.id) == .approved)
    #expect(try office.store.exemptions().isEmpty)
    #expect(try office.store.problemEvents(code: "D2020-01").map(\.action) == ["import"])
    #expect(try office.store.problemStanding(code: "X1") == nil)
  }

  @Test func everyWayOfForgingAStateChangeIsRefused() async throws {
    let office = try await Office.make()
    let id = office.draft.id
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      let path = "/notices/\(id)/reject"
      let token = reviewer.csrf!
      let variants: [(String, () async throws -> Browser.Answer)] = [
        ("form without the field", { try await reviewer.send(.post, path, form: ["reason": "x"], withCSRF: false) }),
        (
          "form with an empty field",
          { try await reviewer.send(.post, path, form: ["reason": "x", "_csrf": ""], withCSRF: false) }
        ),
        (
          "form with a shortened token",
          {
            try await reviewer.send(
              .post, path, form: ["reason": "x", "_csrf": String(token.dropLast())], withCSRF: false)
          }
        ),
        (
          "form with the token in the query",
          { try await reviewer.send(.post, path + "?_csrf=\(token)", form: ["reason": "x"], withCSRF: false) }
        ),
        (
          "form with a wrong header",
          { try await reviewer.send(.post, path, form: ["reason": "x"], headers: ["X-CSRF-Token": "forged"]) }
        ),
        (
          "form from another site",
          { try await reviewer.send(.post, path, form: ["reason": "x"], headers: ["Origin": "https://evil.example"]) }
        ),
        (
          "form referred by another site",
          {
            try await reviewer.send(
              .post, path, form: ["reason": "x"], headers: ["Referer": "https://evil.example/page"])
          }
        ),
        (
          "JSON to the API without the header",
          { try await reviewer.send(.post, "/api/v1/notices/\(id)/reject", json: ["reason": "x"], withCSRF: false) }
        ),
        (
          "JSON as text/plain with the field",
          {
            try await reviewer.sendRaw(
              .post, "/api/v1/notices/\(id)/reject", body: Data("{\"reason\":\"x\",\"_csrf\":\"\(token)\"}".utf8),
              contentType: "text/plain")
          }
        ),
        (
          "a form to the API with the field",
          {
            try await reviewer.sendRaw(
              .post, "/api/v1/notices/\(id)/reject", body: Data("reason=x&_csrf=\(token)".utf8),
              contentType: "application/x-www-form-urlencoded")
          }
        ),
        (
          "a page's form as text/plain",
          {
            try await reviewer.sendRaw(
              .post, path, body: Data("reason=x&_csrf=\(token)".utf8), contentType: "text/plain")
          }
        ),
      ]
      for (name, send) in variants {
        #expect(try await send().status == 403, "\(name)")
      }
    }
    #expect(try office.state(id) == .draft)
  }

  /// Every state-changing form of every page carries the session's token: a form without it
  /// would be refused (above), so a form that lacks it is a broken page.
  @Test func everyFormOfEveryPageCarriesTheSessionsToken() async throws {
    let office = try await Office.make()
    let caseID = try #require(try office.store.cases().first).id
    let forms = try await office.serve { browser in
      var forms = 0
      for name in ["admin", "rev", "fengcheng"] {
        let client = try await browser(name)
        let token = try #require(client.csrf)
        for path in [
          "/", "/notices", "/notices/\(office.approved.id)", "/notices/\(office.draft.id)", "/cases",
          "/cases/\(caseID)", "/findings", "/subjects/indicator/industry_va/360981", "/subjects/project/P2020-901",
          "/exemptions", "/feeds", "/deliveries", "/audit", "/reports", "/appeals", "/no-such-page", "/notices/999999",
        ] {
          let page = try await client.get(path)
          guard page.status == 200 || page.status == 404 else { continue }
          var rest = page.body[...]
          while let start = rest.range(of: "<form"),
            let end = rest.range(of: "</form>", range: start.upperBound..<rest.endIndex)
          {
            let form = rest[start.lowerBound..<end.upperBound]
            if form.contains("method=\"post\"") {
              forms += 1
              #expect(form.contains("name=\"_csrf\" value=\"\(token)\""), "\(name) \(path): \(form.prefix(200))")
            }
            rest = rest[end.upperBound...]
          }
        }
      }
      return forms
    }
    #expect(forms > 40)
  }
}
