/// The 整改 reports and the appeals as JSON, the same for `yujing reports|appeals list --format
/// json`, the API and the webhook events: keys are added, never renamed or removed.
public enum DecisionJSON {
  public static func report(_ report: StoredReport) -> String {
    object([
      ("id", String(report.id)), ("notice", String(report.noticeID)), ("number", string(report.noticeNumber)),
      ("kind", string(report.noticeKind.rawValue)), ("addressee", string(report.addressee)),
      ("submitted", string(report.submittedDay.description)), ("on_time", String(report.onTime)),
      ("state", string(report.state.rawValue)), ("decided_by", string(report.decidedBy)),
      ("note", string(report.note)), ("resubmit_due", string(report.resubmitDue?.description)),
      ("file", string(report.fileName)),
    ])
  }

  public static func appeal(_ appeal: StoredAppeal) -> String {
    object([
      ("id", String(appeal.id)), ("notice", String(appeal.noticeID)), ("number", string(appeal.noticeNumber)),
      ("period", string(appeal.period.description)), ("addressee", string(appeal.addressee)),
      ("subjects", "[" + appeal.subjects.map { string($0.notation) }.joined(separator: ", ") + "]"),
      ("reason", string(appeal.reason)), ("filed", string(appeal.filedDay.description)),
      ("state", string(appeal.state.rawValue)), ("decided_by", string(appeal.decidedBy)),
      ("decision_reason", string(appeal.decisionReason)), ("file", string(appeal.fileName)),
    ])
  }

  public static func list<Item>(_ items: [Item], _ one: (Item) -> String) -> String {
    "[" + items.map(one).joined(separator: ",\n ") + "]"
  }

  static func string(_ text: String?) -> String { text.map(FindingsJSON.string) ?? "null" }

  static func object(_ fields: [(String, String)]) -> String {
    "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
  }
}
