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

  @Test func figuresEmbedTheSVGOverAPNGFallbackAndKeepTheirCaption() throws {
    let parts = try Unzipped(DOCXRenderer.render(Sample.notice))
    let types = try parts.xml("[Content_Types].xml").elements("Override")
    let svg = try #require(types.first { $0["ContentType"] == "image/svg+xml" }?["PartName"])
    #expect(String(decoding: try parts.data(String(svg.dropFirst())), as: UTF8.self) == Sample.svg)
    let png = try #require(types.first { $0["ContentType"] == "image/png" }?["PartName"])
    let pngBytes = [UInt8](try parts.data(String(png.dropFirst())))
    #expect(pngBytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    // IEND's CRC is the same in every PNG: it checks the CRC the writer computes.
    #expect(pngBytes.suffix(8) == [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    let document = try parts.xml("word/document.xml")
    let extent = try #require(document.elements("wp:extent").first)
    // 640 × 320 px is 169 mm wide: scaled to the 版心's 156 mm, proportions kept.
    #expect(extent["cx"] == "\(8844 * 635)")
    #expect(extent["cy"] == "\(8844 * 635 / 2)")
    let relationships = try parts.xml("word/_rels/document.xml.rels").elements("Relationship")
    let svgID = try #require(relationships.first { $0["Target"] == String(svg.dropFirst(6)) }?["Id"])
    #expect(document.elements("asvg:svgBlip").first?["r:embed"] == svgID)
    #expect(document.paragraphs.contains { $0.text == "图1 规上工业增加值累计增速" && $0.style == "FigureCaption" })
  }

  @Test func figureSizeFollowsTheSVGWithinTheTextBlock() {
    let emuPerMillimetre = 36000.0
    func millimetres(_ svg: String) -> (Double, Double) {
      let (width, height) = WordFigure.extent(svg)
      return ((Double(width) / emuPerMillimetre).rounded(), (Double(height) / emuPerMillimetre).rounded())
    }
    #expect(millimetres(#"<svg width="100mm" height="50mm">"#) == (100, 50))
    #expect(millimetres(#"<svg stroke-width="9" viewBox="0 0 378 189">"#) == (100, 50))
    #expect(millimetres(#"<svg width='10cm' viewBox="0,0,400,100">"#) == (100, 25))
    #expect(millimetres(#"<svg width="312mm" height="100mm">"#) == (156, 50))
    #expect(millimetres(#"<svg width="100mm" height="300mm">"#) == (50, 150))
    #expect(millimetres("not an svg") == (156, 97))  // 16:10
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

  @Test func pythonDocxReadsTheNumberTheAddresseeTheFiguresAndThePage() throws {
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
  }

  @Test func hostileTextStaysLiteralAndTheDOCXStillOpens() throws {
    let hostile = "<script>alert(1)</script> & \"引号\" 'single' ]]> \u{0001}\u{FFFE}end"
    let literal = "<script>alert(1)</script> & \"引号\" 'single' ]]> end"
    let document = OfficialDocument(
      issuerMark: hostile, number: hostile, isDraft: true, title: hostile, addressee: hostile,
      body: [
        .paragraph(hostile), .heading(level: 7, text: hostile),
        .table(.init(caption: hostile, header: [hostile], rows: [[.init(hostile, number: .nan, level: .red)]])),
        .figure(svg: hostile, caption: hostile),
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

  @Test func openpyxlReadsTypedCellsFillsTheMergeAndTheFrozenHeader() throws {
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

  @Test func hostileTextStaysLiteralAndTheXLSXStillOpens() throws {
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
  static let svg =
    #"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="320" viewBox="0 0 640 320">"#
    + ##"<rect x="40" y="40" width="120" height="240" fill="#BDD7EE"/><text x="40" y="300">规上工业增加值</text></svg>"##

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
      .figure(svg: svg, caption: "图1 规上工业增加值累计增速"),
    ],
    attachments: ["主要经济指标预警明细表", "整改报告模板"], signature: "宜春市经济运行调度办公室", date: "2020年9月29日",
    note: "请于2020年10月15日前报送整改情况。联系人：张三，电话：0795-1234567",
    copies: ["市人民政府办公室", "市统计局", "市发展改革委"], printer: "宜春市经济运行调度办公室", printDate: "2020年9月29日")
}

// MARK: - Reading back

/// The parts of a ZIP archive.
private struct Unzipped {
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

/// What the tests look at in an XML part: the elements with their attributes, the text of
/// elements, and WordprocessingML paragraphs with their style and text.
private final class ParsedXML: NSObject, XMLParserDelegate {
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
