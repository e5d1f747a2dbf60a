import Foundation
import Testing

@testable import YujingCore
@testable import YujingServer

/// Who may do what (docs/operate.md#who-may-do-what), served in process: who may call what, CSRF,
/// another department's notice by id, markup from a feed, the sign-in limit, and session fixation.
@Suite struct WebSecurityTests {
  @Test func eachRoleReachesWhatItMayAndNothingElse() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let roles: [String?] = [nil, "admin", "rev", "fengcheng", "zhangshu"]
      var clients: [String: Browser] = [:]
      for role in roles { clients[role ?? "anonymous"] = try await browser(role) }
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
        var got: [Int] = []
        for role in roles { got.append(try await clients[role ?? "anonymous"]!.get(path).status) }
        #expect(got == expected, "GET \(path)")
      }
      let word = try await clients["fengcheng"]!.get("/notices/\(approved)/docx")
      #expect(word.body.hasPrefix("PK") && word.header("Content-Disposition")?.hasPrefix("attachment") == true)
      // A department's list holds only what was approved and is addressed or copied to it.
      let own = try await clients["fengcheng"]!.get("/api/v1/notices").json?["notices"] as? [[String: Any]] ?? []
      #expect(own.map { $0["id"] as? Int64 ?? Int64($0["id"] as? Int ?? 0) } == [approved])
      let none = try await clients["zhangshu"]!.get("/api/v1/notices").json?["total"] as? Int
      #expect(none == 0)

      // State changes: a department may not approve or reject; another department's notice is 404.
      #expect(
        try await clients["fengcheng"]!.send(.post, "/api/v1/notices/\(draft)/reject", json: ["reason": "x"]).status
          == 403)
      #expect(try await clients["zhangshu"]!.send(.post, "/api/v1/notices/\(approved)/acknowledge").status == 404)
      #expect(
        try await clients["zhangshu"]!.send(.post, "/api/v1/notices/\(approved)/feedback", json: ["text": "x"]).status
          == 404)
      #expect(try await clients["rev"]!.send(.post, "/api/v1/notices/\(approved)/acknowledge").status == 403)
      #expect(try await clients["anonymous"]!.send(.post, "/api/v1/notices/\(draft)/approve", json: [:]).status == 401)
      let exemption = ["region": "360981", "until": "2020-12-31", "reason": "x"]
      #expect(try await clients["fengcheng"]!.send(.post, "/exemptions", form: exemption).status == 403)
      #expect(try office.store.exemptions().isEmpty)
      #expect(try office.state(draft) == .draft)
      #expect(try await clients["fengcheng"]!.send(.post, "/api/v1/notices/\(approved)/acknowledge").status == 200)
      #expect(try office.state(approved) == .acknowledged)
      let report = try await clients["fengcheng"]!.send(
        .post, "/api/v1/notices/\(approved)/feedback", json: ["text": "已整改"])
      #expect(report.status == 200, "\(report.body)")
      #expect(
        try await clients["rev"]!.send(.post, "/api/v1/notices/\(draft)/reject", json: ["reason": "数据待核实"]).status
          == 200)
      #expect(try office.state(draft) == .rejected)
    }
  }

  @Test func aStateChangeWithoutTheSessionsCSRFTokenIsRefused() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      let id = office.draft.id
      // The API without the header, and with another session's token.
      #expect(
        try await reviewer.send(.post, "/api/v1/notices/\(id)/reject", json: ["reason": "x"], withCSRF: false).status
          == 403)
      let other = try await browser("admin")
      let stolen = reviewer.csrf
      reviewer.csrf = other.csrf
      #expect(try await reviewer.send(.post, "/api/v1/notices/\(id)/reject", json: ["reason": "x"]).status == 403)
      reviewer.csrf = stolen
      // A page's form without its hidden field.
      #expect(
        try await reviewer.send(.post, "/notices/\(id)/reject", form: ["reason": "x"], withCSRF: false).status == 403)
      #expect(
        try await reviewer.send(.post, "/notices/\(id)/edit", form: ["title": "t", "body": "b"], withCSRF: false).status
          == 403
      )
      #expect(try await reviewer.send(.post, "/logout", form: [:], withCSRF: false).status == 403)
      #expect(try office.state(id) == .draft)
      #expect(try office.store.notice(id: id)?.title == office.draft.title)
      // The same form with the token goes through.
      let done = try await reviewer.send(.post, "/notices/\(id)/reject", form: ["reason": "口径有误"])
      #expect(done.status == 303)
      #expect(try office.state(id) == .rejected)
    }
  }

  @Test func markupFromAFeedIsShownEscapedOnEveryPage() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      let id = office.projectNotice.id
      let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
      var shown = 0
      for path in [
        "/", "/notices", "/notices/\(id)", "/notices/\(id)/document", "/audit", "/cases", "/feeds", "/exemptions",
      ] {
        let page = try await reviewer.get(path)
        #expect(page.status == 200, "\(path)")
        #expect(!page.body.contains(Office.xss), "\(path) shows the markup raw")
        if page.body.contains(escaped) { shown += 1 }
      }
      // The notice's page (its editable text) and its document both name the project.
      #expect(shown >= 2)
      // The JSON of the API carries it as a string, never as markup for a page.
      let json = try await reviewer.get("/api/v1/notices/\(id)")
      #expect(json.header("Content-Type")?.hasPrefix("application/json") == true)
      #expect(json.header("X-Content-Type-Options") == "nosniff")
      let policy = try await reviewer.get("/notices/\(id)").header("Content-Security-Policy") ?? ""
      #expect(policy.contains("default-src 'none'") && !policy.contains("script-src"))
    }
  }

  @Test func repeatedWrongPasswordsLockTheAccountForAWhile() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let client = try await browser(nil)
      for _ in 0..<5 {
        #expect(try await client.signIn("rev", "wrong-password-000").status == 401)
      }
      // Now even the right password is refused, with the wait in Retry-After.
      let locked = try await client.signIn("rev", Office.passwords["rev"]!)
      #expect(locked.status == 429)
      #expect(locked.header("Retry-After") == "900")
      #expect(
        try await client.send(.post, "/login", form: ["name": "rev", "password": Office.passwords["rev"]!]).status
          == 429)
      // Another account is not affected; the failures are in the audit log.
      #expect(try await browser("admin").cookie != nil)
      let audit = try office.store.auditLog()
      #expect(audit.filter { $0.action == "login-failed" && $0.actor == "rev" }.count == 5)
      #expect(audit.filter { $0.action == "login-refused" && $0.actor == "rev" }.count == 2)
      #expect(audit.contains { $0.action == "login" && $0.actor == "admin" })
    }
  }

  @Test func signingInGivesANewSessionAndSigningOutEndsIt() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      // A session id planted before sign-in (by a link, a shared machine) is not adopted.
      let planted = "planted-session-id-0000000000000000000000000"
      let client = try await browser(nil)
      client.cookie = planted
      #expect(try await client.get("/api/v1/session").status == 401)
      let form = try await client.send(
        .post, "/login", form: ["name": "rev", "password": Office.passwords["rev"]!], withCSRF: false)
      #expect(form.status == 303)
      let cookie = try #require(form.header("Set-Cookie"))
      #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
      let issued = try #require(Browser.sessionCookie(cookie))
      #expect(issued != planted)
      #expect(try await client.get("/api/v1/session").status == 401)
      client.cookie = issued
      #expect(try await client.get("/api/v1/session").status == 200)

      // Two sign-ins, two sessions; signing out ends the one it is sent with.
      let second = try await browser("rev")
      #expect(second.cookie != issued)
      #expect(try await second.send(.delete, "/api/v1/session").status == 204)
      #expect(try await second.get("/api/v1/session").status == 401)
      #expect(try await client.get("/api/v1/session").status == 200)
      // A new password ends every session of the account.
      try office.store.setPassword(
        name: "rev", passwordHash: Passwords.hash("another-password-2"), actor: "admin", at: office.clock.now)
      #expect(try await client.get("/api/v1/session").status == 401)
    }
  }
}
