import Foundation
import Hummingbird
import YujingCore

/// The office's other pages (docs/operate.md#the-web-ui-and-api): cases with their history, feed
/// runs with their rejected rows, exemptions, the delivery log, and the summaries issued. Reviewers
/// and admins only.
enum OfficePages {
  static func cases(context: WebContext, store: Store) throws -> Response {
    let rows = try store.cases().reversed().map { record -> HTML in
      let state: HTML = record.closedPeriod.map { "已解除（\($0.description)）" } ?? "在办"
      return """
        <tr><td><a href="/cases/\(record.id)">\(record.id)</a></td><td>\(record.addressee)</td>
        <td>\(record.subject.description)</td><td>\(record.openedPeriod.description)</td>
        <td>\(record.stage.chineseName)</td><td>\(state)</td></tr>
        """
    }
    return Layout.page(
      "预警案件", context: context, active: "cases",
      """
      <table><tr><th>案件</th><th>责任单位</th><th>事项</th><th>立案期别</th><th>阶段</th><th>状态</th></tr>\(Array(rows))</table>
      """)
  }

  static func caseHistory(_ id: Int64, context: WebContext, store: Store) throws -> Response {
    guard let record = try store.cases().first(where: { $0.id == id }) else {
      throw HTTPError(.notFound, message: "there is no case \(id)")
    }
    let events = try store.caseEvents(caseID: id).map { event -> HTML in
      let notice: HTML = event.noticeID.map { "<a href=\"/notices/\($0)\">\($0)</a>" } ?? ""
      return """
        <tr><td>\(event.period.description)</td><td>\(event.day.description)</td>
        <td>\(event.from.chineseName) → \(event.to.chineseName)</td><td>\(event.level?.chineseName ?? "")</td>
        <td>\(event.reason)</td><td>\(notice)</td></tr>
        """
    }
    return Layout.page(
      "案件 \(id)：\(record.addressee)", context: context, active: "cases",
      """
      <dl class="facts"><dt>事项</dt><dd>\(record.subject.description)</dd><dt>立案期别</dt><dd>\(record.openedPeriod.description)</dd>
      <dt>阶段</dt><dd>\(record.stage.chineseName)</dd></dl>
      <h2>经过</h2>
      <table><tr><th>期别</th><th>日期</th><th>阶段</th><th>等级</th><th>原因</th><th>通知</th></tr>\(events)</table>
      """)
  }

  static func feeds(context: WebContext, current: LiveWorkspace.Current) throws -> Response {
    let timeZone = current.workspace.configuration.city.timeZone
    let runs = try current.workspace.store.feedRuns(limit: 200).map { run -> HTML in
      let rejected: HTML = run.rejected > 0 ? "<a href=\"/feeds/runs/\(run.id)\">\(run.rejected)</a>" : "0"
      return """
        <tr><td>\(run.id)</td><td>\(run.feed)</td><td>\(Layout.time(run.startedAt, timeZone))</td>
        <td>\(run.status.rawValue)</td><td class="number">\(run.inserted)</td><td class="number">\(run.revised)</td>
        <td class="number">\(rejected)</td><td>\(run.periods.map(\.description).joined(separator: ", "))</td>
        <td>\(run.message ?? "")</td></tr>
        """
    }
    return Layout.page(
      "数据源运行", context: context, active: "feeds",
      """
      <p>最近 200 次运行。被拒的行可点开查看原因和位置。</p>
      <table><tr><th>运行</th><th>数据源</th><th>时间</th><th>结果</th><th>新增</th><th>修订</th><th>拒收</th><th>期别</th><th>说明</th></tr>\(runs)</table>
      """)
  }

  static func rejections(_ id: Int64, context: WebContext, store: Store) throws -> Response {
    let rows = try store.rejections(ofRun: id).map { rejection -> HTML in
      "<tr><td>\(rejection.location)</td><td>\(rejection.field ?? "")</td><td>\(rejection.reason)</td></tr>"
    }
    return Layout.page(
      "运行 \(id) 拒收的行", context: context, active: "feeds",
      """
      <table><tr><th>位置</th><th>字段</th><th>原因</th></tr>\(rows)</table>
      """)
  }

  /// The exemptions; the administrator, who manages them, also gets the forms.
  static func exemptions(
    context: WebContext, current: LiveWorkspace.Current, account: Account, message: HTML? = nil,
    status: HTTPResponse.Status = .ok
  ) throws -> Response {
    let session = context.session!
    let manages = account.mayManageExemptions
    let rows = try current.workspace.store.exemptions().reversed().map { exemption -> HTML in
      let action: HTML =
        exemption.expired
        ? "已终止"
        : !manages
          ? ""
          : """
          <form class="inline" method="post" action="/exemptions/\(exemption.id)/expire">\(Layout.csrfField(session))<button class="secondary">终止</button></form>
          """
      return """
        <tr><td>\(exemption.id)</td><td>\(exemption.matcher)</td><td>\(exemption.from.description)</td>
        <td>\(exemption.until.description)</td><td>\(exemption.reason)</td><td>\(exemption.createdBy)</td><td>\(action)</td></tr>
        """
    }
    let alert: HTML = message.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
    let form: HTML =
      !manages
      ? "<p>豁免由管理员设立和终止。</p>"
      : """
      <div class="actions"><form method="post" action="/exemptions">\(Layout.csrfField(session))
        <label for="region">地区代码（可空）</label><input id="region" name="region" placeholder="360981">
        <label for="indicator">指标代码（可空）</label><input id="indicator" name="indicator" placeholder="industry_va">
        <label for="project">项目编号（可空）</label><input id="project" name="project">
        <label for="from">起始日期（默认今日）</label><input id="from" name="from" type="date">
        <label for="until">截止日期</label><input id="until" name="until" type="date" required>
        <label for="reason">理由</label><input id="reason" name="reason" required>
        <button>新增豁免</button></form></div>
      """
    var response = Layout.page(
      "豁免", context: context, active: "exemptions",
      """
      \(alert)
      \(form)
      <table><tr><th>编号</th><th>范围</th><th>起</th><th>止</th><th>理由</th><th>设立人</th><th></th></tr>\(Array(rows))</table>
      """)
    response.status = status
    return response
  }

  /// Adds an exemption from the form; a refusal says which field is wrong.
  static func addExemption(form: FormFields, account: Account, current: LiveWorkspace.Current) throws {
    let configuration = current.workspace.configuration
    func field(_ name: String) -> String? {
      form[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }
    let region = field("region")
    let indicator = field("indicator")
    let project = field("project")
    if let region, configuration.region(region) == nil {
      throw NoticeActionError("地区代码 '\(region)' is not a region of the configuration")
    }
    if let indicator, configuration.indicator(indicator) == nil {
      throw NoticeActionError("指标代码 '\(indicator)' is not an indicator of the configuration")
    }
    guard region != nil || indicator != nil || project != nil else {
      throw NoticeActionError("name a region, an indicator or a project")
    }
    let today = Day.today({ Date() }, in: configuration.city.timeZone)
    guard let until = try RequestNumbers.day(field("until"), name: "until (截止日期)") else {
      throw NoticeActionError("give the end date")
    }
    let from = try RequestNumbers.day(field("from"), name: "from (起始日期)") ?? today
    guard from <= until else { throw NoticeActionError("the end date is before the start") }
    guard let reason = field("reason") else { throw NoticeActionError("give the reason") }
    _ = try current.workspace.store.addExemption(
      Exemption(
        region: region, indicator: indicator, project: project, reason: reason, createdBy: account.name, from: from,
        until: until), at: Date())
  }

  static func deliveries(context: WebContext, store: Store, timeZone: TimeZone) throws -> Response {
    let rows = try store.deliveries().suffix(300).reversed().map { delivery -> HTML in
      let attempts = (try? store.deliveryAttempts(delivery: delivery.id)) ?? []
      let last = attempts.last.map { "\($0.httpStatus.map(String.init) ?? "—") \($0.outcome): \($0.answer)" }
      let state: HTML =
        "<span class=\"badge \(delivery.state == .dead ? "rejected" : delivery.state.rawValue)\">\(delivery.state.rawValue)</span>"
      return """
        <tr><td>\(delivery.id)</td><td><a href="/notices/\(delivery.noticeID)">\(delivery.noticeID)</a></td>
        <td>\(delivery.targetID)</td><td>\(state)</td><td class="number">\(delivery.attempts)</td>
        <td>\(Layout.time(delivery.nextAttempt, timeZone))</td><td>\(last ?? delivery.lastError ?? "")</td></tr>
        """
    }
    return Layout.page(
      "投递记录", context: context, active: "deliveries",
      """
      <p>最近 300 条投递。已放弃（dead）的投递可用 <code>yujing deliveries resend ID</code> 重发。</p>
      <table><tr><th>投递</th><th>通知</th><th>目标</th><th>状态</th><th>尝试</th><th>下次尝试</th><th>最后回应</th></tr>\(Array(rows))</table>
      """)
  }
}
