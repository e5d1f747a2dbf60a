import Foundation
import Hummingbird
import YujingCore

/// The pictures of the office's pages: the period's 预警热力图 (regions × indicators, each cell
/// coloured by its level), the list of a period's findings the dashboard's counts link to, and a
/// subject's page with its figures through the year as a chart (SVG, no script).
enum FindingPages {
  /// The period a page shows: the one asked for, else the latest evaluated period that has
  /// figures (a feed found late for a later month does not push the figures off the dashboard).
  static func period(_ request: Request, store: Store) throws -> Period? {
    if let asked = try RequestNumbers.period(
      request.uri.queryParameters["period"].map(String.init), name: "period")
    {
      return asked
    }
    let evaluated = try store.evaluatedPeriods()
    guard let figures = try store.latestPeriodWithFigures() else { return evaluated.last }
    return evaluated.last { $0 <= figures } ?? evaluated.last
  }

  /// A choice of the evaluated periods, for the pages that show one.
  static func periodPicker(action: String, selected: Period?, store: Store, extra: HTML = "") throws -> HTML {
    let periods = try store.evaluatedPeriods().reversed()
    guard !periods.isEmpty else { return "" }
    let options = periods.map { period -> HTML in
      period == selected
        ? "<option value=\"\(period.description)\" selected>\(Glossary.period(period))</option>"
        : "<option value=\"\(period.description)\">\(Glossary.period(period))</option>"
    }
    return """
      <form class="filters" method="get" action="\(action)">
      <div><label for="period">期别</label><select id="period" name="period">\(options)</select></div>\(extra)
      <button class="secondary">查看</button></form>
      """
  }

  // MARK: The heat map

  /// Regions down, indicators across; a cell links to the subject's page.
  static func heatmap(period: Period, findings: [Finding], current: LiveWorkspace.Current) throws -> HTML {
    let configuration = current.workspace.configuration
    let store = current.workspace.store
    let regions = configuration.regions.filter { $0.kind != .province }
    let indicators = configuration.indicators.filter { $0.periods.publishes(period) }
    guard !regions.isEmpty, !indicators.isEmpty else { return "<p>本期没有发布的指标。</p>" }
    let present = Set(try store.observations(period: period).map { "\($0.indicator)@\($0.region)" })
    var bySubject: [Subject: Finding] = [:]
    for finding in findings { bySubject[finding.subject] = finding }
    let head = indicators.map { indicator -> HTML in
      "<th scope=\"col\" class=\"indicator\"><span>\(indicator.name)</span></th>"
    }
    let rows = regions.map { region -> HTML in
      let cells = indicators.map { indicator -> HTML in
        let subject = Subject.indicator(indicator: indicator.code, region: region.code)
        let finding = bySubject[subject]
        let (style, mark, said): (String, String, String)
        if let finding, finding.exempted {
          (style, mark, said) = ("heat-exempt", "免", "\(Glossary.level(finding.level))预警（已豁免）")
        } else if let finding, finding.level > .none {
          (style, mark, said) = (
            "heat-\(finding.level.name)", Glossary.levelMark(finding.level), "\(Glossary.level(finding.level))预警"
          )
        } else if present.contains(subject.key) {
          (style, mark, said) = ("heat-none", "✓", "无预警")
        } else {
          (style, mark, said) = ("heat-nodata", "", "无数据")
        }
        return """
          <td class="\(style)"><a href="\(SubjectNames.href(subject))" title="\(region.name) · \(indicator.name)：\(said)">\(mark)<span class="sr">\(said)</span></a></td>
          """
      }
      return "<tr><th scope=\"row\">\(region.name)</th>\(cells)</tr>"
    }
    return """
      <div class="heatmap-wrap"><table class="heatmap" aria-label="\(Glossary.period(period))\(Glossary.heatmap)">
      <tr><th></th>\(head)</tr>\(rows)</table></div>
      <p class="legend"><span class="heat-red">红</span> 红色 <span class="heat-orange">橙</span> 橙色 <span class="heat-yellow">黄</span> 黄色 <span class="heat-blue">蓝</span> 蓝色预警　<span class="heat-none">✓</span> 无预警　<span class="heat-exempt">免</span> 已豁免　<span class="heat-nodata">&nbsp;</span> 无数据。点击格子查看该地区该指标全年走势。</p>
      """
  }

  // MARK: The findings of a period

  static func findings(_ request: Request, context: WebContext, current: LiveWorkspace.Current) throws -> Response {
    let store = current.workspace.store
    let configuration = current.workspace.configuration
    let chosen = try period(request, store: store)
    let levelName = request.uri.queryParameters["level"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    var level: Level?
    if let levelName {
      guard let known = Level(name: levelName), known != .none else {
        throw RequestNumbers.OutOfRange("level must be one of blue, yellow, orange, red")
      }
      level = known
    }
    let levelChoices = Level.allCases.filter { $0 != .none }.reversed().map { item -> HTML in
      item == level
        ? "<option value=\"\(item.name)\" selected>\(Glossary.level(item))</option>"
        : "<option value=\"\(item.name)\">\(Glossary.level(item))</option>"
    }
    let picker = try periodPicker(
      action: "/findings", selected: chosen, store: store,
      extra: """
        <div><label for="level">等级</label><select id="level" name="level"><option value="">全部</option>\(levelChoices)</select></div>
        """)
    guard let chosen else {
      return Layout.page(Glossary.findings, context: context, active: "findings", "<p>尚无评估结果。</p>")
    }
    let all = try store.currentFindings(period: chosen)
    let shown = all.filter { $0.level > .none && (level == nil || $0.level == level) }
      .sorted { ($1.level, $0.subject) < ($0.level, $1.subject) }
    let names = try SubjectNames(configuration: configuration, store: store)
    let phrases = Phrases(configuration: configuration)
    let titles = Dictionary(current.thresholds.ruleSet.rules.map { ($0.id, $0.title) }) { first, _ in first }
    let rows = shown.map { finding -> HTML in
      let subject = NoticeSubject(
        subject: finding.subject, stage: nil, level: finding.level, rules: finding.rules.map(\.rule),
        values: finding.values, reason: "")
      let rules = finding.rules.map { titles[$0.rule] ?? $0.rule }.joined(separator: "；")
      let exempt: HTML = finding.exempted ? "<span class=\"badge superseded\">已豁免</span>" : ""
      return """
        <tr><td class="level"><span class="badge heat-\(finding.level.name)">\(Glossary.level(finding.level))</span>\(exempt)</td>
        <td>\(names.link(finding.subject))</td><td>\(names.place(finding.subject))</td><td>\(rules)</td>
        <td>\(phrases.figures(subject, period: chosen))</td></tr>
        """
    }
    let what = level.map { "\(Glossary.level($0))预警" } ?? "预警"
    return Layout.page(
      "\(Glossary.period(chosen))\(what)（\(shown.count) 项）", context: context, active: "findings",
      """
      \(picker)
      <p>本期评估的结果，每个事项一行；已豁免的照常列出，但不计入预警数，也不启动督办。</p>
      <table><tr><th>等级</th><th>事项</th><th>地区</th><th>触发的规则</th><th>数据</th></tr>\(rows)</table>
      <h2>\(Glossary.period(chosen))\(Glossary.heatmap)</h2>
      \(try heatmap(period: chosen, findings: all, current: current))
      """)
  }

  // MARK: A subject's page

  /// `/subjects/indicator/{indicator}/{region}`, `/subjects/project/{code}`, `/subjects/feed/{name}`:
  /// only subjects of the configuration (or, for a project, of the feeds) have a page.
  static func subject(
    _ subject: Subject, _ request: Request, context: WebContext, current: LiveWorkspace.Current
  ) throws -> Response {
    let store = current.workspace.store
    let configuration = current.workspace.configuration
    let names = try SubjectNames(configuration: configuration, store: store)
    switch subject {
    case .indicator(let indicator, let region):
      guard configuration.indicator(indicator) != nil, configuration.region(region) != nil else {
        throw HTTPError(.notFound, message: "there is no such subject")
      }
    case .project(let code):
      guard names.projects[code] != nil else { throw HTTPError(.notFound, message: "there is no such subject") }
    case .feed(let name):
      guard configuration.feed(name) != nil else { throw HTTPError(.notFound, message: "there is no such subject") }
    }
    let evaluated = try store.evaluatedPeriods()
    let latest = try period(request, store: store) ?? evaluated.last
    let yearText = request.uri.queryParameters["year"].map(String.init)
    let year = try yearText.map { try RequestNumbers.whole($0, name: "year", range: 2000...2099) } ?? latest?.year
    guard let year else {
      return Layout.page(names.name(subject), context: context, active: "findings", "<p>尚无评估结果。</p>")
    }
    var facts: [(String, String)] = []
    var chart: HTML = ""
    switch subject {
    case .indicator(let code, let regionCode):
      let indicator = configuration.indicator(code)!
      let region = configuration.region(regionCode)!
      facts = [("地区", region.name), ("指标", indicator.name), ("单位", indicator.unit)]
      facts.append(("牵头部门", configuration.department(indicator.leadDepartment)?.name ?? indicator.leadDepartment))
      chart = try indicatorChart(indicator: indicator, region: region, year: year, store: store, facts: &facts)
    case .project(let code):
      let project = names.projects[code]!
      facts = [
        ("项目", project.name), ("编号", project.code), ("地区", names.region(project.region)),
        ("责任单位", configuration.department(project.department)?.name ?? project.department),
        ("挂点领导", project.leader), ("总投资", "\(project.totalInvestment) 亿元"),
        ("年度计划投资", "\(project.annualPlan) 亿元"),
      ]
      chart = try projectChart(project: project, year: year, store: store)
    case .feed(let name):
      let feed = configuration.feed(name)!
      facts = [("数据", feed.dataName), ("数据源", name)]
      if let provider = feed.provider {
        facts.append(("报送单位", configuration.department(provider)?.name ?? provider))
      }
    }
    // Its findings period by period through the year.
    let phrases = Phrases(configuration: configuration)
    let titles = Dictionary(current.thresholds.ruleSet.rules.map { ($0.id, $0.title) }) { first, _ in first }
    var published = { (_: Period) in true }
    if case .indicator(let code, _) = subject, let indicator = configuration.indicator(code) {
      published = indicator.periods.publishes
    }
    let rows = try evaluated.filter { $0.year == year && published($0) }.map { period -> HTML in
      let finding = try store.currentFindings(period: period).first { $0.subject == subject }
      guard let finding, finding.level > .none else {
        return
          "<tr><td class=\"date\">\(Glossary.period(period))</td><td><span class=\"badge heat-none\">无预警</span></td><td></td><td></td></tr>"
      }
      let said = NoticeSubject(
        subject: subject, stage: nil, level: finding.level, rules: finding.rules.map(\.rule), values: finding.values,
        reason: "")
      let exempt = finding.exempted ? "（已豁免）" : ""
      return """
        <tr><td class="date">\(Glossary.period(period))</td><td><span class="badge heat-\(finding.level.name)">\(Glossary.level(finding.level))\(exempt)</span></td>
        <td>\(finding.rules.map { titles[$0.rule] ?? $0.rule }.joined(separator: "；"))</td><td>\(phrases.figures(said, period: period))</td></tr>
        """
    }
    let cases = try store.cases().filter { $0.subject == subject }.map { record -> HTML in
      let state = record.closedPeriod.map { "已于\(Glossary.period($0))解除" } ?? "在办"
      return """
        <tr><td><a href="/cases/\(record.id)">\(Glossary.caseTerm(record.stage)) \(record.id)</a></td><td>\(record.addressee)</td>
        <td class="date">\(Glossary.period(record.openedPeriod))</td><td>\(Glossary.stage(record.stage))</td><td>\(state)</td></tr>
        """
    }
    let caseTable: HTML =
      cases.isEmpty
      ? "<p>无。</p>"
      : "<table><tr><th>事项</th><th>责任单位</th><th>首次预警</th><th>阶段</th><th>状态</th></tr>\(cases)</table>"
    let years = Set(evaluated.map(\.year))
    var yearLinks: [HTML] = []
    if years.contains(year - 1) {
      yearLinks.append("<a href=\"\(SubjectNames.href(subject))?year=\(year - 1)\">← \(year - 1)年</a>")
    }
    if years.contains(year + 1) {
      yearLinks.append("<a href=\"\(SubjectNames.href(subject))?year=\(year + 1)\">\(year + 1)年 →</a>")
    }
    let factList = facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" as HTML }
    return Layout.page(
      names.name(subject), context: context, active: "findings",
      """
      <dl class="facts">\(factList)</dl>
      <h2>\(year)年走势 <span class="pager">\(yearLinks)</span></h2>
      \(chart)
      <h2>\(year)年各期预警</h2>
      <table><tr><th>期别</th><th>等级</th><th>触发的规则</th><th>数据</th></tr>\(rows)</table>
      <h2>\(Glossary.warningCase)</h2>
      \(caseTable)
      """)
  }

  /// A period's name without its year, for a chart's axis: 1-5月, 一季度.
  static func shortName(_ period: Period, _ frequency: Frequency) -> String {
    let name = period.chineseName(for: frequency)
    let prefix = "\(period.year)年"
    return name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
  }

  /// Growth against the annual target through the year (a line with the target dashed across),
  /// or, for an amount target, progress against 序时进度 (bars with their marks).
  static func indicatorChart(
    indicator: Indicator, region: Region, year: Int, store: Store, facts: inout [(String, String)]
  ) throws -> HTML {
    let target = try store.targets(year: year).first { $0.region == region.code && $0.indicator == indicator.code }
    if let growth = target?.growth { facts.append(("\(year)年目标增速", "\(growth)%")) }
    if let value = target?.value { facts.append(("\(year)年目标总量", "\(value) \(indicator.unit)")) }
    let periods = indicator.periods.periods(in: year)
    let figures = try periods.map { period in
      try store.observation(Observation.Key(period: period, region: region.code, indicator: indicator.code))?
        .observation
    }
    guard figures.contains(where: { $0 != nil }) else { return "<p>\(year)年尚无数据。</p>" }
    let last = figures.lastIndex { $0 != nil }!
    let shown = Array(periods[...last])
    let labels = shown.map { shortName($0, indicator.frequency) }
    let chart: Chart
    if target?.growth == nil, let goal = target?.value, goal > .zero {
      let progress = figures[...last].map { figure -> Double? in
        guard let value = figure?.value else { return nil }
        return Fixed.percentage(value, of: goal)?.doubleValue
      }
      chart = .bars(
        title: "\(year)年\(region.name)\(indicator.name)完成年度目标进度", categories: labels, values: Array(progress),
        targets: shown.map { $0.timeProgress.doubleValue }, unit: "%", valueName: "完成进度", targetName: "序时进度")
    } else {
      chart = .line(
        title: "\(year)年\(region.name)\(indicator.name)累计增速",
        points: zip(labels, figures[...last]).map { (label: $0, value: $1?.growth?.doubleValue) },
        reference: target?.growth?.doubleValue, unit: "%")
    }
    return "<figure class=\"chart\">\(HTML(markupUnchecked: SVGChart.svg(chart)))</figure>"
  }

  /// A project's investment completed this year against its annual plan pro rata.
  static func projectChart(project: Project, year: Int, store: Store) throws -> HTML {
    let periods = (1...12).compactMap { Period(year: year, month: $0) }
    let progress = try periods.map { period in
      try store.projectRecords(period: period).first { $0.project.code == project.code }?.progress
    }
    guard let last = progress.lastIndex(where: { $0 != nil }) else { return "<p>\(year)年尚无进度数据。</p>" }
    let shown = Array(periods[...last])
    let chart = Chart.bars(
      title: "\(year)年\(project.name)累计完成投资", categories: shown.map { shortName($0, .monthly) },
      values: progress[...last].map { $0?.completedYearToDate.doubleValue },
      targets: shown.map { (project.annualPlan.doubleValue) * Double($0.month) / 12 }, unit: "亿元",
      valueName: "累计完成投资", targetName: "年度计划（按序时）")
    return "<figure class=\"chart\">\(HTML(markupUnchecked: SVGChart.svg(chart)))</figure>"
  }
}
