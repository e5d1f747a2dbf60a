import Foundation
import Testing

@testable import YujingCore

/// A department sees what was issued to it or copied to it, and nothing else: another's notice,
/// or one still in the office, answers 404 as if it did not exist, on the pages and in the API.
@Suite struct DepartmentNoticesTests {
  static func ids(_ answer: Browser.Answer) -> [Int64] {
    (answer.json?["notices"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value }
  }

  @Test func aDepartmentListsAndOpensOnlyItsOwnNotices() async throws {
    let office = try await Office.make()
    let (approved, draft) = (office.approved.id, office.draft.id)
    try await office.serve { browser in
      let addressee = try await browser("fengcheng")
      let copied = try await browser("gongxin")
      let other = try await browser("zhangshu")
      let reviewer = try await browser("rev")
      #expect(Self.ids(try await addressee.get("/api/v1/notices")) == [approved])
      #expect(Self.ids(try await copied.get("/api/v1/notices")) == [approved])
      #expect(Self.ids(try await other.get("/api/v1/notices")).isEmpty)
      #expect(Self.ids(try await reviewer.get("/api/v1/notices?limit=1000")).count > 2)
      let list = try await addressee.get("/notices")
      #expect(list.body.contains("href=\"/notices/\(approved)\""))
      #expect(!list.body.contains("href=\"/notices/\(draft)\""))

      // 樟树's own draft is still the office's; 丰城's notice is not 樟树's.
      for path in [
        "/notices/\(approved)", "/notices/\(approved)/document", "/notices/\(draft)", "/notices/\(draft)/docx",
      ] {
        let page = try await other.get(path)
        #expect(page.status == 404, "\(path)")
        #expect(!page.body.contains(office.approved.title) && !page.body.contains(office.draft.title), "\(path)")
      }
      #expect(try await other.get("/api/v1/notices/\(approved)").status == 404)
      #expect(try await other.send(.post, "/notices/\(approved)/acknowledge", form: [:]).status == 404)
      #expect(try await other.send(.post, "/api/v1/notices/\(approved)/acknowledge").status == 404)
      #expect(try await copied.send(.post, "/notices/\(approved)/acknowledge", form: [:]).status == 403)
      #expect(try office.state(approved) == .approved)

      // The addressee answers it; the unit it is copied to reads it but not the report.
      #expect(try await addressee.send(.post, "/notices/\(approved)/acknowledge", form: [:]).status == 303)
      #expect(try office.state(approved) == .acknowledged)
      let report = "已召开专题会议，整改措施见下。"
      #expect(try await addressee.send(.post, "/notices/\(approved)/feedback", form: ["text": report]).status == 303)
      #expect(try await addressee.get("/notices/\(approved)").body.contains(report))
      #expect(try await reviewer.get("/notices/\(approved)").body.contains(report))
      let copy = try await copied.get("/notices/\(approved)")
      #expect(copy.status == 200 && !copy.body.contains(report))
    }
  }
}
