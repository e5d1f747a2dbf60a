/// The dispatch summary (经济运行调度通报, docs/documents.md#the-dispatch-summary) as an official document that reads in a few
/// pages: the `summary` template's words around the key figures — the city's indicators in one
/// table, the 红黑榜 and the lagging projects — with the full tables as 附件 (each indicator by
/// region, the notices of the period, the charts), which the XLSX keeps too. Pure: facts in,
/// document out.
public struct DispatchSummary: Sendable {
  let configuration: Configuration
  let templates: NoticeTemplates

  public init(configuration: Configuration, templates: NoticeTemplates) {
    self.configuration = configuration
    self.templates = templates
  }

  /// Where the template's `{{data}}` line puts the figures.
  static let dataMarker = "\u{FFFC}yujing-summary-data\u{FFFC}"

  public static func title(_ period: Period) -> String { "关于\(period.chineseName())全市经济运行情况的通报" }

  public func document(_ facts: SummaryFacts) -> OfficialDocument {
    let office = configuration.documents.dispatchOffice
    let leagues = LeagueTable.make(facts, configuration: configuration)
    let text = templates.render("summary", context(facts, leagues: leagues)) ?? ""
    let (figures, annexes) = data(facts, leagues: leagues)
    var body: [OfficialDocument.Block] = []
    var placed = false
    for block in NoticeDocument.blocks(text, addressee: addressee) {
      if case .paragraph(let line) = block, line == Self.dataMarker {
        body += figures
        placed = true
      } else {
        body.append(block)
      }
    }
    if !placed { body += figures }
    return OfficialDocument(
      issuerMark: office, number: facts.number, isDraft: facts.number == nil,
      title: OfficialDocument.brokenTitle(Self.title(facts.period)),
      addressee: addressee, body: Self.renumbered(body), attachments: annexes.map(\.title), annexes: annexes,
      signature: office, date: facts.date?.chinese, copies: copies, printer: office, printDate: facts.date?.chinese,
      doubleSided: configuration.documents.doubleSided)
  }

  /// 主送: the counties' governments, the zones' committees and the city's departments.
  var addressee: String {
    var parts: [String] = []
    if configuration.regions.contains(where: { $0.kind == .county || $0.kind == .district }) {
      parts.append("各县（市、区）人民政府")
    }
    let zones = configuration.regions.filter { $0.kind == .zone }.compactMap(\.addressee)
    if !zones.isEmpty { parts.append(zones.joined(separator: "、")) }
    parts.append("市直有关单位")
    return parts.joined(separator: "，")
  }

  /// 抄送: the city's leadership, as the office copies its summaries.
  var copies: [String] { ["市委办公室", "市人大常委会办公室", configuration.documents.governmentOffice, "市政协办公室"] }

  /// Level-1 headings numbered in order, whatever the template wrote: the data sections sit
  /// between the template's own.
  static func renumbered(_ blocks: [OfficialDocument.Block]) -> [OfficialDocument.Block] {
    var count = 0
    return blocks.map { block in
      guard case .heading(1, let text) = block, let mark = text.firstIndex(of: "、") else { return block }
      count += 1
      return .heading(level: 1, text: Chinese.ordinal(count) + text[mark...])
    }
  }

  // MARK: - The template's words

  func context(_ facts: SummaryFacts, leagues: [LeagueTable]) -> [String: Any] {
    let city = configuration.regions.first { $0.kind == .city }
    let cityRows = facts.indicators.compactMap { table in
      table.rows.first { $0.region.kind == .city }.map { (table.indicator, $0) }
    }
    let overview: [[String: Any]] = cityRows.map { indicator, row in
      ["name": indicator.name, "figures": SummaryText.cityFigures(row, indicator: indicator, period: facts.period)]
    }
    // Counted as the tables show them, so that on target + below + without a target add up.
    let below = cityRows.filter { $0.1.onTarget(form: $0.0.form) == false }.map(\.0.name)
    let onTarget = cityRows.filter { $0.1.onTarget(form: $0.0.form) == true }.map(\.0.name)
    let withoutTarget = cityRows.filter { $0.1.onTarget(form: $0.0.form) == nil }.map(\.0.name)
    let count = { (kind: NoticeKind) in facts.notices.filter { $0.kind == kind }.count }
    var values: [String: Any] = [
      "city": city?.name ?? configuration.city.name,
      "period_name": facts.period.chineseName(),
      "office": configuration.documents.dispatchOffice,
      "overview": overview,
      "indicator_count": cityRows.count,
      "on_target_count": onTarget.count,
      "below_target_count": below.count,
      "no_target_count": withoutTarget.count,
      "notice_count": facts.notices.count,
      "lagging_project_count": facts.projects.count,
      "data": Self.dataMarker,
    ]
    for kind in NoticeKind.allCases where kind.summaryPosition != nil { values["\(kind.rawValue)_count"] = count(kind) }
    // Lists are left out when empty, so that a template's {{#…}} section is skipped.
    let lists = [
      "on_target": onTarget, "below_target": below, "no_target": withoutTarget,
      "red_list": leagues.flatMap(\.red).map(\.region.name),
      "black_list": leagues.flatMap(\.black).map(\.region.name),
    ]
    for (key, names) in lists where !names.isEmpty { values[key] = names.joined(separator: "、") }
    if let contact = configuration.documents.contact { values["contact"] = contact.line }
    return values
  }

  // MARK: - The figures

  /// The body's sections of figures, and the annexes that hold the full tables.
  func data(
    _ facts: SummaryFacts, leagues: [LeagueTable]
  ) -> (body: [OfficialDocument.Block], annexes: [OfficialDocument.Annex]) {
    let periodName = facts.period.chineseName()
    var annexes: [OfficialDocument.Annex] = []
    var tableNumber = 0
    func nextTable() -> Int {
      tableNumber += 1
      return tableNumber
    }

    // The body: the city's indicators, the 红黑榜, the projects, the notices counted.
    var blocks: [OfficialDocument.Block] = [.heading(level: 1, text: "一、主要指标完成情况")]
    let indicatorTables = facts.indicators.count
    let regionsAnnex = annexes.count + 1
    let charts = facts.indicators.flatMap { SummaryCharts.indicator($0, period: facts.period) }
    let chartsAnnex = regionsAnnex + (indicatorTables > 0 ? 1 : 0) + (facts.notices.isEmpty ? 0 : 1)
    var reference = "各县（市、区）分指标完成情况见附件\(regionsAnnex)"
    if !charts.isEmpty { reference += "，图表见附件\(chartsAnnex)" }
    if indicatorTables > 0 {
      blocks.append(.paragraph("全市主要指标完成情况如下表，\(reference)。"))
      blocks.append(.table(SummaryTables.city(facts.indicators, period: facts.period, number: nextTable())))
    }
    blocks.append(.heading(level: 1, text: "一、县（市、区）综合排名（红黑榜）"))
    blocks.append(
      .paragraph(
        "综合得分为各县（市、区）在本期公布的各项指标中位次的平均值（第1位计1分，保留两位小数），得分越低排名越前；"
          + "得分相同的，达到目标的指标多者在前。参与排名的指标不足本期指标半数的，不计得分、不列入红黑榜。"))
    for league in leagues {
      let names = { (entries: [LeagueTable.Entry]) in entries.map(\.region.name).joined(separator: "、") }
      let qualifier = leagues.count > 1 ? "（\(league.group)）" : ""
      blocks.append(
        .paragraph(
          "红榜\(qualifier)：\(names(league.red).isEmpty ? "无" : names(league.red))。"
            + "黑榜\(qualifier)：\(names(league.black).isEmpty ? "无" : names(league.black))。"))
      blocks.append(.table(SummaryTables.league(league, number: nextTable())))
    }
    blocks.append(.heading(level: 1, text: "一、重点项目推进情况"))
    if facts.projects.isEmpty {
      blocks.append(.paragraph("本期重点项目均按计划推进，无预警项目。"))
    } else {
      blocks.append(.paragraph("本期共有\(facts.projects.count)个重点项目进度滞后或前期手续逾期，具体如下。"))
      blocks.append(.table(SummaryTables.projects(facts.projects, number: nextTable())))
    }
    if let ledger = facts.ledger, ledger.total > 0 {
      blocks.append(.heading(level: 1, text: "一、督办事项办理情况"))
      blocks.append(.paragraph(LedgerSection.paragraph(ledger)))
      if !ledger.lit.isEmpty { blocks.append(.table(LedgerSection.lit(ledger, number: nextTable()))) }
    }
    blocks.append(.heading(level: 1, text: "一、预警提醒和约谈情况"))
    let noticesAnnex = regionsAnnex + (indicatorTables > 0 ? 1 : 0)
    let counts = SummaryText.noticeCounts(facts.notices, period: facts.period)
    blocks.append(
      .paragraph(
        facts.notices.isEmpty ? counts : counts.replacingOccurrences(of: "具体如下。", with: "具体见附件\(noticesAnnex)。")))

    // The annexes: every indicator by region, the notices, then the charts. The last ends with
    // a caption, text that readers keep with the 版记 more surely than a table's last rows.
    if indicatorTables > 0 {
      var tables: [OfficialDocument.Block] = facts.indicators.map {
        .table(SummaryTables.indicator($0, period: facts.period, number: nextTable()))
      }
      tables.append(.paragraph(SummaryText.tableNote))
      annexes.append(.init(title: "\(periodName)主要指标分县（市、区）完成情况", body: tables))
    }
    if !facts.notices.isEmpty {
      annexes.append(
        .init(
          title: "\(periodName)预警提醒和约谈通知一览",
          body: [.table(SummaryTables.notices(facts.notices, configuration: configuration, number: nextTable()))]))
    }
    if !charts.isEmpty {
      let figures = charts.enumerated().map { number, figure -> OfficialDocument.Block in
        .figure(figure.chart, caption: "图\(number + 1)　\(figure.caption)")
      }
      annexes.append(.init(title: "\(periodName)主要指标图表", body: figures))
    }
    return (blocks, annexes)
  }
}
