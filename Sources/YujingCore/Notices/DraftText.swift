/// The plain-text title and body of a notice draft: what the reviewer reads and edits before
/// approval. It states, for each subject, the period, the figures against the target, the gap or
/// lag, the rank and the level, and what is required by when.
public struct DraftText: Sendable {
  let configuration: Configuration
  let phrases: Phrases
  let reportWorkingDays: Int

  public init(configuration: Configuration, reportWorkingDays: Int) {
    self.configuration = configuration
    self.phrases = Phrases(configuration: configuration)
    self.reportWorkingDays = reportWorkingDays
  }

  /// Names the office and the government sign with: derived from the city's name.
  var office: String { "\(configuration.city.name)经济运行调度办公室" }
  var government: String { "\(configuration.city.name)人民政府办公室" }

  public func title(_ intent: NoticeIntent) -> String {
    switch intent.kind {
    case .reminder: "关于\(periodName(intent))主要经济指标和重点工作预警的提醒函"
    case .talk: "关于\(periodName(intent))主要经济指标和重点工作预警的约谈通知书"
    case .lift: "关于解除\(periodName(intent))有关预警的通知"
    case .precoordination: "关于\(periodName(intent))主要经济指标预协调的函"
    case .dataOverdue: "关于按时报送\(periodName(intent))统计数据的提醒"
    case .summary: "\(periodName(intent))经济运行调度通报"
    }
  }

  private func periodName(_ intent: NoticeIntent) -> String { intent.period.chineseName() }

  public func body(_ intent: NoticeIntent, projectNames: [String: String] = [:]) -> String {
    var lines: [String] = ["\(intent.addressee)："]
    switch intent.kind {
    case .reminder, .talk:
      lines.append(
        "根据全市主要经济指标和重点工作监测预警情况，你单位\(periodName(intent))以下事项未达预期，"
          + (intent.kind == .talk ? "按照分级约谈机制，现通知如下：" : "现予提醒："))
    case .lift:
      lines.append("经监测，你单位以下事项已连续回到目标轨道，现解除预警：")
    case .dataOverdue:
      lines.append("按照“文不过夜、事不隔日”的要求，以下数据未在规定时间内报送：")
    case .precoordination, .summary:
      lines.append("现将有关情况通报如下：")
    }
    for (position, subject) in intent.subjects.enumerated() {
      let name = phrases.name(subject.subject, projectName: projectNames[subject.subject.key])
      var sentence = "\(Chinese.ordinal(position + 1))、\(name)。\(phrases.figures(subject, period: intent.period))。"
      if let level = subject.level, level != .none, intent.kind != .lift {
        sentence += "预警级别：\(level.chinese)"
        if let stage = subject.stage, stage != .none { sentence += "；\(stage.chinese)（\(subject.reason)）" }
        sentence += "。"
      }
      lines.append(sentence)
    }
    switch intent.kind {
    case .reminder:
      lines.append(
        "请你单位高度重视，认真分析原因，研究制定整改措施，于本函成文日期后\(reportWorkingDays)个工作日内将书面原因分析和整改措施报送\(office)。")
    case .talk:
      let holder = talkHolder(intent)
      lines.append(
        "定于（时间、地点待定）由\(holder)约谈你单位主要负责同志。请做好准备，携带书面情况说明和整改措施参加约谈，"
          + "并于本通知成文日期后\(reportWorkingDays)个工作日内将书面整改报告报送\(office)。")
    case .lift:
      lines.append("请你单位继续巩固向好态势，防止反弹。")
    case .dataOverdue:
      lines.append("请你单位立即报送，并说明延误原因。")
    case .precoordination, .summary:
      break
    }
    return lines.joined(separator: "\n")
  }

  /// Who holds a talk (DESIGN §6.1): the mayor if any subject entered talk_mayor, else the deputy
  /// mayor(s) in charge of its subjects' indicators or departments.
  public func talkHolder(_ intent: NoticeIntent) -> String {
    if intent.subjects.contains(where: { $0.stage == .talkMayor }) { return configuration.leaders.mayor }
    var titles: [String] = []
    for subject in intent.subjects where subject.stage == .talkDeputy {
      for deputy in configuration.leaders.deputies
      where deputy.covers(subject.subject, department: subject.department) && !titles.contains(deputy.title) {
        titles.append(deputy.title)
      }
    }
    return titles.isEmpty ? "分管副市长" : titles.joined(separator: "、")
  }
}

extension Configuration.Deputy {
  /// Whether this deputy mayor is in charge of the subject: its indicator, or the responsible
  /// department of its project (looked up by the caller's project data when needed).
  func covers(_ subject: Subject, department: String? = nil) -> Bool {
    switch subject {
    case .indicator(let indicator, _): indicators.contains(indicator)
    case .project: department.map(departments.contains) ?? false
    case .feed: false
    }
  }
}

/// Chinese numerals for headings: 一、二、三 … 十一.
public enum Chinese {
  public static func ordinal(_ number: Int) -> String {
    let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    switch number {
    case 1...9: return digits[number]
    case 10: return "十"
    case 11...19: return "十" + digits[number - 10]
    case 20...99: return digits[number / 10] + "十" + digits[number % 10]
    default: return String(number)
    }
  }
}
