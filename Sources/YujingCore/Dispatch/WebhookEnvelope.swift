import Foundation

/// Puts a message into each format's request: the generic webhook's signed JSON, or the robots'
/// markdown with their signatures. What is said (a notice, a decision on its report or appeal) is
/// the message's; how each receiver wants it said and signed is here, once.
enum WebhookEnvelope {
  /// - Parameters:
  ///   - markdown: the robot's text within a byte limit.
  ///   - generic: the generic webhook's JSON body.
  static func request(
    to target: WebhookTarget, webhookID: String, at time: Date, title: String, link: String,
    linkText: String = "查看全文", markdown: (Int) -> String, generic: () -> String
  ) throws -> WebhookRequest {
    let seconds = Int64(time.timeIntervalSince1970)
    switch target.format {
    case .generic:
      let body = Data(generic().utf8)
      var headers: [(String, String)] = [
        ("Content-Type", "application/json"), ("webhook-id", webhookID), ("webhook-timestamp", "\(seconds)"),
      ]
      if let secret = target.secret {
        headers.append(
          (
            "webhook-signature",
            try WebhookSignature.standard(secret: secret, id: webhookID, timestamp: seconds, body: body)
          ))
      }
      return WebhookRequest(url: target.url, headers: headers, body: body)
    case .wecom:
      let body = json(["msgtype": "markdown", "markdown": ["content": markdown(WebhookMessage.wecomLimit)]])
      return WebhookRequest(url: target.url, headers: robotHeaders(webhookID), body: body)
    case .dingtalk:
      let body = json([
        "msgtype": "markdown", "markdown": ["title": title, "text": markdown(WebhookMessage.robotLimit)],
        "at": ["atMobiles": [String](), "isAtAll": false],
      ])
      var url = target.url
      if let secret = target.secret {
        let milliseconds = Int64((time.timeIntervalSince1970 * 1000).rounded(.down))
        let sign = WebhookSignature.dingtalk(secret: secret, timestampMilliseconds: milliseconds)
        url = appending(["timestamp": "\(milliseconds)", "sign": WebhookSignature.queryEncoded(sign)], to: url)
      }
      return WebhookRequest(url: url, headers: robotHeaders(webhookID), body: body)
    case .feishu:
      let text = markdown(WebhookMessage.robotLimit)
      var object: [String: Any] = [
        "msg_type": "post",
        "content": [
          "post": ["zh_cn": ["title": title, "content": feishuParagraphs(text, link: link, linkText: linkText)]]
        ],
      ]
      if let secret = target.secret {
        object["timestamp"] = "\(seconds)"
        object["sign"] = WebhookSignature.feishu(secret: secret, timestampSeconds: seconds)
      }
      return WebhookRequest(url: target.url, headers: robotHeaders(webhookID), body: json(object))
    }
  }

  private static func robotHeaders(_ webhookID: String) -> [(String, String)] {
    // The robots ignore it; a proxy's log can still tie a message to its delivery.
    [("Content-Type", "application/json; charset=utf-8"), ("X-Yujing-Delivery", webhookID)]
  }

  private static func json(_ object: [String: Any]) -> Data {
    // Sorted keys: the same message always gives the same bytes.
    (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
  }

  static func feishuParagraphs(_ text: String, link: String, linkText: String) -> [[[String: String]]] {
    var paragraphs = text.split(separator: "\n").map { [["tag": "text", "text": String($0)]] }
    paragraphs.append([["tag": "a", "text": linkText, "href": link]])
    return paragraphs
  }

  static func appending(_ items: [String: String], to url: URL) -> URL {
    // The values are already percent-encoded: appended as they are, in a fixed order.
    var text = url.absoluteString
    for key in items.keys.sorted() {
      text += (text.contains("?") ? "&" : "?") + "\(key)=\(items[key]!)"
    }
    return URL(string: text) ?? url
  }
}
