import Foundation

/// One attempt's HTTP request for a delivery: the notice in the target's format and content mode,
/// signed for the attempt's time. The body depends only on the notice, the target and the time,
/// so a retry sends the same message under the same `webhook-id`.
public struct WebhookRequest: Sendable {
  public var url: URL
  public var headers: [(name: String, value: String)]
  public var body: Data

  public init(url: URL, headers: [(name: String, value: String)], body: Data) {
    self.url = url
    self.headers = headers
    self.body = body
  }
}

public struct WebhookMessage: Sendable {
  /// WeCom refuses markdown over 4,096 bytes (errcode 40058).
  public static let wecomLimit = 4096
  /// DingTalk has no published limit; 飞书 refuses bodies over 20 KB. Both are kept under this.
  public static let robotLimit = 18_000

  public var notice: NoticeRecord
  public var document: OfficialDocument
  /// The notice's page in the review UI.
  public var link: String
  /// The whole notice as Markdown, made once for every target.
  public var fullMarkdown: String
  /// Each subject's name and the sentence of its figures, in the notice's order.
  public var subjects: [(subject: StoredNoticeSubject, name: String, figures: String)]

  /// - Parameter evidence: the subjects' current figures (the findings of the notice's period); a
  ///   subject without them is named without figures.
  public init(notice: NoticeRecord, configuration: Configuration, evidence: [Subject: Evidence] = [:]) {
    self.notice = notice
    self.document = NoticeDocument.make(notice, configuration: configuration)
    self.link = Self.link(notice: notice.id, server: configuration.server)
    self.fullMarkdown = TextRenderer.markdown(document)
    let phrases = Phrases(configuration: configuration)
    self.subjects = notice.subjects.map { stored in
      let figures = evidence[stored.subject].map { values in
        phrases.figures(
          NoticeSubject(
            subject: stored.subject, stage: stored.stage, level: stored.level, rules: [], values: values, reason: ""),
          period: notice.period)
      }
      return (stored, phrases.name(stored.subject), figures ?? "")
    }
  }

  public static func link(notice id: Int64, server: Configuration.ServerSettings) -> String {
    let base = server.publicURL ?? "http://\(server.listen)"
    return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/notices/\(id)"
  }

  public var title: String { DocumentWording.singleLine(document.title) }

  /// The text a robot shows, as Markdown, within `limit` bytes (cut at a line, with the link).
  public func markdown(_ content: WebhookTarget.Content, limit: Int) -> String {
    let number = notice.number ?? ""
    switch content {
    case .full:
      return Self.fit(fullMarkdown, limit: limit, tail: "\n\n……（全文见 [预警系统](\(link))）")
    case .summary:
      var lines = ["**\(title)**", "\(number)　主送：\(notice.addressee)"]
      if !notice.copies.isEmpty { lines.append("抄送：\(notice.copies.joined(separator: "、"))") }
      for (subject, name, _) in subjects {
        let level = subject.level.map { "\($0.chinese)预警" } ?? ""
        let stage = subject.stage.map { "，\($0.chinese)" } ?? ""
        lines.append("- \(name)：\(level)\(stage)")
      }
      lines.append("[查看全文](\(link))")
      return Self.fit(lines.joined(separator: "\n"), limit: limit, tail: "\n……\n[查看全文](\(link))")
    case .link:
      return Self.fit(
        "**\(title)**\n\(number)　主送：\(notice.addressee)\n请登录预警系统查看：[\(number)](\(link))", limit: limit,
        tail: "")
    }
  }

  /// `text` if it fits in `limit` UTF-8 bytes; else its lines up to where `tail` still fits.
  static func fit(_ text: String, limit: Int, tail: String) -> String {
    guard text.utf8.count > limit else { return text }
    let room = limit - tail.utf8.count
    var kept = ""
    var used = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let size = line.utf8.count + 1
      if used + size > room { break }
      kept += line + "\n"
      used += size
    }
    if kept.isEmpty {
      // One line longer than the room: cut it at a character.
      for character in text {
        let size = String(character).utf8.count
        if used + size > room { break }
        kept.append(character)
        used += size
      }
    }
    while kept.hasSuffix("\n") { kept.removeLast() }
    return kept + tail
  }

  /// The request of one attempt at `time` to `target`, under the delivery's `webhookID`.
  public func request(to target: WebhookTarget, webhookID: String, at time: Date) throws -> WebhookRequest {
    try WebhookEnvelope.request(
      to: target, webhookID: webhookID, at: time, title: title, link: link,
      markdown: { limit in markdown(target.content, limit: limit) },
      generic: { genericJSON(content: target.content, webhookID: webhookID) })
  }

  /// The generic JSON: the notice as `notices list` prints it, with the figures, the Markdown text
  /// (full content only) and the link.
  func genericJSON(content: WebhookTarget.Content, webhookID: String) -> String {
    var extra: [(String, String)] = [
      ("url", FindingsJSON.string(link)), ("content", FindingsJSON.string(content.rawValue)),
    ]
    if content != .link {
      let figures = subjects.map { subject, name, figures in
        "{\"subject\": \(FindingsJSON.subject(subject.subject)), \"name\": \(FindingsJSON.string(name)), "
          + "\"figures\": \(FindingsJSON.string(figures))}"
      }
      extra.append(("figures", "[" + figures.joined(separator: ", ") + "]"))
    }
    if content == .full { extra.append(("markdown", FindingsJSON.string(fullMarkdown))) }
    let object = NoticeJSON.object(notice, extra: extra)
    return "{\"type\": \"notice.approved\", \"webhook_id\": \(FindingsJSON.string(webhookID)), \"notice\": \(object)}"
  }
}

/// A message the outbox sends: a notice (`WebhookMessage`) or a decision about one
/// (`DecisionMessage`), each put into the target's format for one attempt.
public protocol OutgoingMessage: Sendable {
  func request(to target: WebhookTarget, webhookID: String, at time: Date) throws -> WebhookRequest
}

extension WebhookMessage: OutgoingMessage {}
extension DecisionMessage: OutgoingMessage {}
