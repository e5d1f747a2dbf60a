import Foundation
import Testing

@testable import YujingCore

/// Who may do what (docs/operate.md#who-may-do-what) against a real `yujing serve` on loopback with
/// a real HTTP client: who may call what, CSRF, another department's notice by id, markup from a
/// feed, the sign-in limit, and session fixation.
@Suite(.serialized) struct WebSecurityTests {
  static let xss = "<script>alert(1)</script>"

  /// A database with two counties' notices (丰城's approved, 樟树's a draft), a project whose
  /// name is markup, and four accounts; and the daemon serving it.
  final class Office {
    let harness: EscalationHarness
    let serve: ServeProcess
    let approved: NoticeRecord
    let draft: NoticeRecord
    let projectNotice: NoticeRecord
    static let passwords = [
      "admin": "admin-password-1", "rev": "reviewer-password-1", "fengcheng": "fengcheng-password-1",
      "zhangshu": "zhangshu-password-1", "gongxin": "gongxin-password-1", "lead": "lead-password-1",
    ]

    /// `serveArguments` come before `--db`: a `--config`, say.
    init(serveArguments: [String] = []) throws {
      setenv("YUJING_BCRYPT_COST", "10", 1)
      harness = try EscalationHarness()
      for period in ["2020-03", "2020-04"] {
        try harness.ingest(
          "\(period),360981,industry_va,,5.0\n\(period),360982,industry_va,,5.5\n\(period),360983,industry_va,,9.0\n")
      }
      let projects = """
        period,project,name,region,department,leader,total_investment,annual_plan,completed_ytd,status,planned_start,actual_start,planned_completion,registered
        2020-03,P2020-901,\(WebSecurityTests.xss),360981,gxj,市长,10.00,5.00,1.00,停工,2020-01-01,2020-01-10,2021-12-31,2020-01-20
        2020-04,P2020-901,\(WebSecurityTests.xss),360981,gxj,市长,10.00,5.00,1.00,停工,2020-01-01,2020-01-10,2021-12-31,2020-01-20

        """
      let run = try Ingestion(workspace: harness.workspace, clock: { fixedNow }).run(
        feed: "projects", input: .init(source: "projects.csv", data: Data(projects.utf8)))
      #expect(run.status == .ok, "\(run.rejections)")
      try harness.evaluate("2020-03")
      try harness.evaluate("2020-04")
      let notices = try harness.live()
      // Red in two months: 丰城 is summoned straight away (a talk notice, with its time and place).
      let fengcheng = try #require(notices.last { $0.addressee == "丰城市人民政府" && $0.kind == .talk })
      approved = try harness.approve(fengcheng.id, on: "2020-05-13", talkAt: "2020-05-20 09:00", place: "市政府三楼会议室")
      draft = try #require(notices.first { $0.addressee == "樟树市人民政府" && $0.state == .draft })
      projectNotice = try #require(
        notices.first { $0.subjects.contains { $0.subject == .project("P2020-901") } })
      let database = harness.directory.path("yujing.sqlite")
      for (name, role, addressee) in [
        ("admin", "admin", nil), ("rev", "reviewer", nil), ("fengcheng", "department", "丰城市人民政府"),
        ("zhangshu", "department", "樟树市人民政府"),
        // A unit the approved notice is copied to (抄送), not addressed to.
        ("gongxin", "department", try #require(approved.copies.first)),
      ] {
        let result = try YujingCommand.run(
          ["users", "add", name, "--role", role, "--password-stdin", "--db", database]
            + (addressee.map { ["--addressee", $0] } ?? []), stdin: Self.passwords[name]! + "\n")
        #expect(result.status == 0, "\(result.err)")
      }
      // A signer (签发人) for the deputy mayor in charge of industry.
      let signer = try YujingCommand.run(
        ["users", "add", "lead", "--role", "signer", "--leader", "李××", "--password-stdin", "--db", database],
        stdin: Self.passwords["lead"]! + "\n")
      #expect(signer.status == 0, "\(signer.err)")
      serve = try ServeProcess(serveArguments + ["--db", database], directory: harness.directory)
    }

    func client(_ name: String?) throws -> WebClient {
      let client = WebClient(address: serve.address)
      if let name {
        let answer = try client.signIn(name, Self.passwords[name]!)
        #expect(answer.status == 200, "\(name): \(answer.body)")
      }
      return client
    }

    func state(_ id: Int64) throws -> NoticeRecord.State? { try harness.store.notice(id: id)?.state }
  }

  @Test func eachRoleReachesWhatItMayAndNothingElse() throws {
    let office = try Office()
    let roles: [String?] = [nil, "admin", "rev", "fengcheng", "zhangshu"]
    let clients = try Dictionary(uniqueKeysWithValues: roles.map { ($0 ?? "anonymous", try office.client($0)) })
    let approved = office.approved.id
    let draft = office.draft.id
    // path → expected status for anonymous, admin, rev, fengcheng, zhangshu
    let reads: [(String, [Int])] = [
      ("/", [303, 200, 200, 303, 303]),
      ("/audit", [303, 200, 200, 403, 403]),
      ("/cases", [303, 200, 200, 403, 403]),
      ("/feeds", [303, 200, 200, 403, 403]),
      ("/exemptions", [303, 200, 200, 403, 403]),
      ("/deliveries", [303, 200, 200, 403, 403]),
      ("/notices", [303, 200, 200, 200, 200]),
      ("/notices/\(approved)", [303, 200, 200, 200, 404]),
      ("/notices/\(draft)", [303, 200, 200, 404, 404]),
      ("/notices/\(approved)/document", [303, 200, 200, 200, 404]),
      ("/notices/\(approved)/docx", [303, 200, 200, 200, 404]),
      ("/api/v1/notices", [401, 200, 200, 200, 200]),
      ("/api/v1/notices/\(approved)", [401, 200, 200, 200, 404]),
      ("/api/v1/notices/\(draft)", [401, 200, 200, 404, 404]),
      ("/api/v1/notices/999999", [401, 404, 404, 404, 404]),
      ("/api/v1/session", [401, 200, 200, 200, 200]),
      ("/api/v1/openapi.json", [401, 200, 200, 200, 200]),
      ("/healthz", [200, 200, 200, 200, 200]),
    ]
    for (path, expected) in reads {
      let got = try roles.map { try clients[$0 ?? "anonymous"]!.get(path).status }
      #expect(got == expected, "GET \(path)")
    }
    let word = try clients["fengcheng"]!.get("/notices/\(approved)/docx")
    #expect(word.body.hasPrefix("PK") && word.header("Content-Disposition")?.hasPrefix("attachment") == true)
    // A department's list holds only what was approved and is addressed or copied to it.
    let own = try clients["fengcheng"]!.get("/api/v1/notices").json?["notices"] as? [[String: Any]] ?? []
    #expect(own.map { $0["id"] as? Int64 ?? Int64($0["id"] as? Int ?? 0) } == [approved])
    let none = try clients["zhangshu"]!.get("/api/v1/notices").json?["total"] as? Int
    #expect(none == 0)

    // State changes: a department may not approve or reject; another department's notice is 404.
    #expect(
      try clients["fengcheng"]!.send("POST", "/api/v1/notices/\(draft)/reject", json: ["reason": "x"]).status == 403)
    #expect(try clients["zhangshu"]!.send("POST", "/api/v1/notices/\(approved)/acknowledge").status == 404)
    #expect(
      try clients["zhangshu"]!.send("POST", "/api/v1/notices/\(approved)/feedback", json: ["text": "x"]).status == 404)
    #expect(try clients["rev"]!.send("POST", "/api/v1/notices/\(approved)/acknowledge").status == 403)
    #expect(try clients["anonymous"]!.send("POST", "/api/v1/notices/\(draft)/approve", json: [:]).status == 401)
    let exemption = ["region": "360981", "until": "2020-12-31", "reason": "x"]
    #expect(try clients["fengcheng"]!.send("POST", "/exemptions", form: exemption).status == 403)
    #expect(try office.harness.store.exemptions().isEmpty)
    #expect(try office.state(draft) == .draft)
    #expect(try clients["fengcheng"]!.send("POST", "/api/v1/notices/\(approved)/acknowledge").status == 200)
    #expect(try office.state(approved) == .acknowledged)
    let report = try clients["fengcheng"]!.send("POST", "/api/v1/notices/\(approved)/feedback", json: ["text": "已整改"])
    #expect(report.status == 200, "\(report.body)")
    #expect(
      try clients["rev"]!.send("POST", "/api/v1/notices/\(draft)/reject", json: ["reason": "数据待核实"]).status == 200)
    #expect(try office.state(draft) == .rejected)
    #expect(office.serve.stop() == 0)
  }

  @Test func aStateChangeWithoutTheSessionsCSRFTokenIsRefused() throws {
    let office = try Office()
    let reviewer = try office.client("rev")
    let id = office.draft.id
    // The API without the header, and with another session's token.
    #expect(
      try reviewer.send("POST", "/api/v1/notices/\(id)/reject", json: ["reason": "x"], withCSRF: false).status == 403)
    let other = try office.client("admin")
    let stolen = reviewer.csrf
    reviewer.csrf = other.csrf
    #expect(try reviewer.send("POST", "/api/v1/notices/\(id)/reject", json: ["reason": "x"]).status == 403)
    reviewer.csrf = stolen
    // A page's form without its hidden field.
    #expect(try reviewer.send("POST", "/notices/\(id)/reject", form: ["reason": "x"], withCSRF: false).status == 403)
    #expect(
      try reviewer.send("POST", "/notices/\(id)/edit", form: ["title": "t", "body": "b"], withCSRF: false).status == 403
    )
    #expect(try reviewer.send("POST", "/logout", form: [:], withCSRF: false).status == 403)
    #expect(try office.state(id) == .draft)
    #expect(try office.harness.store.notice(id: id)?.title == office.draft.title)
    // The same form with the token goes through.
    let done = try reviewer.send("POST", "/notices/\(id)/reject", form: ["reason": "口径有误"])
    #expect(done.status == 303)
    #expect(try office.state(id) == .rejected)
    #expect(office.serve.stop() == 0)
  }

  @Test func markupFromAFeedIsShownEscapedOnEveryPage() throws {
    let office = try Office()
    let reviewer = try office.client("rev")
    let id = office.projectNotice.id
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    var shown = 0
    for path in [
      "/", "/notices", "/notices/\(id)", "/notices/\(id)/document", "/audit", "/cases", "/feeds", "/exemptions",
    ] {
      let page = try reviewer.get(path)
      #expect(page.status == 200, "\(path)")
      #expect(!page.body.contains(WebSecurityTests.xss), "\(path) shows the markup raw")
      if page.body.contains(escaped) { shown += 1 }
    }
    // The notice's page (its editable text) and its document both name the project.
    #expect(shown >= 2)
    // The JSON of the API carries it as a string, never as markup for a page.
    let json = try reviewer.get("/api/v1/notices/\(id)")
    #expect(json.header("Content-Type")?.hasPrefix("application/json") == true)
    #expect(json.header("X-Content-Type-Options") == "nosniff")
    let policy = try reviewer.get("/notices/\(id)").header("Content-Security-Policy") ?? ""
    #expect(policy.contains("default-src 'none'") && !policy.contains("script-src"))
    #expect(office.serve.stop() == 0)
  }

  @Test func repeatedWrongPasswordsLockTheAccountForAWhile() throws {
    let office = try Office()
    let client = WebClient(address: office.serve.address)
    for _ in 0..<5 {
      #expect(try client.signIn("rev", "wrong-password-000").status == 401)
    }
    // Now even the right password is refused, with the wait in Retry-After.
    let locked = try client.signIn("rev", Office.passwords["rev"]!)
    #expect(locked.status == 429)
    #expect(locked.header("Retry-After") == "900")
    #expect(
      try client.send("POST", "/login", form: ["name": "rev", "password": Office.passwords["rev"]!]).status == 429)
    // Another account is not affected; the failures are in the audit log.
    #expect(try office.client("admin").cookie != nil)
    let audit = try office.harness.store.auditLog()
    #expect(audit.filter { $0.action == "login-failed" && $0.actor == "rev" }.count == 5)
    #expect(audit.filter { $0.action == "login-refused" && $0.actor == "rev" }.count == 2)
    #expect(audit.contains { $0.action == "login" && $0.actor == "admin" })
    #expect(office.serve.stop() == 0)
  }

  @Test func signingInGivesANewSessionAndSigningOutEndsIt() throws {
    let office = try Office()
    // A session id planted before sign-in (by a link, a shared machine) is not adopted.
    let planted = "planted-session-id-0000000000000000000000000"
    let client = WebClient(address: office.serve.address)
    client.cookie = planted
    #expect(try client.get("/api/v1/session").status == 401)
    let form = try client.send(
      "POST", "/login", form: ["name": "rev", "password": Office.passwords["rev"]!], withCSRF: false)
    #expect(form.status == 303)
    let cookie = try #require(form.header("Set-Cookie"))
    #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
    let issued = try #require(WebClient.sessionCookie(cookie))
    #expect(issued != planted)
    #expect(try client.get("/api/v1/session").status == 401)
    client.cookie = issued
    #expect(try client.get("/api/v1/session").status == 200)

    // Two sign-ins, two sessions; signing out ends the one it is sent with.
    let second = try office.client("rev")
    #expect(second.cookie != issued)
    #expect(try second.send("DELETE", "/api/v1/session").status == 204)
    #expect(try second.get("/api/v1/session").status == 401)
    #expect(try client.get("/api/v1/session").status == 200)
    // A new password ends every session of the account.
    let changed = try YujingCommand.run(
      ["users", "passwd", "rev", "--password-stdin", "--db", office.harness.directory.path("yujing.sqlite")],
      stdin: "another-password-2\n")
    #expect(changed.status == 0, "\(changed.err)")
    #expect(try client.get("/api/v1/session").status == 401)
    #expect(office.serve.stop() == 0)
  }
}
