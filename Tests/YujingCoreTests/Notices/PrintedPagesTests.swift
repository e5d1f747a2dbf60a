import Foundation
import Testing

@testable import YujingCore

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The sample year's documents as they print: their DOCX converted to PDF by LibreOffice and read
/// back page by page with poppler's `pdftotext -bbox-layout`, neither of which shares any code
/// with the renderer. The notices are a representative few — the longest and the shortest DOCX
/// of each kind the sample office issues — and the December dispatch summary, as the demo writes
/// them.
@Suite(.serialized) struct PrintedPagesTests {
  /// A line of text on a printed page, in millimetres from the page's top.
  struct Line {
    var top: Double
    var bottom: Double
    var text: String
  }

  struct Printed {
    var name: String
    var document: OfficialDocument
    var pages: [[Line]]
  }

  /// The most pages each kind may take: a letter fits on two pages, a talk notice on three; a
  /// lift or a call for late data (信函格式) whose body is short fits on one, its 版记 at that
  /// page's foot. The summary's body (before its annexes) reads in six, the whole in 24 with its
  /// annexes (the full tables and the charts).
  static func pageLimit(kind: String, _ document: OfficialDocument) -> Int? {
    switch kind {
    case "lift", "data_overdue": bodyLines(document) <= shortBody ? 1 : 2
    case "reminder", "talk", "precoordination": 3
    default: nil
    }
  }
  static let kinds = ["reminder", "talk", "lift", "data_overdue", "precoordination"]
  /// A short body: six lines of 28 characters.
  static let shortBody = 6
  static let summaryBodyPages = 6
  static let summaryPages = 24

  /// The body's lines as they print, 28 characters a line, each paragraph two characters in.
  static func bodyLines(_ document: OfficialDocument) -> Int {
    document.body.reduce(0) { lines, block in
      switch block {
      case .paragraph(let text): lines + Int(((PrintedWidth.ems(text) + 2) / 28).rounded(.up))
      case .heading: lines + 1
      case .table, .figure: lines + 22
      }
    }
  }

  /// The lower edge of the 版心: 297 mm less the 35 mm bottom margin.
  static let textBottom = 297.0 - 35

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Converted once for the tests that read them (the sample year and LibreOffice take half a
  /// minute).
  static let converted: Result<[Printed]?, Failure> = {
    do { return .success(try printedDocuments()) } catch { return .failure(Failure(description: "\(error)")) }
  }()

  /// The same documents' HTML as Chromium prints it.
  static let printedHTML: Result<[Printed]?, Failure> = {
    do { return .success(try printedHTMLDocuments()) } catch { return .failure(Failure(description: "\(error)")) }
  }()

  @Test(.needs(.soffice, .pdftotext)) func everyPageHasBodyTextAndTheImprintClosesTheLastPageAtItsFoot() throws {
    guard let printed = try Self.converted.get() else { return }
    #expect(printed.count >= 7, "\(printed.map(\.name))")
    for document in printed { Self.checkPages(document) }
  }

  /// The HTML printed by Chromium keeps the same rules, the 版记 at the foot of the last page
  /// whether the document takes one page or many.
  @Test(.needs(.chromium, .pdftotext)) func theHTMLPrintsEveryPageWithBodyTextAndTheImprintAtTheFootOfTheLast() throws {
    guard let printed = try Self.printedHTML.get() else { return }
    #expect(printed.count >= 7, "\(printed.map(\.name))")
    #expect(printed.contains { $0.pages.count == 1 } && printed.contains { $0.pages.count > 2 })
    for document in printed { Self.checkPages(document) }
  }

  /// No page without body text; the 版记 (its 抄送 and 印发 lines) on the last page only, nothing
  /// but the 版记 from its top down, its last line on the 版心's lower edge. A letter without
  /// 抄送 has no 版记.
  static func checkPages(_ document: Printed) {
    let name = document.name
    let closing = closingTexts(document.document)
    for (number, page) in document.pages.enumerated() {
      let body = page.filter { !isPageNumber($0.text) && !isPart(of: closing, $0.text) }
      #expect(!body.isEmpty, "\(name): page \(number + 1) has no body text: \(page.map(\.text))")
    }
    let imprint = imprintTexts(document.document)
    guard !imprint.isEmpty else { return }
    let marks = { (line: Line) in
      isPart(of: imprint, line.text) && (line.text.contains("抄送") || line.text.hasSuffix("印发"))
    }
    for (number, page) in document.pages.enumerated().dropLast() {
      #expect(!page.contains(where: marks), "\(name): the 版记 on page \(number + 1)")
    }
    guard let last = document.pages.last else {
      Issue.record("\(name): no page")
      return
    }
    let imprintLines = last.filter(marks)
    #expect(!imprintLines.isEmpty, "\(name): no 版记 on the last page")
    let imprintTop = imprintLines.map(\.top).min() ?? 0
    for line in last where !isPageNumber(line.text) {
      if line.top >= imprintTop - 0.5 {
        #expect(isPart(of: imprint + [document.document.printer], line.text), "\(name): \(line.text) in the 版记")
      } else {
        #expect(line.bottom <= imprintTop + 0.5, "\(name): \(line.text) runs into the 版记")
      }
    }
    let imprintBottom = imprintLines.map(\.bottom).max() ?? 0
    #expect(
      imprintBottom > textBottom - 12 && imprintBottom <= textBottom + 1,
      "\(name): the 版记 ends \(imprintBottom) mm from the top, not at the foot of the page")
  }

  @Test(.needs(.soffice, .pdftotext)) func eachKindPrintsWithinItsPagesAndTheSummaryBodyInAFew() throws {
    guard let printed = try Self.converted.get() else { return }
    for document in printed {
      if let kind = Self.kinds.first(where: { document.name.hasSuffix("-\($0)") }),
        let limit = Self.pageLimit(kind: kind, document.document)
      {
        #expect(document.pages.count <= limit, "\(document.name): \(document.pages.count) pages, at most \(limit)")
      }
    }
    // The sample year has a short lift, which now fits on one page.
    #expect(
      printed.contains { $0.name.hasSuffix("-lift") && Self.bodyLines($0.document) <= Self.shortBody },
      "\(printed.map { ($0.name, Self.bodyLines($0.document)) })")
    let summary = try #require(printed.first { $0.name.hasPrefix("summary") })
    #expect(summary.pages.count <= Self.summaryPages, "the summary has \(summary.pages.count) pages")
    // Its body ends where the first annex begins: “附件1” alone on the first line of a page.
    let firstAnnex = try #require(
      summary.pages.firstIndex { $0.first?.text.filter { !$0.isWhitespace } == "附件1" },
      "\(summary.pages.map { $0.first?.text ?? "" })")
    #expect(firstAnnex <= Self.summaryBodyPages, "the summary's body takes \(firstAnnex) pages")
    // The title is broken so that no line of it holds a single character.
    let title = summary.pages[0].filter { Self.isPart(of: [summary.document.title], $0.text) }
    #expect(!title.isEmpty)
    #expect(!title.contains { $0.text.count == 1 }, "\(title.map(\.text))")
  }

  /// Printed on both sides (GB/T 9704 §6), the 版记 goes on the back of the last sheet: on an
  /// even page of its own at its foot, after a blank page when the body ends on an even page;
  /// in the DOCX neither the blank page nor the 版记's carries a number (§7.5). One-, two- and
  /// three-page documents of the sample year, through LibreOffice and Chromium.
  @Test(.needs(.soffice, .chromium, .pdftotext)) func printedOnBothSidesTheImprintTakesTheBackOfTheLastSheet() throws {
    guard let office = ExternalTools.require("soffice", for: "converting DOCX to PDF (libreoffice-writer)"),
      let pdftotext = ExternalTools.require("pdftotext", for: "reading PDF pages (poppler-utils)")
    else { return }
    // A few kinds, so as not to load the machine for the tests that run beside: the lifts take
    // one page of body, the letters and talk notices two or three.
    let kinds = ["-lift", "-precoordination", "-talk"]
    let documents = try Self.samples.get().filter { name, _ in kinds.contains { name.hasSuffix($0) } }.map {
      name, document in
      var document = document
      document.doubleSided = true
      return (name, document)
    }
    let directory = try TemporaryDirectory()
    for (name, document) in documents {
      try DOCXRenderer.render(document).write(to: URL(fileURLWithPath: directory.path("\(name).docx")))
    }
    guard
      try Self.convert(office, documents.map { directory.path("\($0.0).docx") }, into: directory.path("pdf")),
      let html = try Self.printHTML(documents)
    else { return }
    var printed: [Printed] = []
    for (name, document) in documents {
      guard let xml = try ExternalTools.run(pdftotext, ["-bbox-layout", directory.path("pdf/\(name).pdf"), "-"])
      else { return }
      printed.append(Printed(name: "\(name).docx", document: document, pages: try PageLines.parse(xml)))
    }
    var bodyPages: Set<Int> = []
    for document in printed + html {
      let name = document.name
      let imprint = Self.imprintTexts(document.document)
      guard !imprint.isEmpty else { continue }
      let closing = Self.closingTexts(document.document)
      let withBody = document.pages.filter { page in
        page.contains { !Self.isPageNumber($0.text) && !Self.isPart(of: closing, $0.text) }
      }.count
      bodyPages.insert(withBody)
      // The body's pages first, then a blank page if the body ends on an even one, then the 版记.
      #expect(
        document.pages.count == (withBody % 2 == 1 ? withBody + 1 : withBody + 2),
        "\(name): \(withBody) pages of body, \(document.pages.count) in all")
      guard let last = document.pages.last, document.pages.count >= 2 else { continue }
      let text = last.filter { !Self.isPageNumber($0.text) }
      let onlyImprint = text.allSatisfy { (line: Line) in
        Self.isPart(of: imprint + [document.document.printer], line.text)
      }
      #expect(!text.isEmpty && onlyImprint, "\(name): \(text.map { $0.text })")
      let bottom = text.map(\.bottom).max() ?? 0
      #expect(bottom > Self.textBottom - 12 && bottom <= Self.textBottom + 1, "\(name): the 版记 ends at \(bottom) mm")
      if document.pages.count == withBody + 2 {
        let blank = document.pages[document.pages.count - 2].filter { !Self.isPageNumber($0.text) }
        #expect(blank.isEmpty, "\(name): \(blank.map { $0.text })")
      }
      if name.hasSuffix(".docx") {
        for page in document.pages[withBody...] {
          #expect(!page.contains { Self.isPageNumber($0.text) }, "\(name): a number on the 版记's page or the blank one")
        }
      }
    }
    // The sample has bodies of one, two and three pages: the 版记 on page 2, 4 (after a blank 3)
    // and 4.
    #expect(bodyPages.isSuperset(of: [1, 2]), "\(bodyPages)")
  }

  /// The positions GB/T 9704 fixes on a first page — the 发文机关标志 35 mm under the 版心's top,
  /// the 发文字号 two lines under it, the red rule 4 mm under that, the title two lines under
  /// the rule, the 主送机关 a line under the title, then the body's lines — are where the HTML
  /// prints them (Chromium) and where the DOCX prints them (LibreOffice), read as rows of ink.
  @Test(.needs(.soffice, .chromium, .pdftoppm)) func theHTMLAndTheDOCXPrintTheHeadTitleAndFirstLinesInTheSamePlaces()
    throws
  {
    guard let office = ExternalTools.require("soffice", for: "converting DOCX to PDF (libreoffice-writer)"),
      let chromium = ExternalTools.require("chromium", for: "printing HTML to PDF"),
      let pdftoppm = ExternalTools.require("pdftoppm", for: "rasterising PDF pages (poppler-utils)")
    else { return }
    let document = OfficialDocument(
      issuerMark: "宜春市经济运行调度办公室", number: "宜经调提醒〔2020〕1号", isDraft: false,
      title: OfficialDocument.brokenTitle("关于2020年1-2月主要经济指标和重点工作预警的提醒函"), addressee: "万载县人民政府",
      body: [
        .paragraph(String(repeating: "根据全市主要经济指标和重点工作监测预警情况，", count: 4)),
        .heading(level: 1, text: "一、固定资产投资"), .paragraph(String(repeating: "累计下降17.0%，低于年度目标。", count: 6)),
      ], signature: "宜春市经济运行调度办公室", date: "2020年3月13日", copies: ["市发改委"], printer: "宜春市经济运行调度办公室",
      printDate: "2020年3月13日")
    guard let (docx, html) = try Self.firstPageRows(document, office: office, chromium: chromium, pdftoppm: pdftoppm)
    else { return }
    // The mark, the number, the rule, two lines of title, the 主送机关 and three body lines.
    try #require(docx.count >= 9 && html.count >= 9, "\(docx) \(html)")
    #expect(abs(docx[0].top - (37 + 35)) <= 1.5, "the DOCX's mark starts \(docx[0].top) mm from the top")
    #expect(abs(html[0].top - (37 + 35)) <= 1.5, "the HTML's mark starts \(html[0].top) mm from the top")
    #expect(docx[2].bottom - docx[2].top < 1.5 && html[2].bottom - html[2].top < 1.5, "the third row is the rule")
    for (row, (fromDOCX, fromHTML)) in zip(docx, html).prefix(9).enumerated() {
      #expect(
        abs(fromDOCX.top - fromHTML.top) <= 1.5,
        "row \(row): the DOCX prints it at \(fromDOCX.top) mm, the HTML at \(fromHTML.top) mm")
    }
  }

  /// The 信函格式 prints the same in both: the mark 30 mm from the page's top, the double rule
  /// 4 mm under it, then the 文号, the title, the 主送机关 and the body's lines, row for row.
  @Test(.needs(.soffice, .chromium, .pdftoppm)) func theLetterFormatPrintsItsHeadInTheSamePlacesInTheHTMLAndTheDOCX()
    throws
  {
    guard let office = ExternalTools.require("soffice", for: "converting DOCX to PDF (libreoffice-writer)"),
      let chromium = ExternalTools.require("chromium", for: "printing HTML to PDF"),
      let pdftoppm = ExternalTools.require("pdftoppm", for: "rasterising PDF pages (poppler-utils)")
    else { return }
    let document = OfficialDocument(
      issuerMark: "宜春市经济运行调度办公室", number: "宜经调解除〔2020〕9号", isDraft: false,
      title: OfficialDocument.brokenTitle("关于解除2020年1-9月有关预警的通知"), addressee: "市工信局",
      body: [.paragraph(String(repeating: "经监测，你单位以下事项的预警情形已连续2期消除。", count: 3))],
      signature: "宜春市经济运行调度办公室", date: "2020年10月10日", copies: ["高安市人民政府"], printer: "宜春市经济运行调度办公室",
      printDate: "2020年10月10日", format: .letter)
    guard let (docx, html) = try Self.firstPageRows(document, office: office, chromium: chromium, pdftoppm: pdftoppm)
    else { return }
    for (name, rows) in [("DOCX", docx), ("HTML", html)] {
      try #require(rows.count >= 6, "\(name): \(rows)")
      #expect(abs(rows[0].top - 30) <= 1.5, "the \(name)'s mark starts \(rows[0].top) mm from the top")
      let rule = rows.dropFirst().first { $0.bottom - $0.top < 1.5 }
      #expect(
        rule.map { abs($0.top - (30 + 10.9 + 4)) <= 1.5 } == true, "the \(name)'s rule: \(String(describing: rule))")
    }
    // The rows of text: the mark, the 文号, the title, the 主送机关 and the body's first lines.
    let text = { (rows: [(top: Double, bottom: Double)]) in rows.filter { $0.bottom - $0.top >= 1.5 } }
    for (row, (fromDOCX, fromHTML)) in zip(text(docx), text(html)).prefix(6).enumerated() {
      #expect(
        abs(fromDOCX.top - fromHTML.top) <= 1.5,
        "row \(row): the DOCX prints it at \(fromDOCX.top) mm, the HTML at \(fromHTML.top) mm")
    }
  }

  /// The rows of ink of a document's first page, its DOCX converted by LibreOffice and its HTML
  /// printed by Chromium; nil when a tool fails.
  static func firstPageRows(_ document: OfficialDocument, office: String, chromium: String, pdftoppm: String) throws
    -> ([(top: Double, bottom: Double)], [(top: Double, bottom: Double)])?
  {
    let directory = try TemporaryDirectory()
    try DOCXRenderer.render(document).write(to: URL(fileURLWithPath: directory.path("letter.docx")))
    try Data(HTMLRenderer.render(document).utf8).write(to: URL(fileURLWithPath: directory.path("letter.html")))
    let profile = URL(fileURLWithPath: directory.path("profile")).absoluteString
    guard
      try ExternalTools.run(
        office,
        ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf", "--outdir", directory.path("docx")]
          + [directory.path("letter.docx")]) != nil,
      try ExternalTools.run(
        chromium,
        [
          "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
          "--user-data-dir=\(directory.path("chromium"))",
          "--print-to-pdf=\(directory.path("html.pdf"))",
          URL(fileURLWithPath: directory.path("letter.html")).absoluteString,
        ]) != nil
    else { return nil }
    let docx = try Self.inkRows(pdftoppm, directory.path("docx/letter.pdf"), into: directory.path("docx-page"))
    let html = try Self.inkRows(pdftoppm, directory.path("html.pdf"), into: directory.path("html-page"))
    return (docx, html)
  }

  /// The rows of a PDF's first page that hold ink (any pixel darker than mid-grey, the red
  /// included), top to bottom, in millimetres.
  static func inkRows(_ pdftoppm: String, _ pdf: String, into prefix: String) throws -> [(top: Double, bottom: Double)]
  {
    // 127 dpi: five pixels a millimetre.
    _ = try ExternalTools.run(pdftoppm, ["-r", "127", "-gray", "-f", "1", "-l", "1", "-singlefile", pdf, prefix])
    let image = try Data(contentsOf: URL(fileURLWithPath: prefix + ".pgm"))
    // P5 <width> <height> <maxval>, each after whitespace, then one byte a pixel.
    var fields: [Int] = []
    var index = 2
    while fields.count < 3 {
      while image[index] == 0x20 || image[index] == 0x0A { index += 1 }
      var value = 0
      while image[index] >= 0x30 && image[index] <= 0x39 {
        value = value * 10 + Int(image[index] - 0x30)
        index += 1
      }
      fields.append(value)
    }
    let (width, height) = (fields[0], fields[1])
    let pixels = image.suffix(width * height)
    var rows: [(top: Double, bottom: Double)] = []
    var start: Int?
    for y in 0...height {
      let inked =
        y < height && pixels[pixels.startIndex + y * width..<pixels.startIndex + (y + 1) * width].contains { $0 < 128 }
      if inked, start == nil { start = y }
      if !inked, let first = start {
        rows.append((Double(first) / 5, Double(y) / 5))
        start = nil
      }
    }
    return rows
  }

  // MARK: - The documents

  /// Every notice kind's longest and shortest DOCX and the December summary, converted; nil
  /// (the test skipped or failed as `ExternalTools` says) without LibreOffice or poppler.
  static func printedDocuments() throws -> [Printed]? {
    guard let office = ExternalTools.require("soffice", for: "converting DOCX to PDF (libreoffice-writer)"),
      let pdftotext = ExternalTools.require("pdftotext", for: "reading PDF pages (poppler-utils)")
    else { return nil }
    let directory = try TemporaryDirectory()
    let documents = try samples.get()
    var names: [String] = []
    for (name, document) in documents {
      try DOCXRenderer.render(document).write(to: URL(fileURLWithPath: directory.path("\(name).docx")))
      names.append(name)
    }
    guard try convert(office, names.map { directory.path("\($0).docx") }, into: directory.path("pdf")) else {
      return nil
    }
    var printed: [Printed] = []
    for (name, document) in documents {
      guard let xml = try ExternalTools.run(pdftotext, ["-bbox-layout", directory.path("pdf/\(name).pdf"), "-"])
      else { continue }
      printed.append(Printed(name: name, document: document, pages: try PageLines.parse(xml)))
    }
    return printed
  }

  /// Converts DOCX files to PDF with one LibreOffice, with a profile of its own so that it runs
  /// beside any other; the blank pages it inserts before a section that starts on an even page
  /// are kept, as a printer prints them.
  static func convert(_ office: String, _ files: [String], into directory: String) throws -> Bool {
    let profile = URL(fileURLWithPath: directory + "-profile").absoluteString
    let pdf = #"pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}"#
    return try ExternalTools.run(
      office, ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", pdf, "--outdir", directory] + files)
      != nil
  }

  /// Prints HTML documents with Chromium, one an invocation; nil without Chromium or poppler.
  static func printHTML(_ documents: [(String, OfficialDocument)]) throws -> [Printed]? {
    guard let chromium = ExternalTools.require("chromium", for: "printing HTML to PDF"),
      let pdftotext = ExternalTools.require("pdftotext", for: "reading PDF pages (poppler-utils)")
    else { return nil }
    let directory = try TemporaryDirectory()
    var printed: [Printed] = []
    for (name, document) in documents {
      let html = URL(fileURLWithPath: directory.path("\(name).html"))
      try Data(HTMLRenderer.render(document).utf8).write(to: html)
      guard
        try ExternalTools.run(
          chromium,
          [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            "--user-data-dir=\(directory.path("chromium"))", "--print-to-pdf=\(directory.path("\(name).pdf"))",
            html.absoluteString,
          ]) != nil,
        let xml = try ExternalTools.run(pdftotext, ["-bbox-layout", directory.path("\(name).pdf"), "-"])
      else { return nil }
      printed.append(Printed(name: "\(name).html", document: document, pages: try PageLines.parse(xml)))
    }
    return printed
  }

  /// The sample documents' HTML printed by Chromium, one document at a time (it prints one page
  /// an invocation); nil without Chromium or poppler.
  static func printedHTMLDocuments() throws -> [Printed]? { try printHTML(samples.get()) }

  /// Made once for the DOCX and the HTML.
  static let samples: Result<[(String, OfficialDocument)], Failure> = {
    do { return .success(try sampleDocuments()) } catch { return .failure(Failure(description: "\(error)")) }
  }()

  /// The sample office's year, as the demo runs it: every kind's longest and shortest notice by
  /// the length of its text, and the December summary issued a week after its evaluation.
  static func sampleDocuments() throws -> [(String, OfficialDocument)] {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    _ = try SampleReplay(workspace: workspace).loadBaseline()
    let rules = URL(fileURLWithPath: directory.path("thresholds"))
    try SampleReplay.writeThresholds(into: rules)
    let thresholds = try Thresholds.load(configuration: workspace.configuration, directory: rules)
    try SampleOffice(workspace: workspace, thresholds: thresholds, review: .everything).run { _ in }

    let notices = try workspace.store.notices().filter { $0.state != .superseded && $0.state != .rejected }
    var chosen: [(String, OfficialDocument)] = []
    for (kind, group) in Dictionary(grouping: notices, by: \.kind).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      let documents = group.map { ($0, NoticeDocument.make($0, configuration: workspace.configuration)) }
        .sorted { TextRenderer.plainText($0.1).count < TextRenderer.plainText($1.1).count }
      for (notice, document) in Set([documents.first!.0.id, documents.last!.0.id]).sorted().compactMap({ id in
        documents.first { $0.0.id == id }
      }) {
        chosen.append(("notice-\(notice.id)-\(kind.rawValue)", document))
      }
    }
    let period = try #require(try workspace.store.evaluatedPeriods().last)
    let evaluated = try #require(try workspace.store.latestEvaluation(period: period))
    let report = SummaryReport(workspace: workspace, thresholds: thresholds)
    _ = try report.issue(
      period: period, date: thresholds.calendar.adding(workingDays: 5, to: evaluated.asOf), actor: "test", at: fixedNow)
    chosen.append(("summary-\(period)", try report.document(period: period, asOf: evaluated.asOf)))
    return chosen
  }

  // MARK: - Reading the pages

  static func isPageNumber(_ text: String) -> Bool {
    let digits = text.filter { $0 != "—" && $0 != " " }
    return text.hasPrefix("—") && text.hasSuffix("—") && !digits.isEmpty && digits.allSatisfy(\.isNumber)
  }

  /// Whether a printed line is (a piece of) one of the texts, spaces aside.
  static func isPart(of texts: [String], _ line: String) -> Bool {
    let line = line.filter { !$0.isWhitespace }
    return !line.isEmpty && texts.contains { $0.filter { !$0.isWhitespace }.contains(line) }
  }

  /// What a page may hold besides the body: the 署名, the 成文日期, the 附注 and the 版记.
  static func closingTexts(_ document: OfficialDocument) -> [String] {
    var texts = [document.signature, DocumentWording.date(document)] + imprintTexts(document)
    if let note = document.note { texts.append(DocumentWording.note(note)) }
    return texts
  }

  /// The 版记's texts that nothing else repeats: 抄送 and the 印发日期 (the 印发机关 is often the
  /// 署名 too); none for a letter without 抄送.
  static func imprintTexts(_ document: OfficialDocument) -> [String] {
    // A letter's 版记 is its 抄送 alone.
    var texts = document.format == .letter ? [] : [DocumentWording.printed(document)]
    if !document.copies.isEmpty { texts.append(DocumentWording.copiesLabel + DocumentWording.copies(document.copies)) }
    return texts
  }
}

/// The lines of each page of `pdftotext -bbox-layout`'s XHTML, top to bottom, in millimetres.
final class PageLines: NSObject, XMLParserDelegate {
  private var pages: [[PrintedPagesTests.Line]] = []
  private var line: PrintedPagesTests.Line?
  private var word: String?

  static func parse(_ xhtml: String) throws -> [[PrintedPagesTests.Line]] {
    let reader = PageLines()
    let parser = XMLParser(data: Data(xhtml.utf8))
    parser.delegate = reader
    guard parser.parse() else { throw CocoaError(.fileReadCorruptFile) }
    return reader.pages.map { $0.sorted { $0.top < $1.top } }
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String]
  ) {
    let millimetres = { (key: String) in (Double(attributes[key] ?? "") ?? 0) * 25.4 / 72 }
    switch name {
    case "page": pages.append([])
    case "line": line = PrintedPagesTests.Line(top: millimetres("yMin"), bottom: millimetres("yMax"), text: "")
    case "word": word = ""
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { word? += string }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    switch name {
    case "word":
      if let word, var current = line {
        current.text += (current.text.isEmpty ? "" : " ") + word
        line = current
      }
      word = nil
    case "line":
      if let line, !pages.isEmpty { pages[pages.count - 1].append(line) }
      line = nil
    default: break
    }
  }
}
