/// A figure in a DOCX: the chart as a native DrawingML chart (`WordChart`), inline in a centred
/// paragraph of its own, the caption centred under it. Word 2016+ alone showed the SVG picture
/// this replaced; LibreOffice and WPS showed a grey box.
enum WordFigure {
  /// 15 × 6 cm in EMU (360000 a centimetre), within the 版心's 156 mm: three charts with their
  /// captions to a page.
  static let width = 5_400_000
  static let height = 2_160_000

  /// With `keep`, the caption stays on the page of the paragraph after it.
  static func append(
    _ chart: Chart, caption: String, keepingWithWhatFollows keep: Bool = false, to body: inout WordBody
  ) throws {
    let layout = ChartLayout(chart)
    let relationship = body.addChart(xml: WordChart.xml(chart), workbook: try ChartWorkbook.data(layout))
    let id = body.nextDrawingID()
    let description = XMLText.attribute(DocumentWording.singleLine(caption))
    var drawing = #"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#
    drawing += #"<wp:extent cx="\#(width)" cy="\#(height)"/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#
    drawing += #"<wp:docPr id="\#(id)" name="图表 \#(id)" descr="\#(description)"/><wp:cNvGraphicFramePr/>"#
    drawing += #"<a:graphic><a:graphicData uri="\#(WordChart.namespace)">"#
    drawing += #"<c:chart xmlns:c="\#(WordChart.namespace)" r:id="\#(relationship)"/>"#
    drawing += "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    body.append(ParagraphProperties(style: WordStyles.ID.figure), runs: [drawing])
    body.append(
      ParagraphProperties(style: WordStyles.ID.figureCaption, keepNext: keep),
      runs: [WordRun.xml(DocumentWording.singleLine(caption))])
  }
}
