/// What a notice must say, before it is written: the kind, who receives it, the period, and every
/// subject with its stage, level and figures (docs/rules.md#the-ladder: per addressee and period, all
/// the cases that enter a stage make one notice; lifts make one lift notice).
public struct NoticeIntent: Sendable, Hashable {
  public var kind: NoticeKind
  public var addressee: String
  public var copies: [String]
  public var period: Period
  /// Identifies the notice across re-evaluations: the same key with other facts is a revision.
  public var key: NoticeKey
  public var subjects: [NoticeSubject]

  public init(
    kind: NoticeKind, addressee: String, copies: [String], period: Period, key: NoticeKey, subjects: [NoticeSubject]
  ) {
    self.kind = kind
    self.addressee = addressee
    self.copies = copies
    self.period = period
    self.key = key
    self.subjects = subjects
  }
}

/// One subject of a notice: what happened to its case, and the figures that say why.
public struct NoticeSubject: Sendable, Hashable {
  public var subject: Subject
  /// The stage the case entered (lifted for a lift notice); nil for notices outside the ladder.
  public var stage: Stage?
  public var level: Level?
  public var rules: [String]
  public var values: Evidence
  /// Why the case moved, in words: 红色预警, 连续2期黄色及以上预警 …
  public var reason: String
  /// A project's responsible department (code), for choosing who holds a talk.
  public var department: String?
  /// The rules that set the level (those that fired at it), so that a notice says why a level
  /// is what it is: a gap of −1.4 is red because the county was last twice.
  public var levelRules: [String]
  /// For a lift: the number of the last issued notice that put the case at a stage.
  public var precedent: String? = nil

  public init(
    subject: Subject, stage: Stage?, level: Level?, rules: [String], values: Evidence, reason: String,
    department: String? = nil, levelRules: [String] = []
  ) {
    self.subject = subject
    self.stage = stage
    self.level = level
    self.rules = rules
    self.values = values
    self.reason = reason
    self.department = department
    self.levelRules = levelRules
  }
}

/// Groups the transitions of one period into notices (docs/rules.md#the-ladder).
public enum NoticeGrouping {
  public struct Entry: Sendable {
    public var recipients: Addressing.Recipients
    public var subject: NoticeSubject
  }

  /// Cases that entered a stage: one notice per addressee (`talk` if any entered a talk stage).
  /// Cases lifted: one lift notice per addressee.
  public static func intents(period: Period, entries: [Entry]) -> [NoticeIntent] {
    var intents: [NoticeIntent] = []
    let byAddressee = Dictionary(grouping: entries, by: \.recipients.addressee)
    for addressee in byAddressee.keys.sorted() {
      let all = byAddressee[addressee]!
      let climbing = all.filter { $0.subject.stage != .lifted }
      let lifted = all.filter { $0.subject.stage == .lifted }
      if !climbing.isEmpty {
        let kind: NoticeKind = climbing.contains { $0.subject.stage?.isTalk == true } ? .talk : .reminder
        intents.append(
          NoticeIntent(
            kind: kind, addressee: addressee, copies: copies(climbing, except: addressee), period: period,
            key: .stage(addressee, period), subjects: climbing.map(\.subject).sorted { $0.subject < $1.subject }))
      }
      if !lifted.isEmpty {
        intents.append(
          NoticeIntent(
            kind: .lift, addressee: addressee, copies: copies(lifted, except: addressee), period: period,
            key: .lift(addressee, period), subjects: lifted.map(\.subject).sorted { $0.subject < $1.subject }))
      }
    }
    return intents
  }

  static func copies(_ entries: [Entry], except addressee: String) -> [String] {
    var seen = Set<String>()
    return entries.flatMap(\.recipients.copies).filter { $0 != addressee && seen.insert($0).inserted }
  }
}
