import Foundation

/// The dispatch summary of a period (docs/documents.md#the-dispatch-summary), composed: the facts
/// gathered from the store, written out as an official document; and its issuing, which numbers it
/// like a notice.
public struct SummaryReport: Sendable {
  public let workspace: Workspace
  public let thresholds: Thresholds

  public init(workspace: Workspace, thresholds: Thresholds) {
    self.workspace = workspace
    self.thresholds = thresholds
  }

  /// The summary as it stands: with its 文号 and 成文日期 once issued, else marked as a draft.
  public func document(period: Period, asOf: Day) throws -> OfficialDocument {
    let facts = try SummaryGathering(workspace: workspace, thresholds: thresholds).facts(period: period, asOf: asOf)
    return DispatchSummary(configuration: workspace.configuration, templates: workspace.templates).document(facts)
  }

  /// Issues the period's summary: records it as a notice of kind `summary` and numbers it
  /// (宜经调通报〔2020〕9号) with the given 成文日期. A period's summary is issued once.
  public func issue(period: Period, date: Day, actor: String, at instant: Date) throws -> NoticeRecord {
    let document = try self.document(period: period, asOf: date)
    let intent = NoticeIntent(
      kind: .summary, addressee: document.addressee ?? "", copies: document.copies, period: period,
      key: NoticeKey(.summary, addressee: nil, period: period), subjects: [])
    // The record keeps the text as issued; rendering regenerates the figures with its number.
    let draft = NoticeDraft(intent: intent, title: document.title, body: TextRenderer.plainText(document), holder: nil)
    return try workspace.store.issueDocument(
      draft, documentDate: date, actor: actor, at: instant, prefixes: workspace.configuration.numbering,
      calendar: thresholds.calendar)
  }
}
