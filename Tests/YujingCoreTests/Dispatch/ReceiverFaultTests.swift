import Foundation
import Testing

@testable import YujingCore

/// Receivers failing in the ways a city's robots and endpoints do, each checked for what the
/// delivery log tells the person who reads it: the delivery's last error and its attempts.
@Suite(.serialized) struct ReceiverFaultTests {
  typealias Setup = DispatchWorkerTests.Setup

  /// Five letters copied to 市工信局's robot, whose server answers 503 to everything: each delivery
  /// is tried on the backoff schedule, never before it is due, and is dead once the configured hour
  /// is spent; the log says it was given up and why. (A WeCom robot, unsigned: a signed message
  /// stamped by the test's clock half an hour ahead would be refused for its timestamp.)
  @Test(.needs(.standardwebhooks)) func aStormOf5xxBacksOffThenGivesUpWithTheReasonInTheLog() async throws {
    guard let receiver = try RobotReceiver.start() else { return }
    let setup = try Setup(giveUpAfterHours: 1)
    _ = try setup.addTarget(.wecom, receiver.url("/wecom/status503?key=gxj"), addressee: "市工信局", copies: true)
    let notices = try setup.approveReminders(counties: ["360981", "360982", "360983", "360921", "360922"])
    #expect(notices.count == 5)
    let worker = setup.worker(jitter: 0)
    // At jitter 0 the waits are 0.8 × 5 s, 5 min and 30 min: due at +4 s, +244 s, +1684 s; the
    // next wait (0.8 × 2 h) would end past the hour, so the fourth failure is the last.
    var rounds: [DispatchWorker.Round] = []
    for (advance, early) in [(0, 0), (4, 3), (240, 200), (1440, 1400)] {
      if early > 0 {
        setup.clock.advance(by: TimeInterval(early))
        #expect(try await worker.runDue().attempted == 0, "tried before the backoff had passed")
        setup.clock.advance(by: TimeInterval(advance - early))
      }
      rounds.append(try await worker.runDue())
    }
    #expect(rounds.map(\.retrying) == [5, 5, 5, 0])
    #expect(rounds.map(\.dead) == [0, 0, 0, 5])
    setup.clock.advance(by: 86_400)
    #expect(try await worker.runDue().attempted == 0, "a dead delivery is not tried again")

    let deliveries = try setup.store.deliveries()
    #expect(deliveries.count == 5)
    for delivery in deliveries {
      #expect(delivery.state == .dead)
      #expect(delivery.attempts == 4)
      #expect(
        delivery.lastError
          == "given up after 1 h of failures (dispatch.give_up_after_hours): HTTP 503 (Service Unavailable) from the receiver",
        "\(delivery.lastError ?? "")")
      let attempts = try setup.store.deliveryAttempts(delivery: delivery.id)
      #expect(attempts.map(\.httpStatus) == [503, 503, 503, 503])
      #expect(attempts.map(\.outcome) == ["retry", "retry", "retry", "permanent"])
      #expect(attempts.allSatisfy { $0.answer.contains("answered 503") }, "the receiver's own words are kept")
    }
    for notice in notices { #expect(try setup.store.notice(id: notice.id)?.state == .approved) }
    #expect(try await receiver.log().count == 20)
  }

  /// A WeCom robot whose key is wrong answers 200 with errcode 93000: dead at the first attempt,
  /// with the robot's code, its message and what to check.
  @Test(.needs(.standardwebhooks)) func aWeComInvalidKeyIsDeadAtOnceAndTheLogSaysToCheckTheURL() async throws {
    guard let receiver = try RobotReceiver.start() else { return }
    let setup = try Setup()
    _ = try setup.addTarget(.wecom, receiver.url("/wecom/ok?key=bad-key"))
    let notice = try #require(try setup.approveReminders().first)
    let round = try await setup.worker().runDue()
    #expect((round.dead, round.retrying, round.delivered) == (1, 0, 0))
    let delivery = try #require(try setup.store.deliveries(notice: notice.id).first)
    #expect(delivery.state == .dead && delivery.attempts == 1)
    let lastError = try #require(delivery.lastError)
    #expect(lastError.hasPrefix("wecom errcode 93000 invalid webhook url"), "\(lastError)")
    #expect(lastError.contains("check the webhook's URL"), "\(lastError)")
    let attempts = try setup.store.deliveryAttempts(delivery: delivery.id)
    #expect(attempts.map(\.httpStatus) == [200])
    #expect(attempts.map(\.outcome) == ["permanent"])
    #expect(try setup.store.notice(id: notice.id)?.state == .approved)

    // The delivery log as an operator reads it: the reason is printed, not only the state.
    let shown = try YujingCommand.run([
      "deliveries", "show", "\(delivery.id)", "--db", setup.harness.directory.path("yujing.sqlite"),
    ])
    #expect(shown.status == 0, "\(shown.err)")
    #expect(shown.out.contains("state: dead, 1 attempt(s)"), "\(shown.out)")
    #expect(shown.out.contains("last error: wecom errcode 93000 invalid webhook url"), "\(shown.out)")
    #expect(shown.out.contains("permanent  HTTP 200"), "\(shown.out)")
  }

  /// A path the receiver does not have (HTTP 404) will not appear by trying again.
  @Test(.needs(.standardwebhooks)) func aClientErrorStatusIsPermanentAndNamed() async throws {
    guard let receiver = try RobotReceiver.start() else { return }
    let setup = try Setup()
    _ = try setup.addTarget(.generic, receiver.url("/generic/status404"), secret: RobotReceiver.secrets["generic"])
    let notice = try #require(try setup.approveReminders().first)
    #expect(try await setup.worker().runDue().dead == 1)
    let delivery = try #require(try setup.store.deliveries(notice: notice.id).first)
    #expect(delivery.lastError == "HTTP 404 (Not Found): the receiver refuses the message")
    #expect(try await receiver.log().count == 1)
  }

  /// WeCom's rate limit arrives as errcode 45009 in a 200: waited out for a minute, then sent.
  @Test(.needs(.standardwebhooks)) func aWeComRateLimitIsWaitedOutThenDelivered() async throws {
    guard let receiver = try RobotReceiver.start() else { return }
    let setup = try Setup()
    _ = try setup.addTarget(.wecom, receiver.url("/wecom/ratelimit?key=k"))
    let notice = try #require(try setup.approveReminders().first)
    let worker = setup.worker(jitter: 0)
    #expect(try await worker.runDue().retrying == 1)
    let waiting = try #require(try setup.store.deliveries(notice: notice.id).first)
    #expect(waiting.lastError == "wecom errcode 45009 api freq out of limit")
    setup.clock.advance(by: 59)
    #expect(try await worker.runDue().attempted == 0)
    setup.clock.advance(by: 2)
    #expect(try await worker.runDue().delivered == 1)
    #expect(try setup.store.notice(id: notice.id)?.state == .sent)
  }

  /// Timeouts on every attempt: each is logged with the configured limit, and the delivery
  /// stays queued for the next round rather than being lost or sent twice.
  @Test(.needs(.standardwebhooks)) func repeatedTimeoutsAreLoggedWithTheLimitAndKeepTheDeliveryQueued() async throws {
    guard let receiver = try RobotReceiver.start() else { return }
    let setup = try Setup(timeoutSeconds: 1)
    _ = try setup.addTarget(.generic, receiver.url("/generic/hang"), secret: RobotReceiver.secrets["generic"])
    let notice = try #require(try setup.approveReminders().first)
    let worker = setup.worker(jitter: 0)
    #expect(try await worker.runDue().retrying == 1)
    setup.clock.advance(by: 4)
    #expect(try await worker.runDue().retrying == 1)
    let delivery = try #require(try setup.store.deliveries(notice: notice.id).first)
    #expect(delivery.state == .pending && delivery.attempts == 2)
    let attempts = try setup.store.deliveryAttempts(delivery: delivery.id)
    #expect(attempts.map(\.answer) == Array(repeating: "no answer within 1 s (dispatch.timeout_seconds)", count: 2))
    #expect(attempts.allSatisfy { $0.httpStatus == nil })
  }
}
