import Foundation
import Hummingbird
import YujingCore

/// `/`: what the office looks at first every morning (docs/operate.md#the-web-ui-and-api) — the
/// current period's findings by level, open cases by stage, drafts waiting, late feeds, failing
/// deliveries, and calendar years that are missing.
enum DashboardPage {
  static func render(_ request: Request, context: WebContext, current: LiveWorkspace.Current, now: Date) throws
    -> Response
  {
    let store = current.workspace.store
    let configuration = current.workspace.configuration
    let counts = try store.counts()
    let states = try store.noticeCountsByState()
    let timeZone = configuration.city.timeZone
    let names = try SubjectNames(configuration: configuration, store: store)

    // The period's findings by level, each count a link to the list of them; the heat map below.
    let shownPeriod = try FindingPages.period(request, store: store)
    let findings = try shownPeriod.map { try store.currentFindings(period: $0) } ?? []
    let levels = Level.allCases.filter { $0 != .none }.reversed().map { level -> HTML in
      let count = findings.filter { !$0.exempted && $0.level == level }.count
      let href = "/findings?period=\(shownPeriod?.description ?? "")&level=\(level.name)"
      return """
        <div class="card"><h2 class="level-\(level.name)">\(Glossary.level(level))预警</h2><div class="big"><a class="level-\(level.name)" href="\(href)">\(count)</a></div></div>
        """
    }
    let period = shownPeriod.map(Glossary.period) ?? "尚无评估"
    let stages = counts.cases.map { item -> HTML in
      let stage = Stage(rawValue: item.labels[0])
      return """
        <tr><td>\(stage.map(Glossary.stage) ?? item.labels[0])</td><td>\(stage.map(Glossary.caseTerm) ?? "")</td><td class="number">\(item.value)</td></tr>
        """
    }
    let drafts = states[.draft] ?? 0
    let reports = ReportPages.Standing(try store.reports(), today: Day.today({ now }, in: timeZone))
    let pendingAppeals = try store.appeals(state: .pending).count
    let decisions: [(String, String, Int)] = [
      ("\(Glossary.report)待审核", "/reports#waiting", reports.waiting.count),
      ("退回待重新报送", "/reports#returned", reports.returned.count),
      ("退回后逾期未报", "/reports#overdue", reports.overdue.count),
      ("申诉待处理", "/appeals", pendingAppeals),
    ]
    let decisionCards = decisions.map { title, href, count -> HTML in
      "<div class=\"card\"><h2>\(title)</h2><div class=\"big\"><a href=\"\(href)\">\(count)</a></div></div>"
    }

    let runs = try store.feedRunTimes()
    let feeds = configuration.feeds.map { feed -> HTML in
      let run = runs[feed.name]
      let last = run.map { Glossary.time($0.lastStarted, timeZone) } ?? "从未运行"
      let status: HTML =
        run.map { "<span class=\"badge feed-\($0.lastStatus.rawValue)\">\(Glossary.feedStatus($0.lastStatus))</span>" }
        ?? "—"
      let success = run?.lastSuccess.map { Glossary.time($0, timeZone) } ?? "—"
      return """
        <tr><td>\(OfficePages.feedName(feed.name, configuration))</td><td class="date">\(last)</td><td>\(status)</td><td class="date">\(success)</td></tr>
        """
    }
    let lateFeeds = try store.currentFindings(period: counts.findingsPeriod ?? Period(year: 1970, month: 1)!)
      .filter { if case .feed = $0.subject { return !$0.exempted } else { return false } }
    let late: HTML =
      lateFeeds.isEmpty
      ? ""
      : """
      <p class="warning">数据报送逾期（\(counts.findingsPeriod.map(Glossary.period) ?? "")）：\(HTML.join(lateFeeds.map { names.link($0.subject) }, separator: "、"))。请督促报送单位尽快报送。</p>
      """
    let dead = try store.deliveries(state: .dead)
    let failing: HTML =
      dead.isEmpty
      ? "<p>没有投递失败的通知。</p>"
      : """
      <p class="error">\(dead.count) 条投递已放弃，需人工处理（请系统管理员检查接收方后重新投递）：</p>
      <table><tr><th>投递</th><th>通知</th><th>尝试次数</th><th>最后错误（系统原文）</th></tr>\(dead.suffix(20).map { delivery -> HTML in
          "<tr><td>\(delivery.id)</td><td><a href=\"/notices/\(delivery.noticeID)\">\(delivery.noticeID)</a></td><td class=\"number\">\(delivery.attempts)</td><td>\(delivery.lastError)</td></tr>"
        })</table>
      """
    let year = Day.today({ now }, in: timeZone).year
    let missing = [year, year + 1].filter { !current.thresholds.calendar.knows(year: $0) }
    let calendar: HTML =
      missing.isEmpty
      ? ""
      : """
      <p class="warning">尚未载入\(missing.map { "\($0)年" }.joined(separator: "、"))的法定节假日安排：整改期限暂只按周末计算工作日。请系统管理员按国务院办公厅公布的安排补充节假日数据。</p>
      """

    // Targets of the year of the latest figures that nothing will judge: set, but watched by no
    // rule or fed by no figure.
    let unjudged = try current.workspace.unjudgedTargets(
      years: [try store.latestPeriodWithFigures()?.year ?? year], ruleSet: current.thresholds.ruleSet)
    // One line per reason: an indicator no feed delivers stands for all its regions' targets.
    var reasons: [String] = []
    var byReason: [String: [TargetCoverage.Unjudged]] = [:]
    for item in unjudged {
      if byReason[item.chineseExplanation] == nil { reasons.append(item.chineseExplanation) }
      byReason[item.chineseExplanation, default: []].append(item)
    }
    let unjudgedList: HTML =
      unjudged.isEmpty
      ? ""
      : """
      <p class="warning">\(unjudged.count) 项年度目标无法评判：</p>
      <ul>\(reasons.prefix(20).map { reason -> HTML in
          let items = byReason[reason]!
          let first = items[0]
          let name = configuration.region(first.target.region).map(\.name) ?? first.target.region
          let what = items.count == 1 ? "\(first.target.year)年\(name)的目标" : "\(items.count)项\(first.target.year)年目标"
          return "<li>\(reason)（\(what)）</li>"
        })</ul>
      """

    let picker = try FindingPages.periodPicker(action: "/", selected: shownPeriod, store: store)
    let heatmap: HTML =
      try shownPeriod.map { shown -> HTML in
        "<h2>\(Glossary.period(shown))\(Glossary.heatmap)</h2>\(try FindingPages.heatmap(period: shown, findings: findings, current: current))"
      } ?? ""
    return Layout.page(
      "总览", context: context, active: "dashboard",
      """
      \(calendar)\(late)\(unjudgedList)
      \(picker)
      <h2>\(period)预警 <a class="badge" href="/findings?period=\(shownPeriod?.description ?? "")">查看\(Glossary.findings)</a></h2>
      <div class="cards">\(levels)
        <div class="card"><h2>待审核通知</h2><div class="big"><a href="/notices?state=draft">\(drafts)</a></div></div>
      </div>
      <div class="cards">\(decisionCards)</div>
      \(heatmap)
      <h2>在办\(Glossary.warningCase)（按阶段） <a class="badge" href="/cases">全部\(Glossary.warningCase)</a></h2>
      <table><tr><th>阶段</th><th>类别</th><th>事项数</th></tr>\(stages)</table>
      <h2>数据源</h2>
      <table><tr><th>数据源</th><th>最近运行</th><th>结果</th><th>最近成功</th></tr>\(feeds)</table>
      <h2>投递</h2>
      \(failing)
      """)
  }
}
