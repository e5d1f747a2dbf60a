/// The sentences and cell texts of the dispatch summary, in the office's conventions.
enum SummaryText {
  /// 前移2位 / 后退1位 / 位次不变 (in a table cell: 前移2 / 后退1 / 持平); nil without both
  /// ranks. A lower 位次 is better.
  static func movement(_ row: SummaryFacts.RegionFigures, short: Bool = false) -> String? {
    guard let rank = row.rank, let previous = row.previousRank else { return nil }
    let unit = short ? "" : "位"
    if rank < previous { return "前移\(previous - rank)\(unit)" }
    if rank > previous { return "后退\(rank - previous)\(unit)" }
    return short ? "持平" : "位次不变"
  }

  /// What the city's figures say, as one clause of the overview.
  static func cityFigures(_ row: SummaryFacts.RegionFigures, indicator: Indicator, period: Period) -> String {
    var parts: [String] = []
    let unit = indicator.unit
    let reached = Phrases.reachedVerb(indicator)
    if indicator.form == .amount, let value = row.value {
      var sentence = "累计\(reached)\(Phrases.amount(value, unit: unit))\(unit)"
      if let target = row.targetValue, let progress = row.progress {
        sentence +=
          "，为年度目标\(Phrases.amount(target, unit: unit))\(unit)的\(Phrases.figure(progress, decimals: 1))%"
        if let lag = row.lag { sentence += "，" + Phrases.againstSchedule(lag: lag, timeProgress: nil) }
      }
      parts.append(sentence)
      if let growth = row.growth {
        var change = "同比\(Phrases.change(growth))"
        if let target = row.targetGrowth, let gap = row.gap {
          change += "，" + Phrases.againstTarget(gap: gap, target: target)
        }
        parts.append(change)
      }
    } else if let growth = row.growth {
      var sentence = "累计\(Phrases.change(growth))"
      if let value = row.value, unit != "%" {
        sentence = "累计\(reached)\(Phrases.amount(value, unit: unit))\(unit)，\(Phrases.change(growth))"
      }
      if let target = row.targetGrowth, let gap = row.gap {
        sentence += "，" + Phrases.againstTarget(gap: gap, target: target)
      }
      parts.append(sentence)
    } else {
      parts.append("本期无数据")
    }
    if let rank = row.rank {
      var sentence = "居全省第\(rank)位"
      if let movement = movement(row) { sentence += "，较上期\(movement)" }
      parts.append(sentence)
    }
    return parts.joined(separator: "，")
  }

  /// The notices of the period, counted by kind: 本期共发出提醒函3份、约谈通知书1份 ….
  static func noticeCounts(_ notices: [SummaryFacts.IssuedNotice], period: Period) -> String {
    guard !notices.isEmpty else { return "本期未发出预警提醒、约谈通知。" }
    let counts = NoticeKind.allCases.filter { $0.summaryPosition != nil }.compactMap { kind -> String? in
      let count = notices.filter { $0.kind == kind }.count
      return count == 0 ? nil : "\(kind.chineseName)\(count)份"
    }
    return "针对\(period.chineseName())监测预警情况，共发出\(counts.joined(separator: "、"))，具体如下。"
  }

  /// What the annex's tables mean by their marks.
  static let tableNote =
    "注：“—”表示无数据或不适用。县（市、区）的位次为在本组中的位次，全市的位次为在全省设区市中的位次；"
    + "预警栏为本期预警级别，并以底色标示。"

  /// A kind's name as the summary's notice table gives it.
  static func kindName(_ kind: NoticeKind) -> String { kind.chineseName }
}
