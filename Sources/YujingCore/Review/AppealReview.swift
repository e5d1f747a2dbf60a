/// 申诉: an addressee disputes subjects of a notice it received (a figure since revised, an
/// exemption that applies), and the office grants or denies it (docs/review.md). Pure: the rules of
/// filing and deciding; the store keeps the appeal and, for a grant, sets the subjects' findings of
/// that period aside.
///
///     pending ──grant──▶ granted   (the subjects set aside for the notice's period; re-evaluated)
///        └─────deny───▶ denied
public enum AppealReview {
  public enum State: String, Sendable, Hashable, CaseIterable {
    case pending, granted, denied

    public var chinese: String {
      switch self {
      case .pending: "待处理"
      case .granted: "申诉成立"
      case .denied: "申诉不成立"
      }
    }
  }

  public enum Decision: Sendable, Hashable {
    case grant(reason: String)
    case deny(reason: String)

    public var reason: String {
      switch self {
      case .grant(let reason), .deny(let reason): reason
      }
    }
  }

  public enum Refusal: Error, Sendable, Hashable {
    case noSuchAppeal
    case notIssued
    case kindNotAppealable(NoticeKind)
    case tooLate(lastDay: Day)
    case notASubjectOfTheNotice(String)
    case noSubject
    case notAppealable(String)
    case alreadyAppealed(String)
    case emptyReason
    case alreadyDecided(State)
  }

  /// Whether `notice` may be appealed on `day` for `subjects`: an issued notice of an appealable
  /// kind, within
  /// `workingDays` working days of its 成文日期, for subjects it names and that no pending or
  /// granted appeal already covers.
  public static func file(
    notice: NoticeRecord, subjects: [Subject], reason: String, on day: Day, calendar: WorkingCalendar,
    workingDays: Int, alreadyAppealed: Set<Subject>
  ) -> Result<[Subject], Refusal> {
    guard notice.number != nil, let issued = notice.documentDate,
      [.approved, .sent, .acknowledged].contains(notice.state)
    else { return .failure(.notIssued) }
    guard notice.kind.isAppealable else { return .failure(.kindNotAppealable(notice.kind)) }
    let lastDay = calendar.adding(workingDays: workingDays, to: issued)
    guard day <= lastDay else { return .failure(.tooLate(lastDay: lastDay)) }
    guard !subjects.isEmpty else { return .failure(.noSubject) }
    guard !reason.trimmingSpaces.isEmpty else { return .failure(.emptyReason) }
    let named = Set(notice.subjects.map(\.subject))
    var unique: [Subject] = []
    for subject in subjects where !unique.contains(subject) {
      guard named.contains(subject) else { return .failure(.notASubjectOfTheNotice(subject.notation)) }
      if case .feed = subject { return .failure(.notAppealable(subject.notation)) }
      guard !alreadyAppealed.contains(subject) else { return .failure(.alreadyAppealed(subject.notation)) }
      unique.append(subject)
    }
    return .success(unique)
  }

  public static func decide(_ decision: Decision, state: State) -> Result<State, Refusal> {
    guard state == .pending else { return .failure(.alreadyDecided(state)) }
    guard !decision.reason.trimmingSpaces.isEmpty else { return .failure(.emptyReason) }
    switch decision {
    case .grant: return .success(.granted)
    case .deny: return .success(.denied)
    }
  }

  /// The exemption that sets a granted subject's finding aside: that subject, the notice's period only.
  public static func exemption(for subject: Subject, period: Period, reason: String, by actor: String) -> Exemption? {
    let first = Day(year: period.year, month: period.month, day: 1)!
    let last = Day.lastDay(of: period)
    switch subject {
    case .indicator(let indicator, let region):
      return Exemption(
        region: region, indicator: indicator, project: nil, reason: reason, createdBy: actor, from: first, until: last)
    case .project(let code):
      return Exemption(
        region: nil, indicator: nil, project: code, reason: reason, createdBy: actor, from: first, until: last)
    case .feed:
      return nil
    }
  }
}

extension AppealReview.Refusal: CustomStringConvertible {
  public var description: String {
    switch self {
    case .noSuchAppeal: "there is no such appeal"
    case .notIssued: "only an issued notice can be appealed"
    case .kindNotAppealable(let kind): "a \(kind.rawValue) notice finds nothing to appeal"
    case .tooLate(let lastDay): "the time to appeal this notice ended on \(lastDay)"
    case .notASubjectOfTheNotice(let subject): "\(subject) is not a subject of this notice"
    case .noSubject: "name the subject(s) appealed (--subject)"
    case .notAppealable(let subject): "\(subject) is about late data, which cannot be appealed"
    case .alreadyAppealed(let subject): "\(subject) is already appealed for this notice"
    case .emptyReason: "give the reason (--reason TEXT)"
    case .alreadyDecided(let state): "the appeal is already \(state.rawValue)"
    }
  }
}
