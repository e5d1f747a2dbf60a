import Foundation

/// What a notice's 发文稿纸 (发文处理笺) states, as plain facts: 文号, 标题, 主送, 抄送, and each of
/// 拟稿, 核稿 and 签发 with the name, the date and the opinion. A renderer lays it out; this only
/// gathers it from the notice and the steps that stand.
public struct NoticeProcessing: Sendable, Hashable {
  public struct Signature: Sendable, Hashable {
    /// As the form shows the person: the account, or for a signer the leader's post and name.
    public var name: String
    /// The account that took the step (for a signer, who may act for the leader).
    public var account: String
    public var date: Day
    public var opinion: String?
  }

  public var number: String?
  public var title: String
  public var addressee: String
  public var copies: [String]
  /// 拟稿: the office that drafted it, on the day it was drafted.
  public var drafted: Signature
  public var checked: Signature?
  public var signed: Signature?

  /// The form's facts from a notice and its steps: a step sent back no longer stands, so only the
  /// passes left after the returns are shown (the step records keep all of them).
  public static func make(
    _ notice: NoticeRecord, steps: [StepRecord], draftedBy office: String, leaders: Configuration.Leaders,
    timeZone: TimeZone
  ) -> NoticeProcessing {
    var standing: [StepRecord] = []
    for record in steps {
      switch record.decision {
      case .passed: standing.append(record)
      case .returned: if !standing.isEmpty { standing.removeLast() }
      }
    }
    func signature(_ step: ApprovalStep) -> Signature? {
      guard let record = standing.last(where: { $0.step == step }) else { return nil }
      let name = record.leader.flatMap(leaders.postAndName) ?? record.leader ?? record.account
      return Signature(
        name: name, account: record.account, date: Day.today({ record.at }, in: timeZone), opinion: record.opinion)
    }
    return NoticeProcessing(
      number: notice.number, title: notice.title, addressee: notice.addressee, copies: notice.copies,
      drafted: Signature(
        name: office, account: "yujing", date: Day.today({ notice.createdAt }, in: timeZone), opinion: nil),
      checked: signature(.check), signed: signature(.sign))
  }
}
