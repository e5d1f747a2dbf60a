import Foundation

/// `yujing webhooks test`: a short message in the target's format, signed as a real one is, that
/// says what it is.
public enum TestMessage {
  public static func request(for target: WebhookTarget, configuration: Configuration, at time: Date) throws
    -> WebhookRequest
  {
    let notice = NoticeRecord.testNotice(addressee: target.addressee, office: configuration.documents.dispatchOffice)
    let message = WebhookMessage(notice: notice, configuration: configuration)
    return try message.request(to: target, webhookID: "msg_test_\(Int64(time.timeIntervalSince1970))", at: time)
  }
}

extension NoticeRecord {
  /// The notice a test message carries: no subjects, no figures, a body that says it is a test.
  static func testNotice(addressee: String, office: String) -> NoticeRecord {
    NoticeRecord(
      id: 0, kind: .reminder, key: "test", number: "测试", addressee: addressee, copies: [],
      period: Period(year: 2020, month: 1)!, state: .approved, corrects: nil, subjects: [], subjectFacts: [:],
      factsHash: "", title: "预警系统推送测试", body: "这是\(office)预警系统的推送测试消息，无需处理。", holder: nil,
      createdAt: Date(), documentDate: nil, reportDue: nil, talkAt: nil, place: nil)
  }
}
