/// The kinds of notice yujing writes (docs/architecture.md#words), each with everything that is
/// particular to it: its names, its template, its 文号 prefix, whether it asks for an answer, and
/// which office issues it. Every `switch` here is exhaustive, so a new kind is a compile error
/// until each question is answered; the rest of the code asks the kind, never names it. The
/// database stores the raw value and checks nothing more (`Store.noticeRecord` refuses a kind it
/// does not know), so a new kind needs no migration.
public enum NoticeKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// 提醒函
  case reminder
  /// 约谈通知书
  case talk
  /// 解除预警通知
  case lift
  /// 预协调函, forecast-based (docs/rules.md#precoordination)
  case precoordination
  /// 数据报送提醒, a feed is late (docs/rules.md#data-timeliness)
  case dataOverdue = "data_overdue"
  /// 经济运行调度通报 (docs/documents.md#the-dispatch-summary)
  case summary

  /// The kind's name for people: in lists, the web UI and the summary's table of notices.
  public var chineseName: String {
    switch self {
    case .reminder: "提醒函"
    case .talk: "约谈通知书"
    case .lift: "解除预警通知"
    case .precoordination: "预协调函"
    case .dataOverdue: "数据报送提醒"
    case .summary: "调度通报"
    }
  }

  /// The draft's title. `period` is the period's name (2020年1-8月), `data` what a late feed
  /// owes (the kinds that do not mention it ignore it).
  public func title(period: String, data: String) -> String {
    switch self {
    case .reminder: "关于\(period)主要经济指标和重点工作预警的提醒函"
    case .talk: "关于\(period)主要经济指标和重点工作预警的约谈通知书"
    case .lift: "关于解除\(period)有关预警的通知"
    case .precoordination: "关于\(period)主要经济指标预协调的函"
    case .dataOverdue: "关于催报\(period)\(data)的通知"
    case .summary: "\(period)经济运行调度通报"
    }
  }

  /// The Mustache template its body is written from (`Sources/YujingResources/templates/`). The
  /// summary's body is composed by `DispatchSummary` from the `summary` template; as a plain draft
  /// it would read as a reminder.
  public var template: String {
    switch self {
    case .reminder, .summary: "reminder"
    case .talk: "talk"
    case .lift: "lift"
    case .precoordination: "precoordination"
    case .dataOverdue: "data_overdue"
    }
  }

  /// The 文号 prefix when the configuration's `numbering:` does not give one: the city's first
  /// character and the issuing office's word for the kind (宜经调提醒).
  public func defaultPrefix(cityInitial: String) -> String {
    switch self {
    case .reminder: "\(cityInitial)经调提醒"
    case .talk: "\(cityInitial)府办约谈"
    case .lift: "\(cityInitial)经调解除"
    case .precoordination: "\(cityInitial)经调预协调"
    case .dataOverdue: "\(cityInitial)经调催报"
    case .summary: "\(cityInitial)经调通报"
    }
  }

  /// A notice of this kind asks its addressee for a written answer by a deadline: a 整改 report
  /// (reminder, talk) or the measures a 预协调函 asks for. A correction or withdrawal asks for
  /// nothing new.
  public var asksForReport: Bool {
    switch self {
    case .reminder, .talk, .precoordination: true
    case .lift, .dataOverdue, .summary: false
    }
  }

  /// Its addressee may appeal (申诉) the findings it states: a warning or a forecast rests on
  /// figures a county may show to be wrong. A lift, a call for late data or the summary finds
  /// nothing against anyone.
  public var isAppealable: Bool {
    switch self {
    case .reminder, .talk, .precoordination: true
    case .lift, .dataOverdue, .summary: false
    }
  }

  /// What the answer it asks for is called in the 附注 and in reminders of it.
  public var answerName: String {
    switch self {
    case .precoordination: "应对措施"
    case .reminder, .talk, .lift, .dataOverdue, .summary: "整改报告"
    }
  }

  /// A talk (约谈): the reviewer sets its time and place at approval, the 整改 report is counted
  /// from the talk, and the government's office, not the dispatch office, issues it.
  public var setsATalk: Bool {
    switch self {
    case .talk: true
    case .reminder, .lift, .precoordination, .dataOverdue, .summary: false
    }
  }

  /// Its 签发 chain when the configuration's `approval:` gives none: a leader signs what summons
  /// or reports to the city; the office's check issues the rest.
  public var defaultApprovalChain: [ApprovalStep] {
    switch self {
    case .talk, .summary: [.check, .sign]
    case .reminder, .lift, .precoordination, .dataOverdue: [.check]
    }
  }

  /// Where the summary's table of the period's notices puts its notices, first the lowest; nil
  /// for a kind the table leaves out.
  public var summaryPosition: Int? {
    switch self {
    case .talk: 0
    case .reminder: 1
    case .lift: 2
    case .precoordination: 3
    case .dataOverdue: 4
    case .summary: nil
    }
  }

  /// The raw values, for help texts and messages: `reminder, talk, …`.
  public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
