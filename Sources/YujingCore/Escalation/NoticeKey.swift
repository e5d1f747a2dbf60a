/// What identifies a notice across re-evaluations (docs/architecture.md#drafting): the same key
/// with other facts is a revision of the notice, not another one. Written into the database as
/// text (`stage|丰城市人民政府|2020-08`, a supplement `stage|丰城市人民政府|2020-08|2`) and read
/// back only through `init?(_:)`.
///
/// A *group* is a key without a supplement: one addressee's letters of one kind in one period.
/// Its first letter takes the group's key, a supplement (a subject new to an issued letter) the
/// next number, and the store finds every letter of a group by one range of the key index.
public struct NoticeKey: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The kind of group: which notices of a period share addressee and period.
  public enum Group: String, Sendable, CaseIterable {
    /// The reminders and talk notices of cases entering a stage (one letter per addressee).
    case stage
    /// The lift notices.
    case lift
    /// 数据报送提醒, per late feed rather than per addressee.
    case dataOverdue = "data_overdue"
    /// 预协调函.
    case precoordination
    /// The talk notices of cases climbing because a 整改 report is overdue, per day found.
    case overdue
    /// The period's dispatch summary, which has no addressee in its key.
    case summary

    /// The groups a period's evaluation owns: re-evaluating the period reconciles every group of
    /// these it has, including one it no longer calls for.
    public static let evaluated: [Group] = [.stage, .lift, .dataOverdue, .precoordination]
  }

  public var group: Group
  /// The addressee (the late feed's name for `dataOverdue`); nil only for `summary`.
  public var addressee: String?
  public var period: Period
  /// For `overdue`: the day the reports were found overdue.
  public var day: Day?
  /// 2, 3 … for the supplements of a group; nil for the group's own letter.
  public var supplement: Int?

  public init(_ group: Group, addressee: String?, period: Period, day: Day? = nil, supplement: Int? = nil) {
    self.group = group
    self.addressee = addressee
    self.period = period
    self.day = day
    self.supplement = supplement
  }

  public static func stage(_ addressee: String, _ period: Period) -> NoticeKey {
    NoticeKey(.stage, addressee: addressee, period: period)
  }

  public static func lift(_ addressee: String, _ period: Period) -> NoticeKey {
    NoticeKey(.lift, addressee: addressee, period: period)
  }

  /// The group this key belongs to: the key without its supplement.
  public var groupKey: NoticeKey {
    var key = self
    key.supplement = nil
    return key
  }

  /// The `n`th letter of this key's group (n ≥ 2).
  public func supplement(_ number: Int) -> NoticeKey {
    var key = groupKey
    key.supplement = number
    return key
  }

  public var description: String {
    var parts = [group.rawValue]
    if let addressee { parts.append(addressee) }
    parts.append(period.description)
    if let day { parts.append(day.description) }
    if let supplement { parts.append(String(supplement)) }
    return parts.joined(separator: "|")
  }

  /// Reads a stored key; nil for text that is not one.
  public init?(_ text: String) {
    var parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    guard let first = parts.first, let group = Group(rawValue: first) else { return nil }
    parts.removeFirst()
    var addressee: String?
    if group != .summary {
      guard !parts.isEmpty else { return nil }
      addressee = parts.removeFirst()
    }
    guard !parts.isEmpty, let period = Period(parts.removeFirst()) else { return nil }
    var day: Day?
    if group == .overdue {
      guard !parts.isEmpty, let parsed = Day(parts.removeFirst()) else { return nil }
      day = parsed
    }
    var supplement: Int?
    if !parts.isEmpty {
      guard let number = Int(parts.removeFirst()), number >= 2 else { return nil }
      supplement = number
    }
    guard parts.isEmpty else { return nil }
    self.init(group, addressee: addressee, period: period, day: day, supplement: supplement)
  }

  /// Keys sort as their text does, which is how the database's index orders them.
  public static func < (lhs: NoticeKey, rhs: NoticeKey) -> Bool { lhs.description < rhs.description }

  /// The text bounds, both exclusive, of the supplements of this key's group: every key that
  /// starts with the group's text and `|` ('}' is the character after '|').
  public var supplementRange: (above: String, below: String) {
    let text = groupKey.description
    return (text + "|", text + "}")
  }

  /// The text bounds, both exclusive, of every key of a kind of group.
  public static func range(of group: Group) -> (above: String, below: String) {
    (group.rawValue + "|", group.rawValue + "}")
  }
}
