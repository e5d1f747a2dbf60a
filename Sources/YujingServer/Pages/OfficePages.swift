import Foundation
import Hummingbird
import YujingCore

/// The office's other pages (docs/operate.md#the-web-ui-and-api): cases with their history, feed
/// runs with their rejected rows, exemptions, the delivery log, and the summaries issued. Reviewers
/// and admins only.
enum OfficePages {
  static func cases(context: WebContext, current: LiveWorkspace.Current) throws -> Response {
    let store = current.workspace.store
    let names = try SubjectNames(configuration: current.workspace.configuration, store: store)
    let rows = try store.cases().reversed().map { record -> HTML in
      let state: HTML =
        record.closedPeriod.map { "已解除（\(Glossary.period($0))）" } ?? "在办（\(Glossary.caseTerm(record.stage))）"
      return """
        <tr><td><a href="/cases/\(record.id)">\(record.id)</a></td><td>\(names.link(record.subject))</td>
        <td>\(names.place(record.subject))</td><td>\(record.addressee)</td><td class="date">\(Glossary.period(record.openedPeriod))</td>
        <td>\(Glossary.stage(record.stage))</td><td>\(state)</td></tr>
        """
    }
    return Layout.page(
      Glossary.warningCase, context: context, active: "cases",
      """
      <p>一个\(Glossary.warningCase)是同一责任单位同一事项（某地区的某项指标，或某个重大项目）持续的预警经过；进入提醒或约谈阶段、要求报送整改报告的，为\(Glossary.supervisedCase)。</p>
      <table><tr><th>编号</th><th>事项</th><th>地区</th><th>责任单位</th><th>首次预警</th><th>阶段</th><th>状态</th></tr>\(Array(rows))</table>
      """)
  }

  static func caseHistory(_ id: Int64, context: WebContext, current: LiveWorkspace.Current) throws -> Response {
    let store = current.workspace.store
    guard let record = try store.cases().first(where: { $0.id == id }) else {
      throw HTTPError(.notFound, message: "there is no case \(id)")
    }
    let names = try SubjectNames(configuration: current.workspace.configuration, store: store)
    let events = try store.caseEvents(caseID: id).map { event -> HTML in
      let notice: HTML =
        try event.noticeID.map { noticeID -> HTML in
          let number = try store.notice(id: noticeID)?.number
          return "<a href=\"/notices/\(noticeID)\">\(number ?? "通知 \(noticeID)")</a>"
        } ?? ""
      let level: HTML =
        event.level.map { "<span class=\"level-\($0.name)\">\(Glossary.level($0))</span>" } ?? ""
      return """
        <tr><td class="date">\(Glossary.period(event.period))</td><td class="date">\(event.day.chinese)</td>
        <td>\(Glossary.stage(event.from)) → \(Glossary.stage(event.to))</td><td>\(level)</td>
        <td>\(event.reason)</td><td>\(notice)</td></tr>
        """
    }
    return Layout.page(
      "\(Glossary.caseTerm(record.stage)) \(id)：\(names.name(record.subject))", context: context, active: "cases",
      """
      <dl class="facts"><dt>事项</dt><dd>\(names.link(record.subject))</dd><dt>责任单位</dt><dd>\(record.addressee)</dd>
      <dt>首次预警</dt><dd>\(Glossary.period(record.openedPeriod))</dd>
      <dt>阶段</dt><dd>\(Glossary.stage(record.stage))</dd>
      <dt>状态</dt><dd>\(record.closedPeriod.map { "已于\(Glossary.period($0))解除" } ?? "在办")</dd></dl>
      <h2>经过</h2>
      <table><tr><th>期别</th><th>日期</th><th>阶段变化</th><th>预警等级</th><th>原因</th><th>通知</th></tr>\(events)</table>
      """)
  }

  static func feeds(context: WebContext, current: LiveWorkspace.Current) throws -> Response {
    let configuration = current.workspace.configuration
    let timeZone = configuration.city.timeZone
    let runs = try current.workspace.store.feedRuns(limit: 200).map { run -> HTML in
      let rejected: HTML = run.rejected > 0 ? "<a href=\"/feeds/runs/\(run.id)\">\(run.rejected) 行</a>" : "0"
      let message: HTML = run.message.map { "系统说明：\($0)" } ?? ""
      return """
        <tr><td>\(run.id)</td><td>\(feedName(run.feed, configuration))</td><td class="date">\(Glossary.time(run.startedAt, timeZone))</td>
        <td><span class="badge feed-\(run.status.rawValue)">\(Glossary.feedStatus(run.status))</span></td><td class="number">\(run.inserted)</td><td class="number">\(run.revised)</td>
        <td class="number">\(rejected)</td><td>\(run.periods.map(Glossary.period).joined(separator: "、"))</td>
        <td>\(message)</td></tr>
        """
    }
    return Layout.page(
      "数据源运行", context: context, active: "feeds",
      """
      <p>最近 200 次运行，时间为本市时间。有被拒收行的运行可点开，查看每一行的位置和原因。</p>
      <table><tr><th>运行</th><th>数据源</th><th>时间</th><th>结果</th><th>新增</th><th>修订</th><th>拒收</th><th>涉及期别</th><th>说明</th></tr>\(runs)</table>
      """)
  }

  /// A feed by what it delivers, its configured name beside it: 主要经济指标数据（stats）.
  static func feedName(_ name: String, _ configuration: Configuration) -> String {
    configuration.feed(name).map { "\($0.dataName)（\(name)）" } ?? name
  }

  static func rejections(_ id: Int64, context: WebContext, store: Store) throws -> Response {
    let rows = try store.rejections(ofRun: id).map { rejection -> HTML in
      """
      <tr><td>\(Glossary.rowLocation(rejection.location))</td><td>\(Glossary.field(rejection.field))</td>
      <td lang="en">\(rejection.reason)</td></tr>
      """
    }
    return Layout.page(
      "运行 \(id) 拒收的行", context: context, active: "feeds",
      """
      <p>以下各行未被接收，其余各行已入库。请报送单位按位置核对原表，改正后重新报送；“原因”一栏为数据解析程序给出的原文说明。</p>
      <table><tr><th>位置</th><th>字段</th><th>原因（解析程序原文）</th></tr>\(rows)</table>
      """)
  }

  /// The exemptions; the administrator, who manages them, also gets the form, which offers the
  /// configuration's regions and indicators and the projects by name.
  static func exemptions(
    context: WebContext, current: LiveWorkspace.Current, account: Account, message: String? = nil,
    status: HTTPResponse.Status = .ok
  ) throws -> Response {
    let session = context.session!
    let manages = account.mayManageExemptions
    let configuration = current.workspace.configuration
    let store = current.workspace.store
    let names = try SubjectNames(configuration: configuration, store: store)
    let rows = try store.exemptions().reversed().map { exemption -> HTML in
      let action: HTML =
        exemption.expired
        ? "已终止"
        : !manages
          ? "生效中"
          : """
          <form class="inline" method="post" action="/exemptions/\(exemption.id)/expire">\(Layout.csrfField(session))<button class="secondary">终止</button></form>
          """
      return """
        <tr><td>\(exemption.id)</td><td>\(scope(exemption, names))</td><td class="date">\(exemption.from.chinese)</td>
        <td class="date">\(exemption.until.chinese)</td><td>\(exemption.reason)</td><td>\(exemption.createdBy)</td><td>\(action)</td></tr>
        """
    }
    let alert: HTML = message.map { "<p class=\"error\" role=\"alert\">\(Glossary.refusal($0))</p>" } ?? ""
    func options(_ items: [(code: String, name: String)], all: String) -> HTML {
      "<option value=\"\">\(all)</option>\(items.map { item -> HTML in "<option value=\"\(item.code)\">\(item.name)</option>" })"
    }
    let regions = configuration.regions.map { (code: $0.code, name: $0.name) }
    let indicators = configuration.indicators.map { (code: $0.code, name: $0.name) }
    let projects = names.projects.values.sorted { $0.code < $1.code }.map {
      (code: $0.code, name: "\($0.name)（\($0.code)）")
    }
    let form: HTML =
      !manages
      ? "<p>豁免由管理员设立和终止。</p>"
      : """
      <div class="actions"><form method="post" action="/exemptions">\(Layout.csrfField(session))
        <p>选择地区和指标：只选地区即豁免该地区全部指标，只选指标即豁免全部地区的该指标；或选择一个重大项目。</p>
        <label for="region">地区</label><select id="region" name="region">\(options(regions, all: "（全部地区）"))</select>
        <label for="indicator">指标</label><select id="indicator" name="indicator">\(options(indicators, all: "（全部指标）"))</select>
        <label for="project">重大项目</label><select id="project" name="project">\(options(projects, all: "（不涉及项目）"))</select>
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
      <table><tr><th>编号</th><th>范围</th><th>起</th><th>止</th><th>理由</th><th>设立人</th><th>状态</th></tr>\(Array(rows))</table>
      """)
    response.status = status
    return response
  }

  /// What an exemption covers, by names.
  static func scope(_ exemption: Exemption, _ names: SubjectNames) -> String {
    if let project = exemption.project { return names.name(.project(project)) }
    switch (exemption.indicator, exemption.region) {
    case (let indicator?, let region?): return names.name(.indicator(indicator: indicator, region: region))
    case (let indicator?, nil): return "全部地区 · \(names.indicator(indicator))"
    case (nil, let region?): return "\(names.region(region)) · 全部指标"
    default: return "—"
    }
  }

  /// Adds an exemption from the form; a refusal says which field is wrong.
  static func addExemption(form: FormFields, account: Account, current: LiveWorkspace.Current, now: Date) throws {
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
    if let project, try current.workspace.store.projects()[project] == nil {
      throw NoticeActionError("项目编号 '\(project)' is not a project of the feeds")
    }
    guard region != nil || indicator != nil || project != nil else {
      throw NoticeActionError("name a region, an indicator or a project")
    }
    let today = Day.today({ now }, in: configuration.city.timeZone)
    guard let until = try RequestNumbers.day(field("until"), name: "until (截止日期)") else {
      throw NoticeActionError("give the end date")
    }
    let from = try RequestNumbers.day(field("from"), name: "from (起始日期)") ?? today
    guard from <= until else { throw NoticeActionError("the end date is before the start") }
    guard let reason = field("reason") else { throw NoticeActionError("give the reason") }
    _ = try current.workspace.store.addExemption(
      Exemption(
        region: region, indicator: indicator, project: project, reason: reason, createdBy: account.name, from: from,
        until: until), at: now)
  }

  static func deliveries(context: WebContext, store: Store, timeZone: TimeZone) throws -> Response {
    let rows = try store.deliveries().suffix(300).reversed().map { delivery -> HTML in
      let attempts = (try? store.deliveryAttempts(delivery: delivery.id)) ?? []
      let last = attempts.last.map(Glossary.deliveryAttempt)
      let state: HTML =
        "<span class=\"badge \(delivery.state == .dead ? "rejected" : delivery.state.rawValue)\">\(Glossary.deliveryState(delivery.state))</span>"
      return """
        <tr><td>\(delivery.id)</td><td><a href="/notices/\(delivery.noticeID)">\(delivery.noticeID)</a></td><td>\(Glossary.deliveryContent(delivery))</td>
        <td>\(delivery.targetID)（\(Glossary.deliveryRole(delivery.role))）</td><td>\(state)</td><td class="number">\(delivery.attempts)</td>
        <td class="date">\(Glossary.time(delivery.nextAttempt, timeZone))</td><td>\(last ?? delivery.lastError ?? "")</td></tr>
        """
    }
    return Layout.page(
      "投递记录", context: context, active: "deliveries",
      """
      <p>最近 300 条投递，时间为本市时间。已放弃的投递可由系统管理员用 <code>yujing deliveries resend 投递编号</code> 重新投递；“最后回应”为接收方系统的原文。</p>
      <table><tr><th>投递</th><th>通知</th><th>内容</th><th>投递目标</th><th>状态</th><th>尝试次数</th><th>下次尝试</th><th>最后回应</th></tr>\(Array(rows))</table>
      """)
  }
}
