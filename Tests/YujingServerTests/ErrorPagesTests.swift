import Foundation
import Testing

@testable import YujingCore

/// A refusal of a page is a page in the site's layout that says, in Chinese, what happened and what
/// to do, with the status; the API says it in JSON.
@Suite struct ErrorPagesTests {
  @Test func eachRefusalOfAPageIsAPageThatSaysWhatHappened() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let department = try await browser("zhangshu")
      let reviewer = try await browser("rev")
      let anonymous = try await browser(nil)
      let cases: [(Browser, String, Int, [String])] = [
        (department, "/audit", 403, ["无权访问", "此页面仅供市经济运行调度办公室使用", "返回本单位通知"]),
        (department, "/notices/\(office.draft.id)", 404, ["找不到该页面", "找不到编号为 \(office.draft.id) 的通知"]),
        (reviewer, "/notices/999999", 404, ["找不到该页面", "返回总览"]),
        (reviewer, "/notices/0", 400, ["请求有误"]),
        (reviewer, "/cases/99999999999999999999", 400, ["请求有误"]),
        (reviewer, "/no-such-page", 404, ["找不到该页面"]),
        (anonymous, "/no-such-page", 404, ["找不到该页面", "<a href=\"/login\">登录</a>"]),
      ]
      for (client, path, status, words) in cases {
        let page = try await client.get(path)
        #expect(page.status == status, "GET \(path)")
        #expect(page.header("Content-Type")?.hasPrefix("text/html") == true, "GET \(path)")
        #expect(page.body.contains("错误代码 \(status)"), "GET \(path)")
        for word in words { #expect(page.body.contains(word), "GET \(path): \(word)") }
      }
      // A form without the session's token: the page says it has expired.
      let expired = try await reviewer.send(
        .post, "/notices/\(office.draft.id)/reject", form: ["reason": "x"], withCSRF: false)
      #expect(expired.status == 403)
      #expect(expired.body.contains("页面已过期"))
    }
  }

  @Test func theAPIAnswersItsRefusalsInJSON() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let anonymous = try await browser(nil)
      let department = try await browser("fengcheng")
      let cases: [(Browser, String, String, Int, String)] = [
        (anonymous, "GET", "/api/v1/notices", 401, "sign in first"),
        (department, "GET", "/api/v1/notices/\(office.draft.id)", 404, "there is no notice \(office.draft.id)"),
        (department, "POST", "/api/v1/notices/\(office.approved.id)/approve", 403, "only the office's reviewers"),
        (department, "GET", "/api/v1/notices/0", 400, "id must be"),
        (department, "PUT", "/api/v1/notices", 405, "use GET"),
      ]
      for (client, method, path, status, message) in cases {
        let answer = try await client.send(.init(method)!, path, json: method == "GET" ? nil : [:])
        #expect(answer.status == status, "\(method) \(path)")
        #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true, "\(method) \(path)")
        let error = answer.json?["error"] as? [String: Any]
        #expect((error?["message"] as? String)?.contains(message) == true, "\(method) \(path): \(answer.body)")
      }
    }
  }
}
