/// The sentences a notice states about one subject, in the office's conventions: 累计增长6.8%,
/// 低于年度目标1.4个百分点, 列全市十个县（市、区）第9位, dates in full (2020年10月13日).
public struct Phrases: Sendable {
  let configuration: Configuration
  /// The kinds of region in each ranking group, for naming the group (十个县（市、区）), built once
  /// rather than per subject.
  private let groupKinds: [String: Set<RegionKind>]

  public init(configuration: Configuration) {
    self.configuration = configuration
    var kinds: [String: Set<RegionKind>] = [:]
    for region in configuration.regions { kinds[region.group ?? "", default: []].insert(region.kind) }
    groupKinds = kinds
  }

  /// The subject's name as a heading: 规模以上工业增加值, 宜春锂电新能源产业园一期（P2020-017）.
  public func name(_ subject: Subject, projectName: String? = nil) -> String {
    switch subject {
    case .indicator(let code, let region):
      let indicator = configuration.indicator(code)?.name ?? code
      guard let place = configuration.region(region), place.kind == .city || place.addressee == nil else {
        return indicator
      }
      return "\(place.name)\(indicator)"
    case .project(let code): return projectName.map { "\($0)（\(code)）" } ?? "项目\(code)"
    case .feed(let name): return configuration.feed(name)?.dataName ?? "有关数据"
    }
  }

  /// What the figures say, as one sentence.
  public func figures(_ subject: NoticeSubject, period: Period) -> String {
    switch subject.subject {
    case .indicator(let code, _): indicatorFigures(subject, indicator: configuration.indicator(code), period: period)
    case .project: projectFigures(subject, period: period)
    case .feed: feedFigures(subject, period: period)
    }
  }

  private func indicatorFigures(_ subject: NoticeSubject, indicator: Indicator?, period: Period) -> String {
    let values = subject.values
    let periodName = period.chineseName(for: indicator?.frequency ?? .monthly)
    var parts: [String] = []
    let unit = indicator?.unit ?? ""
    let reached = Phrases.reachedVerb(indicator)
    // Each target that was set is stated against its figure: the form only says which comes first.
    if indicator?.form == .amount, let value = number(values["value"]) {
      var sentence = "\(periodName)累计\(reached)\(Phrases.amount(value, unit: unit))\(unit)"
      if let target = number(values["target_value"]), let progress = number(values["progress"]) {
        sentence +=
          "，为年度目标\(Phrases.amount(target, unit: unit))\(unit)的\(Phrases.figure(progress, decimals: 1))%"
        if let time = number(values["time_progress"]), let lag = number(values["lag"]) {
          sentence += "，" + Phrases.againstSchedule(lag: lag, timeProgress: time)
        }
      }
      parts.append(sentence)
      if let growth = number(values["growth"]) {
        var change = "同比\(Phrases.change(growth))"
        if let target = number(values["target_growth"]), let gap = number(values["gap"]) {
          change += "，" + Phrases.againstTarget(gap: gap, target: target)
        }
        parts.append(change)
      }
    } else if let growth = number(values["growth"]) {
      var sentence = "\(periodName)累计\(Phrases.change(growth))"
      if let value = number(values["value"]), unit != "%" {
        sentence = "\(periodName)累计\(reached)\(Phrases.amount(value, unit: unit))\(unit)，\(Phrases.change(growth))"
      }
      if let target = number(values["target_growth"]), let gap = number(values["gap"]) {
        sentence += "，" + Phrases.againstTarget(gap: gap, target: target)
      }
      if let target = number(values["target_value"]), let progress = number(values["progress"]) {
        sentence +=
          "，为年度目标\(Phrases.amount(target, unit: unit))\(unit)的\(Phrases.figure(progress, decimals: 1))%"
        if let time = number(values["time_progress"]), let lag = number(values["lag"]) {
          sentence += "，" + Phrases.againstSchedule(lag: lag, timeProgress: time)
        }
      }
      parts.append(sentence)
      if let province = number(values["province_growth"]) {
        let difference = growth - province
        if difference < .zero {
          parts.append("低于全省平均水平（\(Phrases.change(province))）\(Phrases.figure(-difference, decimals: 1))个百分点")
        } else if difference > .zero {
          parts.append("高于全省平均水平（\(Phrases.change(province))）\(Phrases.figure(difference, decimals: 1))个百分点")
        }
      }
    }
    if let rank = number(values["rank"]), let size = number(values["group_size"]) {
      parts.append("在\(groupName(subject.subject, size: size))中列第\(Phrases.figure(rank))位")
    }
    return parts.joined(separator: "，")
  }

  private func groupName(_ subject: Subject, size: Fixed) -> String {
    guard case .indicator(_, let code) = subject, let region = configuration.region(code) else { return "本组" }
    let kinds = groupKinds[region.group ?? ""] ?? []
    if kinds.isSubset(of: [.county, .district]) { return "全市\(Phrases.count(size))个县（市、区）" }
    if kinds == [.zone] { return "\(Phrases.count(size))个功能区" }
    return "本组\(Phrases.count(size))个地区"
  }

  private func projectFigures(_ subject: NoticeSubject, period: Period) -> String {
    let values = subject.values
    var parts: [String] = []
    let rules = Set(subject.rules)
    // Counts of months and days are as of the report's last day, which the letter says.
    let asOfEnd = "截至\(Day.lastDay(of: period).chinese)"
    // A project back on track (a lift) has no rule to explain. One not started has no investment
    // to measure against 序时进度 yet: the letter says where it stands instead.
    if rules.isEmpty, values["started"] == .boolean(false) {
      return "\(asOfEnd)，项目尚处于前期阶段，此前的预警情形已消除"
    }
    if rules.isEmpty, let plan = number(values["annual_plan"]), let done = number(values["completed_ytd"]) {
      var sentence =
        "年度计划投资\(Phrases.amount(plan, unit: "亿元"))亿元，\(period.chineseName())累计完成\(Phrases.amount(done, unit: "亿元"))亿元"
      if let completion = number(values["completion"]), let behind = number(values["behind"]) {
        sentence += "，完成年度计划的\(Phrases.figure(completion, decimals: 1))%，"
        sentence +=
          behind > .zero
          ? "落后序时进度\(Phrases.figure(behind, decimals: 1))个百分点"
          : behind < .zero ? "超序时进度\(Phrases.figure(-behind, decimals: 1))个百分点" : "与序时进度持平"
      }
      parts.append(sentence)
      if case .text(let status)? = values["status"] { parts.append("项目\(status)") }
      return parts.joined(separator: "；")
    }
    if rules.contains("project_investment"), let plan = number(values["annual_plan"]),
      let done = number(values["completed_ytd"]), let completion = number(values["completion"]),
      let behind = number(values["behind"])
    {
      parts.append(
        "年度计划投资\(Phrases.amount(plan, unit: "亿元"))亿元，\(period.chineseName())累计完成\(Phrases.amount(done, unit: "亿元"))亿元，"
          + "完成年度计划的\(Phrases.figure(completion, decimals: 1))%，落后序时进度\(Phrases.figure(behind, decimals: 1))个百分点")
    }
    if rules.contains("project_start_overdue"), let months = number(values["months_since_planned_start"]) {
      parts.append("\(asOfEnd)已超过计划开工时间\(Phrases.figure(months))个月仍未开工")
    }
    if rules.contains("project_unregistered"), let months = number(values["months_since_start"]) {
      parts.append("\(asOfEnd)开工已\(Phrases.figure(months))个月仍未入统")
    }
    if rules.contains("project_milestone_overdue"), let days = number(values["overdue_days"]) {
      let stage = values["overdue_milestone"].map { "（\($0)）" } ?? ""
      parts.append("\(asOfEnd)前期手续\(stage)逾期\(Phrases.figure(days))天未办结")
    }
    if rules.contains("project_stalled") { parts.append("项目处于停工状态") }
    return parts.joined(separator: "；")
  }

  /// A late feed's figures: that they have not come. How many days late is left out: the letter
  /// is dated when it is approved, later than the day it was drafted.
  private func feedFigures(_ subject: NoticeSubject, period: Period) -> String {
    "\(period.chineseName())数据截至目前尚未报送"
  }

  /// Whether a subject's figures are still short of what was set: a growth below its target, an
  /// amount behind 序时进度, a project's investment behind it.
  public func isBelowTarget(_ subject: NoticeSubject) -> Bool {
    let values = subject.values
    if let gap = number(values["gap"]), gap < .zero { return true }
    if let lag = number(values["lag"]), lag < .zero { return true }
    if case .project = subject.subject, values["started"] != .boolean(false), let behind = number(values["behind"]),
      behind > .zero
    {
      return true
    }
    return false
  }

  /// What is still short of its target, in the words of the figure that is short: 增速仍低于年度目标,
  /// 完成进度仍落后于序时进度 (an indicator published as growth alone has no 序时进度).
  public func shortfall(_ subject: NoticeSubject) -> String? {
    let values = subject.values
    if case .project = subject.subject {
      return isBelowTarget(subject) ? "投资完成仍落后于序时进度" : nil
    }
    var parts: [String] = []
    if let gap = number(values["gap"]), gap < .zero { parts.append("增速仍低于年度目标") }
    if let lag = number(values["lag"]), lag < .zero { parts.append("完成进度仍落后于序时进度") }
    return parts.isEmpty ? nil : parts.joined(separator: "、")
  }

  private func number(_ value: MeasureValue?) -> Fixed? {
    guard case .number(let figure)? = value else { return nil }
    return figure
  }

  /// 增长6.8% / 下降1.2% / 持平.
  /// 低于年度目标（增长8.2%）1.4个百分点, 高于…, or 与年度目标（增长9.0%）持平.
  public static func againstTarget(gap: Fixed, target: Fixed) -> String {
    let target = "年度目标（\(change(target))）"
    if gap.units == 0 { return "与\(target)持平" }
    return gap < .zero
      ? "低于\(target)\(figure(-gap, decimals: 1))个百分点" : "高于\(target)\(figure(gap, decimals: 1))个百分点"
  }

  /// 落后序时进度（75.0%）1.3个百分点, 超序时进度…, or 与序时进度持平; without the 序时进度's own
  /// figure when `timeProgress` is nil.
  public static func againstSchedule(lag: Fixed, timeProgress: Fixed?) -> String {
    let schedule = "序时进度" + (timeProgress.map { "（\(figure($0, decimals: 1))%）" } ?? "")
    if lag.units == 0 { return "与\(schedule)持平" }
    return lag < .zero
      ? "落后\(schedule)\(figure(-lag, decimals: 1))个百分点" : "超\(schedule)\(figure(lag, decimals: 1))个百分点"
  }

  public static func change(_ growth: Fixed) -> String {
    if growth.units == 0 { return "持平" }
    return growth < .zero ? "下降\(figure(-growth, decimals: 1))%" : "增长\(figure(growth, decimals: 1))%"
  }

  /// A figure as published, at least `decimals` decimals: 8.2, 1.0, 23.51.
  public static func figure(_ value: Fixed, decimals: Int = 0) -> String {
    value.formatted(minimumDecimals: decimals)
  }

  /// An amount in its unit as the office writes it, the same in prose and in tables: 亿元 and
  /// similar large units to two decimals (82.50亿元), 元, 万元 and 万美元 as whole numbers unless
  /// the figure has decimals (35250元, 29207万美元); a figure's own digits are never cut.
  public static func amount(_ value: Fixed, unit: String) -> String {
    figure(value, decimals: wholeUnits.contains(unit) ? 0 : 2)
  }

  static let wholeUnits: Set<String> = ["元", "万元", "万美元", "美元", "人", "个", "户", "家"]

  /// 达到 for a level people reach (人均可支配收入), 完成 for what is produced, invested or collected.
  public static func reachedVerb(_ indicator: Indicator?) -> String {
    guard let indicator else { return "完成" }
    return indicator.name.contains("人均") ? "达到" : "完成"
  }

  /// A count in Chinese numerals for a group's size: 十, 三.
  static func count(_ value: Fixed) -> String {
    let number = Int(value.units / Fixed.scale)
    let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    if (0...10).contains(number) { return digits[number] }
    if number < 20 { return "十" + digits[number - 10] }
    return String(number)
  }
}
