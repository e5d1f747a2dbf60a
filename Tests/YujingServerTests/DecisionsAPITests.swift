import Foundation
import Testing

@testable import YujingCore

/// The 整改 reports and the appeals through `/api/v1`: a department reads and files its own, a
/// reviewer decides, and a refused decision is a 409 with a stable code.
@Suite struct DecisionsAPITests {
  @Test func aReviewerReturnsAReportThroughTheAPIAndEachDepartmentReadsOnlyItsOwn() async throws {
    let office = try await Office.make()
    let talk = office.approved.id
    try await office.serve { browser in
      let department = try await browser("fengcheng")
      #expect(
        try await department.send(.post, "/api/v1/notices/\(talk)/feedback", json: ["text": "整改措施"]).status == 200)
      let reviewer = try await browser("rev")
      let waiting = try #require(try await reviewer.get("/api/v1/reports?state=submitted").list)
      #expect(waiting.count == 1 && waiting.first?["notice"] as? Int == Int(talk), "\(waiting)")
      let id = try #require(waiting.first?["id"] as? Int)
      #expect(try await reviewer.get("/api/v1/reports?state=lost").status == 400)

      let other = try await browser("zhangshu")
      #expect(try await other.get("/api/v1/reports").list?.isEmpty == true)
      #expect(try await other.send(.post, "/api/v1/reports/\(id)/accept", json: [:]).status == 403)
      #expect(try await department.send(.post, "/api/v1/reports/\(id)/accept", json: [:]).status == 403)
      #expect(try await reviewer.send(.post, "/api/v1/reports/999999/accept", json: [:]).status == 404)

      let empty = try await reviewer.send(.post, "/api/v1/reports/\(id)/return", json: ["reason": " "])
      #expect(empty.status == 409)
      #expect((empty.json?["error"] as? [String: Any])?["code"] as? String == "empty_reason", "\(empty.body)")
      let returned = try await reviewer.send(
        .post, "/api/v1/reports/\(id)/return", json: ["reason": "措施不具体", "due": "2020-05-22"])
      #expect(returned.status == 200, "\(returned.body)")
      #expect(
        returned.json?["state"] as? String == "returned" && returned.json?["resubmit_due"] as? String == "2020-05-22")
      let own = try #require(try await department.get("/api/v1/reports").list)
      #expect(own.count == 1 && own.first?["note"] as? String == "措施不具体")
      let twice = try await reviewer.send(.post, "/api/v1/reports/\(id)/accept", json: ["comment": "同意"])
      #expect(twice.status == 409)
      #expect((twice.json?["error"] as? [String: Any])?["code"] as? String == "already_decided")
      #expect(try office.store.report(id: Int64(id))?.state == .returned)
    }
  }

  @Test func aDepartmentAppealsThroughTheAPIAndAReviewerDeniesIt() async throws {
    let office = try await Office.make()
    let talk = office.approved
    let subject = try #require(talk.subjects.first).subject.notation
    try await office.serve { browser in
      let department = try await browser("fengcheng")
      let body: [String: Any] = ["subjects": [subject], "reason": "统计局已修订"]
      #expect(try await browser("zhangshu").send(.post, "/api/v1/notices/\(talk.id)/appeal", json: body).status == 404)
      let filed = try await department.send(.post, "/api/v1/notices/\(talk.id)/appeal", json: body)
      #expect(filed.status == 201, "\(filed.body)")
      #expect(filed.json?["state"] as? String == "pending" && filed.json?["subjects"] as? [String] == [subject])
      let id = try #require(filed.json?["id"] as? Int)
      #expect(try await department.get("/api/v1/appeals").list?.count == 1)
      #expect(try await browser("zhangshu").get("/api/v1/appeals").list?.isEmpty == true)

      let reviewer = try await browser("rev")
      #expect(try await reviewer.get("/api/v1/appeals?state=pending").list?.count == 1)
      #expect(try await department.send(.post, "/api/v1/appeals/\(id)/deny", json: ["reason": "x"]).status == 403)
      let denied = try await reviewer.send(.post, "/api/v1/appeals/\(id)/deny", json: ["reason": "数据未经修订"])
      #expect(denied.status == 200, "\(denied.body)")
      let appeal = try #require(denied.json?["appeal"] as? [String: Any])
      #expect(appeal["state"] as? String == "denied" && appeal["decision_reason"] as? String == "数据未经修订")
      #expect(denied.json?["drafted"] as? [Int] == [] && denied.json?["corrections"] as? [Int] == [])
      let again = try await reviewer.send(.post, "/api/v1/appeals/\(id)/grant", json: ["reason": "x"])
      #expect(again.status == 409)
      #expect((again.json?["error"] as? [String: Any])?["code"] as? String == "already_decided")
    }
  }
}
