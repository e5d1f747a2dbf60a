import Foundation

/// Writes an official document as a Word file (DOCX) laid out after GB/T 9704-2012: A4, the red
/// 版头, the 主体 in 3号 仿宋 on 22 lines a page, and the 版记 — a file the office edits and prints in
/// Word or WPS. The words it adds (placeholders, labels, the draft mark) are those of
/// `DocumentWording`, as in every other format.
public enum DOCXRenderer {
  public static func render(_ document: OfficialDocument) throws -> Data {
    var body = WordBody()
    appendHead(document, to: &body)
    try appendMain(document, to: &body)
    appendClosing(document, to: &body)
    try appendAnnexes(document, to: &body)
    WordImprint.append(document, to: &body)
    return try package(
      body, title: document.title, creator: document.signature, isDraft: document.isDraft,
      firstPageNumbered: document.format != .letter
    ).zipped()
  }

  /// 版头 (§7.2): the 发文机关标志 in red, the 发文字号 two lines below it, the red rule.
  private static func appendHead(_ document: OfficialDocument, to body: inout WordBody) {
    if document.format == .letter { return WordLetterHead.append(document, to: &body) }
    body.append(
      ParagraphProperties(style: WordStyles.ID.issuerMark),
      runs: [WordRun.xml(document.issuerMark, issuerMarkProperties(document.issuerMark))])
    body.append(style: WordStyles.ID.documentNumber, DocumentWording.number(document))
  }

  /// 30 pt with a tenth of a character between letters, smaller when the name would not fit on
  /// one line (a joint office's long name).
  static func issuerMarkProperties(_ mark: String) -> RunProperties {
    let ems = max(PrintedWidth.ems(mark), 1)
    let points = Double(PageGeometry.textWidth) / 20 * 0.95
    let size = min(30, max(16, (points / (ems * 1.1) * 2).rounded(.down) / 2))
    return RunProperties(letterSpacing: Int(size * 2), size: Int(size * 2))
  }

  /// 主体 (§7.3): title, 主送机关, the body, its last lines kept with the closing that follows
  /// (the 附件说明, the 署名 and the 成文日期).
  private static func appendMain(_ document: OfficialDocument, to body: inout WordBody) throws {
    var title = ParagraphProperties(style: WordStyles.ID.title)
    if document.isDraft {
      body.append(style: WordStyles.ID.draftMark, "【\(DocumentWording.draftMark)】")
      title.before = PageGeometry.line
    }
    body.append(title, runs: [WordRun.xml(document.title)])
    if let addressee = document.addressee, !addressee.isEmpty {
      body.append(style: WordStyles.ID.addressee, DocumentWording.addressee(addressee))
    }
    try appendBlocks(document.body, keepingTheLastWithWhatFollows: true, to: &body)
  }

  /// The blocks of a body or an annex. With `keepingTheLastWithWhatFollows`, the last block stays
  /// on the page of the paragraph after it: a paragraph by its last lines (widow control keeps
  /// two), a table by its last two rows, a figure by its caption.
  private static func appendBlocks(
    _ blocks: [OfficialDocument.Block], keepingTheLastWithWhatFollows keep: Bool, to body: inout WordBody
  ) throws {
    for (index, block) in blocks.enumerated() {
      let last = keep && index == blocks.count - 1
      switch block {
      case .paragraph(let text):
        // Each line its own paragraph, indented as paragraphs are.
        let lines = DocumentWording.lines(text)
        for (position, line) in lines.enumerated() {
          let properties = ParagraphProperties(
            style: WordStyles.ID.body, keepNext: last && position == lines.count - 1)
          body.append(properties, runs: [WordRun.xml(String(line))])
        }
      case .heading(let level, let text):
        let style = WordStyles.ID.headings[DocumentWording.headingLevel(level) - 1]
        body.append(style: style, DocumentWording.singleLine(text))
      case .table(let table):
        WordTable.append(table, keepingTheEndWithWhatFollows: last, to: &body)
      case .figure(let chart, let caption):
        try WordFigure.append(chart, caption: caption, keepingWithWhatFollows: last, to: &body)
      }
    }
  }

  /// 附件说明, 署名, 成文日期 and 附注 (§7.3.4–7.3.6), each kept with the next, so that the 署名 and
  /// the 成文日期 never stand on a page without the body's last lines. Without annexes the chain
  /// runs on to the paragraph that carries the 版记, which sits at the foot of that page.
  private static func appendClosing(_ document: OfficialDocument, to body: inout WordBody) {
    appendAttachments(document.attachments, to: &body)
    let date = DocumentWording.date(document)
    // The document is sealed: the 署名 centred over the 成文日期, which stands four characters
    // from the right (§7.3.5.1); a 署名 longer than that moves both left.
    let signatureWidth = PrintedWidth.ems(document.signature)
    let dateWidth = PrintedWidth.ems(date)
    let centre = max(4 + dateWidth / 2, signatureWidth / 2)
    let note = document.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
    // The last of the closing stays with the 版记 unless annexes come between.
    let keepLast = document.annexes.isEmpty
    body.append(
      ParagraphProperties(
        style: WordStyles.ID.signature, indentation: Indentation(right: centre - signatureWidth / 2)),
      runs: [WordRun.xml(document.signature)])
    body.append(
      ParagraphProperties(
        style: WordStyles.ID.date, keepNext: note != nil || keepLast,
        indentation: Indentation(right: centre - dateWidth / 2)),
      runs: [WordRun.xml(date)])
    if let note {
      body.append(
        ParagraphProperties(style: WordStyles.ID.note, keepNext: keepLast),
        runs: [WordRun.xml(DocumentWording.note(note))])
    }
  }

  /// 附件 printed with the document (§7.3.7): each from a new page, “附件2” in 黑体 at the top left,
  /// the title centred on the third line, then its body; the last one's end is kept with the
  /// 版记.
  private static func appendAnnexes(_ document: OfficialDocument, to body: inout WordBody) throws {
    for (index, annex) in document.annexes.enumerated() {
      let label = document.annexes.count > 1 ? "附件\(index + 1)" : "附件"
      body.append(ParagraphProperties(style: WordStyles.ID.annexLabel), runs: [WordRun.xml(label)])
      body.append(ParagraphProperties(style: WordStyles.ID.annexTitle), runs: [WordRun.xml(annex.title)])
      try appendBlocks(annex.body, keepingTheLastWithWhatFollows: index == document.annexes.count - 1, to: &body)
    }
  }

  /// “附件：1.…”, one line an attachment, two characters in; a name that wraps goes on under its
  /// own first character (§7.3.4).
  private static func appendAttachments(_ attachments: [String], to body: inout WordBody) {
    let label = PrintedWidth.ems(DocumentWording.attachmentLabel)
    for (index, line) in DocumentWording.attachmentLines(attachments).enumerated() {
      let number = attachments.count > 1 ? PrintedWidth.ems("\(index + 1).") : 0
      var properties = ParagraphProperties(style: WordStyles.ID.attachment)
      properties.indentation = Indentation(left: 2 + label + number, hanging: index == 0 ? label + number : number)
      if index == 0 { properties.before = PageGeometry.line }
      properties.keepNext = true
      body.append(properties, runs: [WordRun.xml((index == 0 ? DocumentWording.attachmentLabel : "") + line)])
    }
  }

  /// The package of a document or a form: `body` on A4 pages with the standard's margins and
  /// page numbers, and the parts it refers to.
  static func package(
    _ body: WordBody, title: String, creator: String, isDraft: Bool, firstPageNumbered: Bool
  ) throws -> OOXMLPackage {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    let types = Relationships.officeDocument
    var package = OOXMLPackage()
    package.add(
      "_rels/.rels", "application/vnd.openxmlformats-package.relationships+xml",
      xml: Relationships.xml([
        ("rId1", "\(types)/officeDocument", "word/document.xml"),
        ("rId2", Relationships.corePropertiesType, "docProps/core.xml"),
        ("rId3", Relationships.extendedPropertiesType, "docProps/app.xml"),
      ]))
    package.add(
      "word/document.xml", "\(main).document.main+xml", xml: documentXML(body, firstPageNumbered: firstPageNumbered))
    var relationships = [
      ("rIdStyles", "\(types)/styles", "styles.xml"),
      ("rIdSettings", "\(types)/settings", "settings.xml"),
      ("rIdFonts", "\(types)/fontTable", "fontTable.xml"),
      ("rIdFooterOdd", "\(types)/footer", "footer1.xml"),
      ("rIdFooterEven", "\(types)/footer", "footer2.xml"),
      ("rIdFooterBlank", "\(types)/footer", "footer3.xml"),
      ("rIdTheme", OfficeTheme.relationshipType, "theme/theme1.xml"),
    ]
    relationships += body.charts.map { ($0.relationshipID, WordChart.relationshipType, $0.path) }
    package.add(
      "word/_rels/document.xml.rels", "application/vnd.openxmlformats-package.relationships+xml",
      xml: Relationships.xml(relationships))
    package.add("word/styles.xml", "\(main).styles+xml", xml: WordStyles.xml)
    package.add("word/settings.xml", "\(main).settings+xml", xml: WordSettings.settingsXML)
    package.add("word/fontTable.xml", "\(main).fontTable+xml", xml: WordSettings.fontTableXML)
    package.add(
      "word/theme/theme1.xml", OfficeTheme.contentType, xml: OfficeTheme.xml(headings: "黑体", body: "仿宋_GB2312"))
    package.add("word/footer1.xml", "\(main).footer+xml", xml: WordSettings.footerXML(oddPage: true))
    package.add("word/footer2.xml", "\(main).footer+xml", xml: WordSettings.footerXML(oddPage: false))
    package.add("word/footer3.xml", "\(main).footer+xml", xml: WordSettings.blankFooterXML)
    for chart in body.charts {
      package.add("word/\(chart.path)", WordChart.contentType, xml: chart.xml)
      // The chart part's own relationships name the workbook relative to its folder.
      package.add(
        "word/\(chart.relationshipsPath)", "application/vnd.openxmlformats-package.relationships+xml",
        xml: Relationships.xml([
          (WordChart.workbookRelationship, ChartWorkbook.relationshipType, "../\(chart.workbookPath)")
        ]))
      package.add("word/\(chart.workbookPath)", ChartWorkbook.contentType, bytes: chart.workbook)
    }
    package.add(
      "docProps/core.xml", DocumentProperties.coreContentType,
      xml: DocumentProperties.coreXML(title: title, creator: creator, status: isDraft ? "草稿" : nil))
    package.add(
      "docProps/app.xml", DocumentProperties.appContentType, xml: DocumentProperties.appXML(application: "yujing"))
    return package
  }

  /// The body and the section it closes; a document printed on both sides has put its 版记 in a
  /// section of its own (`appendImprintSection`).
  private static func documentXML(_ body: WordBody, firstPageNumbered: Bool) -> String {
    let root = "<w:document \(WordML.namespaces) \(WordTextBox.namespaces)>"
    let last =
      body.imprintSection ? sectionXML(.imprintPage) : sectionXML(firstPageNumbered ? .numbered : .firstUnnumbered)
    return XMLText.declaration + root + "<w:body>" + body.xml + last + "</w:body></w:document>"
  }

  enum Section {
    /// Every page numbered, odd at the right, even at the left.
    case numbered
    /// The first page without a number: a letter's (§10.1), a form's.
    case firstUnnumbered
    /// The 版记's page on the back of the last sheet: it starts on an even page (the reader
    /// leaves a page blank before it when the body ends on an even one) and has no number (§7.5).
    case imprintPage
  }

  static func sectionXML(_ section: Section) -> String {
    let page = PageGeometry.self
    var xml = "<w:sectPr>"
    switch section {
    case .numbered, .firstUnnumbered:
      xml += #"<w:footerReference w:type="default" r:id="rIdFooterOdd"/>"#
      xml += #"<w:footerReference w:type="even" r:id="rIdFooterEven"/>"#
      if section == .firstUnnumbered { xml += #"<w:footerReference w:type="first" r:id="rIdFooterBlank"/>"# }
    case .imprintPage:
      xml += #"<w:footerReference w:type="default" r:id="rIdFooterBlank"/>"#
      xml += #"<w:footerReference w:type="even" r:id="rIdFooterBlank"/>"#
      xml += #"<w:type w:val="evenPage"/>"#
    }
    xml += #"<w:pgSz w:w="\#(page.width)" w:h="\#(page.height)"/>"#
    xml += #"<w:pgMar w:top="\#(page.top)" w:right="\#(page.right)" w:bottom="\#(page.bottom)" w:left="\#(page.left)""#
    xml += #" w:header="\#(page.header)" w:footer="\#(page.footer)" w:gutter="0"/><w:cols w:space="425"/>"#
    if section == .firstUnnumbered { xml += "<w:titlePg/>" }
    return xml + #"<w:docGrid w:type="lines" w:linePitch="\#(page.line)"/></w:sectPr>"#
  }
}

extension String {
  fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
