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
    html += "<article class=\"gw-doc"
    if document.isDraft { html += " gw-draft" }
    if document.format == .letter { html += " gw-letter" }
    if document.doubleSided { html += " gw-double-sided" }
    html += "\""
    let hasImprint = document.format != .letter || !document.copies.isEmpty
    html += " lang=\"zh-CN\" aria-label=\""
    escape(DocumentWording.singleLine(document.title), into: &html)
    html += "\""
    // How many lines the 版记 takes, for the print to keep room for it.
    if hasImprint { html += " style=\"--gw-record-lines: \(DocumentWording.imprintLines(document))\"" }
    html += ">\n"
    if document.isDraft { html += "<p class=\"gw-draft-mark\">\(DocumentWording.draftMark)</p>\n" }

    html += "<header class=\"gw-head\">\n<p class=\"gw-issuer\">"
    escape(document.issuerMark, into: &html, lineBreaks: true)
    // A letter's 文号 comes under its rule, a document's over it.
    let rule = "<hr class=\"gw-rule\">\n"
    html += document.format == .letter ? "</p>\n\(rule)<p class=\"gw-number\">" : "</p>\n<p class=\"gw-number\">"
    optional(document.number, placeholder: DocumentWording.numberPlaceholder, into: &html)
    html += document.format == .letter ? "</p>\n</header>\n" : "</p>\n\(rule)</header>\n"

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
    // The room the 版记 takes at the foot of the last page, kept with what comes before it.
    let room = "<div class=\"gw-record-room\"></div>\n"
    let keepsRoom = hasImprint
    if keepsRoom && document.annexes.isEmpty { html += room }
    html += "</div>\n</div>\n"

    for (index, annex) in document.annexes.enumerated() {
      html += "<section class=\"gw-annex\">\n<p class=\"gw-annex-label\">"
      html += document.annexes.count > 1 ? "附件\(index + 1)" : "附件"
      html += "</p>\n<h1 class=\"gw-annex-title\">"
      escape(annex.title, into: &html, lineBreaks: true)
      html += "</h1>\n"
      // The last annex's last block keeps the room for the 版记 with it.
      let last = index == document.annexes.count - 1 && keepsRoom ? annex.body.last : nil
      for block in last == nil ? annex.body[...] : annex.body.dropLast() { self.block(block, into: &html) }
      if let last {
        html += "<div class=\"gw-end\">\n"
        self.block(last, into: &html)
        html += "<div class=\"gw-record-room\"></div>\n</div>\n"
      }
      html += "</section>\n"
    }

    // A letter's 版记 is its 抄送 alone; without 抄送 it has none (§10.1).
    guard hasImprint else {
      html += "</article>\n"
      return
    }
    html += "<footer class=\"gw-record\">\n"
    if !document.copies.isEmpty {
      html += "<p class=\"gw-copies\"><span class=\"gw-label\">\(DocumentWording.copiesLabel)</span><span>"
      escape(DocumentWording.copies(document.copies), into: &html)
      html += "</span></p>\n"
    }
    if document.format == .letter {
      html += "</footer>\n</article>\n"
      return
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
    .gw-annex { break-before: page; }
    .gw-annex:not(:has(.gw-end)) { margin-bottom: var(--gw-line); }
    .gw-end { break-inside: avoid; }
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
    .gw-letter { page: gw-letter; }
    @page gw-letter:first {
      margin-top: 30mm;
      @bottom-left { content: none; }
      @bottom-right { content: none; }
      @bottom-center { content: ""; margin: 15mm 0 auto; height: 0.3mm; border-top: 0.25mm solid #ff0000; border-bottom: 0.6mm solid #ff0000; }
    }
    /* The mark 30 mm from the page's top, 7 mm over the 版心: the first page's top margin is
       30 mm, and the 文号's line starts 11.2 mm under the 版心's top. The rules are 170 mm long,
       7 mm past the 版心 on each side: drawn by shadows, which a browser does not count as
       content wider than the page (it would shrink the page to fit). */
    .gw-letter { --gw-first-page-extra: 7mm; }
    .gw-letter .gw-head { margin-top: -7mm; padding-top: 0; }
    .gw-doc.gw-letter .gw-rule { margin-top: 4mm; height: 0.6mm; border: 0; background: #ff0000; overflow: visible; position: relative; }
    .gw-doc.gw-letter .gw-rule, .gw-letter .gw-rule::after { box-shadow: -7mm 0 0 #ff0000, 7mm 0 0 #ff0000; }
    .gw-doc.gw-letter .gw-number { margin-top: calc(18.2mm - 31pt - 4mm - 0.6mm); text-align: right; }
    .gw-letter .gw-rule::after {
      content: ""; position: absolute; left: 0; right: 0; top: 0.9mm; height: 0.25mm; background: #ff0000;
    }
    .gw-letter::before {
      content: ""; position: absolute; top: 277mm; left: 21mm; right: 19mm; height: 0.3mm;
      border-top: 0.25mm solid #ff0000; border-bottom: 0.6mm solid #ff0000;
    }
    .gw-letter .gw-record { border: 0; }
    .gw-doc.gw-letter .gw-copies { border-bottom: 0; }
    .gw-draft-mark {
      position: absolute; top: 16mm; right: 26mm; padding: 0 2mm; border: 0.4mm solid #c00000; color: #c00000;
      font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 12pt; line-height: 1.6; letter-spacing: 0.1em;
    }
    .gw-draft::after {
      content: "草稿"; position: absolute; top: 148mm; left: 50%; transform: translate(-50%, -50%) rotate(-30deg);
      color: rgba(255, 0, 0, 0.08); font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 120pt;
      letter-spacing: 0.5em; white-space: nowrap; pointer-events: none;
    }
    .gw-record-room { display: none; }

    @media print {
      /* The 版记 at the foot of the last page however many pages come before: its box ends where
         the page on which the room kept for it ends (the document's height counted in whole
         版心s of 225 mm from its top, a letter's first page 7 mm more), its lines at the box's foot. A browser without anchor
         positioning sets it after the closing. */
      @supports (top: round(up, anchor(--gw-end bottom), 225mm)) {
        .gw-doc { --gw-record-height: calc(var(--gw-line) * var(--gw-record-lines) + 1.2mm); }
        .gw-record-room {
          display: block; height: var(--gw-record-height); break-inside: avoid; break-before: avoid;
          anchor-name: --gw-end;
        }
        .gw-doc .gw-record {
          position: absolute; left: 0; right: 0; box-sizing: border-box; height: var(--gw-record-height);
          top: calc(
            round(up, anchor(--gw-end bottom) - var(--gw-first-page-extra, 0mm), 225mm)
            + var(--gw-first-page-extra, 0mm) - var(--gw-record-height));
          display: flex; flex-direction: column; justify-content: flex-end;
        }
        /* Printed on both sides, at the foot of the next even page after the body's last, a page
           of its own, as the DOCX has it. */
        .gw-double-sided .gw-record-room { height: 0; }
        .gw-doc.gw-double-sided .gw-record {
          top: calc(
            round(up, round(up, anchor(--gw-end bottom) - var(--gw-first-page-extra, 0mm), 225mm) + 1mm, 450mm)
            + var(--gw-first-page-extra, 0mm) - var(--gw-record-height));
        }
      }
      .gw-page { padding: 0; background: none; }
      .gw-doc { width: auto; min-height: 224mm; margin: 0; padding: 0; box-shadow: none; }
      .gw-draft-mark { position: static; align-self: flex-end; margin-bottom: 4mm; }
      .gw-draft::after { position: fixed; top: 50%; }
      .gw-letter::before { content: none; }
      .gw-letter .gw-head { margin-top: 0; }

    }

    """
}
