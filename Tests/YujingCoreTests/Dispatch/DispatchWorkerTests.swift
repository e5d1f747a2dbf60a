import Foundation
import GRDB
import Testing

@testable import YujingCore

/// The outbox against real loopback receivers (`RobotReceiver`) that behave like each robot, with
/// the worker's clock moved by hand: nothing here waits on the wall clock except the one timeout.
@Suite(.serialized) struct DispatchWorkerTests {
  /// A reminder to 丰城市人民政府 (copied to 市工信局), approved after the targets are added.
  struct Setup {
    let harness: EscalationHarness
    let clock = ManualClock()
    var store: Store { harness.store }

    init(timeoutSeconds: Int = 10, giveUpAfterHours: Int = 24) throws {
      harness = try EscalationHarness {
        $0.dispatch.timeoutSeconds = timeoutSeconds
        $0.dispatch.giveUpAfterHours = giveUpAfterHours
      }
    }

    func addTarget(
      _ format: WebhookTarget.Format, _ url: URL, secret: String? = nil, content: WebhookTarget.Content? = nil,
      addressee: String = "丰城市人民政府", copies: Bool = false, perMinute: Int = 20
    ) throws -> WebhookTarget {
      try store.addWebhookTarget(
        addressee: addressee, format: format, url: url, secret: secret,
        content: content ?? (format.isRobot ? .link : .full), receivesCopies: copies, perMinute: perMinute,
        actor: "test", at: clock.now)
    }

    /// Drafts and approves the reminders of 2020-08 for the given counties (industry 7.0, below 8.2).
    func approveReminders(counties: [String] = ["360981"]) throws -> [NoticeRecord] {
      try harness.ingest(counties.map { "2020-08,\($0),industry_va,,7.0\n" }.joined())
      try harness.evaluate("2020-08")
      // Approved now, by the test's clock: the give-up time counts from the approval.
      let workspace = harness.workspace
      return try harness.live().filter { $0.state == .draft }.map {
        try store.approveNotice(
          id: $0.id, documentDate: Day("2020-09-29")!, talkAt: nil, place: nil, actor: "test", at: clock.now,
          prefixes: workspace.configuration.numbering, calendar: harness.thresholds.calendar,
          reportWorkingDays: harness.thresholds.ladder.reportWorkingDays)
      }
    }

    func worker(jitter: Double = 0) -> DispatchWorker {
      let clock = self.clock
      return DispatchWorker(
        workspace: harness.workspace, transport: URLSessionTransport(), clock: { clock.now }, jitter: { jitter })
    }
  }

  @Test(.needs(.standardwebhooks)) func everyFormatArrivesSignedAndTheNoticeBecomesSent() async throws {
    guard let receiver = try RobotReceiver.start() else { return }
    let setup = try Setup()
    let secrets = RobotReceiver.secrets
    _ = try setup.addTarget(.generic, receiver.url("/generic/ok"), secret: secrets["generic"])
    _ = try setup.addTarget(.wecom, receiver.url("/wecom/ok?key=k1"))
    _ = try setup.addTarget(.dingtalk, receiver.url("/dingtalk/ok?access_token=t1"), secret: secrets["dingtalk"])
    _ = try setup.addTarget(.feishu, receiver.url("/feishu/ok/hook"), secret: secrets["feishu"], content: .summary)
    let notice = try #require(try setup.approveReminders().first)
    // Written with the approval, before any worker runs.
    let queued = try setup.store.deliveries(notice: notice.id)
    #expect(queued.count == 4 && queued.allSatisfy { $0.state == .pending })
    #expect(try setup.store.notice(id: notice.id)?.state == .approved)

    let round = try await setup.worker().runDue()
    #expect(round.delivered == 4 && round.attempted == 4)
    #expect(try setup.store.deliveries(notice: notice.id).allSatisfy { $0.state == .delivered })
    #expect(try setup.store.notice(id: notice.id)?.state == .sent)

    let log = try await receiver.log()
    #expect(log.count == 4)
    #expect(log.allSatisfy { $0.accepted == true })
    #expect(log.filter { $0.format != "wecom" }.allSatisfy { $0.verified == true })
    let number = try #require(notice.number)
    let generic = try #require(log.first { $0.format == "generic" })
    #expect(generic.webhookID == queued.first { $0.targetID == 1 }?.webhookID)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(generic.body.utf8)) as? [String: Any])
    let payload = try #require(json["notice"] as? [String: Any])
    #expect(payload["number"] as? String == number)
    #expect(payload["addressee"] as? String == "丰城市人民政府")
    let figures = try #require(payload["figures"] as? [[String: Any]])
    #expect((figures.first?["figures"] as? String)?.contains("累计增长7.0%") == true)
    #expect((payload["markdown"] as? String)?.contains(number) == true)
    // The robots get the title and the link by default: no figures through commercial messaging.
    let wecom = try #require(log.first { $0.format == "wecom" })
    #expect(wecom.body.contains(number) && wecom.body.contains("/notices/\(notice.id)"))
    #expect(!wecom.body.contains("7.0%"))
    let feishu = try #require(log.first { $0.format == "feishu" })
    #expect(feishu.body.contains("规模以上工业增加值") && feishu.body.contains("黄色预警"))
  }

  @Test(.needs(.standardwebhooks)) func aFlakyReceiverGetsTheSameWebhookIDUntilItAccepts() async throws {
    guard let receiver = try RobotReceiver.start() else { return }
    let setup = try Setup()
    _ = try setup.addTarget(.generic, receiver.url("/generic/flaky2"), secret: RobotReceiver.secrets["generic"])
    let notice = try #require(try setup.approveReminders().first)
    let worker = setup.worker(jitter: 0)
    #expect(try await worker.runDue().retrying == 1)
    // Not due again until the backoff (5 s × 0.8 at jitter 0) has passed.
    setup.clock.advance(by: 3)
    #expect(try await worker.runDue().attempted == 0)
    setup.clock.advance(by: 1)
    #expect(try await worker.runDue().retrying == 1)
    setup.clock.advance(by: 240)
    #expect(try await worker.runDue().delivered == 1)

    let log = try await receiver.log()
    #expect(log.count == 3)
    #expect(Set(log.compactMap(\.webhookID)).count == 1)
    #expect(log.allSatisfy { $0.verified == true })
    let delivery = try #require(try setup.store.deliveries(notice: notice.id).first)
    #expect(delivery.state == .delivered && delivery.attempts == 3)
    let attempts = try setup.store.deliveryAttempts(delivery: delivery.id)
    #expect(attempts.map(\.httpStatus) == [502, 502, 200])
    #expect(attempts.map(\.outcome) == ["retry", "retry", "delivered"])
  }

  @Test(.needs(.standardwebhooks)) func retryAfterIsHonouredOverAShorterBackoff() async throws {
    guard let receiver = try RobotReceiver.start() else { return }
    let setup = try Setup()
    _ = try setup.addTarget(.generic, receiver.url("/generic/ratelimit"), secret: RobotReceiver.secrets["generic"])
    let notice = try #require(try setup.approveReminders().first)
    let worker = setup.worker(jitter: 0)
    #expect(try await worker.runDue().retrying == 1)
    // The log says what was asked, so a wait longer than the schedule's is not a mystery.
    let waiting = try #require(try setup.store.deliveries(notice: notice.id).first)
    #expect(waiting.lastError == "HTTP 429 too many requests, asked to wait 7 s (Retry-After)")
    setup.clock.advance(by: 5)  // the backoff alone would allow it now; the receiver asked for 7 s
    #expect(try await worker.runDue().attempted == 0)
    setup.clock.advance(by: 3)
    #expect(try await worker.runDue().delivered == 1)
  }

  @Test(.needs(.standardwebhooks)) func aBadSignatureIsPermanentAndTheNoticeWaitsForAReviewer() async throws {
    guard let receiver = try RobotReceiver.start() else { return }
    let setup = try Setup()
    _ = try setup.addTarget(.dingtalk, receiver.url("/dingtalk/ok?access_token=t1"), secret: "SECwrong")
    let notice = try #require(try setup.approveReminders().first)
    let round = try await setup.worker().runDue()
    #expect(round.dead == 1)
    let delivery = try #require(try setup.store.deliveries(notice: notice.id).first)
    #expect(delivery.state == .dead)
    #expect(delivery.lastError?.contains("310000") == true)
    #expect(try setup.store.notice(id: notice.id)?.state == .approved)
    // Resent by hand after the fix: the same webhook id, due at once.
    try setup.store.resendDelivery(id: delivery.id, actor: "test", at: setup.clock.now)
    let resent = try #require(try setup.store.deliveries(notice: notice.id).first)
    #expect(resent.state == .pending && resent.webhookID == delivery.webhookID)
  }

  @Test(.needs(.standardwebhooks)) func aReceiverThatNeverAnswersTimesOutAndIsRetried() async throws {
    guard let receiver = try RobotReceiver.start() else { return }
    let setup = try Setup(timeoutSeconds: 1)
    _ = try setup.addTarget(.wecom, receiver.url("/wecom/hang?key=k"))
    let notice = try #require(try setup.approveReminders().first)
    #expect(try await setup.worker().runDue().retrying == 1)
    let delivery = try #require(try setup.store.deliveries(notice: notice.id).first)
    #expect(delivery.state == .pending)
    #expect(delivery.lastError == "no answer within 1 s (dispatch.timeout_seconds)")
    #expect(try setup.store.deliveryAttempts(delivery: delivery.id).first?.httpStatus == nil)
  }

  @Test(.needs(.standardwebhooks)) func aRobotsRateIsKeptByQueueingNotByFailing() async throws {
    guard let receiver = try RobotReceiver.start() else { return }
    let setup = try Setup()
    // 市工信局 receives the copy of every county's letter, three a minute.
    _ = try setup.addTarget(.wecom, receiver.url("/wecom/ok?key=gxj"), addressee: "市工信局", copies: true, perMinute: 3)
    let notices = try setup.approveReminders(counties: ["360981", "360982", "360983", "360921", "360922"])
    #expect(notices.count == 5)
    let worker = setup.worker()
    let first = try await worker.runDue()
    #expect(first.delivered == 3 && first.postponed == 2)
    setup.clock.advance(by: 30)
    #expect(try await worker.runDue().attempted == 0)
    setup.clock.advance(by: 31)
    #expect(try await worker.runDue().delivered == 2)
    let log = try await receiver.log()
    #expect(log.count == 5 && log.allSatisfy { $0.accepted == true })
    #expect(try setup.store.deliveries().allSatisfy { $0.role == "copy" && $0.state == .delivered })
  }

  @Test func removingATargetCancelsWhatItHadPending() throws {
    let setup = try Setup()
    let target = try setup.addTarget(.wecom, try #require(URL(string: "http://127.0.0.1:9/wecom/ok?key=x")))
    let notice = try #require(try setup.approveReminders().first)
    #expect(try setup.store.removeWebhookTarget(id: target.id, actor: "test", at: setup.clock.now) == 1)
    #expect(try setup.store.deliveries(notice: notice.id).map(\.state) == [.cancelled])
    #expect(throws: NoticeActionError.self) {
      try setup.store.resendDelivery(id: 1, actor: "test", at: setup.clock.now)
    }
    // The audit names the target without its key.
    let audit = try setup.store.writer.read { db in
      try String.fetchAll(db, sql: "SELECT detail FROM audit_log WHERE action LIKE 'webhook%'")
    }
    #expect(audit.count == 2 && !audit.joined().contains("key=x"))
  }
}
