/// The 督办台账 in words and tables (docs/ledger.md#in-the-dispatch-summary): one paragraph of counts
/// and rates, the problems lit red, yellow or blue, and for the ledger's own report every problem.
enum LedgerSection {
  typealias Cell = OfficialDocument.Cell

  /// 截至2020年12月31日，督办台账共有问题12个（省级4个、市级4个、县级4个）……
  static func paragraph(_ ledger: LedgerSummary) -> String {
    let levels = CoordinationLevel.allCases.reversed().compactMap { level -> String? in
      guard let count = ledger.byLevel[level], count > 0 else { return nil }
      return "\(level.chinese)\(count)个"
    }
    var text = "截至\(ledger.asOf.chinese)，督办台账共有问题\(ledger.total)个"
    if !levels.isEmpty { text += "（\(levels.joined(separator: "、"))）" }
    text += "。已办结\(ledger.finished)个"
    if let rate = ledger.finishedRate { text += "，办结率\(Phrases.figure(rate, decimals: 1))%" }
    if ledger.owed > 0, let rate = ledger.onTimeRate {
      text += "；应办结\(ledger.owed)个，按期办结\(ledger.finishedOnTime)个，按期办结率\(Phrases.figure(rate, decimals: 1))%"
    }
    text += "。正在办理\(ledger.open)个"
    let lit = [Level.red, .yellow, .blue].compactMap { level -> String? in
      guard let count = ledger.lights[level], count > 0 else { return nil }
      return "\(level.lightName)\(count)个"
    }
    text += lit.isEmpty ? "，均未亮灯。" : "，其中\(lit.joined(separator: "、"))，具体如下。"
    return text
  }

  /// The problems lit on the day, red first: what the office presses.
  static func lit(_ ledger: LedgerSummary, number: Int) -> OfficialDocument.Table {
    OfficialDocument.Table(
      caption: "表\(number)　亮灯督办事项", header: ["编号", "问题", "主办单位", "协调层级", "办理时限", "办理情况", "亮灯"],
      rows: ledger.lit.map(row))
  }

  /// Every problem of the ledger, in code order.
  static func all(_ ledger: LedgerSummary, number: Int) -> OfficialDocument.Table {
    OfficialDocument.Table(
      caption: "表\(number)　督办台账", header: ["编号", "问题", "主办单位", "协调层级", "办理时限", "办理情况", "亮灯"],
      rows: ledger.rows.map(row))
  }

  static func row(_ row: LedgerSummary.Row) -> [Cell] {
    let problem = row.standing.problem
    return [
      Cell(problem.code), Cell(problem.title), Cell(problem.unit), Cell(problem.level.chinese),
      Cell(problem.due.chinese), Cell(progress(row)),
      row.light.level == .none ? Cell("—") : Cell(row.light.level.lightName, level: row.light.level),
    ]
  }

  /// 办理中，超期3个工作日 / 申请办结 / 退回2次，剩余5个工作日 / 销号.
  static func progress(_ row: LedgerSummary.Row) -> String {
    let standing = row.standing
    var parts = [standing.problem.state.rawValue]
    if standing.returns > 0 { parts.append("退回\(standing.returns)次") }
    if standing.problem.state.isOpen {
      if row.light.workingDaysOverdue > 0 {
        parts.append("超期\(row.light.workingDaysOverdue)个工作日")
      } else if let left = row.light.workingDaysLeft {
        parts.append(left == 0 ? "今日到期" : "剩余\(left)个工作日")
      }
    }
    return parts.joined(separator: "，")
  }
}
