import Foundation
import Testing

@testable import YujingCore

/// The 整改 deadlines as the ladder keeps them, replayed day by day with the 2020 calendar: a
/// reminder's report is due on the fifth working day after its 成文日期, a talk's on the fifth
/// working day after the talk; the body and the notes state the same date; a case climbs one
/// stage per deadline that passes, and only an issued notice starts one.
@Suite struct DeadlineTests {
  func document(_ notice: NoticeRecord, _ harness: EscalationHarness) -> OfficialDocument {
    NoticeDocument.make(notice, configuration: harness.workspace.configuration)
  }

  @Test func aReminderIsAnsweredByTheFifthWorkingDayAfterItsDateAndItsBodyAndNotesSaySo() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let draft = try #require(try harness.live().first)
    #expect(draft.body.contains("于\(DraftText.reportDuePlaceholder)前将书面原因分析和整改措施报送"), "\(draft.body)")
    // 2020-09-14 is a Monday: 15, 16, 17, 18, 21.
    let reminder = try harness.approve(draft.id, on: "2020-09-14")
    #expect(reminder.reportDue == Day("2020-09-21"))
    #expect(reminder.body.contains("于2020年9月21日前将书面原因分析和整改措施报送"), "\(reminder.body)")
    #expect(document(reminder, harness).note?.contains("整改报告请于2020年9月21日前报送") == true)
  }

  @Test func aTalksReportIsDueFiveWorkingDaysAfterTheTalkNotAfterItsDate() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "-1.0"])
    try harness.evaluate("2020-08")
    let draft = try #require(try harness.live().first { $0.kind == .talk })
    // A draft does not know its deadline yet, and says how it will be counted.
    #expect(document(draft, harness).note?.contains("整改报告报送期限自约谈之日起按工作日计算") == true)
    // The talk on Monday 2020-09-21; five working days after it: 22, 23, 24, 25 and Sunday the
    // 27th, a make-up working day before the National Day holiday.
    let talk = try harness.approve(draft.id, on: "2020-09-14", talkAt: "2020-09-21 09:30", place: "市政府第一会议室")
    #expect(talk.reportDue == Day("2020-09-27"))
    #expect(talk.body.contains("约谈后于2020年9月27日前将书面整改报告报送"), "\(talk.body)")
    #expect(document(talk, harness).note?.contains("整改报告请于2020年9月27日前报送") == true)
    // Neither the talk's day nor the days after it escalate; the day after the deadline does.
    #expect(try harness.dailyChecks(from: "2020-09-15", through: "2020-09-27").isEmpty)
    #expect(
      try harness.dailyChecks(from: "2020-09-28", through: "2020-09-28") == ["2020-09-28 talk_deputy→talk_mayor"])
  }

  @Test func aTalkCannotBeSetBeforeTheNoticeThatAnnouncesIt() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "-1.0"])
    try harness.evaluate("2020-08")
    let draft = try #require(try harness.live().first { $0.kind == .talk })
    #expect(throws: NoticeRefusal.talkBeforeDocumentDate(talk: Day("2020-09-11")!, documentDate: Day("2020-09-14")!)) {
      try harness.approve(draft.id, on: "2020-09-14", talkAt: "2020-09-11 09:30", place: "市政府第一会议室")
    }
    #expect(try harness.store.notice(id: draft.id)?.state == .draft)
  }

  @Test func twoLeadersCannotHoldTalksInOneRoomAtOneTimeButOneLeaderMayHoldAJointTalk() throws {
    let harness = try EscalationHarness()
    // 丰城 and 樟树 red on industry (the same deputy mayor), 高安 red on retail (another one).
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
    let talks = try harness.live().filter { $0.kind == .talk }
    let fengcheng = try #require(talks.first { $0.addressee == "丰城市人民政府" })
    let zhangshu = try #require(talks.first { $0.addressee == "樟树市人民政府" })
    let gaoan = try #require(talks.first { $0.addressee == "高安市人民政府" })
    #expect(fengcheng.holder == zhangshu.holder && fengcheng.holder != gaoan.holder)
    _ = try harness.approve(fengcheng.id, on: "2020-09-14", talkAt: "2020-09-21 09:30", place: "市政府第一会议室")
    // The same leader in the same room at the same time: one joint talk.
    _ = try harness.approve(zhangshu.id, on: "2020-09-14", talkAt: "2020-09-21 09:30", place: "市政府第一会议室")
    // Another leader: not in that room at that time, but in another room.
    #expect(throws: NoticeRefusal.self) {
      try harness.approve(gaoan.id, on: "2020-09-14", talkAt: "2020-09-21 09:30", place: "市政府第一会议室")
    }
    #expect(try harness.store.notice(id: gaoan.id)?.state == .draft)
    _ = try harness.approve(gaoan.id, on: "2020-09-14", talkAt: "2020-09-21 09:30", place: "市政府第二会议室")
  }

  @Test func aCaseClimbsOneStagePerDeadlineAndOnlyAnIssuedNoticeStartsTheNext() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let reminder = try harness.approve(try #require(try harness.live().first).id, on: "2020-09-14")
    #expect(reminder.reportDue == Day("2020-09-21"))
    // No report: one climb the day after the deadline, and none more while the talk notice it
    // drafted waits for the office, however long.
    #expect(
      try harness.dailyChecks(from: "2020-09-15", through: "2020-10-31") == ["2020-09-22 reminder→talk_deputy"])
    let talkDraft = try #require(try harness.live().first { $0.kind == .talk && $0.state == .draft })
    // Issued with a talk on 2020-11-09: the next deadline is five working days after it.
    let talk = try harness.approve(
      talkDraft.id, on: "2020-11-02", talkAt: "2020-11-09 15:00", place: "市政府第一会议室")
    #expect(talk.reportDue == Day("2020-11-16"))
    #expect(try harness.dailyChecks(from: "2020-11-01", through: "2020-11-16").isEmpty)
    #expect(
      try harness.dailyChecks(from: "2020-11-17", through: "2020-11-30") == ["2020-11-17 talk_deputy→talk_mayor"])
  }

  @Test func anEscalationFoundOnADayOffIsDatedTheNextWorkingDay() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    // Approved Friday 2020-09-04: due Friday 2020-09-11; the day after is a Saturday.
    let reminder = try harness.approve(try #require(try harness.live().first).id, on: "2020-09-04")
    #expect(reminder.reportDue == Day("2020-09-11"))
    #expect(try harness.dailyChecks(from: "2020-09-12", through: "2020-09-12") == ["2020-09-12 reminder→talk_deputy"])
    let talk = try #require(try harness.live().first { $0.kind == .talk })
    #expect(talk.key.hasSuffix("|2020-09-14"), "\(talk.key)")
    let caseID = try #require(try harness.store.cases().first?.id)
    #expect(try harness.store.caseEvents(caseID: caseID).last?.day == Day("2020-09-14"))
    #expect(try harness.store.noticeHistory(id: talk.id).first?.note == "drafted by the daily check of 2020-09-14")
  }

  @Test func aCorrectionOrAWithdrawalAsksForNoReport() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-08": "7.0"])
    try harness.evaluate("2020-08")
    let reminder = try harness.approve(try #require(try harness.live().first).id, on: "2020-09-14")
    try harness.industry(["2020-08": "6.9"])
    try harness.evaluate("2020-08")
    let draft = try #require(try harness.live().first { $0.corrects == reminder.id })
    #expect(document(draft, harness).note?.contains("整改") != true)
    let correction = try harness.approve(draft.id, on: "2020-09-16")
    #expect(correction.kind == .reminder)
    #expect(correction.reportDue == nil)
    #expect(!correction.body.contains("整改"), "\(correction.body)")
    #expect(document(correction, harness).note?.contains("整改") != true)
  }
}
