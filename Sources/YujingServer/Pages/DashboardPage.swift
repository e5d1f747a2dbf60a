import Foundation
import Hummingbird
import YujingCore

/// `/`: what the office looks at first every morning (docs/operate.md#the-web-ui-and-api) — the
/// current period's findings by level, open cases by stage, drafts waiting, late feeds, failing
/// deliveries, and calendar years that are missing.
enum DashboardPage {
  static func render(context: WebContext, current: LiveWorkspace.Current, now: Date) throws -> Response {
    let store = current.workspace.store
    let configuration = current.workspace.configuration
    let counts = try store.counts()
    let states = try store.noticeCountsByState()
    let timeZone = configuration.city.timeZone

    let levels = Level.allCases.filter { $0 != .none }.reversed().map { level -> HTML in
      let count = counts.findings.first { $0.labels == [level.name] }?.value ?? 0
      return
        "<div class=\"card\"><h2 class=\"level-\(level.name)\">\(level.chineseName)预警</h2><div class=\"big\">\(count)</div></div>"
    }
    let period = counts.findingsPeriod.map { "\($0.year)年\($0.month)月" } ?? "尚无评估"
    let stages = counts.cases.map { item -> HTML in
      "<tr><td>\(Stage(rawValue: item.labels[0])?.chineseName ?? item.labels[0])</td><td class=\"number\">\(item.value)</td></tr>"
    }
    let drafts = states[.draft] ?? 0

    let runs = try store.feedRunTimes()
    let feeds = configuration.feeds.map { feed -> HTML in
      let run = runs[feed.name]
      let last = run.map { Layout.time($0.lastStarted, timeZone) } ?? "从未"
      let status = run?.lastStatus.rawValue ?? "—"
      let success = run?.lastSuccess.map { Layout.time($0, timeZone) } ?? "—"
      let failing = run?.lastStatus == .failed
      return """
        <tr><td>\(feed.name)</td><td>\(last)</td><td\(HTML(markupUnchecked: failing ? " class=\"level-red\"" : ""))>\(status)</td><td>\(success)</td></tr>
        """
    }
    let lateFeeds = try store.currentFindings(period: counts.findingsPeriod ?? Period(year: 1970, month: 1)!)
      .filter { if case .feed = $0.subject { return !$0.exempted } else { return false } }
    let late: HTML =
      lateFeeds.isEmpty
      ? "" : "<p class=\"warning\">数据报送逾期：\(lateFeeds.map(\.subject.key).joined(separator: "、"))</p>"

    let dead = try store.deliveries(state: .dead)
    let failing: HTML =
      dead.isEmpty
      ? "<p>无投递失败。</p>"
      : """
      <p class="error">\(dead.count) 条投递已放弃，需人工处理：</p>
      <table><tr><th>投递</th><th>通知</th><th>尝试</th><th>最后错误</th></tr>\(dead.suffix(20).map { delivery -> HTML in
          "<tr><td>\(delivery.id)</td><td><a href=\"/notices/\(delivery.noticeID)\">\(delivery.noticeID)</a></td><td class=\"number\">\(delivery.attempts)</td><td>\(delivery.lastError)</td></tr>"
        })</table>
      """
    let year = Day.today({ now }, in: timeZone).year
    let missing = current.thresholds.missingCalendarYears([year, year + 1])
    let calendar: HTML =
      missing.isEmpty
      ? ""
      : "<p class=\"warning\">节假日安排缺失：\(missing.map(\.message).joined(separator: "；"))</p>"

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

    return Layout.page(
      "总览", context: context, active: "dashboard",
      """
      \(calendar)\(late)\(unjudgedList)
      <h2>\(period)预警</h2>
      <div class="cards">\(levels)
        <div class="card"><h2>待审核通知</h2><div class="big"><a href="/notices?state=draft">\(drafts)</a></div></div>
      </div>
      <h2>在办案件（按阶段）</h2>
      <table><tr><th>阶段</th><th>案件数</th></tr>\(stages)</table>
      <h2>数据源</h2>
      <table><tr><th>数据源</th><th>最近运行</th><th>结果</th><th>最近成功</th></tr>\(feeds)</table>
      <h2>投递</h2>
      \(failing)
      """)
  }
}

extension Level {
  var chineseName: String {
    switch self {
    case .none: "无"
    case .blue: "蓝色"
    case .yellow: "黄色"
    case .orange: "橙色"
    case .red: "红色"
    }
  }
}

extension Stage {
  var chineseName: String {
    switch self {
    case .none: "未启动"
    case .reminder: "提醒"
    case .talkDeputy: "分管副市长约谈"
    case .talkMayor: "市长约谈"
    case .lifted: "已解除"
    }
  }
}
