import Foundation
import Testing

@testable import YujingCore

/// The office reviews a 整改 report on the notice's page: a reviewer sends it back with a reason
/// or accepts it (the notice 办结); the addressee and the administrator cannot, nor a request
/// without the session's token, nor a report of another notice.
@Suite struct ReportReviewPagesTests {
  @Test func aReviewerReturnsThenAcceptsAReportAndNoOneElseMay() async throws {
    let office = try await Office.make()
    let talk = office.approved.id
    try await office.serve { browser in
      let department = try await browser("fengcheng")
      #expect(try await department.send(.post, "/notices/\(talk)/feedback", form: ["text": "整改措施。"]).status == 303)
      let first = try #require(try office.store.reports(noticeID: talk).first)
      let reviewer = try await browser("rev")
      var page = try await reviewer.get("/notices/\(talk)").body
      #expect(page.contains("待审核") && page.contains("action=\"/notices/\(talk)/return-report\""), "\(page)")

      let path = "/notices/\(talk)/return-report"
      let form = ["report": String(first.id), "reason": "措施不具体"]
      #expect(try await department.send(.post, path, form: form).status == 403)
      #expect(try await browser("admin").send(.post, path, form: form).status == 403)
      #expect(try await reviewer.send(.post, path, form: form, withCSRF: false).status == 403)
      let other = try await reviewer.send(.post, "/notices/\(office.draft.id)/return-report", form: form)
      #expect(other.status == 404)
      let empty = try await reviewer.send(.post, path, form: ["report": String(first.id), "reason": " "])
      #expect(empty.status == 422)
      #expect(empty.body.contains("退回整改报告须写明理由"), "\(empty.body)")
      #expect(try office.store.reports(noticeID: talk).first?.state == .submitted)

      #expect(try await reviewer.send(.post, path, form: form).status == 303)
      page = try await reviewer.get("/notices/\(talk)").body
      #expect(page.contains("已退回：措施不具体"), "\(page)")
      let again = try await reviewer.send(.post, "/notices/\(talk)/accept-report", form: ["report": String(first.id)])
      #expect(again.status == 422)
      #expect(again.body.contains("不能再次审核"), "\(again.body)")

      #expect(try await department.send(.post, "/notices/\(talk)/feedback", form: ["text": "细化后的措施。"]).status == 303)
      let second = try #require(try office.store.reports(noticeID: talk).first)
      let accepted = try await reviewer.send(
        .post, "/notices/\(talk)/accept-report", form: ["report": String(second.id), "comment": "同意销号"])
      #expect(accepted.status == 303)
      #expect(try office.state(talk) == .closed)
      page = try await department.get("/notices/\(talk)").body
      #expect(page.contains("本通知已办结"), "\(page)")
    }
  }
}
