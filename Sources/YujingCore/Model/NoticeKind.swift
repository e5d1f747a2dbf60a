/// The kinds of notice yujing writes (docs/architecture.md#words).
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

  /// A notice of this kind asks its addressee for a written answer by a deadline: a 整改 report
  /// (reminder, talk) or the measures a 预协调函 asks for. A correction or withdrawal asks for
  /// nothing new.
  public var asksForReport: Bool { self == .reminder || self == .talk || self == .precoordination }
}
