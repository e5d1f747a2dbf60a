import Foundation

/// One step a notice took on its chain, as stored: who, in which role and for which leader, when,
/// passed or sent back, with the opinion (意见) or the reason.
public struct StepRecord: Sendable, Hashable {
  public enum Decision: String, Sendable, Hashable {
    /// 核稿 or 签发 given: the draft goes on to the next step, or is issued at the last.
    case passed
    /// 退回修改: the draft goes back to the step before.
    case returned
  }

  public var step: ApprovalStep
  public var decision: Decision
  public var account: String
  public var role: Role
  public var leader: String?
  public var at: Date
  public var opinion: String?

  public init(
    step: ApprovalStep, decision: Decision, account: String, role: Role, leader: String?, at: Date, opinion: String?
  ) {
    self.step = step
    self.decision = decision
    self.account = account
    self.role = role
    self.leader = leader
    self.at = at
    self.opinion = opinion
  }
}

/// The 签发 chain of a draft (docs/review.md#签发流程): each step is taken by an account of its
/// role (核稿 a reviewer, 签发 a signer), no account takes two steps of one notice, an admin takes
/// none; the last step issues the notice (`approve`: number, 成文日期, deadlines); a step may send
/// the draft back to the step before.
extension NoticeLifecycle {
  /// The step a draft waits for: its records replayed, a pass moving on and a return moving back.
  public static func pendingStep(chain: [ApprovalStep], records: [StepRecord]) -> Int {
    var position = 0
    for record in records {
      switch record.decision {
      case .passed: position += 1
      case .returned: position = max(0, position - 1)
      }
    }
    return min(position, max(0, chain.count - 1))
  }

  /// The step the account may take now, or why not.
  static func step(
    _ notice: NoticeRecord, chain: [ApprovalStep], records: [StepRecord], by account: Account, action: ReviewAction
  ) throws(NoticeRefusal) -> (index: Int, step: ApprovalStep) {
    guard notice.state == .draft else { throw .notADraft(notice.state, action: action) }
    let index = pendingStep(chain: chain, records: records)
    let step = chain.isEmpty ? ApprovalStep.check : chain[index]
    guard account.holds(step) else { throw .wrongRole(step: step, role: account.role) }
    if let other = records.first(where: { $0.account.lowercased() == account.name.lowercased() && $0.step != step }) {
      throw .tookAnotherStep(other.step)
    }
    return (index, step)
  }

  /// Takes the next step of a draft's chain as `account`. A step before the last records itself
  /// (and keeps a talk's time and place, which a talk needs at every step, for the last); the
  /// last issues the notice.
  public static func pass(
    _ notice: NoticeRecord, chain: [ApprovalStep], records: [StepRecord], by account: Account, opinion: String?,
    _ approval: Approval
  ) throws(NoticeRefusal) -> NoticeChange {
    let (index, step) = try self.step(notice, chain: chain, records: records, by: account, action: .approve)
    let opinion = opinion.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    let taken = NoticeChange.Step(step: step, decision: .passed, account: account, opinion: opinion)
    guard index == chain.count - 1 || chain.isEmpty else {
      var checked = notice
      if let talkAt = approval.talkAt, !talkAt.isEmpty { checked.talkAt = talkAt }
      if let place = approval.place, !place.isEmpty { checked.place = place }
      // The office arranges the talk: the leader signs a notice whose time and place are set.
      if setsTalk(notice) && (checked.talkAt == nil || checked.place == nil) { throw .talkNeedsTimeAndPlace }
      return NoticeChange(
        before: notice, after: checked,
        event: .init(note: "\(step.chineseName)\(opinion.map { "：\($0)" } ?? "")"),
        audit: .init(action: .check, detail: opinion), actor: account.name, step: taken)
    }
    // The last step: a talk's time and place given at an earlier step stand unless given again.
    var last = approval
    if last.talkAt?.isEmpty ?? true { last.talkAt = notice.talkAt }
    if last.place?.isEmpty ?? true { last.place = notice.place }
    var change = try approve(notice, last, actor: account.name)
    change.step = taken
    return change
  }

  /// Sends a draft back to the step before (退回修改), with the reason; taken by an account that
  /// holds the step the draft waits for.
  public static func sendBack(
    _ notice: NoticeRecord, chain: [ApprovalStep], records: [StepRecord], by account: Account, reason: String
  ) throws(NoticeRefusal) -> NoticeChange {
    let (index, step) = try self.step(notice, chain: chain, records: records, by: account, action: .sendBack)
    guard index > 0 else { throw .nothingToReturnTo }
    guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .emptyReason }
    return NoticeChange(
      before: notice, after: notice,
      event: .init(note: "\(step.chineseName)退回\(chain[index - 1].chineseName)：\(reason)"),
      audit: .init(action: .sendBack, detail: reason), actor: account.name,
      step: .init(step: step, decision: .returned, account: account, opinion: reason))
  }
}
