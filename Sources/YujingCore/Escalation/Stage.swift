/// 约谈阶段 (docs/architecture.md#words, docs/rules.md#the-ladder): where a case stands on the ladder.
public enum Stage: String, Sendable, Hashable, CaseIterable, Comparable {
  /// A case being watched (a blue finding once) that has not reached a stage with a notice.
  case none
  /// 提醒
  case reminder
  /// 分管副市长约谈
  case talkDeputy = "talk_deputy"
  /// 市长约谈
  case talkMayor = "talk_mayor"
  /// 解除: the case closes.
  case lifted

  private var order: Int {
    switch self {
    case .none: 0
    case .reminder: 1
    case .talkDeputy: 2
    case .talkMayor: 3
    case .lifted: 4
    }
  }

  public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.order < rhs.order }

  public var chinese: String {
    switch self {
    case .none: "观察"
    case .reminder: "提醒"
    case .talkDeputy: "分管副市长约谈"
    case .talkMayor: "市长约谈"
    case .lifted: "解除预警"
    }
  }

  /// A stage that asks for a written 整改 report.
  public var asksForReport: Bool { self == .reminder || self == .talkDeputy || self == .talkMayor }

  /// Where an overdue 整改 report leads (docs/rules.md#the-ladder); nil at talk_mayor, where it only shows.
  public var afterOverdueReport: Stage? {
    switch self {
    case .reminder: .talkDeputy
    case .talkDeputy: .talkMayor
    default: nil
    }
  }

  public var isTalk: Bool { self == .talkDeputy || self == .talkMayor }
}
