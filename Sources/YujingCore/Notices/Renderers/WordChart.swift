/// The chart part of a DOCX (`word/charts/chartN.xml`, a DrawingML `c:chartSpace`, ECMA-376 part 1
/// §21.2): Word, WPS and LibreOffice draw it themselves from the values cached in it, so no reader
/// has to open the workbook beside it (`ChartWorkbook`), which is there for 编辑数据.
///
/// Bars are a bar chart; marks, lines and references a line chart on the same axes, marks being a
/// line without its line, only a dash at each point. The elements are written in the order the
/// schema's sequences require: Word refuses a chart with an element out of place.
enum WordChart {
  static let contentType = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
  static let relationshipType = "\(Relationships.officeDocument)/chart"
  static let namespace = "http://schemas.openxmlformats.org/drawingml/2006/chart"
  /// The relationship from the chart part to its workbook.
  static let workbookRelationship = "rIdWorkbook"

  /// Axis ids only tie the chart groups to their axes, within the part.
  private static let categoryAxis = 500_001
  private static let valueAxis = 500_002

  /// The same faces as the document's headings and 版记: a 仿宋 of 9 pt is too thin to read.
  static let titleFonts = WordFonts.heiTi
  static let labelFonts = WordFonts(eastAsia: WordFonts.songTi.eastAsia, latin: "Times New Roman")

  static func xml(_ chart: Chart) -> String {
    let layout = ChartLayout(chart)
    var xml = XMLText.declaration
    xml += #"<c:chartSpace xmlns:c="\#(namespace)" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#
    xml += #" xmlns:r="\#(Relationships.officeDocument)">"#
    // Without roundedCorners Word draws the chart's frame with round corners.
    xml += #"<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>"#
    let title = DocumentWording.singleLine(chart.title)
    if title.isEmpty {
      // Otherwise Word titles a chart of one series with the series' name.
      xml += #"<c:autoTitleDeleted val="1"/>"#
    } else {
      xml += "<c:title>" + richText(title, size: 1200, bold: true, fonts: titleFonts) + #"<c:overlay val="0"/>"#
      xml += #"</c:title><c:autoTitleDeleted val="0"/>"#
    }
    xml += "<c:plotArea><c:layout/>"
    let bars = layout.series.filter { $0.series.style == .bars }
    let lines = layout.series.filter { $0.series.style != .bars }
    if !bars.isEmpty || lines.isEmpty {
      xml += #"<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>"#
      xml += bars.map { seriesXML($0, layout) }.joined()
      xml += #"<c:gapWidth val="100"/>"# + axisIDs + "</c:barChart>"
    }
    if !lines.isEmpty {
      xml += #"<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>"#
      xml += lines.map { seriesXML($0, layout) }.joined()
      xml += #"<c:marker val="1"/>"# + axisIDs + "</c:lineChart>"
    }
    xml += categoryAxisXML + valueAxisXML(layout)
    xml += "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>"
    xml += #"<c:legend><c:legendPos val="t"/><c:overlay val="0"/></c:legend>"#
    // A missing value leaves a gap in the line rather than a fall to zero.
    xml += #"<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>"#
    xml += #"<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>"#
    xml += "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
    xml += runProperties("defRPr", size: 900, bold: false, colour: "333333", fonts: labelFonts)
    xml += #"</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>"#
    xml += #"<c:externalData r:id="\#(workbookRelationship)"><c:autoUpdate val="0"/></c:externalData>"#
    return xml + "</c:chartSpace>"
  }

  private static var axisIDs: String { #"<c:axId val="\#(categoryAxis)"/><c:axId val="\#(valueAxis)"/>"# }

  private static func seriesXML(_ placed: ChartLayout.Placed, _ layout: ChartLayout) -> String {
    let series = placed.series
    let colour = XMLText.attribute(series.colour)
    var xml = #"<c:ser><c:idx val="\#(placed.index)"/><c:order val="\#(placed.index)"/>"#
    xml += "<c:tx><c:strRef><c:f>\(layout.nameReference(placed))</c:f>"
    xml += #"<c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>\#(XMLText.text(series.name))</c:v></c:pt>"#
    xml += "</c:strCache></c:strRef></c:tx>"
    let fill = #"<a:solidFill><a:srgbClr val="\#(colour)"/></a:solidFill>"#
    switch series.style {
    case .bars:
      xml += "<c:spPr>\(fill)</c:spPr>" + #"<c:invertIfNegative val="0"/>"#
      xml += valueLabels(position: "outEnd")
    case .marks:
      xml += "<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>"
      xml += #"<c:marker><c:symbol val="dash"/><c:size val="20"/><c:spPr>\#(fill)<a:ln><a:noFill/></a:ln>"#
      xml += "</c:spPr></c:marker>"
    case .line:
      xml += #"<c:spPr><a:ln w="28575" cap="rnd">\#(fill)<a:round/></a:ln></c:spPr>"#
      xml += #"<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr>\#(fill)<a:ln>\#(fill)</a:ln>"#
      xml += "</c:spPr></c:marker>" + valueLabels(position: "t")
    case .reference:
      xml += #"<c:spPr><a:ln w="19050">\#(fill)<a:prstDash val="dash"/></a:ln></c:spPr>"#
      xml += #"<c:marker><c:symbol val="none"/></c:marker>"#
      xml += referenceLabel(placed, layout, colour: colour)
    }
    xml += "<c:cat>" + layout.categoriesXML + "</c:cat><c:val>" + layout.valuesXML(placed) + "</c:val>"
    if series.style != .bars { xml += #"<c:smooth val="0"/>"# }
    return xml + "</c:ser>"
  }

  /// Every point labelled with its value to one decimal, as the SVG labels it.
  private static func valueLabels(position: String) -> String {
    #"<c:dLbls><c:numFmt formatCode="0.0" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"#
      + #"<c:dLblPos val="\#(position)"/>"# + labelContent(value: true, seriesName: false)
      + "</c:dLbls>"
  }

  /// A reference is labelled once, with its name and value, at its last point: one label says what
  /// the dashed line is without repeating it at every period. It goes below the line when the line
  /// ends above it, whose own label stands over its point.
  private static func referenceLabel(_ placed: ChartLayout.Placed, _ layout: ChartLayout, colour: String) -> String {
    guard let last = layout.lastPresent(placed), let level = layout.value(placed, at: last) else { return "" }
    let line = layout.series.first { $0.series.style == .line }
    let lineAbove = line.flatMap { layout.value($0, at: last) }.map { $0 >= level } ?? false
    var xml = #"<c:dLbls><c:dLbl><c:idx val="\#(last)"/><c:numFmt formatCode="0.0" sourceLinked="0"/>"#
    xml += "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
    xml += runProperties("defRPr", size: 900, bold: false, colour: colour, fonts: labelFonts)
    xml += #"</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr><c:dLblPos val="\#(lineAbove ? "b" : "t")"/>"#
    xml += labelContent(value: true, seriesName: true) + "<c:separator> </c:separator></c:dLbl>"
    return xml + labelContent(value: false, seriesName: false) + "</c:dLbls>"
  }

  private static func labelContent(value: Bool, seriesName: Bool) -> String {
    #"<c:showLegendKey val="0"/><c:showVal val="\#(value ? 1 : 0)"/><c:showCatName val="0"/>"#
      + #"<c:showSerName val="\#(seriesName ? 1 : 0)"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>"#
  }

  /// Category names under the plot even where values go below zero, so that no bar covers them;
  /// level and wrapped (rot 0), where a reader left to itself slants the long names of the 开发区
  /// and gives them half the chart's height.
  private static var categoryAxisXML: String {
    #"<c:catAx><c:axId val="\#(categoryAxis)"/><c:scaling><c:orientation val="minMax"/></c:scaling>"#
      + #"<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/>"#
      + #"<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>"#
      + #"<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="333333"/></a:solidFill></a:ln></c:spPr>"#
      + #"<c:txPr><a:bodyPr rot="0" vert="horz"/><a:lstStyle/><a:p><a:pPr>"#
      + runProperties("defRPr", size: 800, bold: false, colour: "333333", fonts: labelFonts)
      + #"</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>"#
      + #"<c:crossAx val="\#(valueAxis)"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>"#
      + #"<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>"#
  }

  /// The unit, as in the SVG, stands by the value axis: its characters one under another, upright,
  /// as Chinese charts write it. Bars stand on zero, as in the SVG: left to itself a reader starts
  /// the axis near the smallest bar when the bars are close, and a growth of 8.2 looks half of 9.6.
  private static func valueAxisXML(_ layout: ChartLayout) -> String {
    var xml = #"<c:valAx><c:axId val="\#(valueAxis)"/><c:scaling><c:orientation val="minMax"/>"#
    if layout.chart.series.contains(where: { $0.style == .bars }) {
      let values = layout.series.flatMap { placed in
        layout.categories.indices.compactMap { layout.value(placed, at: $0) }
      }
      if !values.isEmpty && values.allSatisfy({ $0 <= 0 }) {
        xml += #"<c:max val="0"/>"#
      } else if values.allSatisfy({ $0 >= 0 }) {
        xml += #"<c:min val="0"/>"#
      }
    }
    xml += "</c:scaling>"
    xml += #"<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines><c:spPr><a:ln w="9525"><a:solidFill>"#
    xml += #"<a:srgbClr val="DDDDDD"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>"#
    let unit = DocumentWording.singleLine(layout.chart.unit)
    if !unit.isEmpty {
      xml += "<c:title>" + richText("单位：" + unit, size: 900, bold: false, fonts: labelFonts, vertical: true)
      xml += #"<c:overlay val="0"/></c:title>"#
    }
    xml += #"<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>"#
    xml += #"<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>"#
    xml += #"<c:crossAx val="\#(categoryAxis)"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>"#
    return xml + "</c:valAx>"
  }

  /// A title's `c:tx`: one paragraph of one run.
  private static func richText(
    _ text: String, size: Int, bold: Bool, fonts: WordFonts, vertical: Bool = false
  ) -> String {
    var xml = "<c:tx><c:rich>"
    xml += vertical ? #"<a:bodyPr rot="0" vert="wordArtVert"/>"# : "<a:bodyPr/>"
    xml += "<a:lstStyle/><a:p><a:pPr>"
    xml += runProperties("defRPr", size: size, bold: bold, colour: "000000", fonts: fonts) + "</a:pPr><a:r>"
    xml += runProperties("rPr", size: size, bold: bold, colour: "000000", fonts: fonts)
    return xml + "<a:t>\(XMLText.text(text))</a:t></a:r></a:p></c:rich></c:tx>"
  }

  /// `a:defRPr` or `a:rPr`: the fill before the fonts, as the schema orders them.
  private static func runProperties(_ element: String, size: Int, bold: Bool, colour: String, fonts: WordFonts)
    -> String
  {
    let latin = XMLText.attribute(fonts.latin)
    return #"<a:\#(element) lang="zh-CN" altLang="en-US" sz="\#(size)" b="\#(bold ? 1 : 0)">"#
      + #"<a:solidFill><a:srgbClr val="\#(colour)"/></a:solidFill><a:latin typeface="\#(latin)"/>"#
      + #"<a:ea typeface="\#(XMLText.attribute(fonts.eastAsia))"/><a:cs typeface="\#(latin)"/></a:\#(element)>"#
  }
}

/// Where a chart's data sits in its workbook — categories down column A from row 2, each series
/// down its own column with its name in row 1 — and the caches that repeat it in the chart part.
struct ChartLayout {
  struct Placed {
    /// The series' position in the chart, its `c:idx` and its column (B for 0).
    var index: Int
    var series: Chart.Series
  }

  static let sheet = "Sheet1"

  let chart: Chart
  let series: [Placed]
  let categories: [String]

  init(_ chart: Chart) {
    self.chart = chart
    series = chart.series.enumerated().map { Placed(index: $0.offset, series: $0.element) }
    categories = chart.categories.map(DocumentWording.singleLine)
  }

  func value(_ placed: Placed, at index: Int) -> Double? { chart.value(placed.series, at: index) }

  func lastPresent(_ placed: Placed) -> Int? { categories.indices.last { value(placed, at: $0) != nil } }

  func nameReference(_ placed: Placed) -> String { Self.sheet + "!" + absolute(row: 1, column: placed.index + 2) }

  var categoriesXML: String {
    var xml = "<c:strRef><c:f>\(range(column: 1))</c:f><c:strCache>"
    xml += #"<c:ptCount val="\#(categories.count)"/>"#
    for (index, name) in categories.enumerated() {
      xml += #"<c:pt idx="\#(index)"><c:v>\#(XMLText.text(name))</c:v></c:pt>"#
    }
    return xml + "</c:strCache></c:strRef>"
  }

  /// A missing value has no `c:pt`; the count still covers every category, so that the gap stays
  /// where it is.
  func valuesXML(_ placed: Placed) -> String {
    var xml = "<c:numRef><c:f>\(range(column: placed.index + 2))</c:f><c:numCache>"
    xml += #"<c:formatCode>General</c:formatCode><c:ptCount val="\#(categories.count)"/>"#
    for index in categories.indices {
      guard let value = value(placed, at: index) else { continue }
      // Swift writes a Double as the shortest text that reads back the same, whatever the locale.
      xml += #"<c:pt idx="\#(index)"><c:v>\#(value)</c:v></c:pt>"#
    }
    return xml + "</c:numCache></c:numRef>"
  }

  /// The column's cells from row 2 down, one for each category (one cell when there are none, since
  /// a range cannot be empty).
  private func range(column: Int) -> String {
    let first = absolute(row: 2, column: column)
    guard categories.count > 1 else { return Self.sheet + "!" + first }
    return Self.sheet + "!" + first + ":" + absolute(row: categories.count + 1, column: column)
  }

  private func absolute(row: Int, column: Int) -> String {
    let address = CellAddress.a1(row: row, column: column)
    let letters = address.prefix { $0.isLetter }
    return "$" + letters + "$" + address.dropFirst(letters.count)
  }
}
