import Foundation
import Testing

@testable import YujingCore

/// The signatures against the test vectors each receiver publishes (Standard Webhooks, DingTalk,
/// Feishu), and the pure parts of delivery: what an answer means, when to try again, how a long
/// notice is cut for WeCom.
struct WebhookSignatureTests {
  @Test func standardWebhooksSignatureMatchesTheSpecsVector() throws {
    let signature = try WebhookSignature.standard(
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330,
      body: Data(#"{"test": 2432232314}"#.utf8))
    #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
  }

  @Test func dingTalkSignatureMatchesTheVectorAndIsQueryEncoded() {
    let sign = WebhookSignature.dingtalk(
      secret: "SEC000000000000000000000000000000000000000000000000000000000000",
      timestampMilliseconds: 1_606_377_600_000)
    #expect(sign == "l5Ow099uz1p5voaKRT/fb8U9L2WBqk1LvKNDLi1K3z0=")
    #expect(WebhookSignature.queryEncoded(sign) == "l5Ow099uz1p5voaKRT%2Ffb8U9L2WBqk1LvKNDLi1K3z0%3D")
  }

  @Test func feishuSignatureMatchesTheVector() {
    #expect(
      WebhookSignature.feishu(secret: "demo-feishu-secret", timestampSeconds: 1_606_377_600)
        == "ecPxn6ysKTD9y4AsM2pjwUwSV6oYDUEopZbW7z1Q5FA=")
  }

  @Test func aGenericSecretThatIsNotBase64IsRefusedWithAdvice() {
    #expect(throws: WebhookSignature.SecretError.self) {
      try WebhookSignature.standard(secret: "whsec_not base64!", id: "x", timestamp: 0, body: Data())
    }
    #expect(WebhookSignature.newStandardSecret().hasPrefix("whsec_"))
  }

  static let now = Date(timeIntervalSince1970: 1_606_377_600)

  @Test(arguments: [
    (WebhookTarget.Format.generic, 200, "{}", "delivered"),
    (.generic, 204, "", "delivered"),
    (.generic, 503, "", "retry"),
    (.generic, 429, "", "retry"),
    (.generic, 400, "", "permanent"),
    (.generic, 410, "", "permanent"),
    (.wecom, 200, #"{"errcode":0,"errmsg":"ok"}"#, "delivered"),
    (.wecom, 200, #"{"errcode":45009,"errmsg":"api freq out of limit"}"#, "retry"),
    (.wecom, 200, #"{"errcode":93000,"errmsg":"invalid webhook url"}"#, "permanent"),
    (.wecom, 200, #"{"errcode":-1,"errmsg":"system busy"}"#, "retry"),
    (.dingtalk, 200, #"{"errcode":130101,"errmsg":"send too fast"}"#, "retry"),
    (.dingtalk, 200, #"{"errcode":310000,"errmsg":"sign not match"}"#, "permanent"),
    (.feishu, 200, #"{"code":0,"msg":"success"}"#, "delivered"),
    (.feishu, 200, #"{"StatusCode":0,"StatusMessage":"success"}"#, "delivered"),
    (.feishu, 200, #"{"code":19021,"msg":"sign match fail"}"#, "permanent"),
    (.feishu, 200, #"{"code":11232,"msg":"frequency limited"}"#, "retry"),
    (.wecom, 200, "<html>proxy error</html>", "permanent"),
  ])
  func anAnswerIsReadTheWayItsReceiverMeansIt(
    format: WebhookTarget.Format, status: Int, body: String, expected: String
  ) {
    let outcome = DeliveryClassifier.classify(
      .answered(status: status, headers: [:], body: Data(body.utf8)), format: format, now: Self.now)
    #expect(outcome.name == expected, "\(outcome)")
  }

  @Test func noAnswerIsRetriedAndRetryAfterIsReadInSecondsOrAsADate() {
    #expect(DeliveryClassifier.classify(.failed("timeout"), format: .wecom, now: Self.now).name == "retry")
    let seconds = DeliveryClassifier.classify(
      .answered(status: 429, headers: ["Retry-After": "7"], body: Data()), format: .generic, now: Self.now)
    #expect(seconds == .retry(reason: "HTTP 429 too many requests, asked to wait 7 s (Retry-After)", after: 7))
    let date = DeliveryClassifier.classify(
      .answered(status: 503, headers: ["retry-after": "Thu, 26 Nov 2020 08:00:30 GMT"], body: Data()),
      format: .generic, now: Self.now)
    #expect(date == .retry(reason: "HTTP 503 (Service Unavailable) from the receiver", after: 30))
  }

  @Test func retriesBackOffWithJitterHonourRetryAfterAndGiveUp() {
    let schedule = RetrySchedule(giveUpAfter: 24 * 3600)
    let queued = Self.now
    let first = schedule.next(after: 1, firstQueued: queued, now: queued, retryAfter: nil, jitter: 0.5)
    #expect(first == queued.addingTimeInterval(5))
    let second = schedule.next(after: 2, firstQueued: queued, now: queued, retryAfter: nil, jitter: 0)
    #expect(second == queued.addingTimeInterval(240))
    let asked = schedule.next(after: 1, firstQueued: queued, now: queued, retryAfter: 120, jitter: 1)
    #expect(asked == queued.addingTimeInterval(120))
    let late = queued.addingTimeInterval(23 * 3600)
    #expect(schedule.next(after: 9, firstQueued: queued, now: late, retryAfter: nil, jitter: 0) == nil)
  }

  @Test func aLongNoticeIsCutForWeComAtALineWithTheLink() {
    let line = String(repeating: "规模以上工业增加值累计增长7.0%，", count: 12)
    let text = Array(repeating: line, count: 20).joined(separator: "\n")
    let tail = "\n\n……（全文见 [预警系统](http://x/notices/1)）"
    let cut = WebhookMessage.fit(text, limit: WebhookMessage.wecomLimit, tail: tail)
    #expect(cut.utf8.count <= WebhookMessage.wecomLimit)
    #expect(cut.hasSuffix(tail))
    #expect(cut.dropLast(tail.count).split(separator: "\n").allSatisfy { $0 == line })
    #expect(WebhookMessage.fit("短", limit: 10, tail: tail) == "短")
  }

  @Test func aListedURLHidesTheRobotsKey() throws {
    let target = WebhookTarget(
      id: 1, addressee: "市工信局", format: .wecom,
      url: try #require(URL(string: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx")),
      secret: nil, content: .link, receivesCopies: false, perMinute: 20)
    #expect(target.maskedURL == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…")
    #expect(!target.maskedURL.contains("693a91f6"))
  }
}
