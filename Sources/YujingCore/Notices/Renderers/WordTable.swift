/// Tables in WordprocessingML: the body's data tables and the 版记.
enum WordTable {
  /// A data table across the 版心: the header row bold and repeated on each page, cells with a
  /// warning level shaded in its colour, numbers right-aligned. With `keep`, its last two rows
  /// stay on the page of the paragraph after it (the table's end goes with the 版记 or the
  /// closing, never leaving them alone on a page).
  static func append(
    _ table: OfficialDocument.Table, keepingTheEndWithWhatFollows keep: Bool = false, to body: inout WordBody
  ) {
    if let caption = table.caption, !caption.isEmpty {
      body.append(style: WordStyles.ID.tableCaption, DocumentWording.singleLine(caption))
    }
    let grid = DocumentWording.grid(table)
    let columns = grid.columns
    guard columns > 0 else { return }
    let widths = columnWidths(table, columns: columns)
    var xml = "<w:tbl><w:tblPr>"
    xml += #"<w:tblW w:w="\#(PageGeometry.textWidth)" w:type="dxa"/><w:jc w:val="center"/>"#
    xml += "<w:tblBorders>"
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
      xml += #"<w:\#(side) w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
    }
    xml += "</w:tblBorders>"
    xml += #"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="28" w:type="dxa"/>"#
    xml += #"<w:left w:w="85" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>"#
    xml += "</w:tblCellMar></w:tblPr>"
    xml += "<w:tblGrid>" + widths.map { #"<w:gridCol w:w="\#($0)"/>"# }.joined() + "</w:tblGrid>"
    if !table.header.isEmpty {
      xml += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
      for column in 0..<columns {
        xml += cell(
          width: widths[column], shading: nil, paragraph(grid.header[column], style: WordStyles.ID.tableHeader))
      }
      xml += "</w:tr>"
    }
    for (rowIndex, row) in table.rows.enumerated() {
      let kept = keep && rowIndex >= table.rows.count - 2
      xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
      for column in 0..<columns {
        guard column < row.count else {
          xml += cell(
            width: widths[column], shading: nil, paragraph("", style: WordStyles.ID.tableText, keepNext: kept))
          continue
        }
        let value = row[column]
        // `.none` is white, the colour of the page: nothing to shade.
        let shading = value.level.flatMap { $0 == .none ? nil : $0.colour }
        // A column of figures is right-aligned, its dashes for missing figures with it.
        let alignment: ParagraphProperties.Alignment? = value.number != nil || grid.numeric[column] ? .right : nil
        xml += cell(
          width: widths[column], shading: shading,
          paragraph(
            DocumentWording.singleLine(value.text), style: WordStyles.ID.tableText, alignment: alignment, keepNext: kept
          ))
      }
      xml += "</w:tr>"
    }
    body.append(xml: xml + "</w:tbl>")
    // Half a line before what follows; it also keeps two tables from touching, which would make
    // Word merge them into one.
    body.append(
      ParagraphProperties(style: WordStyles.ID.spacer, keepNext: keep, line: .exact(PageGeometry.line / 2)), runs: [])
  }

  /// The 版记 (§7.4): a thick rule, 抄送, a thin rule, 印发机关 left and 印发日期 right, a thick rule;
  /// each text one character in from the rules' ends. A table, so that the rules keep the 版心's
  /// width while the texts are indented.
  static func imprint(_ document: OfficialDocument) -> String {
    let small = PageGeometry.smallCharacter
    let dateColumn = 3600
    let widths = [PageGeometry.textWidth - dateColumn, dateColumn]
    var xml = "<w:tbl><w:tblPr>"
    xml += #"<w:tblW w:w="\#(PageGeometry.textWidth)" w:type="dxa"/><w:jc w:val="center"/>"#
    // A letter's 版记 is the 抄送 alone, without rules (§10.1).
    let letter = document.format == .letter
    if letter {
      xml += #"<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>"#
      xml += #"<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/>"#
    } else {
      xml += #"<w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/>"#
      xml += #"<w:left w:val="nil"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/>"#
      xml += #"<w:right w:val="nil"/><w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/>"#
      xml += #"<w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/>"#
    }
    xml += #"<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>"#
    xml += "</w:tblPr><w:tblGrid>" + widths.map { #"<w:gridCol w:w="\#($0)"/>"# }.joined() + "</w:tblGrid>"
    if !document.copies.isEmpty {
      // A second line starts under the first name, after “抄送：” (§7.4.2).
      let copyTo = ParagraphProperties(
        style: WordStyles.ID.copies,
        indentation: Indentation(left: 4, right: 1, hanging: 3, characterWidth: small))
      let text = DocumentWording.copiesLabel + DocumentWording.copies(document.copies)
      xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
      xml += cell(
        width: PageGeometry.textWidth, span: 2, shading: nil,
        WordParagraph.xml(copyTo, runs: [WordRun.xml(text)]))
      xml += "</w:tr>"
    }
    if letter { return xml + "</w:tbl>" }
    var printerProperties = ParagraphProperties(style: WordStyles.ID.imprint)
    printerProperties.indentation = Indentation(left: 1, characterWidth: small)
    var dateProperties = ParagraphProperties(style: WordStyles.ID.imprint)
    dateProperties.indentation = Indentation(right: 1, characterWidth: small)
    dateProperties.alignment = .right
    xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    let printer = DocumentWording.singleLine(document.printer)
    xml += cell(width: widths[0], shading: nil, WordParagraph.xml(printerProperties, runs: [WordRun.xml(printer)]))
    xml += cell(
      width: widths[1], shading: nil,
      WordParagraph.xml(dateProperties, runs: [WordRun.xml(DocumentWording.printed(document))]))
    return xml + "</w:tr></w:tbl>"
  }

  private static func cell(width: Int, span: Int = 1, shading: String?, _ paragraph: String) -> String {
    var xml = #"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/>"#
    if span > 1 { xml += #"<w:gridSpan w:val="\#(span)"/>"# }
    if let shading { xml += #"<w:shd w:val="clear" w:color="auto" w:fill="\#(shading)"/>"# }
    xml += #"<w:vAlign w:val="center"/></w:tcPr>"#
    return xml + paragraph + "</w:tc>"
  }

  private static func paragraph(
    _ text: String, style: String, alignment: ParagraphProperties.Alignment? = nil, keepNext: Bool = false
  ) -> String {
    WordParagraph.xml(
      ParagraphProperties(style: style, keepNext: keepNext, alignment: alignment), runs: [WordRun.xml(text)])
  }

  /// Shares the 版心 between the columns by their content. Each column gets at least what cannot
  /// wrap (a figure, a dash, a short code) and a third of its header (a header may take three
  /// lines); when every text fits on one line the columns are as wide as their widest text, the
  /// room left shared in proportion. Otherwise the columns of text wrap to the same number of
  /// lines, as few as the 版心 allows: each is as wide as its longest text over that number, so
  /// that a column of long texts (a project's problems) is wide and its rows stay a few lines
  /// high.
  static func columnWidths(_ table: OfficialDocument.Table, columns: Int) -> [Int] {
    var widest = [Double](repeating: 1, count: columns)
    var least = [Double](repeating: 2, count: columns)
    var longest = [Double](repeating: 0, count: columns)
    var wraps = [Bool](repeating: false, count: columns)
    for (column, text) in table.header.enumerated() where column < columns {
      let ems = PrintedWidth.ems(text)
      widest[column] = max(widest[column], ems)
      least[column] = max(least[column], (ems / 3).rounded(.up))
      // A short unit in brackets, （%）, stays on a line of its own rather than break.
      if let bracket = text.firstIndex(of: "（") {
        let unit = PrintedWidth.ems(String(text[bracket...]))
        if unit <= 2.5 { least[column] = max(least[column], unit) }
      }
    }
    for row in table.rows {
      for (column, cell) in row.enumerated() where column < columns {
        let ems = PrintedWidth.ems(cell.text)
        widest[column] = max(widest[column], ems)
        // Figures and Latin words do not wrap; Chinese text may wrap anywhere.
        if cell.number != nil || !cell.text.unicodeScalars.contains(where: { $0.value >= 0x2E80 }) {
          least[column] = max(least[column], ems)
        } else {
          least[column] = max(least[column], min(ems, 3))
          longest[column] = max(longest[column], ems)
          wraps[column] = true
        }
      }
    }
    // 五号 (10.5 pt) characters, the cell's margins and a little play.
    let character = 215.0
    let padding = 2.0 * 85 + 30
    let available = Double(PageGeometry.textWidth)
    let natural = widest.map { $0 * character + padding }
    let naturalTotal = natural.reduce(0, +)
    var shares: [Double]
    if naturalTotal <= available {
      shares = natural.map { $0 * available / naturalTotal }
    } else {
      // The columns' widths when the texts wrap to `lines` lines at most.
      func widths(lines: Double) -> [Double] {
        (0..<columns).map { column in
          let ems = wraps[column] ? min(max(longest[column] / lines, least[column]), widest[column]) : least[column]
          return min(ems * character + padding, natural[column])
        }
      }
      var fewest = 1.0
      var most = 400.0
      if widths(lines: most).reduce(0, +) >= available {
        let least = widths(lines: most)
        shares = least.map { $0 * available / least.reduce(0, +) }
      } else {
        for _ in 0..<40 {
          let middle = (fewest + most) / 2
          if widths(lines: middle).reduce(0, +) > available { fewest = middle } else { most = middle }
        }
        shares = widths(lines: most)
        // What is left over goes to the columns still short of one line, in proportion.
        let room = available - shares.reduce(0, +)
        let short = (0..<columns).map { natural[$0] - shares[$0] }
        let shortTotal = short.reduce(0, +)
        if shortTotal > 0 {
          for column in 0..<columns { shares[column] += room * short[column] / shortTotal }
        }
      }
    }
    var widths = shares.map { Int($0) }
    widths[columns - 1] += PageGeometry.textWidth - widths.reduce(0, +)
    return widths
  }
}
