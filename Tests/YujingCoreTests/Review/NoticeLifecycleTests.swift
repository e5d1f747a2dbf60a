import Foundation
import Testing

@testable import YujingCore

/// The review lifecycle (docs/architecture.md#the-review-lifecycle) as tables: a notice and an
/// action in, the notice after or the refusal out. Pure: no store, no clock.
@Suite struct NoticeLifecycleTests {
  static func notice(
    _ kind: NoticeKind = .reminder, state: NoticeRecord.State = .draft, corrects: Int64? = nil,
    holder: String? = "市政府副市长李××同志", body: String = "正文", reportDue: Day? = nil
  ) -> NoticeRecord {
    NoticeRecord(
      id: 7, kind: kind, key: "k", number: nil, addressee: "丰城市人民政府", copies: [], period: Period("2020-08")!,
      state: state, corrects: corrects, subjects: [], subjectFacts: [:], factsHash: "", title: "标题", body: body,
      holder: holder, createdAt: Date(timeIntervalSince1970: 0), documentDate: nil, reportDue: reportDue, talkAt: nil,
      place: nil)
  }

  static func approval(
    _ date: String = "2020-09-14", talkAt: String? = nil, place: String? = nil, last: Int = 0,
    talks: [TalkClash.Talk] = []
  ) -> NoticeLifecycle.Approval {
    NoticeLifecycle.Approval(
      documentDate: Day(date)!, talkAt: talkAt, place: place, prefixes: [.reminder: "宜经调提醒"],
      calendar: WorkingCalendar(), reportWorkingDays: 5, lastNumber: last, talksAtThatTime: talks)
  }

  static func refusal<T>(_ body: () throws(NoticeRefusal) -> T) -> NoticeRefusal? {
    do {
      _ = try body()
      return nil
    } catch { return error }
  }

  static let notDrafts: [NoticeRecord.State] = [.approved, .sent, .acknowledged, .closed, .rejected, .superseded]

  // MARK: Approval

  @Test(arguments: notDrafts)
  func onlyADraftIsApproved(state: NoticeRecord.State) {
    #expect(
      Self.refusal { () throws(NoticeRefusal) in
        try NoticeLifecycle.approve(Self.notice(state: state), Self.approval(), actor: "rev")
      } == .notADraft(state, action: .approve))
  }

  @Test func approvalDrawsTheNextNumberOfThePrefixAndTheYearOfTheDocumentDate() throws {
    let change = try NoticeLifecycle.approve(Self.notice(), Self.approval("2021-01-04", last: 41), actor: "rev")
    #expect(change.after.number == "宜经调提醒〔2021〕42号")
    #expect(change.numbered?.series == NoticeLifecycle.NumberSeries(prefix: "宜经调提醒", year: 2021))
    #expect(change.numbered?.last == 42)
    #expect(change.after.state == .approved && change.after.documentDate == Day("2021-01-04"))
    #expect(change.enqueuesDeliveries)
    #expect(change.audit == .init(action: .approve, detail: "宜经调提醒〔2021〕42号"))
    #expect(change.event.note == "宜经调提醒〔2021〕42号, 成文日期 2021-01-04")
  }

  @Test func aKindWithoutAConfiguredPrefixIsNumberedUnderItsName() throws {
    let change = try NoticeLifecycle.approve(Self.notice(.lift), Self.approval(), actor: "rev")
    #expect(change.after.number == "lift〔2020〕1号")
  }

  @Test(
    arguments: [(nil, nil), ("2020-09-21 09:30", nil), (nil, "市政府第一会议室"), ("", "市政府第一会议室")] as [(String?, String?)])
  func aTalkIsApprovedOnlyWithItsTimeAndPlace(talkAt: String?, place: String?) {
    #expect(
      Self.refusal { () throws(NoticeRefusal) in
        try NoticeLifecycle.approve(Self.notice(.talk), Self.approval(talkAt: talkAt, place: place), actor: "rev")
      } == .talkNeedsTimeAndPlace)
  }

  @Test func aCorrectionOfATalkSetsNoTalkAndAsksForNoReport() throws {
    let change = try NoticeLifecycle.approve(Self.notice(.talk, corrects: 3), Self.approval(), actor: "rev")
    #expect(change.after.talkAt == nil && change.after.reportDue == nil)
  }

  @Test func aTalkCannotComeBeforeItsDocumentDate() {
    #expect(
      Self.refusal { () throws(NoticeRefusal) in
        try NoticeLifecycle.approve(
          Self.notice(.talk), Self.approval(talkAt: "2020-09-11 09:30", place: "市政府第一会议室"), actor: "rev")
      } == .talkBeforeDocumentDate(talk: Day("2020-09-11")!, documentDate: Day("2020-09-14")!))
  }

  @Test(arguments: [
    // Another leader's talk in the same room: the room is taken.
    ("市政府第一会议室", "市政府常务副市长王××同志", "市政府第一会议室"),
    // The same leader in another room: the leader is taken.
    ("市政府第二会议室", "市政府副市长李××同志", "市政府副市长李××同志"),
  ])
  func aTalkThatClashesIsRefused(otherPlace: String, otherHolder: String, taken: String) {
    let other = TalkClash.Talk(number: "宜府办约谈〔2020〕1号", place: otherPlace, holder: otherHolder)
    let approval = Self.approval(talkAt: "2020-09-21 09:30", place: "市政府第一会议室", talks: [other])
    #expect(
      Self.refusal { () throws(NoticeRefusal) in
        try NoticeLifecycle.approve(Self.notice(.talk), approval, actor: "rev")
      } == .talkClash(talkAt: "2020-09-21 09:30", taken: taken, other: other))
  }

  @Test func theSameLeaderInTheSameRoomAtTheSameTimeHoldsAJointTalk() throws {
    let other = TalkClash.Talk(number: "宜府办约谈〔2020〕1号", place: "市政府第一会议室", holder: "市政府副市长李××同志")
    let approval = Self.approval(talkAt: "2020-09-21 09:30", place: "市政府第一会议室", talks: [other])
    #expect(try NoticeLifecycle.approve(Self.notice(.talk), approval, actor: "rev").after.state == .approved)
  }

  @Test(
    arguments: [
      // A reminder's report is due five working days after its 成文日期 (a Monday: the next Monday).
      (NoticeKind.reminder, nil, "2020-09-21"),
      // A talk's five working days after the talk (Monday 21st: Monday 28th).
      (.talk, nil, "2020-09-28"),
      (.precoordination, nil, "2020-09-21"),
      (.lift, nil, nil),
      (.dataOverdue, nil, nil),
      (.reminder, 3, nil),
    ] as [(NoticeKind, Int64?, String?)])
  func theReportIsDueForTheKindsThatAskForOne(kind: NoticeKind, corrects: Int64?, due: String?) throws {
    let talk = kind == .talk
    let change = try NoticeLifecycle.approve(
      Self.notice(kind, corrects: corrects),
      Self.approval(talkAt: talk ? "2020-09-21 09:30" : nil, place: talk ? "市政府第一会议室" : nil), actor: "rev")
    #expect(change.after.reportDue == due.flatMap { Day($0) })
  }

  @Test func theFixedTimePlaceAndDeadlineReplaceTheDraftsPlaceholders() throws {
    let body =
      "定于\(DraftText.talkTimePlaceholder)在\(DraftText.talkPlacePlaceholder)约谈，\(DraftText.reportDuePlaceholder)前报送。"
    let change = try NoticeLifecycle.approve(
      Self.notice(.talk, body: body), Self.approval(talkAt: "2020-09-21 09:30", place: "市政府第一会议室"), actor: "rev")
    #expect(change.after.body == "定于2020年9月21日9时30分在市政府第一会议室约谈，2020年9月28日前报送。")
  }

  // MARK: The other actions

  @Test(arguments: notDrafts)
  func onlyADraftIsRejectedOrEdited(state: NoticeRecord.State) {
    let notice = Self.notice(state: state)
    #expect(
      Self.refusal { () throws(NoticeRefusal) in try NoticeLifecycle.reject(notice, reason: "数据有误", actor: "rev") }
        == .notADraft(state, action: .reject))
    #expect(
      Self.refusal { () throws(NoticeRefusal) in try NoticeLifecycle.edit(notice, title: "新", body: "新", actor: "rev") }
        == .notADraft(state, action: .edit))
  }

  @Test(arguments: ["", "  ", "\u{3000}"])
  func aRejectionNeedsAReason(reason: String) {
    #expect(
      Self.refusal { () throws(NoticeRefusal) in try NoticeLifecycle.reject(Self.notice(), reason: reason, actor: "rev")
      }
        == .emptyReason)
  }

  @Test func aRejectionKeepsItsReasonInTheHistoryAndTheAudit() throws {
    let change = try NoticeLifecycle.reject(Self.notice(), reason: "数据有误", actor: "rev")
    #expect(change.after.state == .rejected && change.event.note == "数据有误")
    #expect(change.audit == .init(action: .reject, detail: "数据有误") && !change.enqueuesDeliveries)
    #expect(change.numbered == nil)
  }

  @Test(arguments: [("", "正文"), ("标题", "\n "), (" ", "")])
  func anEditKeepsATitleAndABody(title: String, body: String) {
    #expect(
      Self.refusal { () throws(NoticeRefusal) in
        try NoticeLifecycle.edit(Self.notice(), title: title, body: body, actor: "rev")
      } == .emptyTitleOrBody)
  }

  @Test func anEditThatChangesNothingRecordsNothing() throws {
    #expect(try NoticeLifecycle.edit(Self.notice(), title: "标题", body: "正文", actor: "rev") == nil)
    let change = try #require(try NoticeLifecycle.edit(Self.notice(), title: "标题", body: "新正文", actor: "rev"))
    #expect(change.after.body == "新正文" && change.after.state == .draft)
    #expect(change.event.note == "text edited; before: 标题\n正文")
  }

  @Test(arguments: NoticeRecord.State.allCases)
  func onlyAnApprovedNoticeIsMarkedSent(state: NoticeRecord.State) {
    let refusal = Self.refusal { () throws(NoticeRefusal) in
      try NoticeLifecycle.markSent(Self.notice(state: state), actor: "rev")
    }
    #expect(refusal == (state == .approved ? nil : .notApproved(state)))
  }

  @Test(arguments: NoticeRecord.State.allCases)
  func onlyAnApprovedOrSentNoticeIsAcknowledged(state: NoticeRecord.State) {
    let refusal = Self.refusal { () throws(NoticeRefusal) in
      try NoticeLifecycle.acknowledge(Self.notice(state: state), actor: "县")
    }
    #expect(refusal == ([.approved, .sent].contains(state) ? nil : .notSent(state)))
  }

  @Test(arguments: NoticeRecord.State.allCases)
  func aReportAnswersANoticeThatHasLeftTheOffice(state: NoticeRecord.State) {
    let refusal = Self.refusal { () throws(NoticeRefusal) in
      try NoticeLifecycle.report(Self.notice(state: state), day: Day("2020-09-14")!)
    }
    #expect(refusal == ([.approved, .sent, .acknowledged].contains(state) ? nil : .notAnswerable(state)))
  }

  @Test(arguments: [("2020-09-20", true), ("2020-09-21", true), ("2020-09-22", false)])
  func aReportIsOnTimeUpToItsDeadline(day: String, onTime: Bool) throws {
    let notice = Self.notice(state: .sent, reportDue: Day("2020-09-21"))
    #expect(try NoticeLifecycle.report(notice, day: Day(day)!).onTime == onTime)
  }

  @Test func everyRefusalHasItsOwnCode() {
    let refusals: [NoticeRefusal] = [
      .noSuchNotice, .notADraft(.sent, action: .approve), .notApproved(.draft), .notSent(.draft),
      .notAnswerable(.draft), .talkNeedsTimeAndPlace,
      .talkBeforeDocumentDate(talk: Day("2020-01-01")!, documentDate: Day("2020-01-02")!),
      .talkClash(talkAt: "", taken: "", other: TalkClash.Talk(number: "", place: "", holder: nil)), .emptyReason,
      .emptyTitleOrBody, .emptyReport, .alreadyIssued(number: "", notice: 1),
    ]
    #expect(Set(refusals.map(\.code)).count == refusals.count)
  }
}
