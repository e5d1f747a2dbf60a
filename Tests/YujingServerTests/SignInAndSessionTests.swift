import Foundation
import Testing

@testable import YujingCore

/// Signing in by the form, the session it opens, its end, and the actions that read the server's
/// clock, all on the clock the test holds.
@Suite struct SignInAndSessionTests {
  @Test func theFormSignsInWithAStrictCookieAndAWrongPasswordIsAPageThatSaysSo() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let client = try await browser(nil)
      let wrong = try await client.send(
        .post, "/login", form: ["name": "rev", "password": "not-the-password"], withCSRF: false)
      #expect(wrong.status == 401)
      #expect(wrong.body.contains("用户名或密码不正确") && wrong.body.contains("value=\"rev\""))
      #expect(wrong.header("Set-Cookie") == nil)

      let signedIn = try await client.send(
        .post, "/login", form: ["name": "rev", "password": Office.passwords["rev"]!], withCSRF: false)
      #expect(signedIn.status == 303 && signedIn.header("Location") == "/")
      let cookie = try #require(signedIn.header("Set-Cookie"))
      #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Max-Age=43200"))
      client.keepCookie(signedIn)
      let overview = try await client.get("/")
      #expect(overview.status == 200)
      #expect(try await client.get("/login").header("Location") == "/")
    }
  }

  @Test func aSessionEndsWhenItsTwelveHoursHavePassedOnTheServersClock() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      #expect(try await reviewer.get("/notices").status == 200)
      office.clock.advance(seconds: 12 * 3600 - 1)
      #expect(try await reviewer.get("/notices").status == 200)
      office.clock.advance(seconds: 2)
      let page = try await reviewer.get("/notices")
      #expect(page.status == 303 && page.header("Location") == "/login")
      #expect(try await reviewer.get("/api/v1/session").status == 401)
    }
  }

  @Test func signingOutEndsTheSessionAndNeedsItsToken() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      #expect(try await reviewer.send(.post, "/logout", form: [:], withCSRF: false).status == 403)
      #expect(try await reviewer.get("/notices").status == 200)
      let out = try await reviewer.send(.post, "/logout", form: [:])
      #expect(out.status == 303 && out.header("Location") == "/login")
      #expect(out.header("Set-Cookie")?.contains("Max-Age=0") == true)
      #expect(try await reviewer.get("/notices").status == 303)
    }
  }

  @Test func anApprovalIsDatedAndRecordedByTheServersClock() async throws {
    let office = try await Office.make()
    let id = office.draft.id
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      // Without a 成文日期 the notice is dated today, in the city's time zone: 2020-05-14.
      #expect(try await reviewer.send(.post, "/notices/\(id)/approve", form: [:]).status == 303)
    }
    let notice = try #require(try office.store.notice(id: id))
    #expect(notice.documentDate == Day("2020-05-14"))
    let approval = try #require(
      try office.store.auditLog().first { $0.action == "approve" && $0.object == "notice \(id)" })
    #expect(approval.actor == "rev")
    #expect(approval.at == Timestamp.string(Office.start))
  }

  /// Five wrong passwords lock the account for the window, counted on the server's clock.
  @Test func aSignInAfterTheLimitsWindowIsTriedAgain() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let client = try await browser(nil)
      for _ in 0..<5 {
        #expect(try await client.signIn("rev", "wrong-password-1").status == 401)
      }
      #expect(try await client.signIn("rev", Office.passwords["rev"]!).status == 429)
      office.clock.advance(seconds: 15 * 60 + 1)
      #expect(try await client.signIn("rev", Office.passwords["rev"]!).status == 200)
    }
  }
}
