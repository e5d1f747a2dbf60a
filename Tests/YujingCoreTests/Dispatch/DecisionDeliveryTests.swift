import Foundation
import Testing

@testable import YujingCore

/// The office's decisions on an issued notice's appeal and 整改 report reach its addressee's
/// targets through the outbox, against the loopback receivers: the generic webhook as a signed
/// `appeal.*` / `report.*` event with the decision as it stood, the robots as a few lines; the
/// units the notice was copied to hear nothing of it, and the notice's own state is not touched.
@Suite(.serialized) struct DecisionDeliveryTests {
  typealias Setup = DispatchWorkerTests.Setup

  @Test(.needs(.standardwebhooks)) func eachDecisionReachesTheAddresseeAsASignedEventAndTheCopiesHearNothing()
    async throws
  {
    guard let receiver = try RobotReceiver.start() else { return }
    let setup = try Setup()
    let store = setup.store
    let calendar = setup.harness.thresholds.calendar
    _ = try setup.addTarget(.generic, receiver.url("/generic/ok"), secret: RobotReceiver.secrets["generic"])
    _ = try setup.addTarget(.wecom, receiver.url("/wecom/ok?key=k1"))
    let copyTarget = try setup.addTarget(
      .generic, receiver.url("/generic/ok"), secret: RobotReceiver.secrets["generic"], addressee: "市工信局",
      copies: true)
    let notice = try #require(try setup.approveReminders().first)
    #expect(notice.copies.contains("市工信局"))
    let worker = setup.worker()
    #expect(try await worker.runDue().delivered == 3)
    #expect(try store.notice(id: notice.id)?.state == .sent)

    // An appeal denied, then appealed again and granted: two events.
    let subject = Subject.indicator(indicator: "industry_va", region: "360981")
    func file() throws -> StoredAppeal {
      try store.fileAppeal(
        noticeID: notice.id, subjects: [subject], reason: "统计局已修订为8.3%", day: Day("2020-09-30")!, actor: "丰城",
        at: setup.clock.now, calendar: calendar, workingDays: 3)
    }
    let first = try file()
    try store.decideAppeal(id: first.id, .deny(reason: "修订数据未经统计局确认"), actor: "rev", at: setup.clock.now)
    let second = try file()
    try store.decideAppeal(id: second.id, .grant(reason: "统计局正式修订为8.3%"), actor: "rev", at: setup.clock.now)

    // A report returned, sent again and accepted: two more.
    try store.recordFeedback(
      noticeID: notice.id, text: "已落实整改。", fileName: nil, file: nil, actor: "丰城", at: setup.clock.now,
      day: Day("2020-10-09")!)
    let report = try #require(try store.reports(noticeID: notice.id).first)
    try store.decideReport(
      id: report.id, .sendBack(reason: "整改措施不具体", due: Day("2020-10-16")), day: Day("2020-10-12")!, actor: "rev",
      at: setup.clock.now, calendar: calendar, returnedWorkingDays: 3)
    try store.recordFeedback(
      noticeID: notice.id, text: "细化后的整改措施。", fileName: nil, file: nil, actor: "丰城", at: setup.clock.now,
      day: Day("2020-10-14")!)
    let again = try #require(try store.reports(noticeID: notice.id).first)
    try store.decideReport(
      id: again.id, .accept(comment: "措施具体可行"), day: Day("2020-10-15")!, actor: "rev", at: setup.clock.now,
      calendar: calendar, returnedWorkingDays: 3)
    #expect(try store.notice(id: notice.id)?.state == .closed)

    // Queued with each decision: to the addressee's two targets, never to the copy's.
    let events = try store.deliveries(notice: notice.id).filter { $0.eventID != nil }
    let kinds: [DecisionEvent.Kind] = [.appealDenied, .appealGranted, .reportReturned, .reportAccepted]
    #expect(events.map(\.eventKind) == kinds.flatMap { [$0, $0] })
    #expect(!events.contains { $0.targetID == copyTarget.id })
    #expect(try await worker.runUntilNothingIsDue().delivered == 8)
    #expect(try store.deliveries(notice: notice.id).allSatisfy { $0.state == .delivered })
    // Delivering a decision does not move the notice: it stays 办结, not back to 已送达.
    #expect(try store.notice(id: notice.id)?.state == .closed)

    let log = try await receiver.log().dropFirst(3)
    #expect(log.count == 8)
    #expect(log.allSatisfy { $0.accepted == true })
    let generic = log.filter { $0.format == "generic" }
    #expect(generic.allSatisfy { $0.verified == true })
    #expect(Set(generic.compactMap(\.webhookID)) == Set(events.filter { $0.targetID == 1 }.map(\.webhookID)))
    let bodies = try generic.map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any])
    }
    #expect(bodies.map { $0["type"] as? String } == kinds.map(\.rawValue))
    #expect(bodies.allSatisfy { ($0["notice"] as? [String: Any])?["number"] as? String == notice.number })
    // Each event carries the decision as it stood then: the return, not the later acceptance.
    let returned = try #require(bodies[2]["report"] as? [String: Any])
    #expect(returned["state"] as? String == "returned" && returned["note"] as? String == "整改措施不具体")
    #expect(returned["resubmit_due"] as? String == "2020-10-16")
    let granted = try #require(bodies[1]["appeal"] as? [String: Any])
    #expect(granted["state"] as? String == "granted" && granted["subjects"] as? [String] == [subject.notation])

    let wecom = log.filter { $0.format == "wecom" }.map(\.body)
    #expect(wecom.count == 4)
    #expect(wecom[0].contains("申诉不成立") && wecom[0].contains("修订数据未经统计局确认"))
    #expect(wecom[1].contains("申诉成立") && wecom[1].contains("丰城市") && wecom[1].contains("更正或撤销通知将另行印发"))
    #expect(wecom[2].contains("整改报告被退回") && wecom[2].contains("2020年10月16日"))
    #expect(wecom[3].contains("整改报告审核通过") && wecom[3].contains("已办结"))
    #expect(wecom.allSatisfy { $0.contains(notice.number!) && $0.contains("/notices/\(notice.id)") })
  }

  @Test func aDecisionOnANoticeWhoseAddresseeHasNoTargetIsKeptAndQueuesNothing() throws {
    let setup = try Setup()
    let notice = try #require(try setup.approveReminders().first)
    try setup.store.recordFeedback(
      noticeID: notice.id, text: "已落实整改。", fileName: nil, file: nil, actor: "丰城", at: setup.clock.now,
      day: Day("2020-10-09")!)
    let report = try #require(try setup.store.reports(noticeID: notice.id).first)
    try setup.store.decideReport(
      id: report.id, .accept(comment: nil), day: Day("2020-10-12")!, actor: "rev", at: setup.clock.now,
      calendar: setup.harness.thresholds.calendar, returnedWorkingDays: 3)
    #expect(try setup.store.deliveries(notice: notice.id).isEmpty)
    let events = try setup.store.decisionEvents(noticeID: notice.id)
    #expect(events.map(\.kind) == [.reportAccepted] && events.first?.objectID == report.id)
  }

  /// The crash loop's audit of decisions finds a decision applied by halves: what it accepts
  /// after a real decision, it refuses once the event or the notice's closing is taken away.
  @Test func theAuditFindsADecisionAppliedByHalves() throws {
    let setup = try Setup()
    _ = try setup.addTarget(.generic, URL(string: "http://127.0.0.1:9/hook")!, secret: RobotReceiver.secrets["generic"])
    let notice = try #require(try setup.approveReminders().first)
    try setup.store.recordFeedback(
      noticeID: notice.id, text: "已落实整改。", fileName: nil, file: nil, actor: "丰城", at: setup.clock.now,
      day: Day("2020-10-09")!)
    let report = try #require(try setup.store.reports(noticeID: notice.id).first)
    try setup.store.decideReport(
      id: report.id, .accept(comment: nil), day: Day("2020-10-12")!, actor: "rev", at: setup.clock.now,
      calendar: setup.harness.thresholds.calendar, returnedWorkingDays: 3)
    let audit = try StoreAudit(path: setup.store.path)
    #expect(try audit.decisions().isEmpty)
    try setup.store.writer.write { db in
      try db.execute(sql: "UPDATE notice SET state = 'sent' WHERE id = ?", arguments: [notice.id])
      try db.execute(sql: "DELETE FROM delivery WHERE event_id IS NOT NULL")
    }
    let problems = try audit.decisions()
    #expect(problems.contains { $0.contains("is accepted but its notice is sent") }, "\(problems)")
    #expect(problems.contains { $0.contains("has no delivery queued") }, "\(problems)")
    try setup.store.writer.write { db in try db.execute(sql: "DELETE FROM decision_event") }
    #expect(try audit.decisions().contains("report \(report.id) is accepted but its events are none"))
  }
}
