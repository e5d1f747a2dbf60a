/// An official document as plain text (the whole document read top to bottom, laid out for a
/// monospaced font) and as the Markdown that the WeCom and DingTalk group robots render.
public enum TextRenderer {
  /// The columns of a 28-character line when CJK characters take two.
  static let lineWidth = 56

  public static func plainText(_ document: OfficialDocument) -> String {
    var out = ""
    out.reserveCapacity(DocumentWording.estimatedLength(document))
    func line(_ text: some StringProtocol) {
      out.append(contentsOf: String(text))
      out += "\n"
    }
    func blank() { out += "\n" }
    func centred(_ text: some StringProtocol) {
      let padding = max(0, (lineWidth - DocumentWording.displayWidth(text)) / 2)
      line(String(repeating: " ", count: padding) + text)
    }

    if document.isDraft {
      line("【\(DocumentWording.draftMark)】")
      blank()
    }
    for mark in DocumentWording.lines(document.issuerMark) { centred(mark) }
    blank()
    centred(DocumentWording.number(document))
    line(String(repeating: "=", count: lineWidth))
    blank()
    for title in DocumentWording.lines(document.title) { centred(title) }
    blank()
    func blocks(_ blocks: [OfficialDocument.Block]) {
      for block in blocks {
        switch block {
        case .paragraph(let text):
          for paragraph in DocumentWording.lines(text) { line(DocumentWording.indent + paragraph) }
        case .heading(_, let text):
          line(DocumentWording.indent + DocumentWording.singleLine(text))
        case .table(let table):
          blank()
          if let caption = table.caption { centred(DocumentWording.singleLine(caption)) }
          for row in alignedRows(table) { line(row) }
          blank()
        case .figure(_, let caption):
          line(DocumentWording.indent + "［图］" + DocumentWording.singleLine(caption))
        }
      }
    }
    if let addressee = document.addressee { line(DocumentWording.addressee(addressee)) }
    blocks(document.body)
    let attachments = DocumentWording.attachmentLines(document.attachments)
    if !attachments.isEmpty {
      blank()
      let label = DocumentWording.indent + DocumentWording.attachmentLabel
      let hanging = String(repeating: "　", count: 5)
      for (position, attachment) in attachments.enumerated() {
        line((position == 0 ? label : hanging) + attachment)
      }
    }
    blank()
    blank()
    let signature = DocumentWording.singleLine(document.signature)
    let date = DocumentWording.date(document)
    // 成文日期 four characters from the right, the 署名 centred over it, as where a seal is used.
    let blockWidth = max(DocumentWording.displayWidth(signature), DocumentWording.displayWidth(date))
    let blockStart = max(0, lineWidth - 8 - blockWidth)
    for text in [signature, date] {
      let padding = blockStart + (blockWidth - DocumentWording.displayWidth(text)) / 2
      line(String(repeating: " ", count: padding) + text)
    }
    if let note = document.note { line(DocumentWording.indent + DocumentWording.note(note)) }
    for (index, annex) in document.annexes.enumerated() {
      blank()
      line(document.annexes.count > 1 ? "附件\(index + 1)" : "附件")
      blank()
      for title in DocumentWording.lines(annex.title) { centred(title) }
      blank()
      blocks(annex.body)
    }
    blank()
    let rule = String(repeating: "-", count: lineWidth)
    line(rule)
    if !document.copies.isEmpty {
      line(DocumentWording.copiesLabel + DocumentWording.copies(document.copies))
      line(rule)
    }
    let printer = DocumentWording.singleLine(document.printer)
    let printed = DocumentWording.printed(document)
    let gap = lineWidth - DocumentWording.displayWidth(printer) - DocumentWording.displayWidth(printed)
    line(printer + (gap >= 2 ? String(repeating: " ", count: gap) : "　　") + printed)
    line(rule)
    return out
  }

  /// A table's rows padded to common column widths, numeric columns right-aligned, with `|`
  /// between cells so that it still reads where the font is proportional.
  static func alignedRows(_ table: OfficialDocument.Table) -> [String] {
    let grid = DocumentWording.grid(table)
    guard grid.columns > 0 else { return [] }
    var widths = [Int](repeating: 0, count: grid.columns)
    for row in [grid.header] + grid.rows {
      for (column, cell) in row.enumerated() {
        widths[column] = max(widths[column], DocumentWording.displayWidth(cell))
      }
    }
    func render(_ row: [String]) -> String {
      var cells: [String] = []
      for (column, cell) in row.enumerated() {
        let padding = String(repeating: " ", count: widths[column] - DocumentWording.displayWidth(cell))
        cells.append(grid.numeric[column] ? padding + cell : cell + padding)
      }
      return trimmingTrailingSpaces(cells.joined(separator: " | "))
    }
    var rows: [String] = []
    if !table.header.isEmpty {
      rows.append(render(grid.header))
      rows.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-"))
    }
    for row in grid.rows { rows.append(render(row)) }
    return rows
  }

  private static func trimmingTrailingSpaces(_ text: String) -> String {
    var text = Substring(text)
    while text.last == " " { text.removeLast() }
    return String(text)
  }
}

extension TextRenderer {
  /// The document as group robots show it: the title as a heading, the number and date quoted
  /// under it, tables as Markdown tables and figures by their caption. Text from the model is
  /// escaped with CommonMark's backslash escapes so that it cannot open emphasis, links, HTML,
  /// headings, lists or table cells.
  public static func markdown(_ document: OfficialDocument) -> String {
    var blocks: [String] = []
    blocks.reserveCapacity(document.body.count + 12)
    if document.isDraft { blocks.append("**【\(DocumentWording.draftMark)】**") }
    let mark = DocumentWording.lines(document.issuerMark).joined(separator: "　")
    if !mark.isEmpty { blocks.append("**" + MarkdownText.escaped(mark, atLineStart: false) + "**") }
    blocks.append("# " + MarkdownText.escaped(DocumentWording.lines(document.title).joined(), atLineStart: false))
    blocks.append(
      "> " + MarkdownText.escaped(DocumentWording.number(document) + "　" + DocumentWording.date(document)))
    if let addressee = document.addressee {
      blocks.append(MarkdownText.escaped(DocumentWording.addressee(addressee)))
    }
    func append(_ body: [OfficialDocument.Block]) {
      for block in body {
        switch block {
        case .paragraph(let text):
          for paragraph in DocumentWording.lines(text) { blocks.append(MarkdownText.escaped(paragraph)) }
        case .heading(let level, let text):
          let hashes = String(repeating: "#", count: DocumentWording.headingLevel(level) + 1)
          blocks.append(hashes + " " + MarkdownText.escaped(DocumentWording.singleLine(text), atLineStart: false))
        case .table(let table):
          if let caption = table.caption {
            blocks.append("**" + MarkdownText.escaped(DocumentWording.singleLine(caption), atLineStart: false) + "**")
          }
          let rows = MarkdownText.table(table)
          if !rows.isEmpty { blocks.append(rows) }
        case .figure(_, let caption):
          blocks.append("［图］" + MarkdownText.escaped(DocumentWording.singleLine(caption), atLineStart: false))
        }
      }
    }
    append(document.body)
    if document.attachments.count == 1 {
      blocks.append(DocumentWording.attachmentLabel + MarkdownText.escaped(document.attachments[0], atLineStart: false))
    } else if !document.attachments.isEmpty {
      blocks.append(DocumentWording.attachmentLabel)
      blocks.append(
        document.attachments.enumerated().map {
          "\($0.offset + 1). " + MarkdownText.escaped(DocumentWording.singleLine($0.element))
        }.joined(separator: "\n"))
    }
    blocks.append(MarkdownText.escaped(DocumentWording.singleLine(document.signature)))
    if let note = document.note { blocks.append(MarkdownText.escaped(DocumentWording.note(note))) }
    for (index, annex) in document.annexes.enumerated() {
      blocks.append("---")
      let label = document.annexes.count > 1 ? "附件\(index + 1)" : "附件"
      blocks.append(
        "## " + label + "　" + MarkdownText.escaped(DocumentWording.lines(annex.title).joined(), atLineStart: false))
      append(annex.body)
    }
    blocks.append("---")
    if !document.copies.isEmpty {
      blocks.append(DocumentWording.copiesLabel + MarkdownText.escaped(DocumentWording.copies(document.copies)))
    }
    blocks.append(
      MarkdownText.escaped(DocumentWording.singleLine(document.printer) + "　" + DocumentWording.printed(document)))
    return blocks.joined(separator: "\n\n") + "\n"
  }
}

extension MarkdownText {
  /// A GFM table; numeric columns right-aligned. Empty when the table has no columns.
  static func table(_ table: OfficialDocument.Table) -> String {
    let grid = DocumentWording.grid(table)
    guard grid.columns > 0 else { return "" }
    func row(_ cells: [String]) -> String {
      "| " + cells.map { $0.isEmpty ? " " : escaped($0, atLineStart: false) }.joined(separator: " | ") + " |"
    }
    var lines = [row(grid.header), "| " + grid.numeric.map { $0 ? "---:" : "---" }.joined(separator: " | ") + " |"]
    for cells in grid.rows { lines.append(row(cells)) }
    return lines.joined(separator: "\n")
  }
}

/// The words that the renderers add around the model's text, the same in every format so that
/// a reviewer sees one wording whether reading the page, the robot's message or the text.
enum DocumentWording {
  static let draftMark = "草稿 · 未经批准"
  static let numberPlaceholder = "（文号待编）"
  static let datePlaceholder = "（成文日期待定）"
  static let printDatePlaceholder = "（印发日期待定）"
  static let attachmentLabel = "附件："
  static let copiesLabel = "抄送："
  static let indent = "　　"

  static func number(_ document: OfficialDocument) -> String {
    document.number.map(singleLine) ?? numberPlaceholder
  }

  static func date(_ document: OfficialDocument) -> String {
    document.date.map(singleLine) ?? datePlaceholder
  }

  static func addressee(_ addressee: String) -> String { singleLine(addressee) + "：" }

  /// The 印发日期 as printed ("2020年9月29日印发"); accepts the date with or without 印发.
  static func printed(_ document: OfficialDocument) -> String {
    guard let date = document.printDate.map(singleLine) else { return printDatePlaceholder }
    return date.hasSuffix("印发") ? date : date + "印发"
  }

  /// The 附注 in brackets, unless the text brings its own.
  static func note(_ note: String) -> String {
    let note = singleLine(note)
    return note.hasPrefix("（") && note.hasSuffix("）") ? note : "（" + note + "）"
  }

  /// The lines the 版记 prints in 4号 across the 版心: the 抄送 as it wraps (its first line two
  /// characters short for the indents, the next five, under the first name) and the 印发 line,
  /// which a letter does not have.
  static func imprintLines(_ document: OfficialDocument) -> Int {
    var lines = document.format == .letter ? 0 : 1
    if !document.copies.isEmpty {
      let ems = PrintedWidth.ems(copiesLabel + copies(document.copies))
      let perLine = Double(PageGeometry.textWidth) / Double(PageGeometry.smallCharacter)
      let (first, next) = (perLine - 2, perLine - 5)
      lines += 1 + (ems <= first ? 0 : Int(((ems - first) / next).rounded(.up)))
    }
    return lines
  }

  /// 抄送机关 separated by full-width commas and closed with a full stop (GB/T 9704 §7.4.2).
  static func copies(_ copies: [String]) -> String {
    copies.map(singleLine).joined(separator: "，") + "。"
  }

  /// The attachments' names as listed after 附件：, numbered only when there are several.
  static func attachmentLines(_ attachments: [String]) -> [String] {
    if attachments.count == 1 { return [singleLine(attachments[0])] }
    return attachments.enumerated().map { "\($0.offset + 1).\(singleLine($0.element))" }
  }

  /// A heading level the renderers know: 1 一、, 2 （一）, 3 1., 4 （1）.
  static func headingLevel(_ level: Int) -> Int { min(max(level, 1), 4) }

  /// The non-empty lines of a text that may hold line breaks of any convention.
  static func lines(_ text: String) -> [Substring] {
    if !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
      return text.isEmpty ? [] : [Substring(text)]
    }
    return text.split(whereSeparator: \.isNewline)
  }

  /// A text for a place that holds one line (a cell, a heading, a date): a line break becomes
  /// a space between Latin words and nothing between Chinese characters (a title broken for
  /// print, 关于…指标 / 和重点工作…, reads as one line).
  static func singleLine(_ text: String) -> String {
    if !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) { return text }
    var joined = ""
    for line in lines(text) {
      if let last = joined.last, let first = line.first, last.isASCII, first.isASCII { joined += " " }
      joined += line
    }
    return joined
  }

  /// A cell's text where colour is not available: its warning level spelled out, unless the
  /// text already names it.
  static func cellText(_ cell: OfficialDocument.Cell) -> String {
    let text = singleLine(cell.text)
    guard let level = cell.level, level != .none, !text.contains(level.chinese) else { return text }
    return text + "（" + level.chinese + "）"
  }

  /// A table as a rectangle of single-line cell texts, and which columns hold numbers.
  static func grid(_ table: OfficialDocument.Table) -> (
    columns: Int, header: [String], rows: [[String]], numeric: [Bool]
  ) {
    let columns = table.rows.reduce(table.header.count) { max($0, $1.count) }
    func padded(_ cells: [String]) -> [String] {
      cells + [String](repeating: "", count: columns - cells.count)
    }
    // A column of numbers keeps its dashes for missing figures: it is numeric when most of its
    // cells hold a number.
    var numbers = [Int](repeating: 0, count: columns)
    var texts = [Int](repeating: 0, count: columns)
    for row in table.rows {
      for (column, cell) in row.enumerated() {
        if cell.number != nil {
          numbers[column] += 1
        } else if !cell.text.isEmpty {
          texts[column] += 1
        }
      }
    }
    return (
      columns,
      padded(table.header.map(singleLine)),
      table.rows.map { padded($0.map(cellText)) },
      zip(numbers, texts).map { $0 > $1 }
    )
  }

  /// The columns a text takes in a monospaced font: two for East Asian wide and full-width
  /// characters, none for combining marks and controls.
  static func displayWidth(_ text: some StringProtocol) -> Int {
    var width = 0
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0..<0x20, 0x7F..<0xA0, 0x0300..<0x0370, 0x200B..<0x2010, 0xFE00..<0xFE10: break
      case 0x1100..<0x1160, 0x2E80..<0xA4D0, 0xAC00..<0xD7A4, 0xF900..<0xFB00, 0xFE10..<0xFE1A, 0xFE30..<0xFE70,
        0xFF00..<0xFF61, 0xFFE0..<0xFFE7, 0x1F300..<0x1F650, 0x20000..<0x3FFFE:
        width += 2
      default: width += 1
      }
    }
    return width
  }

  /// A generous guess at a rendering's length, so that the output is allocated once.
  static func estimatedLength(_ document: OfficialDocument) -> Int {
    var length = 1024 + document.issuerMark.utf8.count + document.title.utf8.count
    for block in document.body {
      switch block {
      case .paragraph(let text), .heading(_, let text): length += text.utf8.count + 32
      case .table(let table):
        for row in table.rows { length += row.reduce(64) { $0 + $1.text.utf8.count + 48 } }
        length += table.header.reduce(256) { $0 + $1.utf8.count + 32 }
      // The SVG of a chart runs to a few kilobytes.
      case .figure(let chart, let caption): length += 4096 + chart.categories.count * 512 + caption.utf8.count
      }
    }
    for text in document.attachments + document.copies { length += text.utf8.count + 32 }
    return length + (document.note?.utf8.count ?? 0) + document.signature.utf8.count
  }
}
