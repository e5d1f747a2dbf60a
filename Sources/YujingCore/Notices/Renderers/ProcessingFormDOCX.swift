import Foundation

/// A 发文稿纸 as a Word file: the form's heading in red over a ruled table of the document's
/// particulars and the steps, on one A4 page with the documents' margins and styles, so that
/// the office prints it and files it beside the document.
public enum ProcessingFormDOCX {
  public static func render(_ form: ProcessingForm) throws -> Data {
    var body = WordBody()
    body.append(style: WordStyles.ID.formTitle, ProcessingFormHTML.heading(form))
    body.append(xml: table(form))
    body.append(ParagraphProperties(style: WordStyles.ID.spacer), runs: [])
    return try DOCXRenderer.package(
      body, title: ProcessingFormHTML.heading(form), creator: form.issuer, isDraft: false, firstPageNumbered: false
    ).zipped()
  }

  /// The label columns and the text columns, across the 版心.
  private static let widths: [Int] = {
    let label = 1600
    let text = (PageGeometry.textWidth - 2 * label) / 2
    return [label, text, label, PageGeometry.textWidth - 2 * label - text]
  }()

  static func table(_ form: ProcessingForm) -> String {
    var xml = "<w:tbl><w:tblPr>"
    xml += #"<w:tblW w:w="\#(PageGeometry.textWidth)" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>"#
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
      xml += #"<w:\#(side) w:val="single" w:sz="6" w:space="0" w:color="000000"/>"#
    }
    xml += #"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="60" w:type="dxa"/>"#
    xml += #"<w:left w:w="108" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>"#
    xml += "</w:tblCellMar></w:tblPr><w:tblGrid>"
    xml += widths.map { #"<w:gridCol w:w="\#($0)"/>"# }.joined() + "</w:tblGrid>"

    xml += row(label: "文号", [text(form.number ?? DocumentWording.numberPlaceholder)])
    if form.classification != nil || form.urgency != nil {
      xml += pair(("密级", form.classification ?? ""), ("缓急", form.urgency ?? ""))
    }
    for (role, steps) in form.rows {
      // Each step its opinion, then the signer and the date at the right; room to write in.
      var paragraphs = steps.flatMap { step in
        [
          text(step.opinion ?? ""),
          WordParagraph.xml(
            ParagraphProperties(style: WordStyles.ID.formText, alignment: .right),
            runs: [WordRun.xml(step.signer + "　　" + step.date.chinese)]),
        ]
      }
      if paragraphs.isEmpty { paragraphs = [text("")] }
      xml += row(label: role.chinese, paragraphs, minimumHeight: 1500)
    }
    xml += row(label: "标题", [text(form.title)])
    xml += row(label: "主送", [text(form.addressee ?? "")])
    xml += row(label: "抄送", [text(form.copies.isEmpty ? "" : DocumentWording.copies(form.copies))])
    if form.printer != nil || form.printDate != nil {
      xml += pair(("印发机关", form.printer ?? ""), ("印发日期", form.printDate ?? ""))
    }
    if let copies = form.printedCopies { xml += row(label: "份数", [text("\(copies)份")]) }
    return xml + "</w:tbl>"
  }

  private static func text(_ text: String) -> String {
    WordParagraph.xml(style: WordStyles.ID.formText, text)
  }

  private static func row(label: String, _ paragraphs: [String], minimumHeight: Int? = nil) -> String {
    var xml = "<w:tr><w:trPr><w:cantSplit/>"
    if let minimumHeight { xml += #"<w:trHeight w:val="\#(minimumHeight)" w:hRule="atLeast"/>"# }
    xml += "</w:trPr>" + cell(width: widths[0], [WordParagraph.xml(style: WordStyles.ID.formLabel, label)])
    return xml + cell(width: widths[1...].reduce(0, +), span: 3, paragraphs) + "</w:tr>"
  }

  private static func pair(_ first: (String, String), _ second: (String, String)) -> String {
    "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
      + cell(width: widths[0], [WordParagraph.xml(style: WordStyles.ID.formLabel, first.0)])
      + cell(width: widths[1], [text(first.1)])
      + cell(width: widths[2], [WordParagraph.xml(style: WordStyles.ID.formLabel, second.0)])
      + cell(width: widths[3], [text(second.1)]) + "</w:tr>"
  }

  private static func cell(width: Int, span: Int = 1, _ paragraphs: [String]) -> String {
    var xml = #"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/>"#
    if span > 1 { xml += #"<w:gridSpan w:val="\#(span)"/>"# }
    xml += #"<w:vAlign w:val="center"/></w:tcPr>"#
    return xml + paragraphs.joined() + "</w:tc>"
  }
}
