/// An official document as HTML: a sheet of A4 laid out after GB/T 9704-2012 that prints as
/// the document and shows on screen as a page on a desk. Every text from the model is escaped;
/// only a figure's SVG, which comes from `SVGChart`, is inserted as it is.
public enum HTMLRenderer {
  /// - Parameter standalone: a whole page with its stylesheet; otherwise only the document's
  ///   `<article>`, for a page that links `stylesheet`.
  public static func render(_ document: OfficialDocument, standalone: Bool = true) -> String {
    var html = ""
    html.reserveCapacity(
      DocumentWording.estimatedLength(document) * 2 + (standalone ? stylesheet.utf8.count + 512 : 0))
    if standalone {
      html += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      escape(DocumentWording.lines(document.title).joined(), into: &html)
      html += "</title>\n<style>\n"
      html += stylesheet
      html += "</style>\n</head>\n<body class=\"gw-page\">\n"
    }
    article(document, into: &html)
    if standalone { html += "</body>\n</html>\n" }
    return html
  }

  private static func article(_ document: OfficialDocument, into html: inout String) {
    html += document.isDraft ? "<article class=\"gw-doc gw-draft\"" : "<article class=\"gw-doc\""
    html += " lang=\"zh-CN\" aria-label=\""
    escape(DocumentWording.singleLine(document.title), into: &html)
    html += "\">\n"
    if document.isDraft { html += "<p class=\"gw-draft-mark\">\(DocumentWording.draftMark)</p>\n" }

    html += "<header class=\"gw-head\">\n<p class=\"gw-issuer\">"
    escape(document.issuerMark, into: &html, lineBreaks: true)
    html += "</p>\n<p class=\"gw-number\">"
    optional(document.number, placeholder: DocumentWording.numberPlaceholder, into: &html)
    html += "</p>\n<hr class=\"gw-rule\">\n</header>\n"

    html += "<div class=\"gw-main\">\n<h1 class=\"gw-title\">"
    escape(document.title, into: &html, lineBreaks: true)
    html += "</h1>\n"
    if let addressee = document.addressee {
      html += "<p class=\"gw-addressee\">"
      escape(DocumentWording.addressee(addressee), into: &html)
      html += "</p>\n"
    }
    for block in document.body { self.block(block, into: &html) }
    attachments(document.attachments, into: &html)

    // One block, so that a page break does not part the 附注 from the date it sits under.
    html += "<div class=\"gw-closing\">\n<div class=\"gw-sign\">\n<p class=\"gw-signature\">"
    escape(document.signature, into: &html, lineBreaks: true)
    html += "</p>\n<p class=\"gw-date\">"
    optional(document.date, placeholder: DocumentWording.datePlaceholder, into: &html)
    html += "</p>\n</div>\n"
    if let note = document.note {
      html += "<p class=\"gw-note\">"
      escape(DocumentWording.note(note), into: &html)
      html += "</p>\n"
    }
    html += "</div>\n</div>\n"

    for (index, annex) in document.annexes.enumerated() {
      html += "<section class=\"gw-annex\">\n<p class=\"gw-annex-label\">"
      html += document.annexes.count > 1 ? "附件\(index + 1)" : "附件"
      html += "</p>\n<h1 class=\"gw-annex-title\">"
      escape(annex.title, into: &html, lineBreaks: true)
      html += "</h1>\n"
      for block in annex.body { self.block(block, into: &html) }
      html += "</section>\n"
    }

    html += "<footer class=\"gw-record\">\n"
    if !document.copies.isEmpty {
      html += "<p class=\"gw-copies\"><span class=\"gw-label\">\(DocumentWording.copiesLabel)</span><span>"
      escape(DocumentWording.copies(document.copies), into: &html)
      html += "</span></p>\n"
    }
    html += "<p class=\"gw-printer\"><span>"
    escape(DocumentWording.singleLine(document.printer), into: &html)
    html += "</span><span>"
    if document.printDate == nil {
      html += "<span class=\"gw-placeholder\">\(DocumentWording.printDatePlaceholder)</span>"
    } else {
      escape(DocumentWording.printed(document), into: &html)
    }
    html += "</span></p>\n</footer>\n</article>\n"
  }

  private static func block(_ block: OfficialDocument.Block, into html: inout String) {
    switch block {
    case .paragraph(let text):
      for line in DocumentWording.lines(text) {
        html += "<p class=\"gw-para\">"
        escape(line, into: &html)
        html += "</p>\n"
      }
    case .heading(let level, let text):
      // h2…h5 under the title's h1; the class carries the 公文 level, which sets the face.
      let level = DocumentWording.headingLevel(level)
      html += "<h\(level + 1) class=\"gw-h\(level)\">"
      escape(DocumentWording.singleLine(text), into: &html)
      html += "</h\(level + 1)>\n"
    case .table(let table):
      self.table(table, into: &html)
    case .figure(let chart, let caption):
      html += "<figure class=\"gw-figure\">\n"
      html += SVGChart.svg(chart)
      html += "\n<figcaption>"
      escape(DocumentWording.singleLine(caption), into: &html)
      html += "</figcaption>\n</figure>\n"
    }
  }

  private static func table(_ table: OfficialDocument.Table, into html: inout String) {
    html += "<table class=\"gw-table\">\n"
    if let caption = table.caption {
      html += "<caption>"
      escape(caption, into: &html, lineBreaks: true)
      html += "</caption>\n"
    }
    if !table.header.isEmpty {
      html += "<thead><tr>"
      for title in table.header {
        html += "<th scope=\"col\">"
        escape(title, into: &html, lineBreaks: true)
        html += "</th>"
      }
      html += "</tr></thead>\n"
    }
    html += "<tbody>\n"
    for row in table.rows {
      html += "<tr>"
      for cell in row {
        html += cell.number == nil ? "<td" : "<td class=\"gw-num\""
        if let level = cell.level, level != .none {
          // The level's name as a tooltip and for screen readers, since colour alone says nothing
          // to them (nor to a black-and-white printer).
          html += " style=\"background-color:#\(level.colour)\" title=\"\(level.chinese)预警\""
        }
        html += ">"
        escape(cell.text, into: &html, lineBreaks: true)
        html += "</td>"
      }
      html += "</tr>\n"
    }
    html += "</tbody>\n</table>\n"
  }

  /// 附件说明: "附件：" and the names under one another, numbered when there are several.
  private static func attachments(_ attachments: [String], into html: inout String) {
    guard !attachments.isEmpty else { return }
    html += "<div class=\"gw-attachments\"><span class=\"gw-label\">\(DocumentWording.attachmentLabel)</span><div>"
    for line in DocumentWording.attachmentLines(attachments) {
      html += "<p>"
      escape(line, into: &html)
      html += "</p>"
    }
    html += "</div></div>\n"
  }

  private static func optional(_ text: String?, placeholder: String, into html: inout String) {
    if let text {
      escape(DocumentWording.singleLine(text), into: &html)
    } else {
      html += "<span class=\"gw-placeholder\">\(placeholder)</span>"
    }
  }

  /// Appends `text` escaped for element content and quoted attribute values alike (`HTMLText`).
  /// - Parameter lineBreaks: line breaks become `<br>` (a title or mark set in several lines).
  static func escape(_ text: some StringProtocol, into html: inout String, lineBreaks: Bool = false) {
    HTMLText.escape(Substring(text), into: &html, lineBreaks: lineBreaks)
  }
}

extension HTMLRenderer {
  /// The stylesheet of `render`'s HTML, for a page that embeds the `<article>`. Scoped to the
  /// `gw-` classes (公文) so that it leaves the rest of the page alone; `gw-page` on `<body>` gives
  /// the grey desk. The line pitch is the 版心's 225 mm over 22 lines and the letter spacing fits
  /// 28 characters of 16 pt in its 156 mm.
  public static let stylesheet = """
    @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
    @page :right { @bottom-right { content: "— " counter(page) " —"; margin-right: 1em; } }
    @page :left { @bottom-left { content: "— " counter(page) " —"; margin-left: 1em; } }
    @page { @bottom-right { font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 14pt; vertical-align: top; padding-top: 7mm; } @bottom-left { font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 14pt; vertical-align: top; padding-top: 7mm; } }
    .gw-page { margin: 0; padding: 1px 0; background: #e4e4e4; }
    .gw-doc {
      --gw-line: calc(225mm / 22);
      position: relative; display: flex; flex-direction: column; box-sizing: border-box;
      width: 210mm; min-height: 297mm; margin: 10mm auto; padding: 37mm 26mm 35mm 28mm;
      background: #fff; color: #000; box-shadow: 0 0.5mm 1.5mm rgba(0, 0, 0, 0.2), 0 2mm 8mm rgba(0, 0, 0, 0.15);
      font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
      font-size: 16pt; line-height: var(--gw-line); letter-spacing: calc(156mm / 28 - 16pt);
      text-align: justify; overflow-wrap: anywhere;
      -webkit-print-color-adjust: exact; print-color-adjust: exact;
    }
    .gw-doc :where(p, h1, h2, h3, h4, h5, figure, hr) { margin: 0; }
    .gw-doc :where(h1, h2, h3, h4, h5) { font-size: 16pt; font-weight: normal; text-align: left; }
    .gw-head { padding-top: 35mm; }
    .gw-issuer {
      color: #ff0000; text-align: center; font-size: 30pt; line-height: 31pt; letter-spacing: 0.1em;
      font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", serif;
    }
    .gw-doc .gw-number { margin-top: calc(var(--gw-line) * 2); text-align: center; }
    .gw-doc .gw-rule { height: 0; border: 0; border-top: 0.5mm solid #ff0000; margin-top: 4mm; }
    .gw-doc .gw-title {
      margin: calc(var(--gw-line) * 2) 0 var(--gw-line); text-align: center; font-size: 22pt; line-height: 35pt;
      letter-spacing: 0;
      font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", serif;
    }
    .gw-main { padding-bottom: var(--gw-line); }
    .gw-para, .gw-doc .gw-h1, .gw-doc .gw-h2, .gw-doc .gw-h3, .gw-doc .gw-h4, .gw-note { text-indent: 2em; }
    .gw-doc .gw-h1 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
    .gw-doc .gw-h2 { font-family: "KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "STKaiti", serif; }
    .gw-doc .gw-h3 { font-weight: bold; }
    .gw-attachments { display: flex; margin-top: var(--gw-line); padding-left: 2em; text-align: left; }
    .gw-label { flex: none; }
    .gw-closing { break-inside: avoid; break-before: avoid; }
    .gw-annex { break-before: page; margin-bottom: var(--gw-line); }
    .gw-doc .gw-annex-label { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
    .gw-doc .gw-annex-title {
      margin: var(--gw-line) 0; text-align: center; font-size: 22pt; line-height: 35pt; letter-spacing: 0;
      font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", serif;
    }
    .gw-sign { display: table; margin: calc(var(--gw-line) * 2) 4em 0 auto; text-align: center; }
    .gw-doc .gw-date { white-space: nowrap; }
    .gw-placeholder { background: #fff0a0; }
    .gw-table {
      width: 100%; margin: calc(var(--gw-line) / 2) 0; border-collapse: collapse;
      font-size: 10.5pt; line-height: 1.4; letter-spacing: normal; text-align: left;
    }
    .gw-table caption { padding-bottom: 1.5mm; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 14pt; }
    .gw-table th, .gw-table td { border: 0.5pt solid #000; padding: 0.6mm 1.2mm; }
    .gw-table th { text-align: center; font-weight: normal; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
    .gw-table .gw-num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    .gw-table thead { display: table-header-group; }
    .gw-table tr, .gw-figure { break-inside: avoid; }
    .gw-figure { margin: calc(var(--gw-line) / 2) 0; text-align: center; letter-spacing: normal; }
    .gw-figure svg { display: block; width: 100%; height: auto; }
    .gw-figure figcaption { font-size: 14pt; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
    .gw-record {
      margin-top: auto; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000;
      font-size: 14pt; letter-spacing: 0; text-align: left; break-inside: avoid;
    }
    .gw-record p { display: flex; padding: 0 1em; }
    .gw-doc .gw-copies { border-bottom: 0.25mm solid #000; }
    .gw-doc .gw-printer { justify-content: space-between; gap: 2em; }
    .gw-draft-mark {
      position: absolute; top: 16mm; right: 26mm; padding: 0 2mm; border: 0.4mm solid #c00000; color: #c00000;
      font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 12pt; line-height: 1.6; letter-spacing: 0.1em;
    }
    .gw-draft::after {
      content: "草稿"; position: absolute; top: 148mm; left: 50%; transform: translate(-50%, -50%) rotate(-30deg);
      color: rgba(255, 0, 0, 0.08); font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 120pt;
      letter-spacing: 0.5em; white-space: nowrap; pointer-events: none;
    }
    @media print {
      .gw-page { padding: 0; background: none; }
      .gw-doc { width: auto; min-height: 224mm; margin: 0; padding: 0; box-shadow: none; }
      .gw-draft-mark { position: static; align-self: flex-end; margin-bottom: 4mm; }
      .gw-draft::after { position: fixed; top: 50%; }
    }

    """
}
