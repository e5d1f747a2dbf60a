import Foundation
import Testing

@testable import YujingCore

/// The 督办台账 on the pages and through `/api/v1/problems`: the office reads every problem and
/// decides a request to close; the 主办 unit reports progress and asks to close; a 协办 unit reads
/// but takes no step; any other unit is told there is no such problem.
@Suite struct LedgerPagesTests {
  /// 丰城 leads D2020-01 (市工信局 assists), overdue on the fixture's day (due 2020-05-08); 樟树
  /// leads D2020-02, due in two working days.
  static let csv = """
    code,title,description,source,unit,co_units,leader,level,assigned,due,state
    D2020-01,丰城市工业园区用地报批滞后,园区二期用地报批未获批复,省重点难题清单,丰城市人民政府,市工信局,,city,2020-04-01,2020-05-08,
    D2020-02,樟树市物流园道路<施工>受阻,,樟树市,樟树市人民政府,,,county,2020-05-01,2020-05-18,
    """

  static func ledger(_ office: Office) throws {
    let batch = try ProblemFile.read(
      Data(csv.utf8), isWorkbook: false, units: ProblemCSV.Units(configuration: office.workspace.configuration),
      calendar: office.thresholds.calendar)
    #expect(batch.rejections.isEmpty, "\(batch.rejections)")
    _ = try office.store.importProblems(batch, day: Day("2020-05-01")!, actor: "test", at: Office.start)
  }

  @Test func theLeadUnitReportsAndAsksToCloseAndAReviewerClosesIt() async throws {
    let office = try await Office.make()
    try Self.ledger(office)
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      var list = try await reviewer.get("/problems").body
      #expect(list.contains("D2020-01") && list.contains("D2020-02"), "\(list)")
      // Overdue five working days (Saturday 5-9 was one, 5-11 … 5-14): yellow; names escaped.
      #expect(list.contains("逾期 5 个工作日") && list.contains("黄灯"), "\(list)")
      #expect(list.contains("道路&lt;施工&gt;受阻"))

      let lead = try await browser("fengcheng")
      list = try await lead.get("/problems").body
      #expect(list.contains("D2020-01") && !list.contains("D2020-02"))
      var page = try await lead.get("/problems/D2020-01").body
      #expect(page.contains("action=\"/problems/D2020-01/progress\"") && page.contains("申请办结"))
      // 市工信局 assists: it reads the problem, takes no step.
      let assisting = try await browser("gongxin")
      #expect(try await assisting.get("/problems").body.contains("D2020-01"))
      #expect(!(try await assisting.get("/problems/D2020-01").body.contains("/progress\"")))
      let text = ["text": "已完成用地组卷上报"]
      #expect(try await assisting.send(.post, "/problems/D2020-01/progress", form: text).status == 403)
      // Another unit is told the problem does not exist, before its body is read.
      let other = try await browser("zhangshu")
      #expect(try await other.get("/problems/D2020-01").status == 404)
      #expect(try await other.send(.post, "/problems/D2020-01/progress", form: text).status == 404)
      #expect(try await reviewer.send(.post, "/problems/D2020-01/progress", form: text).status == 403)
      #expect(try await lead.send(.post, "/problems/D2020-01/progress", form: text, withCSRF: false).status == 403)

      #expect(try await lead.send(.post, "/problems/D2020-01/progress", form: text).status == 303)
      let empty = try await lead.send(.post, "/problems/D2020-01/request-close", form: ["text": " "])
      #expect(empty.status == 422 && empty.body.contains("请填写内容"), "\(empty.body)")
      #expect(
        try await lead.send(.post, "/problems/D2020-01/request-close", form: ["text": "用地已获批复"]).status == 303)
      #expect(try office.store.problemStanding(code: "D2020-01")?.problem.state == .closeRequested)

      page = try await reviewer.get("/problems/D2020-01").body
      #expect(page.contains("action=\"/problems/D2020-01/close\"") && page.contains("用地已获批复"), "\(page)")
      #expect(try await lead.send(.post, "/problems/D2020-01/close", form: [:]).status == 403)
      #expect(try await browser("admin").send(.post, "/problems/D2020-01/close", form: [:]).status == 403)
      let early = try await reviewer.send(
        .post, "/problems/D2020-01/return", form: ["reason": "x", "due": "2020-05-01"])
      #expect(early.status == 422 && early.body.contains("须晚于退回之日"), "\(early.body)")
      #expect(try await reviewer.send(.post, "/problems/D2020-01/close", form: ["comment": "同意销号"]).status == 303)
      #expect(try office.store.problemStanding(code: "D2020-01")?.problem.state == .closed)
      page = try await lead.get("/problems/D2020-01").body
      #expect(!page.contains("/progress\"") && page.contains("办结销号"))
      let again = try await reviewer.send(.post, "/problems/D2020-01/close", form: [:])
      #expect(again.status == 422 && again.body.contains("不能再办理"), "\(again.body)")
    }
  }

  @Test func theAPIGivesEachAccountItsOwnProblemsAndRefusesAStepWithACode() async throws {
    let office = try await Office.make()
    try Self.ledger(office)
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      let all = try #require(try await reviewer.get("/api/v1/problems").list)
      #expect(all.compactMap { $0["code"] as? String } == ["D2020-01", "D2020-02"])
      #expect(all.first?["light"] as? String == "yellow" && all.first?["working_days_overdue"] as? Int == 5)
      #expect(all.last?["light"] as? String == "blue" && all.last?["working_days_left"] as? Int == 2, "\(all)")
      let lead = try await browser("fengcheng")
      #expect(try await lead.get("/api/v1/problems").list?.count == 1)
      #expect(try await lead.get("/api/v1/problems/D2020-02").status == 404)
      #expect(try await reviewer.get("/api/v1/problems/no-such").status == 404)
      #expect(try await reviewer.get("/api/v1/problems/a%20b").status == 400)

      let refused = try await reviewer.send(.post, "/api/v1/problems/D2020-01/return", json: ["reason": "不具体"])
      #expect(refused.status == 409)
      #expect(
        (refused.json?["error"] as? [String: Any])?["code"] as? String == "not_awaiting_decision", "\(refused.body)")
      let asked = try await lead.send(.post, "/api/v1/problems/D2020-01/request-close", json: ["text": "已获批复"])
      #expect(asked.status == 200 && asked.json?["state"] as? String == "申请办结", "\(asked.body)")
      let returned = try await reviewer.send(
        .post, "/api/v1/problems/D2020-01/return", json: ["reason": "批复文件未附", "due": "2020-05-21"])
      #expect(returned.status == 200, "\(returned.body)")
      #expect(returned.json?["state"] as? String == "退回" && returned.json?["due"] as? String == "2020-05-21")
      #expect(returned.json?["returns"] as? Int == 1)
      #expect(try await lead.send(.post, "/api/v1/problems/D2020-01/close", json: [:]).status == 403)
    }
  }

  @Test func theOfficeEntersAndCorrectsAProblemAsAFileRowIsChecked() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      #expect(try await reviewer.get("/problems").body.contains("action=\"/problems\""))
      var fields = [
        "code": "D2020-09", "title": "高速互通<连接线>征迁滞后", "unit": "丰城市人民政府", "co_units": "市工信局",
        "level": "county", "assigned": "2020-05-11", "due": "三十天",
      ]
      let refused = try await reviewer.send(.post, "/problems", form: fields)
      #expect(refused.status == 422 && refused.body.contains("“办结期限”填写有误"), "\(refused.body)")
      // What was entered is shown again, escaped.
      #expect(refused.body.contains("value=\"高速互通&lt;连接线&gt;征迁滞后\""), "\(refused.body)")
      #expect(try office.store.problemStanding(code: "D2020-09") == nil)
      fields["due"] = "10"
      #expect(try await browser("fengcheng").send(.post, "/problems", form: fields).status == 403)
      #expect(try await browser("admin").send(.post, "/problems", form: fields).status == 403)
      #expect(try await reviewer.send(.post, "/problems", form: fields).status == 303)
      let added = try #require(try office.store.problemStanding(code: "D2020-09")).problem
      // Ten working days after Monday 2020-05-11.
      #expect(added.due == Day("2020-05-25") && added.coUnits == ["市工信局"] && added.state == .assigned)

      fields["title"] = "高速互通连接线征迁滞后"
      #expect(try await reviewer.send(.post, "/problems/D2020-09/edit", form: fields).status == 303)
      #expect(try office.store.problemStanding(code: "D2020-09")?.problem.title == "高速互通连接线征迁滞后")
      #expect(try office.store.problemEvents(code: "D2020-09").map(\.action) == ["import", "revise"])
      let page = try await reviewer.get("/problems/D2020-09").body
      #expect(page.contains("action=\"/problems/D2020-09/edit\"") && page.contains("修订"))
      #expect(!(try await browser("fengcheng").get("/problems/D2020-09").body.contains("/edit\"")))
    }
  }

  @Test func theAPIAddsAProblemThenRevisesItAndNamesARefusedField() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      var body: [String: Any] = [
        "code": "D2020-10", "title": "园区污水管网未接通", "unit": "丰城市人民政府", "co_units": ["市工信局"],
        "level": "city", "assigned": "2020-05-11", "due": "2020-06-30",
      ]
      let created = try await reviewer.send(.post, "/api/v1/problems", json: body)
      #expect(created.status == 201 && created.json?["due"] as? String == "2020-06-30", "\(created.body)")
      body["due"] = "2020-07-31"
      let revised = try await reviewer.send(.post, "/api/v1/problems", json: body)
      #expect(revised.status == 200 && revised.json?["due"] as? String == "2020-07-31", "\(revised.body)")
      body["unit"] = "丰城市人民政俯"
      let refused = try await reviewer.send(.post, "/api/v1/problems", json: body)
      let error = refused.json?["error"] as? [String: Any]
      #expect(
        refused.status == 400 && error?["code"] as? String == "invalid_field" && error?["field"] as? String == "unit")
      #expect((error?["message"] as? String)?.contains("did you mean '丰城市人民政府'") == true, "\(refused.body)")
      #expect(try await browser("fengcheng").send(.post, "/api/v1/problems", json: body).status == 403)
    }
  }
}
