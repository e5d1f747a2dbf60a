import Foundation
import Hummingbird
import YujingCore

/// `/problems`: the 督办台账 on the pages (docs/ledger.md) — every problem with its state, its
/// deadline and its light for the office; a department's own for a department. A problem's page
/// has its history, the 主办 unit's forms (进展, 申请办结) and the office's decision on a request
/// to close (办结销号, 退回).
enum LedgerPages {
  static func list(context: WebContext, actions: ReviewActions, message: String? = nil, entered: FormFields? = nil)
    throws -> Response
  {
    let problems = try actions.problems()
    let rows = problems.map { standing, light -> HTML in
      let problem = standing.problem
      return """
        <tr><td><a href="/problems/\(problem.code)">\(problem.code)</a></td><td>\(problem.title)</td><td>\(lamp(light.level))</td>
        <td>\(problem.state.rawValue)</td><td>\(problem.level.chinese)</td><td>\(problem.unit)</td>
        <td class="date">\(problem.due.chinese)</td><td>\(deadline(light, state: problem.state))</td></tr>
        """
    }
    let counts = Level.allCases.reversed().compactMap { level -> String? in
      let count = problems.filter { $0.light.level == level && level != .none }.count
      return count > 0 ? "\(Glossary.level(level)) \(count) 件" : nil
    }
    let intro =
      actions.account.isOffice
      ? "台账共 \(problems.count) 件问题\(counts.isEmpty ? "" : "，亮灯：" + counts.joined(separator: "、"))。灯按今日判定：临近期限 3 个工作日内亮蓝灯，逾期或退回一次亮黄灯，逾期超过 5 个工作日或退回两次亮红灯。"
      : "本单位主办或协办的问题 \(problems.count) 件。主办单位在问题页报送进展、申请办结。"
    var add: HTML = ""
    if actions.account.mayReview, let session = context.session {
      add = """
        <details\(message == nil ? "" : " open")><summary>新增问题</summary>
        <form method="post" action="/problems">\(Layout.csrfField(session))\(fields(entered, configuration: actions.configuration))
        <button>新增</button></form></details>
        """
    }
    let error: HTML = message.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
    return Layout.page(
      "督办台账", context: context, active: "problems",
      """
      \(error)
      <p>\(intro)</p>
      \(add)
      <table><tr><th>编号</th><th>问题</th><th>督办灯</th><th>状态</th><th>协调层级</th><th>主办单位</th><th>办结期限</th><th>期限情况</th></tr>\(rows)</table>
      """)
  }

  static func show(
    _ code: String, context: WebContext, actions: ReviewActions, message: String? = nil
  ) throws -> Response {
    let (standing, light) = try actions.problem(code)
    let problem = standing.problem
    guard let session = context.session else { throw HTTPError(.unauthorized) }
    let timeZone = actions.configuration.city.timeZone
    let events = try actions.store.problemEvents(code: code).map { event -> HTML in
      let text = [event.text, event.detail].compactMap { $0 }.joined(separator: "；")
      return """
        <tr><td class="date">\(event.day.chinese)</td><td>\(Glossary.time(stamp: event.at, timeZone))</td><td>\(action(event.action))</td><td>\(event.actor)</td><td class="note">\(text)</td></tr>
        """
    }
    var forms: HTML = ""
    if problem.state.isOpen && actions.leads(standing) {
      forms = """
        <h2>报送</h2>
        <form method="post" action="/problems/\(problem.code)/progress">\(Layout.csrfField(session))
        <label for="progress-text">进展情况</label><textarea id="progress-text" name="text" required></textarea>
        <button>报送进展</button></form>
        <form method="post" action="/problems/\(problem.code)/request-close">\(Layout.csrfField(session))
        <label for="close-text">办结情况（申请办结）</label><textarea id="close-text" name="text" required></textarea>
        <button class="secondary">申请办结</button></form>
        """
    } else if problem.state == .closeRequested && actions.account.mayReview {
      forms = """
        <h2>审核办结申请</h2>
        <form method="post" action="/problems/\(problem.code)/close">\(Layout.csrfField(session))
        <label for="close-comment">意见</label><input id="close-comment" name="comment">
        <button>办结销号</button></form>
        <form method="post" action="/problems/\(problem.code)/return">\(Layout.csrfField(session))
        <label for="return-reason">退回理由</label><input id="return-reason" name="reason" required>
        <label for="return-due">新的办结期限</label><input id="return-due" name="due" type="date">
        <button class="danger">退回</button></form>
        """
    }
    if actions.account.mayReview {
      let current = FormFields(
        [
          "title": problem.title, "description": problem.description, "source": problem.source, "unit": problem.unit,
          "co_units": problem.coUnits.joined(separator: ";"), "leader": problem.leader, "level": problem.level.rawValue,
          "assigned": problem.assigned.description, "due": problem.due.description,
        ])
      forms = """
        \(forms)
        <details><summary>修改问题</summary>
        <form method="post" action="/problems/\(problem.code)/edit">\(Layout.csrfField(session))\(fields(current, configuration: actions.configuration, code: problem.code))
        <button class="secondary">保存修改</button></form></details>
        """
    }
    let error: HTML = message.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
    return Layout.page(
      "\(problem.code) \(problem.title)", context: context, active: "problems",
      """
      \(error)
      <dl class="facts">
        <dt>问题</dt><dd>\(problem.title)</dd>
        \(problem.description.isEmpty ? "" : HTML("<dt>情况</dt><dd>\(problem.description)</dd>"))
        <dt>来源</dt><dd>\(problem.source.isEmpty ? "—" : problem.source)</dd>
        <dt>主办单位</dt><dd>\(problem.unit)</dd>
        <dt>协办单位</dt><dd>\(problem.coUnits.isEmpty ? "—" : problem.coUnits.joined(separator: "、"))</dd>
        <dt>包抓领导</dt><dd>\(problem.leader.isEmpty ? "—" : problem.leader)</dd>
        <dt>协调层级</dt><dd>\(problem.level.chinese)</dd>
        <dt>交办日期</dt><dd>\(problem.assigned.chinese)</dd>
        <dt>办结期限</dt><dd>\(problem.due.chinese)（\(deadline(light, state: problem.state))）</dd>
        <dt>状态</dt><dd>\(problem.state.rawValue)\(standing.returns > 0 ? "（已退回 \(standing.returns) 次）" : "")</dd>
        <dt>督办灯</dt><dd>\(lamp(light.level))</dd>
      </dl>
      \(forms)
      <h2>办理记录</h2>
      <table><tr><th>日期</th><th>时间</th><th>事项</th><th>办理人</th><th>内容</th></tr>\(events)</table>
      """)
  }

  /// The fields of a problem as the office enters it, named as the file's columns; `code` fixed
  /// when editing. Units are chosen by name; 协办 units are separated by ；.
  static func fields(_ values: FormFields?, configuration: Configuration, code: String? = nil) -> HTML {
    func value(_ name: String) -> String { values?[name] ?? "" }
    let units = configuration.addressees.map { name -> HTML in
      "<option value=\"\(name)\"\(value("unit") == name ? " selected" : "")>\(name)</option>"
    }
    let levels = CoordinationLevel.allCases.map { level -> HTML in
      "<option value=\"\(level.rawValue)\"\(value("level") == level.rawValue ? " selected" : "")>\(level.chinese)</option>"
    }
    let codeField: HTML =
      code == nil
      ? "<label for=\"p-code\">编号</label><input id=\"p-code\" name=\"code\" required maxlength=\"64\" value=\"\(value("code"))\">"
      : ""
    return """
      \(codeField)
      <label for="p-title">问题</label><input id="p-title" name="title" required value="\(value("title"))">
      <label for="p-description">情况</label><textarea id="p-description" name="description">\(value("description"))</textarea>
      <label for="p-source">来源</label><input id="p-source" name="source" value="\(value("source"))">
      <label for="p-unit">主办单位</label><select id="p-unit" name="unit">\(units)</select>
      <label for="p-co">协办单位（以；分隔）</label><input id="p-co" name="co_units" value="\(value("co_units"))">
      <label for="p-leader">包抓领导</label><input id="p-leader" name="leader" value="\(value("leader"))">
      <label for="p-level">协调层级</label><select id="p-level" name="level">\(levels)</select>
      <label for="p-assigned">交办日期</label><input id="p-assigned" name="assigned" type="date" required value="\(value("assigned"))">
      <label for="p-due">办结期限（日期，或交办后的工作日数）</label><input id="p-due" name="due" required value="\(value("due"))">
      """
  }

  /// A refused field, for the office: which field, and the system's words for why.
  static func refusal(_ refusal: ProblemCSV.FieldRefusal) -> String {
    let names = [
      "code": "编号", "title": "问题", "unit": "主办单位", "co_units": "协办单位", "level": "协调层级",
      "assigned": "交办日期", "due": "办结期限", "state": "状态",
    ]
    return "“\(names[refusal.field] ?? refusal.field)”填写有误，请改正后重新提交。（系统说明：\(refusal.reason)）"
  }

  static func lamp(_ level: Level) -> HTML {
    level == .none ? "无" : "<span class=\"level-\(level.name)\">●</span> \(Glossary.levelMark(level))灯"
  }

  /// Working days left or past the deadline, as the office says it.
  static func deadline(_ light: ProblemLight, state: ProblemState) -> String {
    guard state.isOpen else { return "已\(state.rawValue)" }
    if light.workingDaysOverdue > 0 { return "逾期 \(light.workingDaysOverdue) 个工作日" }
    return light.workingDaysLeft.map { "还有 \($0) 个工作日" } ?? "—"
  }

  static func action(_ name: String) -> String {
    switch name {
    case "progress": "报送进展"
    case "request_close": "申请办结"
    case "close": "办结销号"
    case "return": "退回"
    case "import": "导入"
    case "revise": "修订"
    default: name
    }
  }
}
