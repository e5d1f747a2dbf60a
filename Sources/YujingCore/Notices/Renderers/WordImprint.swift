/// The 版记 at the foot of the last page (§7.4: its last rule lies on the 版心's lower edge), as
/// Word, WPS and LibreOffice all lay it out: a text box holding the 版记's table, anchored to the
/// document's last paragraph and aligned to the bottom of the page's text area, with text kept
/// above and below it (never beside).
///
/// The anchor paragraph comes right after the closing (or the last annex) and the paragraphs
/// before it are kept with it, so the box lands on the page of the body's last lines. Where those
/// lines would run into the box, the reader moves them, the anchor and so the box to a new page
/// together: the last page always holds body text above the 版记, and nothing below it.
enum WordImprint {
  /// The namespaces of a text box (Word 2010's `wps`), beside those of `WordML`.
  static let namespaces =
    #"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#

  static func appendAtFootOfLastPage(_ document: OfficialDocument, to body: inout WordBody) {
    let id = body.nextDrawingID()
    let width = emu(PageGeometry.textWidth)
    let height = emu(height(document))
    var box = #"<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>"#
    box += #"<a:xfrm><a:off x="0" y="0"/><a:ext cx="\#(width)" cy="\#(height)"/></a:xfrm>"#
    box += #"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>"#
    // A text box must end with a paragraph: a tiny one, so that the last rule stays on the edge.
    box += "<wps:txbx><w:txbxContent>" + WordTable.imprint(document)
    box += WordParagraph.xml(ParagraphProperties(style: WordStyles.ID.spacer), runs: []) + "</w:txbxContent></wps:txbx>"
    // No insets, the text set at the box's bottom, the box as drawn (not grown to its text).
    box += #"<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b""#
    box += #" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>"#

    var drawing = #"<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0""#
    drawing += #" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="0" allowOverlap="0">"#
    drawing += #"<wp:simplePos x="0" y="0"/>"#
    drawing += #"<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>"#
    drawing += #"<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>"#
    drawing += #"<wp:extent cx="\#(width)" cy="\#(height)"/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#
    drawing += #"<wp:wrapTopAndBottom/><wp:docPr id="\#(id)" name="版记 \#(id)"/><wp:cNvGraphicFramePr/>"#
    drawing += #"<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">"#
    drawing += box + "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    body.append(ParagraphProperties(style: WordStyles.ID.spacer), runs: [drawing])
  }

  /// The box's height in twips: the 版记's lines on the body's line pitch, and the rules. The 抄送
  /// line is counted as it wraps: 4号 characters across the 版心 less the indents.
  static func height(_ document: OfficialDocument) -> Int {
    var lines = 1
    if !document.copies.isEmpty {
      let text = DocumentWording.copiesLabel + DocumentWording.copies(document.copies)
      let perLine = Double(PageGeometry.textWidth) / Double(PageGeometry.smallCharacter)
      let first = perLine - 2
      let next = perLine - 5
      let ems = PrintedWidth.ems(text)
      lines += 1 + (ems <= first ? 0 : Int(((ems - first) / next).rounded(.up)))
    }
    // Each rule and the spacer take a point or so; forty twips spare.
    return lines * PageGeometry.line + 3 * 20 + 20 + 40
  }

  private static func emu(_ twips: Int) -> Int { twips * 635 }
}
