import Foundation
import Testing

@testable import YujingCore

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A document with every field set, its texts free of characters that any format escapes, so
/// that each can be looked for as it is.
private func completeDocument(isDraft: Bool = false) -> OfficialDocument {
  OfficialDocument(
    issuerMark: "宜春市经济运行调度办公室", number: isDraft ? nil : "宜经调提醒〔2020〕7号", isDraft: isDraft,
    title: "关于2020年1-8月主要经济指标预警的提醒函", addressee: "丰城市人民政府",
    body: [
      .paragraph("根据全市主要经济指标监测预警情况，现予提醒："),
      .heading(level: 1, text: "一、规模以上工业增加值"),
      .heading(level: 2, text: "（一）主要原因"),
      .heading(level: 3, text: "1. 重点企业"),
      .heading(level: 4, text: "（1）某某公司"),
      .paragraph("请你单位高度重视，认真分析原因。"),
      .table(
        .init(
          caption: "表1 各县规上工业增加值增速", header: ["地区", "增速", "目标"],
          rows: [
            [.init("丰城市"), .init("6.2", number: 6.2, level: .orange), .init("8.2", number: 8.2)],
            [.init("樟树市"), .init("9.1", number: 9.1), .init("8.5", number: 8.5)],
          ])),
      .figure(
        .bars(title: "增速", categories: ["丰城市"], values: [6.2], targets: [8.2], unit: "%"), caption: "图1 各县增速"),
    ],
    attachments: ["主要经济指标监测表", "整改措施报送模板"], signature: "宜春市经济运行调度办公室署名",
    date: isDraft ? nil : "2020年9月29日", note: "整改期限：2020年10月13日前", copies: ["市政府办公室", "市统计局"],
    printer: "宜春市经济运行调度办公室印发机关", printDate: isDraft ? nil : "2020年9月30日")
}

/// Every text of a document, as the model holds it.
private func texts(of document: OfficialDocument) -> [String] {
  var texts = [document.issuerMark, document.title, document.signature, document.printer]
  texts += [document.number, document.addressee, document.date, document.note, document.printDate].compactMap { $0 }
  texts += document.attachments + document.copies
  for block in document.body {
    switch block {
    case .paragraph(let text), .heading(_, let text): texts.append(text)
    case .table(let table):
      texts += (table.caption.map { [$0] } ?? []) + table.header + table.rows.flatMap { $0.map(\.text) }
    case .figure(_, let caption): texts.append(caption)
    }
  }
  return texts
}

enum RenderedFormat: String, CaseIterable, Sendable {
  case page, article, plainText, markdown

  func render(_ document: OfficialDocument) -> String {
    switch self {
    case .page: HTMLRenderer.render(document)
    case .article: HTMLRenderer.render(document, standalone: false)
    case .plainText: TextRenderer.plainText(document)
    case .markdown: TextRenderer.markdown(document)
    }
  }
}

/// A place in the document that holds text from a data feed or a user.
struct DocumentField: Sendable, CustomTestStringConvertible {
  let name: String
  let set: @Sendable (inout OfficialDocument, String) -> Void
  var testDescription: String { name }

  static let all: [DocumentField] = [
    DocumentField(name: "issuerMark") { $0.issuerMark = $1 },
    DocumentField(name: "number") { $0.number = $1 },
    DocumentField(name: "title") { $0.title = $1 },
    DocumentField(name: "addressee") { $0.addressee = $1 },
    DocumentField(name: "paragraph") { $0.body = [.paragraph($1)] },
    DocumentField(name: "heading") { $0.body = [.heading(level: 1, text: $1)] },
    DocumentField(name: "table caption") { $0.body = [.table(.init(caption: $1, header: [], rows: []))] },
    DocumentField(name: "table header") { $0.body = [.table(.init(caption: nil, header: [$1], rows: []))] },
    DocumentField(name: "table cell") { $0.body = [.table(.init(caption: nil, header: ["a"], rows: [[.init($1)]]))] },
    DocumentField(name: "numeric cell") {
      $0.body = [.table(.init(caption: nil, header: ["a"], rows: [[.init($1, number: 1, level: .red)]]))]
    },
    DocumentField(name: "figure caption") {
      $0.body = [.figure(.line(title: "", points: [], reference: nil, unit: ""), caption: $1)]
    },
    DocumentField(name: "attachment") { $0.attachments = [$1] },
    DocumentField(name: "attachments") { $0.attachments = ["附件一", $1] },
    DocumentField(name: "signature") { $0.signature = $1 },
    DocumentField(name: "date") { $0.date = $1 },
    DocumentField(name: "note") { $0.note = $1 },
    DocumentField(name: "copies") { $0.copies = [$1] },
    DocumentField(name: "printer") { $0.printer = $1 },
    DocumentField(name: "printDate") { $0.printDate = $1 },
  ]
}

/// The elements of an XML document, in order, with their attributes and text.
private final class XMLOutline: NSObject, XMLParserDelegate {
  var elements: [(name: String, attributes: [String: String])] = []
  var text = ""

  static func parse(_ xml: String) -> XMLOutline? {
    let outline = XMLOutline()
    let parser = XMLParser(data: Data(xml.utf8))
    parser.delegate = outline
    return parser.parse() ? outline : nil
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String]
  ) {
    elements.append((elementName, attributes))
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

  func all(_ name: String, className: String? = nil) -> [[String: String]] {
    elements.filter { $0.name == name && (className == nil || $0.attributes["class"] == className) }.map(\.attributes)
  }
}

private func number(_ attributes: [String: String], _ name: String) -> Double? {
  attributes[name].flatMap { Double($0) }
}

/// The `|` of a Markdown line that separate cells, not those escaped as text.
private func cellSeparators(_ line: String) -> Int {
  var count = 0
  var escaped = false
  for character in line {
    if escaped {
      escaped = false
    } else if character == "\\" {
      escaped = true
    } else if character == "|" {
      count += 1
    }
  }
  return count
}

private let hostile = "<script>alert(1)</script>"

// MARK: - Every format

@Test(arguments: RenderedFormat.allCases)
func everyFieldOfTheModelAppearsInEachFormat(format: RenderedFormat) {
  let document = completeDocument()
  let output = format.render(document)
  for text in texts(of: document) {
    #expect(output.contains(text), "\(format) lacks \(text)")
  }
}

@Test(arguments: RenderedFormat.allCases)
func aDraftIsMarkedAndPlaceholdersStandForTheMissingNumberAndDates(format: RenderedFormat) {
  let output = format.render(completeDocument(isDraft: true))
  #expect(output.contains(DocumentWording.draftMark))
  #expect(output.contains(DocumentWording.numberPlaceholder))
  #expect(output.contains(DocumentWording.datePlaceholder))
  #expect(output.contains(DocumentWording.printDatePlaceholder))
}

@Test(arguments: RenderedFormat.allCases)
func anApprovedDocumentCarriesNoDraftMarkNorPlaceholder(format: RenderedFormat) {
  let output = format.render(completeDocument())
  for text in [
    DocumentWording.draftMark, DocumentWording.numberPlaceholder, DocumentWording.datePlaceholder,
    DocumentWording.printDatePlaceholder,
  ] {
    #expect(!output.contains(text))
  }
}

@Test(arguments: RenderedFormat.allCases)
func figuresAreInlinedInHTMLAndOnlyCaptionedElsewhere(format: RenderedFormat) {
  let output = format.render(completeDocument())
  #expect(output.contains("图1 各县增速"))
  #expect(output.contains("<svg") == (format == .page || format == .article))
}

@Test(arguments: [("2020年9月30日", "2020年9月30日印发"), ("2020年9月30日印发", "2020年9月30日印发")])
func aPrintDateGetsItsSuffixOnce(printDate: String, printed: String) {
  var document = completeDocument()
  document.printDate = printDate
  for format in RenderedFormat.allCases {
    let output = format.render(document)
    #expect(output.contains(printed))
    #expect(!output.contains("印发印发"))
  }
}

// MARK: - HTML

@Test(arguments: DocumentField.all)
func hostileTextIsEscapedInHTML(field: DocumentField) {
  var document = completeDocument()
  field.set(&document, hostile)
  for html in [HTMLRenderer.render(document), HTMLRenderer.render(document, standalone: false)] {
    #expect(!html.lowercased().contains("<script"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
  }
}

@Test func quotesCannotLeaveAnAttribute() {
  var document = completeDocument()
  document.title = "\" onmouseover=\"alert(1)\" x='y' & z"
  let html = HTMLRenderer.render(document, standalone: false)
  #expect(html.contains("aria-label=\"&quot; onmouseover=&quot;alert(1)&quot; x=&#39;y&#39; &amp; z\""))
  #expect(!html.contains("\" onmouseover=\""))
  #expect(!html.contains("x='y'"))
}

@Test func theHTMLPageHasTheA4PageRuleAndTheRedMark() {
  let html = HTMLRenderer.render(completeDocument())
  #expect(html.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"))
  #expect(html.contains("<p class=\"gw-issuer\">宜春市经济运行调度办公室</p>"))
  #expect(html.contains(".gw-issuer {\n  color: #ff0000;"))
  #expect(html.contains("border-top: 0.5mm solid #ff0000"))
  #expect(html.contains("<hr class=\"gw-rule\">"))
  #expect(
    html.contains(
      "\"FangSong_GB2312\", \"仿宋_GB2312\", \"FangSong\", \"仿宋\", \"STFangsong\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif"
    ))
  #expect(html.contains("line-height: var(--gw-line)") && html.contains("--gw-line: calc(225mm / 22)"))
}

@Test func aStandaloneRenderingIsAWholePageAndAnEmbeddedOneIsTheArticle() {
  let document = completeDocument()
  let page = HTMLRenderer.render(document)
  #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
  #expect(page.contains("<meta charset=\"utf-8\">"))
  #expect(page.contains("<style>\n" + HTMLRenderer.stylesheet + "</style>"))
  #expect(page.contains("<title>关于2020年1-8月主要经济指标预警的提醒函</title>"))
  #expect(page.hasSuffix("</html>\n"))

  let article = HTMLRenderer.render(document, standalone: false)
  #expect(article.hasPrefix("<article class=\"gw-doc\" lang=\"zh-CN\""))
  #expect(article.hasSuffix("</article>\n"))
  #expect(!article.contains("<style") && !article.contains("<!DOCTYPE"))
  #expect(page.contains(article))
}

@Test func theHTMLHeadingsTakeTheFaceOfTheirLevel() {
  let html = HTMLRenderer.render(completeDocument(), standalone: false)
  #expect(html.contains("<h1 class=\"gw-title\">关于2020年1-8月主要经济指标预警的提醒函</h1>"))
  #expect(html.contains("<h2 class=\"gw-h1\">一、规模以上工业增加值</h2>"))
  #expect(html.contains("<h3 class=\"gw-h2\">（一）主要原因</h3>"))
  #expect(html.contains("<h4 class=\"gw-h3\">1. 重点企业</h4>"))
  #expect(html.contains("<h5 class=\"gw-h4\">（1）某某公司</h5>"))
  #expect(
    HTMLRenderer.stylesheet.contains(".gw-h1 { font-family: \"SimHei\", \"黑体\", \"Noto Sans CJK SC\", sans-serif; }"))
  #expect(HTMLRenderer.stylesheet.contains("\"KaiTi_GB2312\", \"楷体_GB2312\", \"KaiTi\", \"楷体\", \"STKaiti\", serif"))
}

@Test func levelCellsAreShadedAndNumbersRightAligned() {
  let html = HTMLRenderer.render(completeDocument(), standalone: false)
  #expect(
    html.contains("<td class=\"gw-num\" style=\"background-color:#\(Level.orange.colour)\" title=\"橙色预警\">6.2</td>"))
  #expect(html.contains("<td class=\"gw-num\">9.1</td>"))
  #expect(html.contains("<td>丰城市</td>"))
  #expect(html.contains("<th scope=\"col\">地区</th>"))
}

@Test func theClosingIsSignedDatedAndNotedAndTheRecordHasItsRules() {
  let html = HTMLRenderer.render(completeDocument(), standalone: false)
  #expect(html.contains("<p class=\"gw-signature\">宜春市经济运行调度办公室署名</p>\n<p class=\"gw-date\">2020年9月29日</p>"))
  #expect(html.contains("<p class=\"gw-note\">（整改期限：2020年10月13日前）</p>"))
  #expect(html.contains("<span class=\"gw-label\">抄送：</span><span>市政府办公室，市统计局。</span>"))
  #expect(html.contains("<span>宜春市经济运行调度办公室印发机关</span><span>2020年9月30日印发</span>"))
  #expect(HTMLRenderer.stylesheet.contains(".gw-sign { display: table; margin: calc(var(--gw-line) * 2) 4em 0 auto;"))
}

@Test func annexesFollowTheClosingEachFromANewPageBeforeTheImprint() {
  var document = completeDocument()
  document.annexes = [.init(title: "主要经济指标监测表", body: [.paragraph("附件正文。")])]
  let html = HTMLRenderer.render(document, standalone: false)
  let order = [
    "gw-note", "<section class=\"gw-annex\">", "<p class=\"gw-annex-label\">附件</p>", "主要经济指标监测表</h1>", "附件正文。",
    "gw-record",
  ]
  var previous = html.startIndex
  for fragment in order {
    let found = html.range(of: fragment, range: previous..<html.endIndex)
    #expect(found != nil, "\(fragment) is missing or out of order")
    if let found { previous = found.upperBound }
  }
  #expect(HTMLRenderer.stylesheet.contains(".gw-annex { break-before: page;"))
  #expect(HTMLRenderer.stylesheet.contains(".gw-closing { break-inside: avoid; break-before: avoid; }"))
  for output in [TextRenderer.plainText(document), TextRenderer.markdown(document)] {
    #expect(output.contains("附件正文。") && output.contains("主要经济指标监测表"))
  }
}

@Test func theHTMLHeadStarts35MillimetresUnderTheTextAreaAsTheDOCXDoes() {
  #expect(HTMLRenderer.stylesheet.contains(".gw-head { padding-top: 35mm; }"))
  #expect(HTMLRenderer.stylesheet.contains("font-size: 30pt; line-height: 31pt;"))
  #expect(WordStyles.issuerMarkLine == 620 && PageGeometry.twips(millimetres: 35) == 1985)
}

@Test func aDraftIsMarkedVisiblyInHTML() {
  let html = HTMLRenderer.render(completeDocument(isDraft: true), standalone: false)
  #expect(html.hasPrefix("<article class=\"gw-doc gw-draft\""))
  #expect(html.contains("<p class=\"gw-draft-mark\">草稿 · 未经批准</p>"))
  #expect(html.contains("<span class=\"gw-placeholder\">（文号待编）</span>"))
}

// MARK: - Text and Markdown

@Test(arguments: RenderedFormat.allCases)
func lineBreaksInAParagraphStartNewParagraphs(format: RenderedFormat) {
  var document = completeDocument()
  document.body = [.paragraph("第一段。\r\n第二段。\n\n第三段。")]
  let output = format.render(document)
  let expected: [String] =
    switch format {
    case .page, .article:
      ["<p class=\"gw-para\">第一段。</p>\n<p class=\"gw-para\">第二段。</p>\n<p class=\"gw-para\">第三段。</p>"]
    case .plainText: ["\n　　第一段。\n　　第二段。\n　　第三段。\n"]
    case .markdown: ["\n\n第一段。\n\n第二段。\n\n第三段。\n\n"]
    }
  for text in expected { #expect(output.contains(text)) }
}

@Test func plainTextReadsTopToBottom() {
  let text = TextRenderer.plainText(completeDocument())
  let order = [
    "宜春市经济运行调度办公室", "宜经调提醒〔2020〕7号", "关于2020年1-8月", "丰城市人民政府：", "根据全市", "一、规模", "请你单位",
    "表1", "［图］图1 各县增速", "附件：1.主要经济指标监测表", "2.整改措施报送模板", "宜春市经济运行调度办公室署名", "2020年9月29日",
    "（整改期限：2020年10月13日前）", "抄送：市政府办公室，市统计局。", "2020年9月30日印发",
  ]
  var previous = text.startIndex
  for fragment in order {
    let found = text.range(of: fragment, range: previous..<text.endIndex)
    #expect(found != nil, "\(fragment) is missing or out of order")
    if let found { previous = found.upperBound }
  }
}

@Test func plainTextTablesAreAlignedOnTheirSeparators() {
  var document = completeDocument()
  document.body = [
    .table(
      .init(
        caption: nil, header: ["地区", "增速"],
        rows: [
          [.init("宜春经济技术开发区"), .init("10.2", number: 10.2)],
          [.init("丰城市"), .init("-2.4", number: -2.4, level: .red)],
          [.init("Ab"), .init("—")],
        ]))
  ]
  let lines = TextRenderer.plainText(document).split(separator: "\n").filter { $0.contains("|") || $0.contains("+") }
  #expect(lines.count == 5)
  let columns = lines.map { line in DocumentWording.displayWidth(line.prefix { $0 != "|" && $0 != "+" }) }
  #expect(Set(columns).count == 1)
  #expect(lines.contains { $0.hasSuffix("| -2.4（红色）") })
  #expect(lines.contains { $0.hasSuffix("|         10.2") })
}

@Test(arguments: [RenderedFormat.plainText, .markdown])
func levelsAreSpelledOutWhereColourIsNotAvailable(format: RenderedFormat) {
  var document = completeDocument()
  document.body = [
    .table(
      .init(
        caption: nil, header: ["地区", "增速", "级别"],
        rows: [[.init("丰城市"), .init("6.2", number: 6.2, level: .orange), .init("红色", level: .red)]]))
  ]
  let output = format.render(document)
  #expect(output.contains("6.2（橙色）"))
  #expect(!output.contains("红色（红色）"))
}

@Test func hostileCellsDoNotBreakMarkdownTables() {
  var document = completeDocument()
  let cells = ["a|b", "**粗**", "第一行\n第二行", "GDP\nnote", hostile, "[x](javascript:y)", "_斜_", "`code`"]
  document.body = [
    .table(.init(caption: "表|*", header: ["甲|乙", "丙"], rows: cells.map { [.init($0), .init("1", number: 1)] }))
  ]
  let markdown = TextRenderer.markdown(document)
  let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
  #expect(rows.count == cells.count + 2)
  for row in rows { #expect(cellSeparators(String(row)) == 3, "\(row)") }
  #expect(markdown.contains("| 甲\\|乙 | 丙 |\n| --- | ---: |"))
  #expect(markdown.contains("| a\\|b | 1 |"))
  #expect(markdown.contains("| \\*\\*粗\\*\\* | 1 |"))
  #expect(markdown.contains("| 第一行第二行 | 1 |"))
  #expect(markdown.contains("| GDP note | 1 |"))
  #expect(markdown.contains("\\<script>alert(1)\\</script>"))
  #expect(markdown.contains("\\[x\\](javascript:y)"))
  #expect(!markdown.replacingOccurrences(of: "\\<", with: "").contains("<"))
}

@Test(arguments: [
  ("# 不是标题", "\\# 不是标题"),
  ("1. 不是列表", "1\\. 不是列表"),
  ("2020) 不是列表", "2020\\) 不是列表"),
  ("> 不是引用", "\\> 不是引用"),
  ("- 不是列表", "\\- 不是列表"),
  ("+ 不是列表", "\\+ 不是列表"),
  ("---", "\\---"),
  ("    不是代码", "不是代码"),
  ("*不是强调*", "\\*不是强调\\*"),
  ("<font color=\"info\">不是颜色</font>", "\\<font color=\"info\">不是颜色\\</font>"),
  ("R&D ~~删~~", "R\\&D \\~\\~删\\~\\~"),
  ("1-8月增长6.2%", "1-8月增长6.2%"),
])
func markdownDefusesWhatWouldOpenABlockOrInlineMarkup(paragraph: String, expected: String) {
  var document = completeDocument()
  document.body = [.paragraph(paragraph)]
  #expect(TextRenderer.markdown(document).contains("\n\n" + expected + "\n\n"))
}

@Test func markdownShapesTheDocumentForGroupRobots() {
  let markdown = TextRenderer.markdown(completeDocument())
  #expect(markdown.hasPrefix("**宜春市经济运行调度办公室**\n\n# 关于2020年1-8月主要经济指标预警的提醒函\n\n"))
  #expect(markdown.contains("\n\n> 宜经调提醒〔2020〕7号　2020年9月29日\n\n"))
  #expect(markdown.contains("\n\n## 一、规模以上工业增加值\n\n### （一）主要原因\n\n#### 1. 重点企业\n\n##### （1）某某公司\n\n"))
  #expect(markdown.contains("\n\n**表1 各县规上工业增加值增速**\n\n| 地区 | 增速 | 目标 |\n| --- | ---: | ---: |\n"))
  #expect(markdown.contains("\n\n附件：\n\n1. 主要经济指标监测表\n2. 整改措施报送模板\n\n"))
  #expect(markdown.contains("\n\n---\n\n抄送：市政府办公室，市统计局。\n\n"))
  #expect(TextRenderer.markdown(completeDocument(isDraft: true)).hasPrefix("**【草稿 · 未经批准】**\n\n"))
}

@Test(arguments: [RenderedFormat.page, .plainText, .markdown])
func attachmentsAreNumberedOnlyWhenThereAreSeveral(format: RenderedFormat) {
  var document = completeDocument()
  document.attachments = ["监测表"]
  let output = format.render(document)
  #expect(output.contains("监测表"))
  #expect(!output.contains("1.监测表") && !output.contains("1. 监测表"))
}

// MARK: - Charts

private let chartCounties = ["袁州区", "丰城市", "靖安县", "宜春经济技术开发区"]

private func barChart() -> String {
  SVGChart.svg(
    .bars(
      title: "各县规上工业增加值增速", categories: chartCounties, values: [8.6, 6.2, -2.4, nil],
      targets: [8.5, 8.2, 8.0, 9.0], unit: "%"))
}

private func lineChart(reference: Double? = 8.5) -> String {
  SVGChart.svg(
    .line(
      title: "全市累计增速", points: [("1-2月", -12.3), ("1-3月", -6.1), ("1-4月", nil), ("1-5月", 0.8), ("1-6月", 2.4)],
      reference: reference, unit: "%"))
}

struct ChartSample: Sendable, CustomTestStringConvertible {
  let name: String
  let svg: String
  let labels: [String]
  var testDescription: String { name }

  static let all = [
    ChartSample(name: "bars", svg: barChart(), labels: chartCounties),
    ChartSample(name: "line", svg: lineChart(), labels: ["1-2月", "1-3月", "1-4月", "1-5月", "1-6月"]),
  ]
}

@Test(arguments: ChartSample.all)
func chartsAreWellFormedSelfContainedSVGNamingTheirCategories(chart: ChartSample) throws {
  let outline = try #require(XMLOutline.parse(chart.svg))
  let root = try #require(outline.elements.first)
  #expect(root.name == "svg")
  #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
  #expect(root.attributes["viewBox"] == "0 0 640 320")
  #expect(root.attributes["font-family"] == "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif")
  for label in chart.labels { #expect(outline.text.contains(label), "\(label)") }
  #expect(outline.text.contains("单位：%"))
  #expect(!outline.elements.contains { ["script", "style", "foreignObject"].contains($0.name) })
  #expect(
    !outline.elements.contains { $0.attributes["id"] != nil || $0.attributes.keys.contains { $0.hasPrefix("on") } })
}

@Test func hostileChartTextIsEscapedAndTheChartStillParses() throws {
  let nasty = "\(hostile) & \"'\u{1}\u{FFFF}\n"
  for svg in [
    SVGChart.svg(.bars(title: nasty, categories: [nasty, "丰城市"], values: [1, 2], targets: [nil, 3], unit: nasty)),
    SVGChart.svg(.line(title: nasty, points: [(nasty, 1), ("1-3月", 2)], reference: 3, unit: nasty)),
  ] {
    let outline = try #require(XMLOutline.parse(svg))
    #expect(!svg.contains("<script"))
    #expect(outline.text.contains("<script>alert(1)</script> & \"'"))
    #expect(outline.text.contains("丰城市") || outline.text.contains("1-3月"))
  }
}

@Test func theBarLegendNamesTheActualGrowthAndTheTarget() throws {
  let outline = try #require(XMLOutline.parse(barChart()))
  #expect(outline.text.contains("实际增速") && outline.text.contains("目标"))
  #expect(outline.all("rect", className: "bar").count == 3)
  #expect(outline.all("line", className: "target").count == 4)
  #expect(outline.all("text", className: "value").count == 3)
}

@Test func negativeValuesDrawBelowTheZeroLine() throws {
  let outline = try #require(XMLOutline.parse(barChart()))
  let zero = try #require(outline.all("line", className: "zero").first.flatMap { number($0, "y1") })
  let bars = outline.all("rect", className: "bar")
  try #require(bars.count == 3)
  let tops = bars.compactMap { number($0, "y") }
  let bottoms = bars.compactMap { bar in number(bar, "y").flatMap { y in number(bar, "height").map { y + $0 } } }
  // 8.6 and 6.2 stand on the zero line; -2.4 hangs from it.
  #expect(abs(bottoms[0] - zero) < 0.11 && tops[0] < zero)
  #expect(abs(bottoms[1] - zero) < 0.11 && tops[1] > tops[0])
  #expect(abs(tops[2] - zero) < 0.11 && bottoms[2] > zero)

  let line = try #require(XMLOutline.parse(lineChart()))
  let lineZero = try #require(line.all("line", className: "zero").first.flatMap { number($0, "y1") })
  let points = line.all("circle", className: "point").compactMap { number($0, "cy") }
  #expect(points.count == 4)
  #expect(points[0] > lineZero && points[1] > lineZero && points[2] < lineZero && points[3] < lineZero)
}

@Test func missingValuesBreakTheLine() throws {
  let outline = try #require(XMLOutline.parse(lineChart()))
  let path = try #require(outline.all("path", className: "series").first?["d"])
  #expect(path.filter { $0 == "M" }.count == 2)
  #expect(path.filter { $0 == "L" }.count == 2)
}

@Test func theReferenceLineIsDashedAndLabelledOnlyWhenGiven() throws {
  let outline = try #require(XMLOutline.parse(lineChart()))
  let reference = try #require(outline.all("line", className: "reference").first)
  #expect(reference["stroke-dasharray"] != nil)
  #expect(outline.text.contains("8.5%"))
  let without = try #require(XMLOutline.parse(lineChart(reference: nil)))
  #expect(without.all("line", className: "reference").isEmpty)
  #expect(!without.text.contains("8.5%"))
}

@Test func aChartWithoutDataSaysSo() throws {
  for svg in [
    SVGChart.svg(.bars(title: "空", categories: ["丰城市"], values: [nil], targets: [], unit: "%")),
    SVGChart.svg(.line(title: "空", points: [], reference: nil, unit: "%")),
    SVGChart.svg(.bars(title: "空", categories: [], values: [], targets: [], unit: "")),
  ] {
    let outline = try #require(XMLOutline.parse(svg))
    #expect(outline.text.contains("暂无数据"))
  }
}

@Test func theSameInputGivesTheSameSVG() {
  #expect(barChart() == barChart())
  #expect(lineChart() == lineChart())
  let small = SVGChart.svg(
    .bars(title: "t", categories: ["a", "b"], values: [-0.04, 0.05], targets: [.nan, nil], unit: "%"))
  #expect(small.contains(">0.0</text>") && small.contains(">0.1</text>") && !small.contains(">-0.0<"))
  #expect(!small.contains("nan"))
}

@Test(arguments: [
  (8.6, 1, "8.6"), (-2.4, 1, "-2.4"), (-0.04, 1, "0.0"), (2.5, 0, "3"), (-2.5, 0, "-3"), (10, 2, "10.00"),
  (0.125, 2, "0.13"), (123.45, 1, "123.5"),
])
func chartNumbersHaveAFixedNumberOfDecimals(value: Double, decimals: Int, expected: String) {
  #expect(SVGChart.Writer.decimal(value, decimals) == expected)
}
