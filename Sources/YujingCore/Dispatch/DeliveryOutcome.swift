import Foundation

/// What one attempt came to, from the HTTP status and the robot's own answer (docs/operate.md#delivery, and
/// each robot's published error codes):
/// a robot answers 200 with an error code in the body, so the status alone says little.
public enum DeliveryOutcome: Sendable, Hashable {
  case delivered
  /// Worth trying again; `after` is the wait the receiver asked for, if it did.
  case retry(reason: String, after: TimeInterval?)
  /// Will not succeed by trying again (a bad signature, a wrong URL, a refused message).
  case permanent(reason: String)

  public var name: String {
    switch self {
    case .delivered: "delivered"
    case .retry: "retry"
    case .permanent: "permanent"
    }
  }
}

/// What came back from the transport.
public enum TransportAnswer: Sendable {
  case answered(status: Int, headers: [String: String], body: Data)
  /// No answer: a timeout, a refused or reset connection, a name that does not resolve.
  case failed(String)
}

public enum DeliveryClassifier {
  public static func classify(_ answer: TransportAnswer, format: WebhookTarget.Format, now: Date) -> DeliveryOutcome {
    switch answer {
    case .failed(let reason):
      return .retry(reason: reason, after: nil)
    case .answered(let status, let headers, let body):
      let retryAfter = headers.first { $0.key.lowercased() == "retry-after" }.flatMap {
        retryAfterSeconds($0.value, now: now)
      }
      switch status {
      case 200..<300: break
      case 429:
        let asked = retryAfter.map { ", asked to wait \(Int($0)) s (Retry-After)" } ?? ""
        return .retry(reason: "HTTP 429 too many requests\(asked)", after: retryAfter)
      case 408: return .retry(reason: "HTTP 408 request timeout", after: retryAfter)
      case 410: return .permanent(reason: "HTTP 410: the receiver has retired this endpoint")
      case 500..<600:
        return .retry(reason: "HTTP \(status) (\(FeedDownload.reason(status))) from the receiver", after: retryAfter)
      default:
        return .permanent(reason: "HTTP \(status) (\(FeedDownload.reason(status))): the receiver refuses the message")
      }
      return format == .generic ? .delivered : robotAnswer(body, format: format)
    }
  }

  /// A robot's code in a 2xx answer: 企业微信 and 钉钉 `errcode`, 飞书 `code` (or `StatusCode`).
  static func robotAnswer(_ body: Data, format: WebhookTarget.Format) -> DeliveryOutcome {
    guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
      return .permanent(reason: "the robot's answer is not JSON: \(String(decoding: body.prefix(120), as: UTF8.self))")
    }
    let key = format == .feishu ? (object["code"] != nil ? "code" : "StatusCode") : "errcode"
    guard let code = (object[key] as? NSNumber)?.intValue else {
      return .permanent(reason: "the robot's answer has no \(key)")
    }
    if code == 0 { return .delivered }
    let message = (object["errmsg"] ?? object["msg"] ?? object["StatusMessage"]).map { "\($0)" } ?? ""
    var reason = "\(format.rawValue) \(key) \(code) \(message)".trimmingCharacters(in: .whitespaces)
    if let hint = hints[code] { reason += " (\(hint))" }
    switch (format, code) {
    // Too fast: WeCom 45009 (20 a minute); DingTalk 130101 (blocks the robot ten minutes);
    // Feishu 11232 and 9499 (frequency limits). System busy: -1.
    case (.wecom, 45009): return .retry(reason: reason, after: 60)
    case (.dingtalk, 130101): return .retry(reason: reason, after: 600)
    case (.feishu, 11232), (.feishu, 9499): return .retry(reason: reason, after: 60)
    case (_, -1): return .retry(reason: reason, after: nil)
    default: return .permanent(reason: reason)
    }
  }

  /// What to do about the robots' commonest permanent codes, for whoever reads the delivery log.
  static let hints: [Int: String] = [
    93000: "the robot's key is wrong or the robot was removed: check the webhook's URL",
    40058: "the message is longer than the robot takes",
    310000: "the signature or the robot's security settings do not match: check the webhook's secret",
    300001: "the access_token is wrong or the robot was removed: check the webhook's URL",
    19021: "the signature does not match: check the webhook's secret",
    19024: "the sender's IP address is not on the robot's allow list",
  ]

  /// `Retry-After` as seconds or as an HTTP date.
  static func retryAfterSeconds(_ value: String, now: Date) -> TimeInterval? {
    let trimmed = value.trimmingCharacters(in: .whitespaces)
    if let seconds = Int(trimmed), seconds >= 0 { return TimeInterval(seconds) }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: trimmed) else { return nil }
    return max(0, date.timeIntervalSince(now))
  }
}

/// When to try again: the Standard Webhooks schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h …) with
/// ±20 % jitter so that many failed deliveries do not return at once, never sooner than the
/// receiver asked; nil once the delivery has failed for longer than `giveUpAfter`.
public struct RetrySchedule: Sendable {
  public static let steps: [TimeInterval] = [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400]
  public var giveUpAfter: TimeInterval

  public init(giveUpAfter: TimeInterval) { self.giveUpAfter = giveUpAfter }

  /// - Parameters:
  ///   - attempts: attempts made so far, the failed one included.
  ///   - jitter: a number in 0..<1 (injected, so tests are exact).
  public func next(
    after attempts: Int, firstQueued: Date, now: Date, retryAfter: TimeInterval?, jitter: Double
  ) -> Date? {
    let step = Self.steps[min(max(attempts - 1, 0), Self.steps.count - 1)]
    var wait = step * (0.8 + 0.4 * jitter)
    if let retryAfter { wait = max(wait, retryAfter) }
    let next = now.addingTimeInterval(wait)
    return next.timeIntervalSince(firstQueued) > giveUpAfter ? nil : next
  }
}
