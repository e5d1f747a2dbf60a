/// A text box anchored to a paragraph (DrawingML's `wp:anchor` holding a Word 2010 `wps` shape):
/// what puts a piece of the document at a place fixed on the page rather than in the text's
/// flow, in a form Word, WPS and LibreOffice all lay out alike.
struct WordTextBox {
  enum Vertical {
    /// Aligned to the bottom of the page's text area, the text kept above and below it.
    case atFootOfTextArea
    /// At a distance from the page's top edge, over the text's flow (which leaves room for it).
    case fromTopOfPage(twips: Int)
    /// Ending on the 版心's lower edge, placed from the page's top: for a page that holds the box
    /// alone, where LibreOffice sets a box aligned to the text area's bottom a few millimetres
    /// lower when the page starts a section.
    case atFootOfPage
  }

  var width: Int
  var height: Int
  var vertical: Vertical
  /// Paragraphs and tables; it must end with a paragraph.
  var content: String

  /// The namespaces of a text box, beside those of `WordML`.
  static let namespaces =
    #"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#

  /// The run that draws the box, centred on the 版心; `id` must be unique in the document.
  func run(id: Int, name: String) -> String {
    let (cx, cy) = (emu(width), emu(height))
    let atFoot = if case .fromTopOfPage = vertical { false } else { true }
    var box = #"<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>"#
    box += #"<a:xfrm><a:off x="0" y="0"/><a:ext cx="\#(cx)" cy="\#(cy)"/></a:xfrm>"#
    box += #"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>"#
    box += "<wps:txbx><w:txbxContent>" + content + "</w:txbxContent></wps:txbx>"
    // No insets, the box as drawn (not grown to its text); the text set at its bottom when it
    // sits at the foot, so that its last line stays on the 版心's edge.
    let anchor = atFoot ? "b" : "t"
    box += #"<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="\#(anchor)""#
    box += #" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>"#

    var drawing = #"<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0""#
    drawing += #" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="0""#
    drawing += #" allowOverlap="\#(atFoot ? 0 : 1)">"#
    drawing += #"<wp:simplePos x="0" y="0"/>"#
    drawing += #"<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>"#
    switch vertical {
    case .atFootOfTextArea:
      drawing += #"<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>"#
    case .fromTopOfPage(let twips):
      drawing += #"<wp:positionV relativeFrom="page"><wp:posOffset>\#(emu(twips))</wp:posOffset></wp:positionV>"#
    case .atFootOfPage:
      let top = PageGeometry.height - PageGeometry.bottom - height
      drawing += #"<wp:positionV relativeFrom="page"><wp:posOffset>\#(emu(top))</wp:posOffset></wp:positionV>"#
    }
    drawing += #"<wp:extent cx="\#(cx)" cy="\#(cy)"/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#
    drawing += atFoot ? "<wp:wrapTopAndBottom/>" : "<wp:wrapNone/>"
    drawing += #"<wp:docPr id="\#(id)" name="\#(XMLText.attribute(name)) \#(id)"/><wp:cNvGraphicFramePr/>"#
    drawing += #"<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">"#
    return drawing + box + "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
  }

  private func emu(_ twips: Int) -> Int { twips * 635 }
}
