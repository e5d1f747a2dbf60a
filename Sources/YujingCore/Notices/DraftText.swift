/// The title and the body of a notice draft: what the reviewer reads and edits before approval.
/// The body comes from the kind's template (`NoticeTemplates`); it states, for each subject, the
/// period, the figures against the target, the gap or lag, the rank and the level, and what is
/// required by when.
public struct DraftText: Sendable {
  let configuration: Configuration
  let phrases: Phrases
  let templates: NoticeTemplates
  let settings: LadderSettings
  let calendar: WorkingCalendar

  public init(workspace: Workspace, thresholds: Thresholds) {
    configuration = workspace.configuration
    phrases = Phrases(configuration: workspace.configuration)
    templates = workspace.templates
    settings = thresholds.ladder
    calendar = thresholds.calendar
  }

  /// What a draft says in place of a talk's time and place until approval fills them in.
  public static let talkTimePlaceholder = "（约谈时间待定）"
  public static let talkPlacePlaceholder = "（约谈地点待定）"
  /// What a draft says in place of the 整改 report's deadline, fixed at approval.
  public static let reportDuePlaceholder = "（报送截止日期待定）"

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

  /// The title of a correction or a withdrawal: it names the document it corrects by its number,
  /// so that correcting a correction never nests titles.
  public func correctionTitle(corrects: NoticeRecord, withdrawing: Bool) -> String {
    let document = corrects.number.map { "\($0)文件" } ?? "《\(corrects.title)》"
    return withdrawing ? "关于撤回\(document)的通知" : "关于更正\(document)有关内容的通知"
  }

  private func periodName(_ intent: NoticeIntent) -> String { intent.period.chineseName() }

  /// The body of a notice from its template.
  public func body(_ intent: NoticeIntent, projectNames: [String: String] = [:]) -> String {
    let name =
      switch intent.kind {
      case .reminder: "reminder"
      case .talk: "talk"
      case .lift: "lift"
      case .dataOverdue: "data_overdue"
      case .precoordination: "precoordination"
      case .summary: "reminder"
      }
    return render(name, context(intent, projectNames: projectNames))
  }

  /// The body of a correction of an issued notice; a withdrawal when no subject is left.
  public func correctionBody(_ intent: NoticeIntent, corrects: NoticeRecord, projectNames: [String: String] = [:])
    -> String
  {
    var values = context(intent, projectNames: projectNames)
    values["corrected_number"] = corrects.number ?? "原通知"
    return render(intent.subjects.isEmpty ? "withdrawal" : "correction", values)
  }

  private func render(_ template: String, _ context: [String: Any]) -> String {
    let text = templates.render(template, context) ?? ""
    // One paragraph a line; the template's own blank lines are layout, not content.
    return text.split(separator: "\n", omittingEmptySubsequences: true)
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
  }

  /// The values a template sees (templates/README.md lists them).
  func context(_ intent: NoticeIntent, projectNames: [String: String]) -> [String: Any] {
    var values: [String: Any] = [
      "addressee": intent.addressee,
      "period_name": periodName(intent),
      "report_days": settings.reportWorkingDays,
      "clean_periods": settings.cleanPeriods,
      "office": configuration.documents.dispatchOffice,
      "holder": talkHolder(intent),
      "talk_time": Self.talkTimePlaceholder,
      "talk_place": Self.talkPlacePlaceholder,
      "report_due": Self.reportDuePlaceholder,
    ]
    if !intent.copies.isEmpty { values["copies"] = intent.copies.joined(separator: "、") }
    // Who attends a talk besides the addressee: the units copied, not the leaders copied.
    let leaders = Set([configuration.leaders.mayor] + configuration.leaders.deputies.map(\.title))
    let units = intent.copies.filter { !leaders.contains($0) && !$0.hasSuffix("市长") }
    if !units.isEmpty { values["attending"] = units.joined(separator: "、") }
    if let contact = configuration.documents.contact { values["contact"] = contact }
    if intent.kind == .dataOverdue, case .feed(let name)? = intent.subjects.first?.subject,
      let dueDay = configuration.feed(name)?.dueDay
    {
      values["deadline"] = Timeliness.deadline(of: intent.period, dueDay: dueDay, calendar: calendar).chinese
    }
    values["subjects"] = intent.subjects.enumerated().map { position, subject -> [String: Any] in
      var entry: [String: Any] = [
        "numeral": Chinese.ordinal(position + 1),
        "name": phrases.name(subject.subject, projectName: projectNames[subject.subject.key]),
        "figures": phrases.figures(subject, period: intent.period),
        "reason": subject.reason,
      ]
      if let level = subject.level, level != .none { entry["level"] = level.chinese }
      if let stage = subject.stage, stage != .none, stage != .lifted { entry["stage"] = stage.chinese }
      if intent.kind == .precoordination, let forecast = Phrases.forecast(subject.values) {
        entry["forecast"] = forecast
      }
      return entry
    }
    return values
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
