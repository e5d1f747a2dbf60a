/// The JSON of `notices list` (docs/operate.md#commands): an array sorted by id; keys may be added, never
/// renamed or removed.
public enum NoticeJSON {
  public static func list(_ notices: [NoticeRecord]) -> String {
    "[" + notices.map { object($0) }.joined(separator: ",\n ") + "]"
  }

  /// - Parameter extra: further members, each a key and its JSON text, appended in order.
  public static func object(_ notice: NoticeRecord, extra: [(String, String)] = []) -> String {
    let subjects = notice.subjects.map { subject in
      "{\"subject\": \(FindingsJSON.subject(subject.subject)), \"stage\": \(optional(subject.stage?.rawValue)), \"level\": \(optional(subject.level?.name))}"
    }.joined(separator: ", ")
    return
      "{\"id\": \(notice.id), \"kind\": \(FindingsJSON.string(notice.kind.rawValue)), \"number\": \(optional(notice.number)), "
      + "\"addressee\": \(FindingsJSON.string(notice.addressee)), \"cc\": [\(notice.copies.map(FindingsJSON.string).joined(separator: ", "))], "
      + "\"period\": \(FindingsJSON.string(notice.period.description)), \"state\": \(FindingsJSON.string(notice.state.rawValue)), "
      + "\"corrects\": \(notice.corrects.map(String.init) ?? "null"), \"subjects\": [\(subjects)], "
      + "\"title\": \(FindingsJSON.string(notice.title)), \"document_date\": \(optional(notice.documentDate?.description)), "
      + "\"report_due\": \(optional(notice.reportDue?.description))"
      + extra.map { ", \(FindingsJSON.string($0.0)): \($0.1)" }.joined() + "}"
  }

  public static func optional(_ text: String?) -> String { text.map(FindingsJSON.string) ?? "null" }
}
