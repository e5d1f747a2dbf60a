import Foundation
import Testing

@testable import YujingCore

/// The pages as a clerk, a leader and a department meet them in daily use, served in
/// process: every word Chinese and every subject by its name, the department
/// shown what it must do next, and the pictures — the findings behind the dashboard's counts,
/// the period's heat map, a subject's year as a chart.
@Suite struct DailyUsePagesTests {
  static let utcStamp = #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#

  @Test func theOfficeReadsNamesNotCodesInChineseAndAnErrorIsAPage() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")

      let cases = try await reviewer.get("/cases").body
      #expect(cases.contains("丰城市 · 规模以上工业增加值"), "\(cases)")
      #expect(!cases.contains("industry_va × 360981") && !cases.contains("案件"))
      #expect(cases.contains("<h1>预警事项</h1>") && cases.contains("督办事项"))
      let record = try #require(
        try office.store.cases().first { $0.subject == .indicator(indicator: "industry_va", region: "360981") })
      let history = try await reviewer.get("/cases/\(record.id)").body
      #expect(history.contains("丰城市 · 规模以上工业增加值") && !history.contains("industry_va ×"))

      // A notice's history: states and notes in Chinese, times in the city's zone.
      let notice = try await reviewer.get("/notices/\(office.approved.id)").body
      #expect(notice.contains("待审核 → 已签发"), "\(notice)")
      #expect(notice.contains("评估（2020年5月12日）起草"))
      #expect(!notice.contains("drafted by") && !notice.contains("→approved") && !notice.contains("→draft"))
      #expect(notice.range(of: Self.utcStamp, options: .regularExpression) == nil)

      let audit = try await reviewer.get("/audit").body
      #expect(audit.contains("<td>登录</td>") && audit.contains("<td>新增用户</td>") && audit.contains("用户 fengcheng"))
      #expect(!audit.contains("<td>login</td>") && !audit.contains("<td>user-add</td>"))
      #expect(audit.range(of: Self.utcStamp, options: .regularExpression) == nil)

      // A run with a row refused: the run's result and the row's place in Chinese, the parser's
      // reason kept as it wrote it, under a Chinese heading.
      try office.ingest("2020-04,360981,industry_va,,5.0\n2020-04,999999,industry_va,,5.0\n")
      let partial = try #require(try office.store.feedRuns(limit: 1).first)
      #expect(partial.status == .partial)
      let feeds = try await reviewer.get("/feeds").body
      #expect(feeds.contains("全部接收") && feeds.contains("部分接收") && feeds.contains("（stats）"))
      #expect(!feeds.contains("<td>ok</td>") && !feeds.contains(">partial<"))
      let rejected = try await reviewer.get("/feeds/runs/\(partial.id)").body
      #expect(rejected.contains("<td>第 3 行，第 9 列</td>") && rejected.contains("原因（解析程序原文）"), "\(rejected)")
      #expect(!rejected.contains("<td>line 3</td>"))
      let dashboard = try await reviewer.get("/").body
      #expect(dashboard.contains("全部接收") && !dashboard.contains(">ok<") && !dashboard.contains("案件"))

      // Errors of pages are pages of the site that say what to do; the API keeps its JSON.
      let unknown = try await reviewer.get("/no-such-page")
      #expect(unknown.status == 404)
      #expect(unknown.header("Content-Type")?.hasPrefix("text/html") == true)
      #expect(unknown.body.contains("<h1>找不到该页面</h1>") && unknown.body.contains("class=\"brand\""))
      #expect(unknown.body.contains("返回总览"))
      let missing = try await reviewer.get("/notices/999999")
      #expect(missing.status == 404 && missing.header("Content-Type")?.hasPrefix("text/html") == true)
      #expect(missing.body.contains("找不到编号为 999999 的通知") && !missing.body.contains("{\"error\""))
      let api = try await reviewer.get("/api/v1/notices/999999")
      #expect(api.status == 404 && api.header("Content-Type")?.hasPrefix("application/json") == true)
      #expect((api.json?["error"] as? [String: Any])?["message"] as? String == "there is no notice 999999")
      let forged = try await reviewer.send(
        .post, "/notices/\(office.draft.id)/reject", form: ["reason": "x"], withCSRF: false)
      #expect(forged.status == 403 && forged.body.contains("<h1>页面已过期</h1>") && forged.body.contains("刷新"))
      let outOfRange = try await reviewer.get("/notices?page=0")
      #expect(outOfRange.status == 400 && outOfRange.body.contains("<h1>请求有误</h1>"))
      let department = try await browser("fengcheng")
      let refused = try await department.get("/audit")
      #expect(refused.status == 403 && refused.body.contains("<h1>无权访问</h1>"))
      #expect(refused.body.contains("返回本单位通知"))
      let anonymous = try await browser(nil).get("/no-such-page")
      #expect(anonymous.status == 404 && anonymous.body.contains("找不到该页面") && anonymous.body.contains("/login"))
    }
  }

  @Test func aDepartmentIsShownWhatItMustDoNextAndNothingElse() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      // 丰城 meets its target in May and June: its case is lifted, and the lift is issued.
      try office.industry(["2020-05": "9.0", "2020-06": "9.0"])
      try office.evaluate("2020-05")
      try office.evaluate("2020-06")
      let drafted = try #require(
        try office.live().first { $0.kind == .lift && $0.addressee == "丰城市人民政府" && $0.state == .draft })
      let lift = try office.approve(drafted.id, on: "2020-07-14")

      let department = try await browser("fengcheng")
      let talk = office.approved.id
      var page = try await department.get("/notices/\(talk)").body
      #expect(page.contains("下一步：请签收本通知") && page.contains("待签收"), "\(page)")
      #expect(page.contains("整改报告截止"))
      #expect(!page.contains("action=\"/notices/\(talk)/feedback\""))
      // The status filter offers only the states a department's notice can be in.
      var list = try await department.get("/notices").body
      for state in ["draft", "rejected", "superseded"] { #expect(!list.contains("<option value=\"\(state)\"")) }
      #expect(list.contains("<option value=\"acknowledged\">已签收</option>"))

      // Signed for: the report is next, by its deadline.
      #expect(try await department.send(.post, "/notices/\(talk)/acknowledge", form: [:]).status == 303)
      page = try await department.get("/notices/\(talk)").body
      #expect(page.contains("下一步：请于") && page.contains("待报送整改报告"))
      #expect(page.contains("action=\"/notices/\(talk)/feedback\""))
      #expect(!page.contains("action=\"/notices/\(talk)/acknowledge\""))

      // The report is in: nothing more to do, and the page says so.
      #expect(try await department.send(.post, "/notices/\(talk)/feedback", form: ["text": "已落实整改。"]).status == 303)
      page = try await department.get("/notices/\(talk)").body
      #expect(page.contains("整改报告已报送") && page.contains("无需再办理"))
      #expect(!page.contains("下一步：") && !page.contains("<button>提交整改报告</button>"))
      #expect(page.contains("<details><summary>补充整改材料</summary>"))
      list = try await department.get("/notices").body
      #expect(list.contains("整改报告已报送"))
      let officeView = try await browser("rev").get("/notices/\(talk)").body
      #expect(officeView.contains("<dt>主送单位办理情况</dt><dd>整改报告已报送</dd>"))

      // Sent back by the office: the page says why and by when, and offers the form again.
      let report = try #require(try office.store.reports(noticeID: talk).first)
      try office.store.decideReport(
        id: report.id, .sendBack(reason: "整改措施不具体", due: Day("2020-05-29")), day: Day("2020-05-25")!,
        actor: "rev", at: Office.start, calendar: office.thresholds.calendar, returnedWorkingDays: 3)
      page = try await department.get("/notices/\(talk)").body
      #expect(page.contains("整改报告已被退回，请修改后于 2020年5月29日 前重新报送"), "\(page)")
      #expect(page.contains("退回理由：整改措施不具体") && page.contains("<button>重新提交整改报告</button>"))
      #expect(try await department.get("/notices").body.contains("整改报告被退回"))
      #expect(try await department.send(.post, "/notices/\(talk)/feedback", form: ["text": "细化后的整改措施。"]).status == 303)
      page = try await department.get("/notices/\(talk)").body
      #expect(page.contains("整改报告已报送") && page.contains("无需再办理"))

      // A lift asks for no report: signing for it is all there is to do.
      page = try await department.get("/notices/\(lift.id)").body
      #expect(page.contains("不要求报送整改报告"), "\(page)")
      #expect(!page.contains("/feedback\"") && !page.contains("整改报告截止") && !page.contains("<h2>整改报告</h2>"))
      #expect(try await department.send(.post, "/notices/\(lift.id)/acknowledge", form: [:]).status == 303)
      page = try await department.get("/notices/\(lift.id)").body
      #expect(page.contains("无需再办理") && page.contains("已签收"))
      // Only the sign-out form is left.
      #expect(page.components(separatedBy: "<form method=\"post\"").count == 2, "\(page)")
    }
  }

  @Test func theDashboardLinksItsCountsToTheFindingsAndShowsTheHeatMapAndASubjectsYear() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      let dashboard = try await reviewer.get("/").body
      #expect(dashboard.contains("href=\"/findings?period=2020-04&amp;level=red\""), "\(dashboard)")
      #expect(dashboard.contains("2020年4月预警热力图") && dashboard.contains("<table class=\"heatmap\""))
      #expect(dashboard.contains("<td class=\"heat-red\"><a href=\"/subjects/indicator/industry_va/360981\""))
      #expect(dashboard.contains("<td class=\"heat-none\"><a href=\"/subjects/indicator/industry_va/360983\""))

      let findings = try await reviewer.get("/findings?period=2020-04&level=red")
      #expect(findings.status == 200)
      #expect(findings.body.contains("丰城市 · 规模以上工业增加值") && findings.body.contains("增速低于年度目标"))
      // 高安 is on target: in the heat map, not in the list.
      #expect(!findings.body.contains("<td><a href=\"/subjects/indicator/industry_va/360983\">"))
      #expect(try await reviewer.get("/findings?level=purple").status == 400)

      let subject = try await reviewer.get("/subjects/indicator/industry_va/360981")
      #expect(subject.status == 200)
      #expect(subject.body.contains("<svg") && subject.body.contains("<title>2020年丰城市规模以上工业增加值累计增速</title>"))
      #expect(subject.body.contains("2020年目标增速") && subject.body.contains("8.2%"))
      #expect(!subject.body.contains("<script"))
      #expect(try await reviewer.get("/subjects/indicator/industry_va/999999").status == 404)
      #expect(try await reviewer.get("/subjects/indicator/no_such/360981").status == 404)
      #expect(try await reviewer.get("/subjects/project/P2020-901").status == 200)
      #expect(try await reviewer.get("/subjects/feed/stats").status == 200)

      // The exemptions form offers names to choose from.
      let form = try await browser("admin").get("/exemptions").body
      #expect(
        form.contains("<select id=\"region\" name=\"region\">")
          && form.contains("<option value=\"360981\">丰城市</option>"))
      #expect(form.contains("<option value=\"industry_va\">规模以上工业增加值</option>"))
      #expect(form.contains("<select id=\"project\" name=\"project\">"))
      #expect(!form.contains("placeholder=\"360981\""))

      // Dates and badges do not wrap; a long title is edited in a box that shows all of it.
      let css = try await reviewer.get("/assets/yujing.css").body
      #expect(css.contains("td.date, td.number-text, td.kind, td.level, td.state { white-space: nowrap; }"))
      #expect(css.range(of: #"\.badge \{[^}]*white-space: nowrap"#, options: .regularExpression) != nil)
      let list = try await reviewer.get("/notices").body
      #expect(
        list.contains("<td class=\"date\">2020年4月</td>") && list.contains("<td class=\"state\"><span class=\"badge"))
      let draft = try await reviewer.get("/notices/\(office.draft.id)").body
      #expect(draft.contains("<textarea id=\"title\" name=\"title\" class=\"title\""))
    }
  }
}
