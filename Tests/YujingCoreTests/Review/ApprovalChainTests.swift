import Foundation
import Testing

@testable import YujingCore

/// The 签发 chain (docs/review.md#签发流程) as tables: the steps a draft took and who asks, in; the
/// step taken, the issue, or the refusal, out. Pure: no store, no clock.
@Suite struct ApprovalChainTests {
  typealias Lifecycle = NoticeLifecycle
  static let checkAndSign: [ApprovalStep] = [.check, .sign]
  static let epoch = Date(timeIntervalSince1970: 1_600_000_000)

  static func account(_ name: String, _ role: Role, leader: String? = nil) -> Account {
    Account(
      id: 1, name: name, role: role, addressee: role == .department ? "丰城市人民政府" : nil, leader: leader,
      createdAt: epoch)
  }

  static let reviewer = account("wang", .reviewer)
  static let otherReviewer = account("zhou", .reviewer)
  static let signer = account("lead", .signer, leader: "李××")

  static func record(_ step: ApprovalStep, _ decision: StepRecord.Decision, by account: Account = reviewer)
    -> StepRecord
  {
    StepRecord(
      step: step, decision: decision, account: account.name, role: account.role, leader: account.leader, at: epoch,
      opinion: nil)
  }

  static func pass(
    _ notice: NoticeRecord = NoticeLifecycleTests.notice(.summary), chain: [ApprovalStep] = checkAndSign,
    records: [StepRecord] = [], by account: Account, opinion: String? = nil,
    _ approval: NoticeLifecycle.Approval = NoticeLifecycleTests.approval()
  ) throws(NoticeRefusal) -> NoticeChange {
    try Lifecycle.pass(notice, chain: chain, records: records, by: account, opinion: opinion, approval)
  }

  static func refusal(_ body: () throws(NoticeRefusal) -> NoticeChange) -> NoticeRefusal? {
    NoticeLifecycleTests.refusal(body)
  }

  @Test(arguments: [
    ("", 0), ("P", 1), ("P R", 0), ("P R P", 1), ("R", 0),
  ])
  func theStepADraftWaitsForIsItsPassesLessItsReturns(steps: String, pending: Int) {
    let records = steps.split(separator: " ").map { Self.record(.check, $0 == "P" ? .passed : .returned) }
    #expect(Lifecycle.pendingStep(chain: Self.checkAndSign, records: records) == pending)
  }

  @Test(arguments: [
    // The check is a reviewer's; a signer, an admin, a department take none of it.
    ("", Role.signer, ApprovalStep.check), ("", .admin, .check), ("", .department, .check),
    // The signature is a signer's.
    ("P", .reviewer, .sign), ("P", .admin, .sign),
  ])
  func eachStepIsTakenByItsRole(steps: String, role: Role, pending: ApprovalStep) {
    let records = steps.isEmpty ? [] : [Self.record(.check, .passed)]
    let account = Self.account("someone", role, leader: role == .signer ? "李××" : nil)
    #expect(
      Self.refusal { () throws(NoticeRefusal) in try Self.pass(records: records, by: account) }
        == .wrongRole(step: pending, role: role))
  }

  @Test func noAccountTakesTwoStepsOfOneNotice() {
    // wang checked it; the same account, a signer now, may not sign it.
    let records = [Self.record(.check, .passed, by: Self.reviewer)]
    let wangSigning = Self.account("WANG", .signer, leader: "李××")
    #expect(
      Self.refusal { () throws(NoticeRefusal) in try Self.pass(records: records, by: wangSigning) }
        == .tookAnotherStep(.check))
  }

  @Test func aStepBeforeTheLastIsRecordedAndIssuesNothing() throws {
    let change = try Self.pass(by: Self.reviewer, opinion: "数据已核")
    #expect(change.after.state == .draft && change.after.number == nil && change.after.documentDate == nil)
    #expect(change.numbered == nil && !change.enqueuesDeliveries)
    #expect(change.step == .init(step: .check, decision: .passed, account: Self.reviewer, opinion: "数据已核"))
    #expect(change.audit == .init(action: .check, detail: "数据已核"))
    #expect(change.event.note == "核稿：数据已核")
  }

  @Test func theLastStepIssuesTheNoticeWithItsNumberAndDate() throws {
    let change = try Self.pass(records: [Self.record(.check, .passed)], by: Self.signer, opinion: "同意")
    #expect(change.after.state == .approved && change.after.number == "summary〔2020〕1号")
    #expect(change.after.documentDate == Day("2020-09-14") && change.enqueuesDeliveries)
    #expect(change.step == .init(step: .sign, decision: .passed, account: Self.signer, opinion: "同意"))
  }

  @Test func aChainOfTheCheckAloneIssuesAtTheCheck() throws {
    let change = try Self.pass(NoticeLifecycleTests.notice(), chain: [.check], by: Self.reviewer)
    #expect(change.after.state == .approved && change.numbered?.last == 1)
    #expect(change.step?.step == .check)
  }

  @Test(arguments: ["", "  \n"])
  func aBlankOpinionIsNone(opinion: String) throws {
    #expect(try Self.pass(by: Self.reviewer, opinion: opinion).step?.opinion == nil)
  }

  @Test func aTalkIsCheckedWithItsTimeAndPlaceWhichTheSignatureKeeps() throws {
    let body = "定于\(DraftText.talkTimePlaceholder)在\(DraftText.talkPlacePlaceholder)约谈。"
    let talk = NoticeLifecycleTests.notice(.talk, body: body)
    #expect(
      Self.refusal { () throws(NoticeRefusal) in try Self.pass(talk, by: Self.reviewer) } == .talkNeedsTimeAndPlace)
    let checked = try Self.pass(
      talk, by: Self.reviewer, NoticeLifecycleTests.approval(talkAt: "2020-09-21 09:30", place: "市政府第一会议室"))
    #expect(checked.after.talkAt == "2020-09-21 09:30" && checked.after.place == "市政府第一会议室")
    let signed = try Self.pass(checked.after, records: [Self.record(.check, .passed)], by: Self.signer)
    #expect(signed.after.body == "定于2020年9月21日9时30分在市政府第一会议室约谈。")
  }

  @Test func theSignerSendsTheDraftBackToTheCheckWithAReason() throws {
    let records = [Self.record(.check, .passed)]
    let notice = NoticeLifecycleTests.notice(.summary)
    let change = try Lifecycle.sendBack(
      notice, chain: Self.checkAndSign, records: records, by: Self.signer, reason: "数据需复核")
    #expect(change.after.state == .draft && change.numbered == nil)
    #expect(change.step == .init(step: .sign, decision: .returned, account: Self.signer, opinion: "数据需复核"))
    #expect(change.event.note == "签发退回核稿：数据需复核" && change.audit.action == .sendBack)
    let back = records + [Self.record(.sign, .returned, by: Self.signer)]
    #expect(Lifecycle.pendingStep(chain: Self.checkAndSign, records: back) == 0)
    // Checked again by another reviewer, then signed.
    let again = back + [Self.record(.check, .passed, by: Self.otherReviewer)]
    #expect(try Self.pass(records: again, by: Self.signer).after.state == .approved)
  }

  @Test func sendingBackNeedsAStepBeforeAReasonAndTheRoleOfTheStep() {
    let notice = NoticeLifecycleTests.notice(.summary)
    func sendBack(_ records: [StepRecord], by account: Account, reason: String = "理由") -> NoticeRefusal? {
      Self.refusal { () throws(NoticeRefusal) in
        try Lifecycle.sendBack(notice, chain: Self.checkAndSign, records: records, by: account, reason: reason)
      }
    }
    #expect(sendBack([], by: Self.reviewer) == .nothingToReturnTo)
    let checked = [Self.record(.check, .passed)]
    #expect(sendBack(checked, by: Self.signer, reason: " ") == .emptyReason)
    #expect(sendBack(checked, by: Self.otherReviewer) == .wrongRole(step: .sign, role: .reviewer))
    let issued = NoticeLifecycleTests.notice(.summary, state: .approved)
    #expect(
      Self.refusal { () throws(NoticeRefusal) in
        try Lifecycle.sendBack(issued, chain: Self.checkAndSign, records: checked, by: Self.signer, reason: "x")
      } == .notADraft(.approved, action: .sendBack))
  }

  // MARK: The 发文稿纸's facts

  @Test func theProcessingFormShowsTheStepsThatStandWithNamesDatesAndOpinions() throws {
    let leaders = Configuration.Leaders(
      mayor: "市长", mayorName: "赵××",
      deputies: [Configuration.Deputy(title: "分管工业的副市长", name: "李××", indicators: [], departments: [])])
    var first = Self.record(.check, .passed)
    first.opinion = "初核"
    var returned = Self.record(.sign, .returned, by: Self.signer)
    returned.opinion = "数据需复核"
    var second = Self.record(.check, .passed, by: Self.otherReviewer)
    second.opinion = "已复核"
    var signed = Self.record(.sign, .passed, by: Self.signer)
    signed.opinion = "同意"
    signed.at = Self.epoch.addingTimeInterval(3 * 86_400)
    var notice = NoticeLifecycleTests.notice(.talk, state: .approved)
    notice.number = "宜府办约谈〔2020〕1号"
    notice.copies = ["市工信局"]
    let timeZone = TimeZone(identifier: "Asia/Shanghai")!
    let form = NoticeProcessing.make(
      notice, steps: [first, returned, second, signed], draftedBy: "宜春市经济运行调度办公室", leaders: leaders,
      timeZone: timeZone)
    #expect(form.number == "宜府办约谈〔2020〕1号" && form.title == "标题" && form.copies == ["市工信局"])
    #expect(form.addressee == "丰城市人民政府" && form.drafted.name == "宜春市经济运行调度办公室")
    // The check that was sent back no longer stands: the second one does.
    #expect(form.checked?.account == "zhou" && form.checked?.opinion == "已复核")
    #expect(form.signed?.name == "副市长 李××" && form.signed?.account == "lead" && form.signed?.opinion == "同意")
    #expect(form.signed?.date == Day("2020-09-16"))
  }
}
