/// Decides what to do with the notices of one group (one addressee's stage notices of a period,
/// say) when the group is evaluated again (docs/architecture.md#the-data-path: an unapproved draft
/// is superseded, a sent notice gets a correction, never a silent change). Pure: the store carries
/// the plan out.
///
/// Reconciliation is per subject. A subject whose facts are unchanged in a notice already issued
/// (or rejected by the office) is settled. A subject new to the group gets a supplementary notice;
/// an issued notice whose subjects' facts changed, or that is no longer warranted, gets a
/// correction; a draft that no longer says what is needed is superseded.
public enum NoticeReconciler {
  /// A notice of the group as stored.
  public struct Existing: Sendable, Hashable {
    public var id: Int64
    public var key: NoticeKey
    public var state: NoticeRecord.State
    public var corrects: Int64?
    /// Subject notation → the hash of its facts.
    public var facts: [String: String]
    /// Whether the notice is a 约谈通知书: only one can state a talk (a reminder, issued by the
    /// dispatch office, cannot be corrected into a summons, which the government's office issues).
    public var isTalk: Bool

    public init(
      id: Int64, key: NoticeKey, state: NoticeRecord.State, corrects: Int64?, facts: [String: String],
      isTalk: Bool = false
    ) {
      self.id = id
      self.key = key
      self.state = state
      self.corrects = corrects
      self.facts = facts
      self.isTalk = isTalk
    }

    var isIssued: Bool { [.approved, .sent, .acknowledged, .closed].contains(state) }
  }

  public enum Action: Sendable, Hashable {
    /// Draft a notice with these subjects under this key (correcting a notice, if given).
    case draft(key: NoticeKey, subjects: [String], corrects: Int64?)
    case supersede(Int64)
  }

  /// The plan for a group: `desired` maps each subject the group should state now to its facts;
  /// `talks` are the subjects among them that now enter a talk stage, which an issued reminder
  /// cannot state: its correction leaves them out and they go into a notice of their own.
  public static func plan(
    group: NoticeKey, desired: [String: String], talks: Set<String> = [], existing: [Existing]
  ) -> [Action] {
    var actions: [Action] = []
    var settled = Set<String>()
    // An issued notice stands as corrected by the latest issued correction of it, if any.
    let correctedByIssued = Set(existing.filter { $0.isIssued }.compactMap(\.corrects))
    var correctionDraftsWanted = Set<Int64>()
    for notice in existing where notice.isIssued && !correctedByIssued.contains(notice.id) {
      let unchanged = notice.facts.allSatisfy { desired[$0.key] == $0.value }
      if unchanged {
        settled.formUnion(notice.facts.keys)
        continue
      }
      // The subjects it named, as they are now (none left: a withdrawal).
      let remaining = notice.facts.keys.filter { desired[$0] != nil && (notice.isTalk || !talks.contains($0)) }.sorted()
      settled.formUnion(remaining)
      let wanted: [String: String] = Dictionary(uniqueKeysWithValues: remaining.map { ($0, desired[$0]!) })
      if let draft = existing.first(where: { $0.state == .draft && $0.corrects == notice.id }), draft.facts == wanted {
        correctionDraftsWanted.insert(draft.id)
        continue
      }
      actions.append(.draft(key: notice.key, subjects: remaining, corrects: notice.id))
    }
    for notice in existing where notice.state == .rejected {
      for (subject, facts) in notice.facts where desired[subject] == facts { settled.insert(subject) }
    }
    let rest = desired.keys.filter { !settled.contains($0) }.sorted()
    let restFacts = Dictionary(uniqueKeysWithValues: rest.map { ($0, desired[$0]!) })
    var keptDraft: Int64?
    for draft in existing where draft.state == .draft && draft.corrects == nil {
      if keptDraft == nil && !rest.isEmpty && draft.facts == restFacts {
        keptDraft = draft.id
      } else {
        actions.append(.supersede(draft.id))
      }
    }
    for draft in existing
    where draft.state == .draft && draft.corrects != nil && !correctionDraftsWanted.contains(draft.id) {
      actions.append(.supersede(draft.id))
    }
    if !rest.isEmpty && keptDraft == nil {
      // The group's first notice takes the group's key; a supplement, the next free suffix.
      let used = Set(existing.map(\.key))
      var key = group
      var suffix = 2
      while used.contains(key) {
        key = group.supplement(suffix)
        suffix += 1
      }
      actions.append(.draft(key: key, subjects: rest, corrects: nil))
    }
    return actions
  }
}

extension NoticeSubject {
  /// Measures that change with the day of the evaluation, not with the figures: a notice is not
  /// revised because a later day counts one more day late. (A project's months and days are
  /// counted to its period's end, so they change only with its data.)
  static let dayDependentMeasures: Set<String> = [FeedMeasure.daysLate.rawValue]

  /// What a notice states about this subject, hashed: a revision of any of it is a new fact.
  public var factsHash: String {
    var out = JSONBytes()
    out.string(subject.notation)
    out.string(stage?.rawValue ?? "-")
    out.string(level?.name ?? "-")
    for rule in rules.sorted() { out.string(rule) }
    for entry in values.entries where !Self.dayDependentMeasures.contains(entry.name) {
      out.string(entry.name)
      out.string(entry.value.description)
    }
    return ContentHash.hex(out.text)
  }
}
