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
  /// Each rule's name in words (增速低于年度目标), for saying why a level is what it is.
  let ruleTitles: [String: String]

  public init(
    configuration: Configuration, templates: NoticeTemplates, ladder: LadderSettings, calendar: WorkingCalendar,
    rules: [Rule]
  ) {
    self.configuration = configuration
    phrases = Phrases(configuration: configuration)
    self.templates = templates
    settings = ladder
    self.calendar = calendar
    ruleTitles = Dictionary(rules.map { ($0.id, $0.title) }) { first, _ in first }
  }

  /// What a draft says in place of a talk's time and place until approval fills them in.
  public static let talkTimePlaceholder = "（约谈时间待定）"
  public static let talkPlacePlaceholder = "（约谈地点待定）"
  /// What a draft says in place of the 整改 report's deadline, fixed at approval.
  public static let reportDuePlaceholder = "（报送截止日期待定）"

  public func title(_ intent: NoticeIntent) -> String {
    intent.kind.title(period: periodName(intent), data: feedData(intent))
  }

  /// The title of a correction or a withdrawal: it names the document it corrects by its number,
  /// so that correcting a correction never nests titles.
  public func correctionTitle(corrects: NoticeRecord, withdrawing: Bool) -> String {
    let document = corrects.number.map { "\($0)文件" } ?? "《\(corrects.title)》"
    return withdrawing ? "关于撤回\(document)的通知" : "关于更正\(document)有关内容的通知"
  }

  private func periodName(_ intent: NoticeIntent) -> String { intent.period.chineseName() }

  /// What a 数据报送提醒 asks for: the late feed's data as the letter names them.
  private func feedData(_ intent: NoticeIntent) -> String {
    guard case .feed(let name)? = intent.subjects.first?.subject, let feed = configuration.feed(name) else {
      return "有关数据"
    }
    return feed.dataName
  }

  /// The body of a notice from its template.
  public func body(_ intent: NoticeIntent, projectNames: [String: String] = [:]) -> String {
    render(intent.kind.template, context(intent, projectNames: projectNames))
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
    // One paragraph a line; the template's own blank lines are layout, not content. Level-1
    // headings are numbered in order, so that a section a template leaves out (a talk notice's
    // 提醒事项) leaves no gap.
    var headings = 0
    return text.split(separator: "\n", omittingEmptySubsequences: true)
      .map { String(Self.trimmingSpaces($0)) }.filter { !$0.isEmpty }
      .map { line in
        guard case .heading(1, _) = NoticeDocument.block(line), let mark = line.firstIndex(of: "、") else {
          return line
        }
        headings += 1
        return Chinese.ordinal(headings) + line[mark...]
      }
      .joined(separator: "\n")
  }

  /// A line without the spaces and tabs around it (as `trimmingCharacters(in: .whitespaces)`,
  /// without the bridge through NSString that cost more than rendering the line).
  static func trimmingSpaces(_ line: Substring) -> Substring {
    func isSpace(_ scalar: Unicode.Scalar) -> Bool {
      scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }
    let scalars = line.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return Substring(scalars[first...last])
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
    // Who attends a talk besides the addressee: the units copied (抄送 names organs only).
    if !intent.copies.isEmpty { values["attending"] = intent.copies.joined(separator: "、") }
    if let contact = configuration.documents.contact { values["contact"] = contact.line }
    if intent.kind == .dataOverdue, case .feed(let name)? = intent.subjects.first?.subject,
      let dueDay = configuration.feed(name)?.dueDay
    {
      values["deadline"] = Timeliness.deadline(of: intent.period, dueDay: dueDay, calendar: calendar).chinese
    }
    if intent.kind == .dataOverdue { values["data"] = feedData(intent) }
    func entries(_ subjects: [NoticeSubject]) -> [[String: Any]] {
      subjects.enumerated().map { position, subject in
        entry(subject, numeral: Chinese.ordinal(position + 1), intent: intent, projectNames: projectNames)
      }
    }
    values["subjects"] = entries(intent.subjects)
    // A talk notice lists what the talk is about apart from what is only a reminder.
    let talks = intent.subjects.filter { $0.stage?.isTalk == true }
    let reminders = intent.subjects.filter { $0.stage?.isTalk != true }
    values["talk_subjects"] = entries(talks)
    if intent.kind == .talk && !reminders.isEmpty {
      values["reminder_subjects"] = entries(reminders)
      values["has_reminders"] = true
    }
    // A lift is not a claim that the target is met: the letter says so when a figure still lags.
    let stillBelow = intent.subjects.compactMap { subject in
      phrases.shortfall(subject).map {
        phrases.name(subject.subject, projectName: projectNames[subject.subject.key]) + $0
      }
    }
    if intent.kind == .lift && !stillBelow.isEmpty { values["still_below"] = stillBelow.joined(separator: "，") }
    return values
  }

  /// One subject as a template sees it.
  private func entry(_ subject: NoticeSubject, numeral: String, intent: NoticeIntent, projectNames: [String: String])
    -> [String: Any]
  {
    var entry: [String: Any] = [
      "numeral": numeral,
      "name": phrases.name(subject.subject, projectName: projectNames[subject.subject.key]),
      "figures": phrases.figures(subject, period: intent.period),
      "reason": subject.reason,
    ]
    if let level = subject.level, level != .none {
      entry["level"] = level.chinese
      // Why the case moved, when it is more than the level itself (连续2期预警, an overdue report).
      if subject.reason != "\(level.chinese)预警" { entry["why"] = subject.reason }
      let reasons = subject.levelRules.compactMap { ruleTitles[$0] }
      if !reasons.isEmpty { entry["level_reason"] = reasons.joined(separator: "、") }
    }
    if let stage = subject.stage, stage != .none, stage != .lifted { entry["stage"] = stage.chinese }
    if intent.kind == .precoordination, let forecast = Phrases.forecast(subject.values) {
      entry["forecast"] = forecast
    }
    if let precedent = subject.precedent { entry["precedent"] = precedent }
    return entry
  }

  /// Who holds a talk, named as the notice names a person who acts: the mayor if any subject
  /// entered talk_mayor, else the deputy mayor(s) in charge of its subjects' indicators or
  /// departments (市政府副市长×××同志; the title alone where no name is configured).
  public func talkHolder(_ intent: NoticeIntent) -> String {
    if intent.subjects.contains(where: { $0.stage == .talkMayor }) { return configuration.leaders.mayorInPerson }
    var holders: [String] = []
    for subject in intent.subjects where subject.stage == .talkDeputy {
      for deputy in configuration.leaders.deputies
      where deputy.covers(subject.subject, department: subject.department) && !holders.contains(deputy.inPerson) {
        holders.append(deputy.inPerson)
      }
    }
    return holders.isEmpty ? "分管副市长" : holders.joined(separator: "、")
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
