/// The tables of the dispatch summary. Figures are kept as numbers beside their text, so that the
/// XLSX has real numeric cells; a missing figure is a dash.
enum SummaryTables {
  typealias Cell = OfficialDocument.Cell

  static let missing = "—"

  static func figure(_ value: Fixed?, decimals: Int = 1) -> Cell {
    guard let value else { return Cell(missing) }
    let shown = value.rounded(toDecimals: decimals)
    return Cell(Phrases.figure(shown, decimals: decimals), number: shown.doubleValue)
  }

  /// An amount in its unit, as the notices write it (no ".00" on 元 or 万美元, never rounded).
  static func amount(_ value: Fixed?, unit: String) -> Cell {
    guard let value else { return Cell(missing) }
    return Cell(Phrases.amount(value, unit: unit), number: value.doubleValue)
  }

  static func level(_ level: Level) -> Cell {
    level == .none ? Cell(missing) : Cell(level.chinese, level: level)
  }

  static func indicator(_ table: SummaryFacts.IndicatorTable, period: Period, number: Int) -> OfficialDocument.Table {
    let indicator = table.indicator
    let unit = indicator.unit
    let amount = indicator.form == .amount
    let showsValue = amount || unit != "%"
    // Every target that was set has its columns, the form's own first.
    let growthTargets = !amount || table.rows.contains { $0.targetGrowth != nil }
    let amountTargets = amount || table.rows.contains { $0.targetValue != nil }
    let reached = Phrases.reachedVerb(indicator)
    var header = ["地区"]
    if amount {
      header += ["累计\(reached)（\(unit)）", "年度目标（\(unit)）", "完成进度（%）", "较序时进度（百分点）", "增速（%）"]
      if growthTargets { header += ["增速目标（%）", "较增速目标（百分点）"] }
    } else {
      if showsValue { header.append("累计值（\(unit)）") }
      header += ["增速（%）", "目标（%）", "较目标（百分点）"]
      if amountTargets { header += ["年度目标（\(unit)）", "完成进度（%）", "较序时进度（百分点）"] }
    }
    header += ["位次", "位次变化", "预警"]
    let rows = table.rows.map { row -> [Cell] in
      var cells = [Cell(row.region.name)]
      if amount {
        cells += [
          self.amount(row.value, unit: unit), self.amount(row.targetValue, unit: unit), figure(row.progress),
          figure(row.lag), figure(row.growth),
        ]
        if growthTargets { cells += [figure(row.targetGrowth), figure(row.gap)] }
      } else {
        if showsValue { cells.append(self.amount(row.value, unit: unit)) }
        cells += [figure(row.growth), figure(row.targetGrowth), figure(row.gap)]
        if amountTargets { cells += [self.amount(row.targetValue, unit: unit), figure(row.progress), figure(row.lag)] }
      }
      if let rank = row.rank {
        let text = row.region.kind == .city ? "全省第\(rank)" : String(rank)
        cells.append(Cell(text, number: Double(rank)))
      } else {
        cells.append(Cell(missing))
      }
      cells.append(Cell(SummaryText.movement(row, short: true) ?? missing))
      cells.append(level(row.level))
      return cells
    }
    let periodName = period.chineseName(for: indicator.frequency)
    return OfficialDocument.Table(caption: "表\(number)　\(periodName)\(indicator.name)", header: header, rows: rows)
  }

  /// The city's row of every indicator: what the body shows, the regions' rows going to the annex.
  static func city(
    _ tables: [SummaryFacts.IndicatorTable], period: Period, number: Int
  ) -> OfficialDocument.Table {
    let rows = tables.compactMap { table -> [Cell]? in
      guard let row = table.rows.first(where: { $0.region.kind == .city }) else { return nil }
      let indicator = table.indicator
      let value: Cell
      if let figure = row.value, indicator.unit != "%" {
        value = Cell(Phrases.amount(figure, unit: indicator.unit) + indicator.unit, number: figure.doubleValue)
      } else {
        value = Cell(missing)
      }
      let rank: Cell = row.rank.map { Cell("第\($0)", number: Double($0)) } ?? Cell(missing)
      return [
        Cell(indicator.name), value, figure(row.growth), figure(row.targetGrowth), figure(row.gap),
        figure(row.progress), figure(row.lag), rank, Cell(SummaryText.movement(row, short: true) ?? missing),
        level(row.level),
      ]
    }
    return OfficialDocument.Table(
      caption: "表\(number)　\(period.chineseName())全市主要指标完成情况",
      header: [
        "指标", "累计值", "增速（%）", "目标（%）", "较目标（百分点）", "完成进度（%）", "较序时（百分点）", "全省位次", "位次变化", "预警",
      ], rows: rows)
  }

  static func league(_ league: LeagueTable, number: Int) -> OfficialDocument.Table {
    let red = Set(league.red.map(\.region.code))
    let black = Set(league.black.map(\.region.code))
    var position = 0
    let rows = league.entries.map { entry -> [Cell] in
      let place: Cell
      if entry.score != nil {
        position += 1
        place = Cell(String(position), number: Double(position))
      } else {
        place = Cell(missing)
      }
      let list =
        red.contains(entry.region.code)
        ? Cell("红榜") : black.contains(entry.region.code) ? Cell("黑榜") : Cell(missing)
      return [
        place, Cell(entry.region.name), figure(entry.score, decimals: 2),
        Cell(String(entry.ranked), number: Double(entry.ranked)),
        Cell(String(entry.onTarget), number: Double(entry.onTarget)), list,
      ]
    }
    return OfficialDocument.Table(
      caption: "表\(number)　县（市、区）综合排名", header: ["名次", "地区", "综合得分", "参评指标数", "达到目标指标数", "榜单"],
      rows: rows)
  }

  static func projects(_ projects: [SummaryFacts.LaggingProject], number: Int) -> OfficialDocument.Table {
    let rows = projects.map { project -> [Cell] in
      [
        Cell(project.name), Cell(project.region), Cell(project.department),
        amount(project.annualPlan, unit: "亿元"), amount(project.completed, unit: "亿元"), figure(project.completion),
        Cell(project.problem), level(project.level),
      ]
    }
    return OfficialDocument.Table(
      caption: "表\(number)　预警重点项目",
      header: ["项目", "所在地", "责任单位", "年度计划（亿元）", "累计完成（亿元）", "完成进度（%）", "存在问题", "预警"], rows: rows)
  }

  static func notices(
    _ notices: [SummaryFacts.IssuedNotice], configuration: Configuration, number: Int
  ) -> OfficialDocument.Table {
    let rows = notices.map { notice -> [Cell] in
      [
        Cell(notice.number), Cell(SummaryText.kindName(notice.kind)), Cell(notice.addressee),
        Cell(notice.stage.map(\.chinese) ?? missing), Cell(notice.subjects.joined(separator: "、")),
        Cell(notice.date?.chinese ?? missing),
      ]
    }
    return OfficialDocument.Table(
      caption: "表\(number)　本期预警提醒和约谈", header: ["文号", "类型", "主送", "阶段", "事项", "成文日期"], rows: rows)
  }
}
