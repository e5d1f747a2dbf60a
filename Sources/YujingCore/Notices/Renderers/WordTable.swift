/// Tables in WordprocessingML: the body's data tables and the 版记.
enum WordTable {
  /// A data table across the 版心: the header row bold and repeated on each page, cells with a
  /// warning level shaded in its colour, numbers right-aligned.
  static func append(_ table: OfficialDocument.Table, to body: inout WordBody) {
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
    for row in table.rows {
      xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
      for column in 0..<columns {
        guard column < row.count else {
          xml += cell(width: widths[column], shading: nil, paragraph("", style: WordStyles.ID.tableText))
          continue
        }
        let value = row[column]
        // `.none` is white, the colour of the page: nothing to shade.
        let shading = value.level.flatMap { $0 == .none ? nil : $0.colour }
        // A column of figures is right-aligned, its dashes for missing figures with it.
        let alignment: ParagraphProperties.Alignment? = value.number != nil || grid.numeric[column] ? .right : nil
        xml += cell(
          width: widths[column], shading: shading,
          paragraph(DocumentWording.singleLine(value.text), style: WordStyles.ID.tableText, alignment: alignment))
      }
      xml += "</w:tr>"
    }
    body.append(xml: xml + "</w:tbl>")
    // Half a line before what follows; it also keeps two tables from touching, which would make
    // Word merge them into one.
    body.append(ParagraphProperties(style: WordStyles.ID.spacer, line: .exact(PageGeometry.line / 2)), runs: [])
  }

  /// The 版记 (§7.4): a thick rule, 抄送, a thin rule, 印发机关 left and 印发日期 right, a thick rule;
  /// each text one character in from the rules' ends. A table, so that the rules keep the 版心's
  /// width while the texts are indented.
  static func appendImprint(_ document: OfficialDocument, to body: inout WordBody) {
    let small = PageGeometry.smallCharacter
    let dateColumn = 3600
    let widths = [PageGeometry.textWidth - dateColumn, dateColumn]
    var xml = "<w:tbl><w:tblPr>"
    xml += #"<w:tblW w:w="\#(PageGeometry.textWidth)" w:type="dxa"/><w:jc w:val="center"/>"#
    xml += #"<w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/>"#
    xml += #"<w:left w:val="nil"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/>"#
    xml += #"<w:right w:val="nil"/><w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/>"#
    xml += #"<w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/>"#
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
    xml += "</w:tr></w:tbl>"
    body.append(xml: xml)
  }

  private static func cell(width: Int, span: Int = 1, shading: String?, _ paragraph: String) -> String {
    var xml = #"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/>"#
    if span > 1 { xml += #"<w:gridSpan w:val="\#(span)"/>"# }
    if let shading { xml += #"<w:shd w:val="clear" w:color="auto" w:fill="\#(shading)"/>"# }
    xml += #"<w:vAlign w:val="center"/></w:tcPr>"#
    return xml + paragraph + "</w:tc>"
  }

  private static func paragraph(
    _ text: String, style: String, alignment: ParagraphProperties.Alignment? = nil
  ) -> String {
    WordParagraph.xml(ParagraphProperties(style: style, alignment: alignment), runs: [WordRun.xml(text)])
  }

  /// Shares the 版心 between the columns: each as wide as its widest text (up to 12 characters, so
  /// that a long name wraps instead of starving the figures beside it), the room left shared in
  /// proportion; when the texts do not fit, wide columns give way first, down to four characters.
  static func columnWidths(_ table: OfficialDocument.Table, columns: Int) -> [Int] {
    var ems = [Double](repeating: 1, count: columns)
    for (column, text) in table.header.enumerated() { ems[column] = max(ems[column], PrintedWidth.ems(text)) }
    for row in table.rows {
      for (column, cell) in row.enumerated() { ems[column] = max(ems[column], PrintedWidth.ems(cell.text)) }
    }
    // 小四 (12 pt) characters, the cell's margins and a little play.
    let character = 240.0
    let padding = 2.0 * 85 + 60
    let natural = ems.map { min($0, 12) * character + padding }
    let least = ems.map { min($0, 4) * character + padding }
    let available = Double(PageGeometry.textWidth)
    let naturalTotal = natural.reduce(0, +)
    let leastTotal = least.reduce(0, +)
    let shares: [Double]
    if naturalTotal <= available {
      shares = natural.map { $0 * available / naturalTotal }
    } else if leastTotal < available {
      let give = (available - leastTotal) / (naturalTotal - leastTotal)
      shares = zip(least, natural).map { least, natural in least + (natural - least) * give }
    } else {
      shares = least.map { $0 * available / leastTotal }
    }
    var widths = shares.map { Int($0) }
    widths[columns - 1] += PageGeometry.textWidth - widths.reduce(0, +)
    return widths
  }
}
