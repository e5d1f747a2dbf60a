/// An official document (公文) laid out after GB/T 9704-2012, independent of the format it is
/// rendered to (text, Markdown, HTML, DOCX): the 版头, the 主体 and the 版记.
public struct OfficialDocument: Sendable, Hashable {
  /// 发文机关标志, printed in red at the top: 宜春市经济运行调度办公室.
  public var issuerMark: String
  /// 发文字号: 宜经调提醒〔2020〕7号; nil for a draft (printed as a placeholder).
  public var number: String?
  /// Whether the document is a draft (not yet approved): renderers mark it so.
  public var isDraft: Bool
  public var title: String
  /// 主送机关, without the colon.
  public var addressee: String?
  public var body: [Block]
  /// 附件说明: the attachments' names, in order.
  public var attachments: [String]
  /// Attachments printed with the document (附件, each on a new page after the 成文日期 and 附注,
  /// before the 版记), in the order `attachments` names them; empty when they travel apart.
  public var annexes: [Annex]
  /// 发文机关署名.
  public var signature: String
  /// 成文日期 in full (2020年9月29日); nil for a draft.
  public var date: String?
  /// 附注, printed in brackets under the date: the 整改 deadline and the contact.
  public var note: String?
  /// 抄送.
  public var copies: [String]
  /// 印发机关 and 印发日期 (2020年9月29日印发).
  public var printer: String
  public var printDate: String?
  /// 文件格式 or 信函格式: where the 版头 sits and what the 版记 holds.
  public var format: Format
  /// Printed on both sides of the sheet, as GB/T 9704 §6 has it: the 版记 then goes on the back
  /// of the last sheet, an even page of its own (with a blank page before it when the body ends
  /// on an even page), neither numbered. Otherwise at the foot of the body's last page.
  public var doubleSided: Bool

  public init(
    issuerMark: String, number: String?, isDraft: Bool, title: String, addressee: String?, body: [Block],
    attachments: [String] = [], annexes: [Annex] = [], signature: String, date: String?, note: String? = nil,
    copies: [String] = [], printer: String, printDate: String?, format: Format = .document, doubleSided: Bool = false
  ) {
    self.issuerMark = issuerMark
    self.number = number
    self.isDraft = isDraft
    self.title = title
    self.addressee = addressee
    self.body = body
    self.attachments = attachments
    self.annexes = annexes
    self.signature = signature
    self.date = date
    self.note = note
    self.copies = copies
    self.printer = printer
    self.printDate = printDate
    self.format = format
    self.doubleSided = doubleSided
  }

  /// The layouts of GB/T 9704-2012 that yujing writes.
  public enum Format: Sendable, Hashable {
    /// 文件格式 (§7): the 发文机关标志 35 mm under the 版心's top, the 发文字号 centred two lines
    /// under it over a red rule; the 版记 with 抄送, 印发机关 and 印发日期 between rules.
    case document
    /// 信函格式 (§10.1): the 发文机关标志 30 mm from the page's top over a red double rule, the
    /// 发文字号 at the right under it, a red double rule 20 mm from the foot of the first page,
    /// no page number on the first page; the 版记 holds the 抄送 only, without rules. Its 版头
    /// takes some six lines less than the 文件格式's, so a short notice fits on one page.
    case letter
  }

  /// A piece of the body.
  public enum Block: Sendable, Hashable {
    /// A body paragraph, first line indented two characters.
    case paragraph(String)
    /// A heading of the body: level 1 一、 (黑体), level 2 （一） (楷体), level 3 1. (仿宋, bold), with
    /// its text (the numbering included, as written).
    case heading(level: Int, text: String)
    /// A table (the summary's): a header row, rows of cells.
    case table(Table)
    /// A chart, with a caption: its data, which each format draws in its own way.
    case figure(Chart, caption: String)
  }

  /// An attachment printed with the document: “附件1” at the top left of a new page, its title
  /// centred on the third line, then its body.
  public struct Annex: Sendable, Hashable {
    public var title: String
    public var body: [Block]

    public init(title: String, body: [Block]) {
      self.title = title
      self.body = body
    }
  }

  public struct Table: Sendable, Hashable {
    public var caption: String?
    public var header: [String]
    public var rows: [[Cell]]

    public init(caption: String?, header: [String], rows: [[Cell]]) {
      self.caption = caption
      self.header = header
      self.rows = rows
    }
  }

  /// A table cell: text, or a number kept as a number (for XLSX), with an optional warning level
  /// to colour it.
  public struct Cell: Sendable, Hashable {
    public var text: String
    public var number: Double?
    public var level: Level?

    public init(_ text: String, number: Double? = nil, level: Level? = nil) {
      self.text = text
      self.number = number
      self.level = level
    }
  }
}

extension Level {
  /// The colour of a warning level in documents and the UI (RGB hex, no '#').
  public var colour: String {
    switch self {
    case .none: "FFFFFF"
    case .blue: "BDD7EE"
    case .yellow: "FFF2A8"
    case .orange: "F8CBAD"
    case .red: "F4A6A6"
    }
  }
}

extension OfficialDocument {
  /// A title broken for print (GB/T 9704 §7.3.1: a title that runs over a line is broken where
  /// the sense allows, the lines balanced): before 和/及/与, after 的, or after the period it names
  /// (年, 月 or 季度 closing a date), whichever leaves the two lines closest in length, each within
  /// `width` characters of the title's size (Latin letters and digits count a little over half,
  /// as the widest stand-in fonts set them). A title within a character of the width is broken
  /// too, since a reader whose fonts run wider would leave its last character alone on a line. A
  /// title that fits, or has no such point, is left whole.
  public static func brokenTitle(_ title: String, width: Double = 20) -> String {
    guard !title.contains("\n") else { return title }
    let characters = Array(title.unicodeScalars)
    // widthBefore[i]: the width of the first i characters.
    var widthBefore: [Double] = [0]
    widthBefore.reserveCapacity(characters.count + 1)
    for character in characters { widthBefore.append(widthBefore.last! + (character.isASCII ? 0.55 : 1)) }
    let total = widthBefore.last!
    guard total > width - 1 else { return title }
    var best: (index: Int, imbalance: Double)?
    for index in 1..<characters.count {
      let before = characters[index - 1]
      let after = characters[index]
      let closesDate =
        (before == "年" || before == "月" || (before == "度" && index >= 2 && characters[index - 2] == "季"))
        && index >= 2 && (characters[index - 2].properties.numericType != nil || before == "度")
        && !after.isASCII
      guard after == "和" || after == "及" || after == "与" || before == "的" || closesDate else { continue }
      let first = widthBefore[index]
      let second = total - first
      guard first <= width, second <= width else { continue }
      if best == nil || abs(first - second) < best!.imbalance { best = (index, abs(first - second)) }
    }
    guard let best else { return title }
    var broken = String.UnicodeScalarView(characters[..<best.index])
    broken.append("\n")
    broken.append(contentsOf: characters[best.index...])
    return String(broken)
  }
}
