/// The 版记 at the foot of the last page (§7.4: its last rule lies on the 版心's lower edge), as
/// Word, WPS and LibreOffice all lay it out: a text box holding the 版记's table, anchored to the
/// document's last paragraph and aligned to the bottom of the page's text area, with text kept
/// above and below it (never beside).
///
/// The anchor paragraph comes right after the closing (or the last annex) and the paragraphs
/// before it are kept with it, so the box lands on the page of the body's last lines. Where those
/// lines would run into the box, the reader moves them, the anchor and so the box to a new page
/// together: the last page always holds body text above the 版记, and nothing below it.
///
/// Printed on both sides, the 版记 goes on the back of the last sheet: the body's section ends
/// after the closing, and the 版记's starts on the next even page, without a page number.
enum WordImprint {
  static func append(_ document: OfficialDocument, to body: inout WordBody) {
    // A letter without 抄送 has no 版记 (§10.1: it has neither the 印发 line nor the rules).
    if document.format == .letter && document.copies.isEmpty { return }
    if document.doubleSided {
      let section = DOCXRenderer.sectionXML(document.format == .letter ? .firstUnnumbered : .numbered)
      body.append(xml: #"<w:p><w:pPr><w:pStyle w:val="\#(WordStyles.ID.spacer)"/>\#(section)</w:pPr></w:p>"#)
      body.imprintSection = true
    }
    let id = body.nextDrawingID()
    // A text box must end with a paragraph: a tiny one, so that the last line stays on the edge.
    let box = WordTextBox(
      width: PageGeometry.textWidth, height: height(document),
      vertical: document.doubleSided ? .atFootOfPage : .atFootOfTextArea,
      content: WordTable.imprint(document)
        + WordParagraph.xml(ParagraphProperties(style: WordStyles.ID.spacer), runs: []))
    body.append(ParagraphProperties(style: WordStyles.ID.spacer), runs: [box.run(id: id, name: "版记")])
  }

  /// The box's height in twips: the 版记's lines on the body's line pitch, and the rules; each
  /// rule and the spacer take a point or so, forty twips spare.
  static func height(_ document: OfficialDocument) -> Int {
    DocumentWording.imprintLines(document) * PageGeometry.line + 3 * 20 + 20 + 40
  }
}
