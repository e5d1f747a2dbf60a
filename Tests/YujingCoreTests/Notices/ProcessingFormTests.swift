import Foundation
import Testing

@testable import YujingCore

/// The 发文稿纸 of a document: its particulars and the steps taken, as HTML and as DOCX.
@Suite struct ProcessingFormTests {
  static let document = OfficialDocument(
    issuerMark: "宜春市人民政府办公室", number: "宜府办约谈〔2020〕3号", isDraft: false,
    title: OfficialDocument.brokenTitle("关于约谈丰城市人民政府主要负责同志的通知"), addressee: "丰城市人民政府",
    body: [.paragraph("经研究，决定约谈你单位主要负责同志。")], signature: "宜春市人民政府办公室", date: "2020年9月29日",
    copies: ["市发展改革委", "市统计局"], printer: "宜春市人民政府办公室", printDate: "2020年9月29日")

  static let steps = [
    ProcessingForm.Step(role: .draft, name: "王芳", title: "科员", date: Day("2020-09-25")!, opinion: "拟约谈，请审核。"),
    ProcessingForm.Step(role: .check, name: "李明", title: "科长", date: Day("2020-09-27")!, opinion: "核稿无误。"),
    ProcessingForm.Step(role: .countersign, name: "赵强", date: Day("2020-09-28")!, opinion: "同意，统计数据已核对。"),
    ProcessingForm.Step(role: .sign, name: "张伟", title: "副市长", date: Day("2020-09-29")!, opinion: "同意印发。"),
  ]

  static let form = ProcessingForm(document, steps: steps, classification: "内部", urgency: "加急", printedCopies: 12)

  /// Every text the form must show, as the renderers print it.
  static var fields: [String] {
    [
      "宜春市人民政府办公室发文稿纸", "宜府办约谈〔2020〕3号", "关于约谈丰城市人民政府主要负责同志的通知", "丰城市人民政府",
      "市发展改革委，市统计局。", "内部", "加急", "2020年9月29日", "12份", "拟稿", "核稿", "会签", "签发",
    ] + steps.flatMap { [$0.signer, $0.date.chinese, $0.opinion!] }
  }

  @Test func theFormOfADocumentTakesItsParticularsAndRowsEachRoleSigningFirst() {
    let form = Self.form
    #expect(form.issuer == "宜春市人民政府办公室")
    #expect(form.number == "宜府办约谈〔2020〕3号")
    // The title broken for print reads as one line on the form.
    #expect(form.title == "关于约谈丰城市人民政府主要负责同志的通知")
    #expect(form.addressee == "丰城市人民政府" && form.copies == ["市发展改革委", "市统计局"])
    #expect(form.printer == "宜春市人民政府办公室" && form.printDate == "2020年9月29日")
    #expect(form.rows.map(\.role) == [.sign, .countersign, .check, .draft])
    #expect(form.rows.map { $0.steps.map(\.name) } == [["张伟"], ["赵强"], ["李明"], ["王芳"]])
    #expect(Self.steps[0].signer == "王芳（科员）" && Self.steps[2].signer == "赵强")

    // Before the steps are taken: 签发, 核稿 and 拟稿 wait blank; 会签 has no row.
    let blank = ProcessingForm(Self.document, steps: [])
    #expect(blank.rows.map(\.role) == [.sign, .check, .draft])
    #expect(blank.rows.allSatisfy { $0.steps.isEmpty })
  }

  @Test func theHTMLShowsEveryFieldInItsRow() {
    let html = ProcessingFormHTML.render(Self.form)
    for field in Self.fields { #expect(html.contains(field), "\(field)") }
    // The 签发 row comes before the 拟稿 row, each with its own opinion.
    let sign = try? #require(html.range(of: "<th scope=\"row\">签发</th>"))
    let draft = try? #require(html.range(of: "<th scope=\"row\">拟稿</th>"))
    if let sign, let draft { #expect(sign.lowerBound < draft.lowerBound) }
    #expect(ProcessingFormHTML.render(Self.form, standalone: false).hasPrefix("<article class=\"gw-form\""))
  }

  @Test func theHTMLEscapesHostileTextInEveryField() {
    let hostile = "<script>alert(1)</script>&\"'"
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"
    let form = ProcessingForm(
      issuer: hostile, number: hostile, title: hostile, addressee: hostile, copies: [hostile], classification: hostile,
      urgency: hostile, printer: hostile, printDate: hostile, printedCopies: 1,
      steps: ProcessingForm.Step.Role.allCases.map {
        ProcessingForm.Step(role: $0, name: hostile, title: hostile, date: Day("2020-09-29")!, opinion: hostile)
      })
    let html = ProcessingFormHTML.render(form)
    #expect(!html.contains("<script>"))
    #expect(!html.contains(hostile))
    // Title, heading, number, title, addressee, copies, the two pairs' four texts, four steps'
    // signers (name and title) and opinions.
    #expect(html.components(separatedBy: escaped).count - 1 >= 2 + 4 + 4 + 4 * 3)
  }

  @Test(.needs(.pythonDocx)) func theDOCXOpensInPythonDocxAndShowsEveryField() throws {
    guard let python = Python.with(module: "docx", package: "python-docx") else { return }
    let directory = try TemporaryDirectory()
    let path = directory.path("form.docx")
    try ProcessingFormDOCX.render(Self.form).write(to: URL(fileURLWithPath: path))
    guard let output = try ExternalTools.run(python, ["-c", Python.readDOCX, path]) else { return }
    let read = try JSONDecoder().decode(ReadDOCX.self, from: Data(output.utf8))
    #expect(read.paragraphs.first == "宜春市人民政府办公室发文稿纸")
    let cells = read.tables.flatMap { $0.flatMap { $0 } }
    let texts = read.paragraphs + cells
    for field in Self.fields { #expect(texts.contains { $0.contains(field) }, "\(field)") }
    #expect(read.title == "宜春市人民政府办公室发文稿纸")
    // A4 with the documents' margins.
    #expect(read.page == [11906 * 635, 16838 * 635, 2098 * 635, 1985 * 635, 1588 * 635, 1474 * 635])
    // The rows as the form lays them out: a label, then its text.
    let rows = try #require(read.tables.first)
    #expect(rows.first?.first == "文号" && rows.first?[1] == "宜府办约谈〔2020〕3号")
    let signRow = try #require(rows.first { $0.first == "签发" })
    #expect(signRow[1].contains("同意印发。") && signRow[1].contains("张伟（副市长）"))
  }

  @Test(.needs(.soffice, .pdftotext)) func theDOCXPrintsOnOnePageThroughLibreOffice() throws {
    guard let office = ExternalTools.require("soffice", for: "converting DOCX to PDF (libreoffice-writer)"),
      let pdftotext = ExternalTools.require("pdftotext", for: "reading PDF pages (poppler-utils)")
    else { return }
    let directory = try TemporaryDirectory()
    try ProcessingFormDOCX.render(Self.form).write(to: URL(fileURLWithPath: directory.path("form.docx")))
    let profile = URL(fileURLWithPath: directory.path("profile")).absoluteString
    guard
      try ExternalTools.run(
        office,
        [
          "-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf", "--outdir", directory.path("pdf"),
          directory.path("form.docx"),
        ]) != nil,
      let xml = try ExternalTools.run(pdftotext, ["-bbox-layout", directory.path("pdf/form.pdf"), "-"])
    else { return }
    let pages = try PageLines.parse(xml)
    #expect(pages.count == 1, "\(pages.map { $0.map(\.text) })")
    let text = pages.flatMap { $0.map { $0.text.filter { !$0.isWhitespace } } }.joined()
    for field in ["宜春市人民政府办公室发文稿纸", "宜府办约谈〔2020〕3号", "同意印发。", "12份"] {
      #expect(text.contains(field), "\(field)")
    }
    // No page number on the form.
    #expect(!pages[0].contains { PrintedPagesTests.isPageNumber($0.text) })
  }

  @Test(.needs(.chromium, .pdftotext)) func theHTMLPrintsOnOnePageThroughChromium() throws {
    guard let chromium = ExternalTools.require("chromium", for: "printing HTML to PDF"),
      let pdftotext = ExternalTools.require("pdftotext", for: "reading PDF pages (poppler-utils)")
    else { return }
    let directory = try TemporaryDirectory()
    let html = URL(fileURLWithPath: directory.path("form.html"))
    try Data(ProcessingFormHTML.render(Self.form).utf8).write(to: html)
    guard
      try ExternalTools.run(
        chromium,
        [
          "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
          "--user-data-dir=\(directory.path("chromium"))", "--print-to-pdf=\(directory.path("form.pdf"))",
          html.absoluteString,
        ]) != nil,
      let xml = try ExternalTools.run(pdftotext, ["-bbox-layout", directory.path("form.pdf"), "-"])
    else { return }
    let pages = try PageLines.parse(xml)
    #expect(pages.count == 1, "\(pages.map { $0.map(\.text) })")
    let text = pages.flatMap { $0.map { $0.text.filter { !$0.isWhitespace } } }.joined()
    #expect(text.contains("宜春市人民政府办公室发文稿纸") && text.contains("12份"))
  }
}
