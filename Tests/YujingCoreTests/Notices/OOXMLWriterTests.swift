import Foundation
import Testing
import ZIPFoundation

@testable import YujingCore

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The DOCX and XLSX writers, read back without their code: the archive opened with ZIPFoundation,
/// each XML part parsed with Foundation's XML parser, and the files opened by python-docx and
/// openpyxl, which Word- and Excel-compatible tools are measured against.
@Suite struct OOXMLWriterTests {
  // MARK: - DOCX

  @Test func docxDeclaresEveryPartAndEveryPartIsWellFormed() throws {
    let parts = try Unzipped(DOCXRenderer.render(Sample.notice))
    for name in [
      "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
      "word/settings.xml", "word/fontTable.xml", "docProps/core.xml", "docProps/app.xml",
    ] {
      #expect(parts.names.contains(name), "\(name)")
    }
    let types = try parts.xml("[Content_Types].xml")
    let declared = Set(types.elements("Override").compactMap { $0["PartName"] })
    for name in parts.names where name != "[Content_Types].xml" && !name.hasSuffix(".rels") {
      #expect(declared.contains("/" + name), "\(name) has no content type")
      if name.hasSuffix(".xml") { _ = try parts.xml(name) }
    }
    for target in try parts.xml("word/_rels/document.xml.rels").elements("Relationship").compactMap({ $0["Target"] }) {
      #expect(parts.names.contains("word/" + target), "\(target) is referred to but missing")
    }
    let core = try parts.xml("docProps/core.xml")
    #expect(core.text(of: "dc:title") == Sample.notice.title)
  }

  @Test func pageIsA4WithTheMarginsAndLinesOfGBT9704() throws {
    let document = try Unzipped(DOCXRenderer.render(Sample.notice)).xml("word/document.xml")
    let size = try #require(document.elements("w:pgSz").first)
    #expect(size["w:w"] == "11906" && size["w:h"] == "16838")
    let margins = try #require(document.elements("w:pgMar").first)
    // 37, 35, 28 and 26 mm at 56.7 twips a millimetre.
    #expect(margins["w:top"] == "2098" && margins["w:bottom"] == "1985")
    #expect(margins["w:left"] == "1588" && margins["w:right"] == "1474")
    let textWidth = 11906 - 1588 - 1474
    #expect(abs(Double(textWidth) / 56.7 - 156) < 0.5)
    #expect(abs(Double(16838 - 2098 - 1985) / 56.7 - 225) < 0.5)

    let styles = try Unzipped(DOCXRenderer.render(Sample.notice)).xml("word/styles.xml")
    let normal = try #require(styles.style("Normal"))
    #expect(normal.contains(#"w:line="579" w:lineRule="exact""#))
    #expect(normal.contains(#"<w:sz w:val="32"/>"#))
    #expect(normal.contains(#"w:eastAsia="仿宋_GB2312""#) && normal.contains(#"w:ascii="Times New Roman""#))
    #expect(try #require(styles.style("Title")).contains(#"w:eastAsia="方正小标宋简体""#))
    #expect(try #require(styles.style("Title")).contains(#"<w:sz w:val="44"/>"#))
    #expect(try #require(styles.style("Heading1")).contains(#"w:eastAsia="黑体""#))
    #expect(try #require(styles.style("Heading2")).contains(#"w:eastAsia="楷体_GB2312""#))
    let heading3 = try #require(styles.style("Heading3"))
    #expect(heading3.contains(#"w:eastAsia="仿宋_GB2312""#) && heading3.contains("<w:b/>"))
  }

  @Test func headIsTheRedIssuerMarkTheNumberTwoLinesBelowAndTheRedRule() throws {
    let parts = try Unzipped(DOCXRenderer.render(Sample.notice))
    let paragraphs = try parts.xml("word/document.xml").paragraphs
    #expect(paragraphs.prefix(2).map(\.text) == ["宜春市经济运行调度办公室", "宜经调提醒〔2020〕7号"])
    #expect(paragraphs.prefix(2).map(\.style) == ["IssuerMark", "DocumentNumber"])
    let styles = try parts.xml("word/styles.xml")
    let mark = try #require(styles.style("IssuerMark"))
    #expect(mark.contains(#"<w:color w:val="FF0000"/>"#) && mark.contains(#"<w:jc w:val="center"/>"#))
    let number = try #require(styles.style("DocumentNumber"))
    #expect(number.contains(#"<w:bottom w:val="single" w:sz="16" w:space="11" w:color="FF0000"/>"#))
    #expect(number.contains(#"w:before="1158""#))
    // Large: 30 pt for a name of twelve characters, less for a long one, which must still fit.
    #expect(paragraphs[0].xml.contains(#"<w:sz w:val="60"/>"#))
    let long = DOCXRenderer.issuerMarkProperties(String(repeating: "宜", count: 24))
    #expect(try #require(long.size) < 40)
  }

  @Test func draftShowsItsMarkAndPlaceholdersForTheNumberAndTheDates() throws {
    var draft = Sample.notice
    draft.isDraft = true
    draft.number = nil
    draft.date = nil
    draft.printDate = nil
    let parts = try Unzipped(DOCXRenderer.render(draft))
    let texts = try parts.xml("word/document.xml").paragraphs.map(\.text)
    #expect(texts[1] == DocumentWording.numberPlaceholder)
    #expect(texts[2] == "【\(DocumentWording.draftMark)】")
    #expect(texts[3] == draft.title)
    #expect(texts.contains(DocumentWording.datePlaceholder))
    #expect(texts.contains(DocumentWording.printDatePlaceholder))
    #expect(try parts.xml("docProps/core.xml").text(of: "cp:contentStatus") == "草稿")
    let final = try Unzipped(DOCXRenderer.render(Sample.notice)).xml("word/document.xml").paragraphs.map(\.text)
    #expect(!final.contains { $0.contains(DocumentWording.draftMark) || $0.contains("待") })
  }

  @Test func bodyParagraphsAndHeadingsAreIndentedTwoCharactersInTheirStyles() throws {
    let parts = try Unzipped(DOCXRenderer.render(Sample.notice))
    let paragraphs = try parts.xml("word/document.xml").paragraphs
    func style(of text: String) -> String? { paragraphs.first { $0.text == text }?.style }
    #expect(style(of: Sample.notice.title) == "Title")
    #expect(style(of: "袁州区人民政府：") == "Addressee")
    #expect(style(of: "一、规模以上工业增加值") == "Heading1")
    #expect(style(of: "（一）整改要求") == "Heading2")
    #expect(style(of: "1. 报送整改报告") == "Heading3")
    let opening = try #require(paragraphs.first { $0.text.hasPrefix("根据全市") })
    #expect(opening.style == "BodyText")
    let styles = try parts.xml("word/styles.xml")
    for id in ["BodyText", "Heading1", "Heading2", "Heading3"] {
      #expect(try #require(styles.style(id)).contains(#"w:firstLine="640" w:firstLineChars="200""#), "\(id)")
    }
  }

  @Test func tablesAreWordTablesWithABoldHeaderShadedLevelsAndRightAlignedNumbers() throws {
    let parts = try Unzipped(DOCXRenderer.render(Sample.notice))
    let document = try parts.xml("word/document.xml")
    #expect(document.elements("w:tbl").count == 2)  // the figures' table and the 版记
    let gridWidths = document.elements("w:gridCol").prefix(6).compactMap { $0["w:w"].flatMap(Int.init) }
    #expect(gridWidths.reduce(0, +) == 8844)
    let cells = document.paragraphs.filter { $0.style == "TableText" || $0.style == "TableHeader" }
    #expect(cells.prefix(6).allSatisfy { $0.style == "TableHeader" })
    #expect(cells.prefix(6).map(\.text) == Sample.table.header)
    let growth = try #require(cells.first { $0.text == "3.2" })
    #expect(growth.xml.contains(#"<w:jc w:val="right"/>"#))
    // A dash for a missing figure stands with the figures of its column.
    let dash = try #require(cells.first { $0.text == "—" })
    #expect(dash.xml.contains(#"<w:jc w:val="right"/>"#))
    let name = try #require(cells.first { $0.text == "规模以上工业增加值" })
    #expect(!name.xml.contains("<w:jc"))
    #expect(document.elements("w:shd").compactMap { $0["w:fill"] } == [Level.yellow.colour, Level.orange.colour])
    #expect(document.elements("w:tblHeader").count == 1)
    #expect(document.paragraphs.contains { $0.text == "表1 主要指标完成情况" && $0.style == "TableCaption" })
    #expect(try #require(parts.xml("word/styles.xml").style("TableHeader")).contains("<w:b/>"))
  }

  @Test func figuresAreNativeChartPartsRelatedFromTheDocumentAndDeclared() throws {
    let parts = try Unzipped(DOCXRenderer.render(Sample.notice))
    let overrides = try parts.xml("[Content_Types].xml").elements("Override")
    let chartType = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
    #expect(
      overrides.filter { $0["ContentType"] == chartType }.compactMap { $0["PartName"] } == [
        "/word/charts/chart1.xml", "/word/charts/chart2.xml",
      ])
    let document = try parts.xml("word/document.xml")
    let relationships = try parts.xml("word/_rels/document.xml.rels").elements("Relationship")
    // Each drawing, in the document's order, refers by a chart relationship to its own part.
    let chartRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
    let targets = document.elements("c:chart").map { chart in
      relationships.first { $0["Id"] == chart["r:id"] && $0["Type"] == chartRelationship }?["Target"]
    }
    #expect(targets == ["charts/chart1.xml", "charts/chart2.xml"])
    let chartURI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    // The two charts, then the text box that holds the 版记.
    let textBoxURI = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    #expect(document.elements("a:graphicData").map { $0["uri"] } == [chartURI, chartURI, textBoxURI])
    #expect(Set(document.elements("wp:docPr").compactMap { $0["id"] }).count == 3)
    // 15 × 6 cm, within the 版心's 156 mm.
    #expect(
      document.elements("wp:extent").prefix(2).map { [$0["cx"], $0["cy"]] } == [
        ["5400000", "2160000"], ["5400000", "2160000"],
      ])
    // No picture left behind: neither the SVG nor its grey fallback.
    #expect(document.elements("pic:pic").isEmpty && !parts.names.contains { $0.hasPrefix("word/media/") })
    // The caption stays under its chart.
    let paragraphs = document.paragraphs
    for caption in ["图1 规上工业增加值累计增速", "图2 全市累计增速走势"] {
      let index = try #require(paragraphs.firstIndex { $0.text == caption })
      #expect(paragraphs[index].style == "FigureCaption")
      #expect(paragraphs[index - 1].style == "Figure" && paragraphs[index - 1].xml.contains("<c:chart"))
    }
  }

  @Test(arguments: [("word/charts/chart1.xml", Sample.bars), ("word/charts/chart2.xml", Sample.line)])
  func chartPartsCacheTheChartsCategoriesAndValues(part: String, chart: Chart) throws {
    let parts = try Unzipped(DOCXRenderer.render(Sample.notice))
    _ = try parts.xml(part)
    let read = try ReadChart(parts.data(part))
    #expect(read.title == chart.title)
    #expect(read.series.map(\.name) == chart.series.map(\.name))
    try #require(read.series.count == chart.series.count)
    for (series, expected) in zip(read.series, chart.series) {
      #expect(series.categories == chart.categories.map(Optional.some), "\(series.name)")
      // A missing value has no point, but the count covers every category.
      #expect(series.valueCount == chart.categories.count, "\(series.name)")
      #expect(series.points == expected.values.compactMap { $0 }.count, "\(series.name)")
      #expect(series.values == expected.values, "\(series.name)")
      #expect(series.colour == expected.colour, "\(series.name)")
    }
    #expect(read.blanks == "gap")
  }

  @Test func barsAreColumnsLabelledToOneDecimalWithTheTargetAsDashMarksOnTheSameAxes() throws {
    let read = try ReadChart(Unzipped(DOCXRenderer.render(Sample.notice)).data("word/charts/chart1.xml"))
    try #require(read.series.count == 2)
    let bars = read.series[0]
    let target = read.series[1]
    #expect(bars.group == "c:barChart" && read.barDirection == "col")
    #expect(bars.labels == "0.0")
    #expect(target.group == "c:lineChart")
    #expect(target.marker == "dash" && target.markerColour == "E0620D" && !target.lineShown)
    #expect(target.labels == nil)
    #expect(bars.axes.count == 2 && bars.axes == target.axes)
    #expect(Set(bars.axes) == Set(read.axes))
  }

  @Test func theLineIsLabelledAndTheReferenceIsDashedAndTheSameEverywhere() throws {
    let read = try ReadChart(Unzipped(DOCXRenderer.render(Sample.notice)).data("word/charts/chart2.xml"))
    try #require(read.series.count == 2)
    let line = read.series[0]
    let reference = read.series[1]
    #expect(line.group == "c:lineChart" && line.lineShown && line.dash == nil && line.labels == "0.0")
    #expect(reference.group == "c:lineChart" && reference.lineShown && reference.dash == "dash")
    #expect(reference.marker == "none")
    #expect(Set(reference.values) == [8.5])
  }

  @Test func barsStandOnZeroAndCategoryNamesStayLevel() throws {
    func read(_ values: [Double?], _ targets: [Double?]) throws -> ReadChart {
      let chart = Chart.bars(title: "t", categories: ["a", "b"], values: values, targets: targets, unit: "%")
      return try ReadChart(Data(WordChart.xml(chart).utf8))
    }
    let positive = try read([8.2, 9.6], [8.0, nil])
    #expect(positive.minimum == "0" && positive.maximum == nil)
    #expect(positive.categoryRotation == "0")
    let negative = try read([-3, nil], [-1, -2])
    #expect(negative.minimum == nil && negative.maximum == "0")
    let mixed = try read([-3, 2], [1, 1])
    #expect(mixed.minimum == nil && mixed.maximum == nil)
    // A line is free to leave zero out.
    let line = try ReadChart(
      Data(WordChart.xml(.line(title: "t", points: [("1-2月", 8.2), ("1-3月", 9.6)], reference: 8, unit: "%")).utf8))
    #expect(line.minimum == nil && line.maximum == nil)
  }

  @Test func theReferenceIsLabelledOnceOnTheSideAwayFromTheLinesEnd() throws {
    func labels(_ values: [Double?]) throws -> [String] {
      let points = values.enumerated().map { (label: "1-\($0.offset + 2)月", value: $0.element) }
      let chart = Chart.line(title: "t", points: points, reference: 5, unit: "%")
      let reference = try #require(try ReadChart(Data(WordChart.xml(chart).utf8)).series.last)
      return reference.pointLabels.map { "\($0.index) \($0.position ?? "")" }
    }
    #expect(try labels([1, 9]) == ["1 b"])
    #expect(try labels([1, 2]) == ["1 t"])
    // No line at the reference's last point: nothing to stay clear of.
    #expect(try labels([1, 9, nil]) == ["2 t"])
  }

  @Test func eachChartEmbedsAWorkbookHoldingItsDataWhereItsFormulasPoint() throws {
    let parts = try Unzipped(DOCXRenderer.render(Sample.notice))
    let overrides = try parts.xml("[Content_Types].xml").elements("Override")
    for (number, chart) in [(1, Sample.bars), (2, Sample.line)] {
      let relationships = try parts.xml("word/charts/_rels/chart\(number).xml.rels").elements("Relationship")
      let link = try #require(relationships.first)
      #expect(link["Type"] == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package")
      #expect(link["Target"] == "../embeddings/chart\(number).xlsx")
      #expect(
        overrides.first { $0["PartName"] == "/word/embeddings/chart\(number).xlsx" }?["ContentType"]
          == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      let read = try ReadChart(parts.data("word/charts/chart\(number).xml"))
      #expect(read.workbook == link["Id"])

      let workbook = try Unzipped(parts.data("word/embeddings/chart\(number).xlsx"))
      #expect(try workbook.xml("xl/workbook.xml").elements("sheet").first?["name"] == "Sheet1")
      let sheet = try workbook.xml("xl/worksheets/sheet1.xml")
      let strings = try workbook.xml("xl/sharedStrings.xml").all(of: "t")
      var cells: [String: String] = [:]
      for (attributes, value) in zip(sheet.elements("c"), sheet.texts(of: "c")) {
        guard let reference = attributes["r"], let value else { continue }
        cells[reference] = attributes["t"] == "s" ? Int(value).map { strings[$0] } : value
      }
      func resolve(_ formula: String) throws -> [String?] {
        let range = try #require(formula.split(separator: "!").last).replacingOccurrences(of: "$", with: "")
        let ends = range.split(separator: ":").map(String.init)
        let column = ends[0].prefix { $0.isLetter }
        let first = try #require(Int(ends[0].dropFirst(column.count)))
        let last = try #require(Int((ends.last ?? ends[0]).dropFirst(column.count)))
        return (first...last).map { cells["\(column)\($0)"] }
      }
      for (series, expected) in zip(read.series, chart.series) {
        #expect(try resolve(series.nameFormula) == [expected.name])
        #expect(try resolve(series.categoryFormula) == chart.categories.map(Optional.some))
        #expect(try resolve(series.valueFormula).map { $0.flatMap(Double.init) } == expected.values)
        // A missing value is an empty cell, not an empty string, which a chart would plot as zero.
        #expect(try resolve(series.valueFormula).map { $0 == nil } == expected.values.map { $0 == nil })
      }
    }
  }

  @Test func closingHasAttachmentsThenSignatureOverDateThenTheBracketedNote() throws {
    let paragraphs = try Unzipped(DOCXRenderer.render(Sample.notice)).xml("word/document.xml").paragraphs
    let texts = paragraphs.map(\.text)
    let first = try #require(texts.firstIndex(of: "附件：1.主要经济指标预警明细表"))
    #expect(texts[first + 1] == "2.整改报告模板")
    #expect(texts[first + 2] == "宜春市经济运行调度办公室")
    #expect(texts[first + 3] == "2020年9月29日")
    #expect(texts[first + 4] == "（请于2020年10月15日前报送整改情况。联系人：张三，电话：0795-1234567）")
    #expect(paragraphs[first + 2].style == "Signature" && paragraphs[first + 3].style == "DocumentDate")
    // The date four characters from the right, the 署名 centred over it.
    #expect(paragraphs[first + 3].xml.contains(#"w:rightChars="400""#))
    #expect(paragraphs[first + 2].xml.contains(#"w:rightChars="125""#))

    var single = Sample.notice
    single.attachments = ["监测表"]
    single.note = "（已有括号）"
    single.printDate = "2020年9月30日印发"
    let texts2 = try Unzipped(DOCXRenderer.render(single)).xml("word/document.xml").paragraphs.map(\.text)
    #expect(texts2.contains("附件：监测表"))
    #expect(texts2.contains("（已有括号）"))
    #expect(texts2.contains("2020年9月30日印发"))
  }

  @Test func imprintListsCopiesPrinterAndPrintDateBetweenRulesAndOmitsCopiesWhenThereAreNone() throws {
    let document = try Unzipped(DOCXRenderer.render(Sample.notice)).xml("word/document.xml")
    let texts = document.paragraphs.map(\.text)
    #expect(texts.contains("抄送：市人民政府办公室，市统计局，市发展改革委。"))
    let printer = try #require(texts.lastIndex(of: "宜春市经济运行调度办公室"))
    #expect(texts[printer + 1] == "2020年9月29日印发")
    let imprint = document.source[document.source.range(of: "<w:tbl>", options: .backwards)!.lowerBound...]
    #expect(imprint.contains(#"<w:top w:val="single" w:sz="8""#))
    #expect(imprint.contains(#"<w:insideH w:val="single" w:sz="6""#))
    #expect(imprint.contains(#"<w:bottom w:val="single" w:sz="8""#))

    var noCopies = Sample.notice
    noCopies.copies = []
    let without = try Unzipped(DOCXRenderer.render(noCopies)).xml("word/document.xml").paragraphs.map(\.text)
    #expect(!without.contains { $0.hasPrefix("抄送") })
    #expect(without.contains("2020年9月29日印发"))
  }

  @Test func lineBreaksInAParagraphStartNewIndentedParagraphs() throws {
    var document = Sample.notice
    document.body = [.paragraph("第一段。\r\n第二段。\n\n第三段。"), .heading(level: 1, text: "一、标题\n续")]
    let paragraphs = try Unzipped(DOCXRenderer.render(document)).xml("word/document.xml").paragraphs
    let body = paragraphs.filter { $0.style == "BodyText" }.map(\.text)
    #expect(body == ["第一段。", "第二段。", "第三段。"])
    #expect(paragraphs.contains { $0.style == "Heading1" && $0.text == "一、标题续" })
  }

  @Test func theSameDocumentAlwaysGivesTheSameBytes() throws {
    #expect(try DOCXRenderer.render(Sample.notice) == DOCXRenderer.render(Sample.notice))
    var writer = XLSXWriter()
    writer.addSheet(name: "指标", table: Sample.table)
    #expect(try writer.data() == writer.data())
  }

  @Test(.needs(.pythonDocx)) func pythonDocxReadsTheNumberTheAddresseeTheFiguresAndThePage() throws {
    guard let python = Python.with(module: "docx", package: "python-docx") else { return }
    let directory = try TemporaryDirectory()
    let path = directory.path("notice.docx")
    try DOCXRenderer.render(Sample.notice).write(to: URL(fileURLWithPath: path))
    guard let output = try ExternalTools.run(python, ["-c", Python.readDOCX, path]) else { return }
    let read = try JSONDecoder().decode(ReadDOCX.self, from: Data(output.utf8))
    #expect(read.paragraphs.contains("宜经调提醒〔2020〕7号"))
    #expect(read.paragraphs.contains("袁州区人民政府："))
    #expect(read.paragraphs.contains(Sample.notice.title))
    let imprint = read.tables.last?.flatMap { $0 } ?? []
    #expect(imprint.contains("抄送：市人民政府办公室，市统计局，市发展改革委。"))
    #expect(imprint.contains("2020年9月29日印发"))
    #expect(read.tables.first?.first == Sample.table.header)
    #expect(read.tables.first?[1] == ["规模以上工业增加值", "6.5", "3.2", "-3.3", "9", "黄色"])
    #expect(read.tables.first?[2].contains("1,234.56") == true)
    #expect(read.page == [11906 * 635, 16838 * 635, 2098 * 635, 1985 * 635, 1588 * 635, 1474 * 635])
    #expect(read.title == Sample.notice.title)
    #expect(read.styles["一、规模以上工业增加值"] == "Heading 1")
    // Both figures are charts to python-docx (WD_INLINE_SHAPE.CHART), 15 × 6 cm.
    #expect(read.shapes == [[12, 5_400_000, 2_160_000], [12, 5_400_000, 2_160_000]])
    let chartType = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
    #expect(read.parts.filter { $0 == chartType }.count == 2)
  }

  @Test(.needs(.pythonDocx)) func hostileTextStaysLiteralAndTheDOCXStillOpens() throws {
    let hostile = "<script>alert(1)</script> & \"引号\" 'single' ]]> \u{0001}\u{FFFE}end"
    let literal = "<script>alert(1)</script> & \"引号\" 'single' ]]> end"
    let document = OfficialDocument(
      issuerMark: hostile, number: hostile, isDraft: true, title: hostile, addressee: hostile,
      body: [
        .paragraph(hostile), .heading(level: 7, text: hostile),
        .table(.init(caption: hostile, header: [hostile], rows: [[.init(hostile, number: .nan, level: .red)]])),
        .figure(
          .bars(
            title: hostile, categories: [hostile, "丰城市"], values: [.nan, 1], targets: [.infinity, nil], unit: hostile,
            valueName: hostile, targetName: hostile), caption: hostile),
      ],
      attachments: [hostile], signature: hostile, date: hostile, note: hostile, copies: [hostile, hostile],
      printer: hostile, printDate: hostile)
    let data = try DOCXRenderer.render(document)
    let parts = try Unzipped(data)
    for name in parts.names where name.hasSuffix(".xml") || name.hasSuffix(".rels") { _ = try parts.xml(name) }
    let texts = try parts.xml("word/document.xml").paragraphs.map(\.text)
    #expect(texts.contains(literal))
    #expect(texts.contains("（\(literal)）"))
    #expect(try parts.xml("docProps/core.xml").text(of: "dc:title") == literal)
    let chart = try ReadChart(parts.data("word/charts/chart1.xml"))
    #expect(chart.title == literal)
    #expect(chart.series.map(\.name) == [literal, literal])
    #expect(chart.series.first?.categories == [literal, "丰城市"].map(Optional.some))
    #expect(chart.series.first?.values == [nil, 1])
    let workbook = try Unzipped(parts.data("word/embeddings/chart1.xlsx"))
    #expect(try workbook.xml("xl/sharedStrings.xml").all(of: "t").contains(literal))

    guard let python = Python.with(module: "docx", package: "python-docx") else { return }
    let directory = try TemporaryDirectory()
    let path = directory.path("hostile.docx")
    try data.write(to: URL(fileURLWithPath: path))
    guard let output = try ExternalTools.run(python, ["-c", Python.readDOCX, path]) else { return }
    let read = try JSONDecoder().decode(ReadDOCX.self, from: Data(output.utf8))
    #expect(read.paragraphs.contains(literal))
    #expect(read.tables.first?[1] == [literal])
    #expect(read.title == literal)
  }

  // MARK: - XLSX

  @Test func xlsxKeepsFiguresAsNumericCellsAndTextsAsSharedStrings() throws {
    var writer = XLSXWriter()
    writer.addSheet(name: "主要指标", table: Sample.table)
    let parts = try Unzipped(writer.data())
    for name in parts.names where name.hasSuffix(".xml") || name.hasSuffix(".rels") { _ = try parts.xml(name) }
    let sheet = try parts.xml("xl/worksheets/sheet1.xml")
    let strings = try parts.xml("xl/sharedStrings.xml").all(of: "t")
    func cell(_ reference: String) -> (attributes: [String: String], value: String?)? {
      guard let index = sheet.elements("c").firstIndex(where: { $0["r"] == reference }) else { return nil }
      return (sheet.elements("c")[index], sheet.texts(of: "c")[index])
    }
    // Row 1 the caption, row 2 the header, the figures from row 3.
    #expect(cell("A1").flatMap { $0.value.flatMap(Int.init) }.map { strings[$0] } == "表1 主要指标完成情况")
    #expect(cell("B2").flatMap { $0.value.flatMap(Int.init) }.map { strings[$0] } == "目标增速(%)")
    #expect(cell("C3")?.attributes["t"] == "n" && cell("C3")?.value == "3.2")
    #expect(cell("D3")?.value == "-3.3")
    #expect(cell("C4")?.value == "1234.56")
    #expect(cell("A3")?.attributes["t"] == "s")
    let styles = try parts.xml("xl/styles.xml")
    let formats = styles.elements("numFmt").compactMap { $0["formatCode"] }
    #expect(formats.contains("0.0") && formats.contains("#,##0.00") && formats.contains("0"))
    #expect(try parts.xml("xl/workbook.xml").elements("sheet").first?["name"] == "主要指标")
  }

  @Test func xlsxMergesTheCaptionFreezesTheHeaderFillsLevelsAndSizesColumns() throws {
    var writer = XLSXWriter()
    writer.addSheet(name: "指标", table: Sample.table)
    writer.addSheet(name: "无标题", table: .init(caption: nil, header: ["a", "b"], rows: [[.init("x")]]))
    let parts = try Unzipped(writer.data())
    let sheet = try parts.xml("xl/worksheets/sheet1.xml")
    #expect(sheet.elements("mergeCell").first?["ref"] == "A1:F1")
    let pane = try #require(sheet.elements("pane").first)
    #expect(pane["ySplit"] == "2" && pane["topLeftCell"] == "A3" && pane["state"] == "frozen")
    let second = try parts.xml("xl/worksheets/sheet2.xml")
    #expect(second.elements("mergeCell").isEmpty)
    #expect(second.elements("pane").first?["ySplit"] == "1")
    let fills = try parts.xml("xl/styles.xml").elements("fgColor").compactMap { $0["rgb"] }
    #expect(fills.contains("FF" + Level.yellow.colour) && fills.contains("FF" + Level.orange.colour))
    #expect(!fills.contains("FF" + Level.none.colour))
    let widths = sheet.elements("col").compactMap { $0["width"].flatMap(Double.init) }
    #expect(widths.count == 6)
    #expect(widths[0] > widths[4])  // a name of nine characters against a rank
  }

  @Test func sheetNamesFollowExcelsRules() {
    var writer = XLSXWriter()
    writer.addSheet(name: "2020年1-8月[汇总]:*?/\\", table: Sample.table)
    writer.addSheet(name: String(repeating: "很长的工作表名称", count: 5), table: Sample.table)
    writer.addSheet(name: String(repeating: "很长的工作表名称", count: 5), table: Sample.table)
    writer.addSheet(name: "'引号'", table: Sample.table)
    writer.addSheet(name: "", table: Sample.table)
    writer.addSheet(name: "History", table: Sample.table)
    writer.addSheet(name: "SHEET5", table: Sample.table)
    let names = writer.sheetNames
    #expect(names[0] == "2020年1-8月_汇总______")
    #expect(names[1].utf16.count == 31 && names[2].utf16.count <= 31 && names[2].hasSuffix("(2)"))
    #expect(names[3] == "引号")
    #expect(names[4] == "Sheet5" && names[5] == "Sheet6")
    #expect(names[6] == "SHEET5(2)")
    #expect(Set(names.map { $0.lowercased() }).count == names.count)
  }

  @Test func anEmptyCellHoldsNoValue() throws {
    var writer = XLSXWriter()
    writer.addSheet(name: "s", table: .init(caption: nil, header: ["a", "b"], rows: [[.init("x"), .init("")]]))
    let sheet = try Unzipped(writer.data()).xml("xl/worksheets/sheet1.xml")
    let cells = sheet.elements("c")
    let index = try #require(cells.firstIndex { $0["r"] == "B2" })
    // Styled, for the table's borders, but neither typed nor valued.
    #expect(cells[index]["t"] == nil && cells[index]["s"] != nil)
    #expect(sheet.texts(of: "c")[index] == nil)
  }

  @Test func workbookWithoutSheetsIsRefused() {
    #expect(throws: OOXMLError.workbookWithoutSheets) { try XLSXWriter().data() }
  }

  @Test func textThatLooksLikeAnExcelEscapeIsProtected() throws {
    var writer = XLSXWriter()
    writer.addSheet(name: "s", table: .init(caption: nil, header: ["_x0041_ and _x12"], rows: []))
    let strings = try Unzipped(writer.data()).xml("xl/sharedStrings.xml").all(of: "t")
    #expect(strings == ["_x005F_x0041_ and _x12"])
  }

  @Test(.needs(.openpyxl)) func openpyxlReadsTypedCellsFillsTheMergeAndTheFrozenHeader() throws {
    guard let python = Python.with(module: "openpyxl", package: "openpyxl") else { return }
    var writer = XLSXWriter()
    writer.addSheet(name: "主要指标", table: Sample.table)
    let directory = try TemporaryDirectory()
    let path = directory.path("summary.xlsx")
    try writer.data().write(to: URL(fileURLWithPath: path))
    guard let output = try ExternalTools.run(python, ["-c", Python.readXLSX, path]) else { return }
    let sheets = try JSONDecoder().decode([ReadSheet].self, from: Data(output.utf8))
    let sheet = try #require(sheets.first)
    #expect(sheet.title == "主要指标")
    #expect(sheet.freeze == "A3")
    #expect(sheet.merged == ["A1:F1"])
    let cells = Dictionary(uniqueKeysWithValues: sheet.cells.map { ($0.ref, $0) })
    #expect(cells["A1"]?.value == .text("表1 主要指标完成情况"))
    #expect(cells["A2"]?.bold == true && cells["A2"]?.fill == "FFD9D9D9")
    #expect(cells["C3"]?.value == .number(3.2) && cells["C3"]?.type == "n" && cells["C3"]?.format == "0.0")
    #expect(cells["C4"]?.value == .number(1234.56) && cells["C4"]?.format == "#,##0.00")
    #expect(cells["E3"]?.value == .number(9))
    #expect(cells["F3"]?.value == .text("黄色") && cells["F3"]?.fill == "FF" + Level.yellow.colour)
    #expect(cells["A3"]?.type == "s" && cells["A3"]?.bold == false)
  }

  @Test(.needs(.openpyxl)) func hostileTextStaysLiteralAndTheXLSXStillOpens() throws {
    let hostile = "<script>alert(1)</script> & \"引号\" ]]> \u{0001}\r\nend"
    let literal = "<script>alert(1)</script> & \"引号\" ]]> \nend"
    var writer = XLSXWriter()
    writer.addSheet(
      name: "<b>&\u{0001}\"",
      table: .init(caption: hostile, header: [hostile], rows: [[.init(hostile, number: .infinity)]]))
    let data = try writer.data()
    let parts = try Unzipped(data)
    for name in parts.names where name.hasSuffix(".xml") || name.hasSuffix(".rels") { _ = try parts.xml(name) }
    #expect(writer.sheetNames == ["<b>&\""])

    guard let python = Python.with(module: "openpyxl", package: "openpyxl") else { return }
    let directory = try TemporaryDirectory()
    let path = directory.path("hostile.xlsx")
    try data.write(to: URL(fileURLWithPath: path))
    guard let output = try ExternalTools.run(python, ["-c", Python.readXLSX, path]) else { return }
    let sheet = try #require(try JSONDecoder().decode([ReadSheet].self, from: Data(output.utf8)).first)
    #expect(sheet.title == "<b>&\"")
    #expect(sheet.cells.map(\.value) == [.text(literal), .text(literal), .text(literal)])
  }
}

// MARK: - The sample

private enum Sample {
  /// A missing value, a negative one, a missing target, a county whose name is long.
  static let bars = Chart.bars(
    title: "2020年1-8月各地区规上工业增加值累计增速", categories: ["袁州区", "丰城市", "靖安县", "宜春经济技术开发区"],
    values: [8.6, 6.2, -2.4, nil], targets: [8.5, 8.2, nil, 9.0], unit: "%")
  /// A gap in the line, and the reference.
  static let line = Chart.line(
    title: "2020年全市规上工业增加值累计增速", points: [("1-2月", -12.3), ("1-3月", nil), ("1-4月", 0.8), ("1-5月", 2.45)],
    reference: 8.5, unit: "%")

  static let table = OfficialDocument.Table(
    caption: "表1 主要指标完成情况", header: ["指标", "目标增速(%)", "实际增速(%)", "差距", "位次", "预警级别"],
    rows: [
      [
        .init("规模以上工业增加值"), .init("6.5", number: 6.5), .init("3.2", number: 3.2), .init("-3.3", number: -3.3),
        .init("9", number: 9), .init("黄色", level: .yellow),
      ],
      [
        .init("固定资产投资"), .init("8.0", number: 8), .init("1,234.56", number: 1234.56), .init("—"),
        .init("10", number: 10), .init("橙色", level: .orange),
      ],
      [.init("社会消费品零售总额"), .init("5.0", number: 5), .init("5.1", number: 5.1), .init("0.1", number: 0.1)],
    ])

  static let notice = OfficialDocument(
    issuerMark: "宜春市经济运行调度办公室", number: "宜经调提醒〔2020〕7号", isDraft: false,
    title: "关于2020年1-8月主要经济指标和重点工作预警的提醒函", addressee: "袁州区人民政府",
    body: [
      .paragraph("根据全市主要经济指标和重点工作监测预警情况，你单位2020年1-8月以下事项未达预期，现予提醒："),
      .heading(level: 1, text: "一、规模以上工业增加值"),
      .paragraph("1-8月增长3.2%，低于目标3.3个百分点，全市排名第9位。预警级别：黄色。"),
      .heading(level: 2, text: "（一）整改要求"),
      .heading(level: 3, text: "1. 报送整改报告"),
      .table(table),
      .figure(bars, caption: "图1 规上工业增加值累计增速"),
      .figure(line, caption: "图2 全市累计增速走势"),
    ],
    attachments: ["主要经济指标预警明细表", "整改报告模板"], signature: "宜春市经济运行调度办公室", date: "2020年9月29日",
    note: "请于2020年10月15日前报送整改情况。联系人：张三，电话：0795-1234567",
    copies: ["市人民政府办公室", "市统计局", "市发展改革委"], printer: "宜春市经济运行调度办公室", printDate: "2020年9月29日")
}

// MARK: - Reading back

/// The parts of a ZIP archive.
struct Unzipped {
  private let entries: [String: Data]

  init(_ data: Data) throws {
    let archive = try Archive(data: data, accessMode: .read)
    var entries: [String: Data] = [:]
    for entry in archive {
      var bytes = Data()
      _ = try archive.extract(entry) { bytes.append($0) }
      entries[entry.path] = bytes
    }
    self.entries = entries
  }

  var names: Set<String> { Set(entries.keys) }

  func data(_ name: String) throws -> Data { try #require(entries[name], "no part \(name)") }

  /// The part parsed; a test fails here if it is not well-formed.
  func xml(_ name: String) throws -> ParsedXML {
    let parsed = ParsedXML(try data(name))
    #expect(parsed.error == nil, "\(name) is not well-formed: \(parsed.error ?? "")")
    return parsed
  }
}

/// A DrawingML chart part as the tests read it: each series with its chart group, its cached name,
/// categories and values (nil where no point is cached), its formulas and how it is drawn.
private struct ReadChart {
  struct Series {
    var group: String
    var order = 0
    var name = ""
    var nameFormula = ""
    var categories: [String?] = []
    var categoryFormula = ""
    var valueCount = 0
    var points = 0
    var values: [Double?] = []
    var valueFormula = ""
    /// The series' fill (bars) or line colour (lines), or the marker's.
    var colour: String?
    var lineShown = true
    var dash: String?
    var marker: String?
    var markerColour: String?
    /// The data labels' number format, nil when the series has none.
    var labels: String?
    /// The labels of single points: their index and position.
    var pointLabels: [(index: Int, position: String?)] = []
    var axes: [String] = []
  }

  var title = ""
  var series: [Series] = []
  var barDirection: String?
  var axes: [String] = []
  var blanks: String?
  var workbook: String?
  /// The value axis' fixed bounds, nil where the reader chooses.
  var minimum: String?
  var maximum: String?
  /// The rotation of the category names, nil where the reader chooses.
  var categoryRotation: String?

  init(_ data: Data) throws {
    let root = try #require(XMLTree(data).root)
    title = root.child("c:chart")?.child("c:title")?.descendants("a:t").map(\.text).joined() ?? ""
    let plot = try #require(root.child("c:chart")?.child("c:plotArea"))
    barDirection = plot.descendants("c:barDir").first?["val"]
    axes = plot.children.filter { $0.name.hasSuffix("Ax") }.compactMap { $0.child("c:axId")?["val"] }
    blanks = root.child("c:chart")?.child("c:dispBlanksAs")?["val"]
    workbook = root.child("c:externalData")?["r:id"]
    let scaling = plot.child("c:valAx")?.child("c:scaling")
    minimum = scaling?.child("c:min")?["val"]
    maximum = scaling?.child("c:max")?["val"]
    categoryRotation = plot.child("c:catAx")?.child("c:txPr")?.child("a:bodyPr")?["rot"]
    for group in plot.children where group.name.hasSuffix("Chart") {
      let axes = group.children("c:axId").compactMap { $0["val"] }
      for node in group.children("c:ser") { series.append(Self.series(node, group: group.name, axes: axes)) }
    }
    series.sort { $0.order < $1.order }
  }

  private static func series(_ node: XMLTree.Node, group: String, axes: [String]) -> Series {
    var series = Series(group: group, axes: axes)
    series.order = node.child("c:order")?["val"].flatMap(Int.init) ?? 0
    let name = node.child("c:tx")?.child("c:strRef")
    series.name = name?.descendants("c:v").first?.text ?? ""
    series.nameFormula = name?.child("c:f")?.text ?? ""
    let categories = node.child("c:cat")?.child("c:strRef")
    series.categoryFormula = categories?.child("c:f")?.text ?? ""
    if let cache = categories?.child("c:strCache") {
      series.categories = Array(repeating: nil, count: cache.child("c:ptCount")?["val"].flatMap(Int.init) ?? 0)
      for point in cache.children("c:pt") {
        guard let index = point["idx"].flatMap(Int.init), series.categories.indices.contains(index) else { continue }
        series.categories[index] = point.child("c:v")?.text
      }
    }
    let values = node.child("c:val")?.child("c:numRef")
    series.valueFormula = values?.child("c:f")?.text ?? ""
    if let cache = values?.child("c:numCache") {
      series.valueCount = cache.child("c:ptCount")?["val"].flatMap(Int.init) ?? 0
      series.values = Array(repeating: nil, count: series.valueCount)
      for point in cache.children("c:pt") {
        series.points += 1
        guard let index = point["idx"].flatMap(Int.init), series.values.indices.contains(index) else { continue }
        series.values[index] = point.child("c:v").flatMap { Double($0.text) }
      }
    }
    let shape = node.child("c:spPr")
    let line = shape?.child("a:ln")
    series.lineShown = line?.child("a:noFill") == nil
    series.dash = line?.child("a:prstDash")?["val"]
    let marker = node.child("c:marker")
    series.marker = marker?.child("c:symbol")?["val"]
    series.markerColour = marker?.child("c:spPr")?.child("a:solidFill")?.child("a:srgbClr")?["val"]
    series.colour =
      (shape?.child("a:solidFill") ?? line?.child("a:solidFill"))?.child("a:srgbClr")?["val"] ?? series.markerColour
    series.labels = node.child("c:dLbls")?.child("c:numFmt")?["formatCode"]
    series.pointLabels = (node.child("c:dLbls")?.children("c:dLbl") ?? []).compactMap { label in
      label.child("c:idx")?["val"].flatMap(Int.init).map { ($0, label.child("c:dLblPos")?["val"]) }
    }
    return series
  }
}

/// An XML part as a tree of elements.
private final class XMLTree: NSObject, XMLParserDelegate {
  final class Node {
    let name: String
    let attributes: [String: String]
    var children: [Node] = []
    var text = ""

    init(_ name: String, _ attributes: [String: String]) {
      self.name = name
      self.attributes = attributes
    }

    subscript(_ attribute: String) -> String? { attributes[attribute] }
    func child(_ name: String) -> Node? { children.first { $0.name == name } }
    func children(_ name: String) -> [Node] { children.filter { $0.name == name } }
    func descendants(_ name: String) -> [Node] {
      children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }
  }

  private(set) var root: Node?
  private var open: [Node] = []

  init(_ data: Data) {
    super.init()
    let parser = XMLParser(data: data)
    parser.delegate = self
    if !parser.parse() { root = nil }
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    let node = Node(name, attributes)
    if let parent = open.last { parent.children.append(node) } else { root = node }
    open.append(node)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { open.last?.text += string }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    open.removeLast()
  }
}

/// What the tests look at in an XML part: the elements with their attributes, the text of
/// elements, and WordprocessingML paragraphs with their style and text.
final class ParsedXML: NSObject, XMLParserDelegate {
  struct Paragraph {
    var style: String?
    var text = ""
    var xml = ""
  }

  let source: String
  private(set) var error: String?
  private var found: [(name: String, attributes: [String: String], text: String)] = []
  private var open: [Int] = []
  private(set) var paragraphs: [Paragraph] = []
  private var paragraph: Paragraph?

  init(_ data: Data) {
    source = String(decoding: data, as: UTF8.self)
    super.init()
    let parser = XMLParser(data: data)
    parser.delegate = self
    if !parser.parse() { error = parser.parserError.map { "\($0)" } ?? "unknown error" }
  }

  func elements(_ name: String) -> [[String: String]] { found.filter { $0.name == name }.map(\.attributes) }
  func texts(of name: String) -> [String?] { found.filter { $0.name == name }.map { $0.text.isEmpty ? nil : $0.text } }
  func text(of name: String) -> String? { found.first { $0.name == name }?.text }
  func all(of name: String) -> [String] { found.filter { $0.name == name }.map(\.text) }

  /// The `w:style` element with this id, as written.
  func style(_ id: String) -> String? {
    guard let start = source.range(of: #"w:styleId="\#(id)""#),
      let end = source[start.upperBound...].range(of: "</w:style>")
    else { return nil }
    return String(source[start.lowerBound..<end.upperBound])
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    open.append(found.count)
    found.append((name, attributes, ""))
    if name == "w:p" { paragraph = Paragraph() }
    if name == "w:pStyle" { paragraph?.style = attributes["w:val"] }
    if name == "w:br" { paragraph?.text += "\n" }
    paragraph?.xml +=
      "<\(name)" + attributes.sorted { $0.key < $1.key }.map { #" \#($0.key)="\#($0.value)""# }.joined() + "/>"
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    for index in open { found[index].text += string }
    if let innermost = open.last, found[innermost].name == "w:t" { paragraph?.text += string }
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    open.removeLast()
    if name == "w:p", let paragraph {
      paragraphs.append(paragraph)
      self.paragraph = nil
    }
  }
}

// MARK: - Pagination

extension OOXMLWriterTests {
  @Test func theBodysLastParagraphAndTheClosingAreKeptWithTheImprintAtTheFootOfTheLastPage() throws {
    var letter = Sample.notice
    letter.body = [.paragraph("第一段。"), .paragraph("最后一段。")]
    let document = try Unzipped(DOCXRenderer.render(letter)).xml("word/document.xml")
    let paragraphs = document.paragraphs
    func keeps(_ text: String) throws -> Bool {
      try #require(paragraphs.first { $0.text == text }).xml.contains("<w:keepNext/>")
    }
    #expect(try !keeps("第一段。"))
    for text in ["最后一段。", "附件：1.主要经济指标预警明细表", "2.整改报告模板", "2020年9月29日"] {
      #expect(try keeps(text), "\(text)")
    }
    // The 署名 by its style: it never parts from its date.
    let styles = try Unzipped(DOCXRenderer.render(letter)).xml("word/styles.xml")
    #expect(try #require(styles.style("Signature")).contains("<w:keepNext/>"))
    #expect(try keeps("（请于2020年10月15日前报送整改情况。联系人：张三，电话：0795-1234567）"))
    // The 版记: a text box anchored in the last paragraph, at the bottom of the text area, text
    // above and below it only; its table inside.
    let anchor = try #require(document.elements("wp:anchor").first)
    #expect(anchor["layoutInCell"] == "0" && anchor["behindDoc"] == "0")
    #expect(document.elements("wp:positionV").first?["relativeFrom"] == "margin")
    #expect(document.texts(of: "wp:align") == ["center", "bottom"])
    #expect(document.elements("wp:wrapTopAndBottom").count == 1)
    #expect(document.elements("wps:bodyPr").first?["anchor"] == "b")
    let box = try #require(document.source.range(of: "<w:txbxContent>"))
    let body = try #require(document.source.range(of: "</w:body>"))
    #expect(document.source[box.lowerBound...].contains("抄送：市人民政府办公室，市统计局，市发展改革委。"))
    #expect(!document.source[body.lowerBound...].contains("<w:p>"))
    #expect(!document.source[..<box.lowerBound].contains("抄送："))
  }

  @Test func theImprintBoxIsAsHighAsItsLinesAndACopyLineThatWraps() {
    var document = Sample.notice
    document.copies = []
    #expect(WordImprint.height(document) == PageGeometry.line + 120)
    document.copies = ["市人民政府办公室"]
    #expect(WordImprint.height(document) == 2 * PageGeometry.line + 120)
    document.copies = Array(repeating: "市人民政府办公室", count: 6)
    #expect(WordImprint.height(document) == 4 * PageGeometry.line + 120)
  }

  @Test func annexesStartOnANewPageWithTheirNumberAndTitleAfterTheClosing() throws {
    var document = Sample.notice
    document.body = [.paragraph("正文。")]
    document.attachments = ["分县情况", "图表"]
    document.annexes = [
      .init(title: "分县情况", body: [.table(Sample.table), .paragraph("注：说明。")]),
      .init(title: "图表", body: [.paragraph("图表正文。")]),
    ]
    let paragraphs = try Unzipped(DOCXRenderer.render(document)).xml("word/document.xml").paragraphs
    let texts = paragraphs.map(\.text)
    let date = try #require(texts.firstIndex(of: "2020年9月29日"))
    let first = try #require(texts.firstIndex(of: "附件1"))
    let second = try #require(texts.firstIndex(of: "附件2"))
    #expect(date < first && first < second)
    #expect(paragraphs[first].style == "AnnexLabel" && texts[first + 1] == "分县情况")
    #expect(paragraphs[first + 1].style == "AnnexTitle" && texts[second + 1] == "图表")
    // The closing no longer runs on to the 版记: the annexes come between; the last annex does.
    #expect(!paragraphs[date + 1].xml.contains("<w:keepNext/>") || texts[date + 1].hasPrefix("（"))
    #expect(try #require(paragraphs.first { $0.text == "图表正文。" }).xml.contains("<w:keepNext/>"))
    #expect(try !#require(paragraphs.first { $0.text == "注：说明。" }).xml.contains("<w:keepNext/>"))
    let styles = try Unzipped(DOCXRenderer.render(document)).xml("word/styles.xml")
    #expect(try #require(styles.style("AnnexLabel")).contains("<w:pageBreakBefore/>"))
  }

  @Test func theColumnOfLongTextsGetsTheRoomAndFiguresKeepTheirWidth() {
    let problem = "年度计划投资6.00亿元，2020年1-12月累计完成1.50亿元，完成年度计划的25.0%，落后序时进度75.0个百分点；开工已1个月仍未纳入统计"
    let table = OfficialDocument.Table(
      caption: nil, header: ["项目", "所在地", "责任单位", "年度计划（亿元）", "累计完成（亿元）", "完成进度（%）", "存在问题", "预警"],
      rows: Array(
        repeating: [
          .init("丰城高端装备制造产业园二期"), .init("丰城市"), .init("市发改委"), .init("6.00", number: 6),
          .init("1.50", number: 1.5), .init("25.0", number: 25), .init(problem), .init("红色", level: .red),
        ], count: 5))
    let widths = WordTable.columnWidths(table, columns: 8)
    #expect(widths.reduce(0, +) == PageGeometry.textWidth)
    #expect(widths[6] == widths.max(), "\(widths)")
    // The problems take at least a third of the 版心, the figures at least their own width.
    #expect(widths[6] * 3 >= PageGeometry.textWidth, "\(widths)")
    for column in 3...5 { #expect(widths[column] >= 2 * 215 + 200, "\(widths)") }
  }
}
