import Foundation
import Testing

@testable import YujingCore

/// The attacks that held in the outside test, kept as tests: every route for every role, the ways
/// to forge a state change, and markup on every page each role can open.
@Suite(.serialized) struct AttackMatrixTests {
  typealias Office = WebSecurityTests.Office
  static let roles: [String?] = [nil, "admin", "rev", "fengcheng", "gongxin", "zhangshu"]

  @Test func everyRouteAnswersEachRoleAsItMay() throws {
    let office = try Office()
    let clients = try Dictionary(uniqueKeysWithValues: Self.roles.map { ($0 ?? "anonymous", try office.client($0)) })
    let (approved, draft) = (office.approved.id, office.draft.id)
    let department = clients["fengcheng"]!
    let (body, type) = department.multipart(fields: [("text", "见附件")], files: [("file", "a.txt", Data("a".utf8))])
    #expect(
      try department.sendRaw("POST", "/notices/\(approved)/feedback", body: body, contentType: type).status == 303)
    let file = try #require(try office.harness.store.feedbackAttachments(noticeID: approved).first).id
    let caseID = try #require(try office.harness.store.cases().first).id
    let run = try #require(try office.harness.store.feedRuns(limit: 1).first).id
    // anonymous, admin, rev, fengcheng (addressee), gongxin (抄送), zhangshu (unrelated)
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
      ("/api/v1/session", [401, 200, 200, 200, 200, 200]),
      ("/api/v1/openapi.json", [401, 200, 200, 200, 200, 200]),
      ("/api/v1/notices", [401, 200, 200, 200, 200, 200]),
      ("/api/v1/notices/\(approved)", [401, 200, 200, 200, 200, 404]),
      ("/api/v1/notices/\(draft)", [401, 200, 200, 404, 404, 404]),
      ("/api/v1/notices/999999", [401, 404, 404, 404, 404, 404]),
      ("/healthz", [200, 200, 200, 200, 200, 200]),
      ("/metrics", [200, 200, 200, 200, 200, 200]),
    ]
    for (path, expected) in reads {
      let got = try Self.roles.map { try clients[$0 ?? "anonymous"]!.get(path).status }
      #expect(got == expected, "GET \(path)")
    }
    // State changes each role may not make, with a valid token: refused, and nothing changed.
    let writes: [(String, String, [String: String], [Int])] = [
      ("POST", "/notices/\(draft)/reject", ["reason": "x"], [303, 403, -1, 404, 404, 404]),
      ("POST", "/notices/\(draft)/edit", ["title": "t", "body": "b"], [303, 403, -1, 404, 404, 404]),
      ("POST", "/notices/\(draft)/approve", ["date": "2020-05-13"], [303, 403, -1, 404, 404, 404]),
      ("POST", "/notices/approve", ["id": "\(draft)"], [303, 403, -1, 403, 403, 403]),
      ("POST", "/notices/\(approved)/acknowledge", [:], [303, 403, 403, -1, 403, 404]),
      (
        "POST", "/exemptions", ["region": "360981", "until": "2020-12-31", "reason": "x"],
        [303, -1, 403, 403, 403, 403]
      ),
      ("POST", "/exemptions/1/expire", [:], [303, -1, 403, 403, 403, 403]),
    ]
    for (method, path, form, expected) in writes {
      for (role, status) in zip(Self.roles, expected) where status != -1 {
        let answer = try clients[role ?? "anonymous"]!.send(method, path, form: form)
        #expect(answer.status == status, "\(role ?? "anonymous") \(method) \(path)")
      }
    }
    // The API refuses a department by its role before it looks for the notice.
    for (role, status) in zip(Self.roles, [401, 403, -1, 403, 403, 403]) where status != -1 {
      let answer = try clients[role ?? "anonymous"]!.send(
        "POST", "/api/v1/notices/\(draft)/reject", json: ["reason": "x"])
      #expect(answer.status == status, "\(role ?? "anonymous") rejects through the API")
    }
    #expect(try office.state(draft) == .draft)
    #expect(try office.state(approved) == .approved)
    #expect(try office.harness.store.exemptions().isEmpty)
    #expect(office.serve.stop() == 0)
  }

  @Test func everyWayOfForgingAStateChangeIsRefused() throws {
    let office = try Office()
    let reviewer = try office.client("rev")
    let id = office.draft.id
    let path = "/notices/\(id)/reject"
    let token = reviewer.csrf!
    let variants: [(String, () throws -> WebClient.Answer)] = [
      ("form without the field", { try reviewer.send("POST", path, form: ["reason": "x"], withCSRF: false) }),
      (
        "form with an empty field",
        { try reviewer.send("POST", path, form: ["reason": "x", "_csrf": ""], withCSRF: false) }
      ),
      (
        "form with a shortened token",
        {
          try reviewer.send("POST", path, form: ["reason": "x", "_csrf": String(token.dropLast())], withCSRF: false)
        }
      ),
      (
        "form with the token in the query",
        {
          try reviewer.send("POST", path + "?_csrf=\(token)", form: ["reason": "x"], withCSRF: false)
        }
      ),
      (
        "form with a wrong header",
        {
          try reviewer.send("POST", path, form: ["reason": "x"], headers: ["X-CSRF-Token": "forged"])
        }
      ),
      (
        "form from another site",
        {
          try reviewer.send("POST", path, form: ["reason": "x"], headers: ["Origin": "https://evil.example"])
        }
      ),
      (
        "form referred by another site",
        {
          try reviewer.send("POST", path, form: ["reason": "x"], headers: ["Referer": "https://evil.example/page"])
        }
      ),
      (
        "JSON to the API without the header",
        {
          try reviewer.send("POST", "/api/v1/notices/\(id)/reject", json: ["reason": "x"], withCSRF: false)
        }
      ),
      (
        "JSON as text/plain with the field",
        {
          try reviewer.sendRaw(
            "POST", "/api/v1/notices/\(id)/reject", body: Data("{\"reason\":\"x\",\"_csrf\":\"\(token)\"}".utf8),
            contentType: "text/plain")
        }
      ),
      (
        "a form to the API with the field",
        {
          try reviewer.sendRaw(
            "POST", "/api/v1/notices/\(id)/reject", body: Data("reason=x&_csrf=\(token)".utf8),
            contentType: "application/x-www-form-urlencoded")
        }
      ),
      (
        "a page's form as text/plain",
        {
          try reviewer.sendRaw("POST", path, body: Data("reason=x&_csrf=\(token)".utf8), contentType: "text/plain")
        }
      ),
    ]
    for (name, send) in variants {
      #expect(try send().status == 403, "\(name)")
    }
    #expect(try office.state(id) == .draft)
    #expect(office.serve.stop() == 0)
  }

  @Test func markupIsEscapedOnEveryPageEachRoleOpens() throws {
    let office = try Office()
    let id = office.projectNotice.id
    // The project notice, issued, so that the departments' pages show it too.
    let reviewer = try office.client("rev")
    var approval = ["date": "2020-05-13"]
    if office.projectNotice.kind == .talk { approval.merge(["talk_at": "2020-05-20 09:00", "place": "三楼"]) { $1 } }
    let issued = try reviewer.send("POST", "/notices/\(id)/approve", form: approval)
    #expect(issued.status == 303, "\(issued.body.prefix(500))")
    let approved = try #require(try office.harness.store.notice(id: id))
    let payloads = [
      "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "'><script>alert(2)</script>",
      "javascript:alert(3)//<a href=x>",
    ]
    // A department's report carries the payloads; the office reads it on the notice's page.
    var readers = ["rev", "admin"]
    if let addressee = [("fengcheng", "丰城市人民政府"), ("zhangshu", "樟树市人民政府")].first(where: {
      $0.1 == approved.addressee
    }) {
      let department = try office.client(addressee.0)
      let report = try department.send(
        "POST", "/notices/\(id)/feedback", form: ["text": payloads.joined(separator: " ")])
      #expect(report.status == 303)
      readers.append(addressee.0)
    }
    for name in readers {
      let client = try office.client(name)
      let caseID = try #require(try office.harness.store.cases().first).id
      for path in [
        "/", "/notices", "/notices/\(id)", "/notices/\(id)/document", "/audit", "/cases", "/cases/\(caseID)", "/feeds",
        "/findings?period=2020-04", "/findings?period=2020-03", "/subjects/project/P2020-901", "/exemptions",
      ] {
        let page = try client.get(path)
        guard page.status == 200 else { continue }
        for raw in payloads + [WebSecurityTests.xss] {
          #expect(!page.body.contains(raw), "\(name) \(path) shows \(raw) raw")
        }
      }
    }
    #expect(office.serve.stop() == 0)
  }

  /// Every state-changing form of every page, the new pages' included, carries the session's
  /// token: a form without it would be refused (above), so a form that lacks it is a broken page.
  @Test func everyFormOfEveryPageCarriesTheSessionsToken() throws {
    let office = try Office()
    let caseID = try #require(try office.harness.store.cases().first).id
    var forms = 0
    for name in ["admin", "rev", "fengcheng"] {
      let client = try office.client(name)
      let token = try #require(client.csrf)
      for path in [
        "/", "/notices", "/notices/\(office.approved.id)", "/notices/\(office.draft.id)", "/cases", "/cases/\(caseID)",
        "/findings", "/subjects/indicator/industry_va/360981", "/subjects/project/P2020-901", "/exemptions", "/feeds",
        "/deliveries", "/audit", "/no-such-page", "/notices/999999",
      ] {
        let page = try client.get(path)
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
    #expect(forms > 40)
    #expect(office.serve.stop() == 0)
  }
}
