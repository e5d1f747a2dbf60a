import Foundation
import Testing

@testable import YujingCore

/// The 签发 chain as the store applies it (docs/review.md#签发流程): each step kept with its
/// account, time and opinion; the number drawn at the last step only, in its transaction, with no
/// gap and no reuse when signers sign at once and after a restart; a refused signature leaves no
/// step and no number behind.
@Suite struct ApprovalStoreTests {
  static let reviewer = ApprovalChainTests.reviewer
  static let otherReviewer = ApprovalChainTests.otherReviewer
  static let signer = ApprovalChainTests.signer

  /// Three talk drafts, 丰城 and 樟树 with one deputy mayor, 高安 with another.
  static func talks() throws -> (EscalationHarness, [NoticeRecord]) {
    let harness = try EscalationHarness()
    try harness.ingest(
      """
      2020-08,360981,industry_va,,-1.0
      2020-08,360982,industry_va,,-2.0
      2020-08,360983,industry_va,,9.0
      2020-08,360983,retail,,-1.0
      2020-08,360981,retail,,11.0
      2020-08,360982,retail,,11.5

      """)
    try harness.evaluate("2020-08")
    return (harness, try harness.live().filter { $0.kind == .talk }.sorted { $0.id < $1.id })
  }

  static func step(
    _ harness: EscalationHarness, _ id: Int64, by account: Account, store: Store? = nil, talkAt: String? = nil,
    place: String? = nil, opinion: String? = nil
  ) throws -> NoticeRecord {
    try (store ?? harness.store).approveStep(
      id: id, by: account, chain: [.check, .sign], opinion: opinion, documentDate: Day("2020-09-14")!,
      talkAt: talkAt, place: place, at: fixedNow, prefixes: harness.workspace.configuration.numbering,
      calendar: harness.thresholds.calendar, reportWorkingDays: harness.thresholds.ladder.reportWorkingDays)
  }

  @Test func eachStepIsKeptAndOnlyTheLastDrawsTheNumber() throws {
    let (harness, talks) = try Self.talks()
    let talk = try #require(talks.first)
    let checked = try Self.step(
      harness, talk.id, by: Self.reviewer, talkAt: "2020-09-21 09:30", place: "市政府第一会议室", opinion: "已核")
    #expect(checked.state == .draft && checked.number == nil)
    #expect(try harness.store.deliveries(notice: talk.id).isEmpty)
    let signed = try Self.step(harness, talk.id, by: Self.signer, opinion: "同意")
    #expect(signed.state == .approved && signed.number == "宜府办约谈〔2020〕1号")
    #expect(signed.talkAt == "2020-09-21 09:30" && signed.place == "市政府第一会议室")
    let steps = try harness.store.steps(noticeID: talk.id)
    #expect(steps.map(\.step) == [.check, .sign] && steps.map(\.opinion) == ["已核", "同意"])
    #expect(steps.map(\.account) == ["wang", "lead"] && steps.map(\.role) == [.reviewer, .signer])
    #expect(steps.last?.leader == "李××" && steps.last?.at == fixedNow)
    let form = try #require(
      try harness.store.processing(noticeID: talk.id, configuration: harness.workspace.configuration))
    #expect(form.signed?.name == "副市长 李××" && form.checked?.opinion == "已核")
  }

  @Test func aRefusedSignatureLeavesNoStepAndNoNumber() throws {
    let (harness, talks) = try Self.talks()
    let (fengcheng, gaoan) = (talks[0], try #require(talks.first { $0.addressee == "高安市人民政府" }))
    for talk in [fengcheng, gaoan] {
      _ = try Self.step(harness, talk.id, by: Self.reviewer, talkAt: "2020-09-21 09:30", place: "市政府第一会议室")
    }
    _ = try Self.step(harness, fengcheng.id, by: Self.signer)
    // 高安's leader is another: the room is taken at that time.
    #expect(throws: NoticeRefusal.self) { try Self.step(harness, gaoan.id, by: Self.signer) }
    #expect(try harness.store.steps(noticeID: gaoan.id).map(\.step) == [.check])
    #expect(try harness.store.notice(id: gaoan.id)?.number == nil)
    // Sent back, moved to another room, signed: the next number, no gap.
    try harness.store.returnNotice(id: gaoan.id, by: Self.signer, chain: [.check, .sign], reason: "换会议室", at: fixedNow)
    _ = try Self.step(harness, gaoan.id, by: Self.otherReviewer, talkAt: "2020-09-21 09:30", place: "市政府第二会议室")
    #expect(try Self.step(harness, gaoan.id, by: Self.signer).number == "宜府办约谈〔2020〕2号")
  }

  @Test func signersSigningAtOnceAndAfterARestartDrawEveryNumberOnce() async throws {
    let (harness, talks) = try Self.talks()
    #expect(talks.count == 3)
    for (index, talk) in talks.enumerated() {
      _ = try Self.step(
        harness, talk.id, by: Self.reviewer, talkAt: "2020-09-2\(1 + index) 09:30", place: "市政府第一会议室")
    }
    // Two signers at once, each on a store of its own over the same file.
    let path = harness.store.path
    let prefixes = harness.workspace.configuration.numbering
    let calendar = harness.thresholds.calendar
    let days = harness.thresholds.ladder.reportWorkingDays
    let numbers = try await withThrowingTaskGroup(of: String?.self) { group in
      for id in talks.prefix(2).map(\.id) {
        group.addTask {
          try Store(path: path).approveStep(
            id: id, by: Self.signer, chain: [.check, .sign], opinion: nil, documentDate: Day("2020-09-14")!,
            talkAt: nil, place: nil, at: fixedNow, prefixes: prefixes, calendar: calendar, reportWorkingDays: days
          ).number
        }
      }
      return try await group.reduce(into: [String?]()) { $0.append($1) }
    }
    #expect(Set(numbers) == ["宜府办约谈〔2020〕1号", "宜府办约谈〔2020〕2号"])
    // Reopened, as after a restart: the series goes on.
    let reopened = try Store(path: path)
    #expect(try Self.step(harness, talks[2].id, by: Self.signer, store: reopened).number == "宜府办约谈〔2020〕3号")
  }
}
