import Foundation
import Testing

@testable import YujingCore

/// Requests refused, served in process: errors carry the security headers, a 成文日期 outside the
/// notice's time is a 400 that names the range, and the administrator manages exemptions but
/// reviews nothing.
@Suite struct RefusedRequestsTests {
  @Test func errorsCarryTheSecurityHeadersAndAMissingExemptionIsA404() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let admin = try await browser("admin")
      let missing = try await admin.send(.post, "/exemptions/999/expire", form: [:])
      #expect(missing.status == 404, "\(missing.body)")
      #expect(
        try await admin.send(
          .post, "/exemptions", form: ["region": "360981", "from": "2020-01-01", "until": "2020-12-31", "reason": "x"]
        ).status == 303)
      let exemption = try #require(try office.store.exemptions().first)
      #expect(try await admin.send(.post, "/exemptions/\(exemption.id)/expire", form: [:]).status == 303)
      #expect(try await admin.send(.post, "/exemptions/\(exemption.id)/expire", form: [:]).status == 409)
      let department = try await browser("fengcheng")
      let anonymous = try await browser(nil)
      for answer in [
        missing, try await department.get("/audit"), try await department.get("/no-such-page"),
        try await anonymous.get("/api/v1/notices"),
        try await department.get("/notices/\(office.draft.id)"), try await admin.get("/notices?page=0"),
      ] {
        #expect(answer.status >= 400)
        #expect(
          answer.header("Content-Security-Policy")?.contains("frame-ancestors 'self'") == true, "\(answer.status)")
        #expect(answer.header("X-Content-Type-Options") == "nosniff")
        #expect(answer.header("Referrer-Policy") == "same-origin")
      }
      let docx = try await department.get("/notices/\(office.approved.id)/docx")
      #expect(docx.status == 200 && docx.header("Cache-Control") == "no-store")
      let (body, type) = department.multipart(fields: [("text", "见附件")], files: [("file", "a.txt", Data("a".utf8))])
      #expect(
        try await department.sendRaw(.post, "/notices/\(office.approved.id)/feedback", body: body, contentType: type)
          .status
          == 303)
      let file = try #require(try office.store.feedbackAttachments(noticeID: office.approved.id).first)
      let attachment = try await department.get("/notices/\(office.approved.id)/attachments/\(file.id)")
      #expect(attachment.status == 200 && attachment.header("Cache-Control") == "no-store")
    }
  }

  @Test func aDocumentDateOutsideTheNoticesTimeIsA400() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      let id = office.draft.id
      let period = office.draft.period
      let first = try #require(Day(year: period.year, month: period.month, day: 1))
      for date in ["1000-01-01", "9999-12-31", first.adding(days: -1).description] {
        let page = try await reviewer.send(.post, "/notices/\(id)/approve", form: ["date": date])
        #expect(page.status == 400, "\(date)")
        #expect(
          page.body.contains("date (成文日期) must be a date YYYY-MM-DD from \(first) to"), "\(page.body.prefix(300))")
        let api = try await reviewer.send(.post, "/api/v1/notices/\(id)/approve", json: ["date": date])
        #expect(api.status == 400, "\(date)")
      }
      #expect(try office.state(id) == .draft)
      #expect(try await reviewer.send(.post, "/notices/\(id)/approve", form: ["date": "2020-05-13"]).status == 303)
    }
  }

  @Test func notMoreThanTheAdministratorManagesExemptionsAndOnlyReviewersReview() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let admin = try await browser("admin")
      let reviewer = try await browser("rev")
      #expect(
        try await admin.send(.post, "/api/v1/notices/\(office.draft.id)/approve", json: ["date": "2020-05-13"]).status
          == 403)
      #expect(try await admin.send(.post, "/notices/\(office.draft.id)/reject", form: ["reason": "x"]).status == 403)
      #expect(try office.state(office.draft.id) == .draft)
      let exemption = ["region": "360981", "from": "2020-01-01", "until": "2020-12-31", "reason": "统计口径调整"]
      #expect(try await reviewer.send(.post, "/exemptions", form: exemption).status == 403)
      #expect(try office.store.exemptions().isEmpty)
      #expect(try await admin.send(.post, "/exemptions", form: exemption).status == 303)
      #expect(try office.store.exemptions().count == 1)
      #expect(!(try await reviewer.get("/exemptions").body.contains("action=\"/exemptions\"")))
    }
  }
}
