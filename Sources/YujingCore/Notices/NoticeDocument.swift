import Foundation

/// A stored notice as an official document (docs/documents.md#the-notices): the issuing office's red mark and the
/// number on top; the title, the addressee and the body; the signature, the 成文日期 and the notes;
/// the copies and the printing line at the foot.
public enum NoticeDocument {
  public static func make(_ notice: NoticeRecord, configuration: Configuration) -> OfficialDocument {
    let documents = configuration.documents
    // A 约谈通知书 is issued by the government's office; the rest by the dispatch office.
    let issuer = notice.kind.setsATalk ? documents.governmentOffice : documents.dispatchOffice
    let draft = [.draft, .rejected, .superseded].contains(notice.state)
    return OfficialDocument(
      issuerMark: issuer, number: notice.number, isDraft: draft, title: OfficialDocument.brokenTitle(notice.title),
      addressee: notice.addressee,
      body: blocks(notice.body, addressee: notice.addressee), signature: issuer, date: notice.documentDate?.chinese,
      note: note(notice, configuration: configuration), copies: notice.copies, printer: issuer,
      printDate: notice.documentDate?.chinese, format: format(notice.kind), doubleSided: documents.doubleSided)
  }

  /// The 信函格式 for the dispatch office's short notices to one unit, a lift and a call for late
  /// data: a few lines of body, which under the 文件格式's 版头 would push the signature onto a
  /// second page. The letters that set out a case (提醒函, 预协调函), the 约谈通知书 and the
  /// summary keep the 文件格式.
  static func format(_ kind: NoticeKind) -> OfficialDocument.Format {
    switch kind {
    case .lift, .dataOverdue: .letter
    case .reminder, .talk, .precoordination, .summary: .document
    }
  }

  /// The 附注: when the 整改 report is due and whom to contact.
  static func note(_ notice: NoticeRecord, configuration: Configuration) -> String? {
    var parts: [String] = []
    // A 预协调函 asks for the measures planned, the other letters for a 整改 report.
    let answer = notice.kind.answerName
    if let due = notice.reportDue {
      parts.append("\(answer)请于\(due.chinese)前报送\(configuration.documents.dispatchOffice)")
    } else if notice.corrects == nil && notice.kind.asksForReport {
      // A draft: the deadline is fixed at approval, counted in working days from the 成文日期 or
      // from the talk.
      let from = notice.kind.setsATalk ? "约谈之日" : "成文日期"
      parts.append("\(answer)报送期限自\(from)起按工作日计算，审核通过时确定")
    }
    if let contact = configuration.documents.contact { parts.append(contact.line) }
    return parts.isEmpty ? nil : "（\(parts.joined(separator: "；"))）"
  }

  /// The body's lines as blocks: 一、 opens a level-1 heading, （一） a level-2 one, 1. a level-3
  /// one (GB/T 9704's levels); anything else is a paragraph. A salutation line is the 主送机关's.
  public static func blocks(_ body: String, addressee: String?) -> [OfficialDocument.Block] {
    var blocks: [OfficialDocument.Block] = []
    let salutations = addressee.map { ["\($0)：", "\($0):"] } ?? []
    // Split on the bytes: a line feed never occurs inside a character of UTF-8.
    for raw in body.utf8.split(separator: UInt8(ascii: "\n")) {
      let line = trimmed(Substring(raw))
      if line.isEmpty || salutations.contains(where: { line == $0 }) { continue }
      blocks.append(block(String(line)))
    }
    return blocks
  }

  /// `text` without the spaces around it (ASCII and full-width alike, and a stray carriage
  /// return), which a template's indentation or an edited body leaves.
  static func trimmed(_ text: Substring) -> Substring {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return Substring(scalars[first...last])
  }

  static func block(_ line: String) -> OfficialDocument.Block {
    let scalars = Array(line.unicodeScalars)
    func isNumeral(_ scalar: Unicode.Scalar) -> Bool { "一二三四五六七八九十".unicodeScalars.contains(scalar) }
    // Headings are short; a long line that happens to start like one is a paragraph.
    let length = scalars.count
    var index = 0
    while index < length && isNumeral(scalars[index]) { index += 1 }
    if index > 0 && index < length && scalars[index] == "、" && length <= 40 {
      return .heading(level: 1, text: line)
    }
    if scalars.first == "（" {
      var inner = 1
      while inner < length && isNumeral(scalars[inner]) { inner += 1 }
      if inner > 1 && inner < length && scalars[inner] == "）" && length <= 60 {
        return .heading(level: 2, text: line)
      }
    }
    var digits = 0
    while digits < length && ("0"..."9").contains(scalars[digits]) { digits += 1 }
    if digits > 0 && digits < length && (scalars[digits] == "." || scalars[digits] == "．") && length <= 40 {
      return .heading(level: 3, text: line)
    }
    return .paragraph(line)
  }
}

/// A talk's time as typed (`2020-09-21 09:30`) and as the notice writes it (2020年9月21日9时30分).
public enum TalkTime {
  public static func isValid(_ text: String) -> Bool { parse(text) != nil }

  /// The day of a talk's time, or nil when the text is not a valid time.
  public static func day(_ text: String) -> Day? { parse(text)?.0 }

  public static func chinese(_ text: String) -> String {
    guard let (day, hour, minute) = parse(text) else { return text }
    return minute == 0 ? "\(day.chinese)\(hour)时" : "\(day.chinese)\(hour)时\(minute)分"
  }

  static func parse(_ text: String) -> (Day, Int, Int)? {
    let parts = text.split(separator: " ")
    guard parts.count == 2, let day = Day(parts[0]) else { return nil }
    let clock = parts[1].split(separator: ":")
    guard clock.count == 2, clock[1].count == 2, let hour = Int(clock[0]), let minute = Int(clock[1]),
      (0...23).contains(hour), (0...59).contains(minute)
    else { return nil }
    return (day, hour, minute)
  }
}
