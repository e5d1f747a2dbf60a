import Foundation

/// A decision on a notice's 整改 report or appeal (`DecisionEvent`), as its addressee receives it:
/// a few lines for a robot's group, or a `report.*` / `appeal.*` event for the generic webhook,
/// signed and retried like a notice. Like `WebhookMessage`, the body depends only on the event,
/// the notice and the target, so a retry sends the same bytes under the same `webhook-id`.
public struct DecisionMessage: Sendable {
  public var event: DecisionEvent
  public var notice: NoticeRecord
  /// The notice's page in the review UI, where the decision is shown in full.
  public var link: String
  /// The appealed subjects by their names.
  public var subjectNames: [String]

  public init(event: DecisionEvent, notice: NoticeRecord, configuration: Configuration) {
    self.event = event
    self.notice = notice
    self.link = WebhookMessage.link(notice: notice.id, server: configuration.server)
    let phrases = Phrases(configuration: configuration)
    self.subjectNames = event.subjects.map { phrases.name($0) }
  }

  public var title: String { "\(event.kind.heading)：\(notice.number ?? DocumentWording.singleLine(notice.title))" }

  /// The lines a robot shows: what was decided, about which notice, why, and what follows.
  public var lines: [String] {
    var lines = ["**\(event.kind.heading)**"]
    let title = DocumentWording.singleLine(notice.title)
    lines.append(notice.number.map { "\($0)《\(title)》" } ?? "《\(title)》")
    lines.append("主送：\(notice.addressee)")
    if !subjectNames.isEmpty { lines.append("申诉事项：\(subjectNames.joined(separator: "、"))") }
    let note = event.note.map(DocumentWording.singleLine) ?? ""
    switch event.kind {
    case .reportAccepted:
      if !note.isEmpty { lines.append("审核意见：\(note)") }
      lines.append("该通知已办结。")
    case .reportReturned:
      lines.append("退回理由：\(note)")
      if let due = event.resubmitDue { lines.append("请修改后于 \(due.chinese) 前重新报送\(notice.kind.answerName)。") }
    case .appealGranted:
      lines.append("理由：\(note)")
      lines.append("所申诉事项本期的预警认定不再适用，更正或撤销通知将另行印发。")
    case .appealDenied:
      lines.append("理由：\(note)")
      if notice.kind.asksForReport {
        lines.append("原通知要求不变，请按期报送\(notice.kind.answerName)。")
      }
    }
    return lines
  }

  /// The text within `limit` UTF-8 bytes, the link kept.
  public func markdown(limit: Int) -> String {
    WebhookMessage.fit(
      (lines + ["[查看通知](\(link))"]).joined(separator: "\n"), limit: limit, tail: "\n……\n[查看通知](\(link))")
  }

  /// The generic webhook's event: its type, the notice as `notices list` prints it (with its
  /// link), and the report or appeal as decided.
  public func genericJSON(webhookID: String) -> String {
    let object = NoticeJSON.object(notice, extra: [("url", FindingsJSON.string(link))])
    let key = event.isAboutAReport ? "report" : "appeal"
    return "{\"type\": \(FindingsJSON.string(event.kind.rawValue)), \"webhook_id\": \(FindingsJSON.string(webhookID)), "
      + "\"created\": \(FindingsJSON.string(Timestamp.string(event.createdAt))), "
      + "\"notice\": \(object), \"\(key)\": \(event.payload)}"
  }

  public func request(to target: WebhookTarget, webhookID: String, at time: Date) throws -> WebhookRequest {
    try WebhookEnvelope.request(
      to: target, webhookID: webhookID, at: time, title: title, link: link, linkText: "查看通知",
      markdown: { limit in markdown(limit: limit) }, generic: { genericJSON(webhookID: webhookID) })
  }
}
