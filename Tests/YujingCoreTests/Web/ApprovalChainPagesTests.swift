import Foundation
import Testing

@testable import YujingCore

/// The 签发 chain on the web (docs/review.md#签发流程): a talk is checked by a reviewer and signed
/// by a signer, who may send it back; each role takes only its step, through the pages and the
/// API alike, and never without the session's CSRF token.
@Suite(.serialized) struct ApprovalChainPagesTests {
  typealias Office = WebSecurityTests.Office

  @Test func aTalkIsCheckedSentBackCheckedAgainAndSignedEachStepByItsRole() throws {
    let office = try Office()
    let store = office.harness.store
    let talk = try #require(try office.harness.live().first { $0.kind == .talk && $0.state == .draft })
    let reviewer = try office.client("rev")
    let signer = try office.client("lead")
    let time = ["talk_at": "2020-05-21 15:00", "place": "市政府第二会议室"]

    // The signer cannot sign before the check; the reviewer checks.
    #expect(try signer.send("POST", "/notices/\(talk.id)/approve", form: ["date": "2020-05-13"]).status == 422)
    #expect(
      try reviewer.send("POST", "/notices/\(talk.id)/approve", form: time.merging(["opinion": "已核"]) { $1 }).status
        == 303)
    #expect(try store.steps(noticeID: talk.id).map(\.step) == [.check])

    // Sending back is the signer's, with the session's token.
    let path = "/notices/\(talk.id)/return"
    let roles: [(String?, Int)] = [(nil, 303), ("admin", 403), ("fengcheng", 404), ("rev", 422)]
    for (role, status) in roles {
      let answer = try office.client(role).send("POST", path, form: ["reason": "x"])
      #expect(answer.status == status, "\(role ?? "anonymous") sends back")
    }
    #expect(try signer.send("POST", path, form: ["reason": "x"], withCSRF: false).status == 403)
    #expect(
      try signer.send("POST", "/api/v1/notices/\(talk.id)/return", json: ["reason": "x"], withCSRF: false).status
        == 403)
    #expect(try store.steps(noticeID: talk.id).count == 1)
    #expect(try signer.send("POST", path, form: ["reason": "约谈时间另定"]).status == 303)
    let back = try store.steps(noticeID: talk.id)
    #expect(back.last?.decision == .returned && back.last?.account == "lead" && back.last?.opinion == "约谈时间另定")

    // Through the API: checked again, then signed with an opinion; the number is drawn then.
    let checked = try reviewer.send("POST", "/api/v1/notices/\(talk.id)/approve", json: time)
    #expect(checked.status == 200 && checked.json?["state"] as? String == "draft", "\(checked.body)")
    let admin = try office.client("admin")
    #expect(try admin.send("POST", "/api/v1/notices/\(talk.id)/approve", json: ["date": "2020-05-13"]).status == 403)
    let signed = try signer.send(
      "POST", "/api/v1/notices/\(talk.id)/approve", json: ["date": "2020-05-13", "opinion": "同意"])
    #expect(signed.status == 200 && signed.json?["state"] as? String == "approved", "\(signed.body)")
    #expect((signed.json?["number"] as? String)?.contains("〔2020〕") == true)

    // The page shows every step with who took it and the opinion.
    let page = try reviewer.get("/notices/\(talk.id)").body
    for text in ["签发流程（核稿 → 签发）", "退回修改", "约谈时间另定", "同意", "lead（李××）"] {
      #expect(page.contains(text), "\(text)")
    }
    #expect(office.serve.stop() == 0)
  }
}
