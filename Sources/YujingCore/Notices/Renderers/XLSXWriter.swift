import Foundation

/// Writes tables as an Excel workbook (XLSX), one sheet a table, for the office to sort, filter and
/// sum: figures are numeric cells, warning levels fill their cells, the header row stays in view.
public struct XLSXWriter: Sendable {
  private var sheets: [(name: String, table: OfficialDocument.Table)] = []

  public init() {}

  /// Adds a sheet. The name is made one Excel accepts: at most 31 characters, none of `[]:*?/\`,
  /// no apostrophe at either end, unlike the names before it (Excel ignores case there).
  public mutating func addSheet(name: String, table: OfficialDocument.Table) {
    sheets.append((SheetName.sanitized(name, position: sheets.count + 1, taken: sheets.map(\.name)), table))
  }

  /// The names the sheets were given.
  public var sheetNames: [String] { sheets.map(\.name) }

  public func data() throws -> Data {
    guard !sheets.isEmpty else { throw OOXMLError.workbookWithoutSheets }
    var strings = SharedStrings()
    var styles = CellStyles()
    let worksheets = sheets.indices.map { index in
      SheetWriter(table: sheets[index].table).xml(selected: index == 0, strings: &strings, styles: &styles)
    }

    let main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    let types = Relationships.officeDocument
    var package = OOXMLPackage()
    package.add(
      "_rels/.rels", "application/vnd.openxmlformats-package.relationships+xml",
      xml: Relationships.xml([
        ("rId1", "\(types)/officeDocument", "xl/workbook.xml"),
        ("rId2", Relationships.corePropertiesType, "docProps/core.xml"),
        ("rId3", Relationships.extendedPropertiesType, "docProps/app.xml"),
      ]))
    package.add("xl/workbook.xml", "\(main).sheet.main+xml", xml: workbookXML)
    var relationships = sheets.indices.map { ("rId\($0 + 1)", "\(types)/worksheet", "worksheets/sheet\($0 + 1).xml") }
    relationships.append(("rIdStyles", "\(types)/styles", "styles.xml"))
    relationships.append(("rIdStrings", "\(types)/sharedStrings", "sharedStrings.xml"))
    relationships.append(("rIdTheme", OfficeTheme.relationshipType, "theme/theme1.xml"))
    package.add(
      "xl/_rels/workbook.xml.rels", "application/vnd.openxmlformats-package.relationships+xml",
      xml: Relationships.xml(relationships))
    for (index, worksheet) in worksheets.enumerated() {
      package.add("xl/worksheets/sheet\(index + 1).xml", "\(main).worksheet+xml", xml: worksheet)
    }
    package.add("xl/styles.xml", "\(main).styles+xml", xml: styles.xml)
    package.add("xl/theme/theme1.xml", OfficeTheme.contentType, xml: OfficeTheme.xml(headings: "宋体", body: "宋体"))
    package.add("xl/sharedStrings.xml", "\(main).sharedStrings+xml", xml: strings.xml)
    package.add(
      "docProps/core.xml", DocumentProperties.coreContentType,
      xml: DocumentProperties.coreXML(title: sheets.first?.table.caption, creator: nil, status: nil))
    package.add(
      "docProps/app.xml", DocumentProperties.appContentType, xml: DocumentProperties.appXML(application: "yujing"))
    return try package.zipped()
  }

  private var workbookXML: String {
    var xml =
      XMLText.declaration + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
      + #" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
      + #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
    for (index, sheet) in sheets.enumerated() {
      xml += #"<sheet name="\#(XMLText.attribute(sheet.name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
    }
    xml += "</sheets>"
    // The header row printed again on each page.
    let titles = sheets.enumerated().compactMap { index, sheet -> String? in
      guard let row = SheetWriter(table: sheet.table).headerRow else { return nil }
      let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
      return #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">"#
        + XMLText.text("\(quoted)!$\(row):$\(row)") + "</definedName>"
    }
    if !titles.isEmpty { xml += "<definedNames>" + titles.joined() + "</definedNames>" }
    return xml + "</workbook>"
  }
}

/// One worksheet: the caption merged across row 1, the header, the rows.
struct SheetWriter {
  let table: OfficialDocument.Table

  var columns: Int { max(table.header.count, table.rows.map(\.count).max() ?? 0, 1) }
  var hasCaption: Bool { !(table.caption ?? "").isEmpty }
  /// 1-based; nil when the table has no header.
  var headerRow: Int? { table.header.isEmpty ? nil : (hasCaption ? 2 : 1) }

  func xml(selected: Bool, strings: inout SharedStrings, styles: inout CellStyles) -> String {
    let widths = columnWidths
    var rows = ""
    var row = 0
    if let caption = table.caption, !caption.isEmpty {
      row += 1
      let style = styles.index(CellStyle(font: .caption, alignment: .centre))
      rows += #"<row r="\#(row)" ht="24" customHeight="1">"#
      rows += #"<c r="A\#(row)" s="\#(style)" t="s"><v>\#(strings.index(caption))</v></c></row>"#
    }
    if !table.header.isEmpty {
      row += 1
      let style = styles.index(CellStyle(font: .bold, fill: CellStyles.headerFill, alignment: .centre, bordered: true))
      rows += #"<row r="\#(row)">"#
      for column in 0..<columns {
        let text = column < table.header.count ? table.header[column] : ""
        rows += #"<c r="\#(CellAddress.a1(row: row, column: column + 1))" s="\#(style)" t="s">"#
        rows += "<v>\(strings.index(text))</v></c>"
      }
      rows += "</row>"
    }
    for cells in table.rows {
      row += 1
      rows += #"<row r="\#(row)">"#
      for (column, cell) in cells.enumerated() {
        rows += self.cell(cell, reference: CellAddress.a1(row: row, column: column + 1), &strings, &styles)
      }
      // A short row's missing cells still get the table's borders.
      if cells.count < columns {
        let style = styles.index(CellStyle(bordered: true))
        for column in cells.count..<columns {
          rows += #"<c r="\#(CellAddress.a1(row: row, column: column + 1))" s="\#(style)"/>"#
        }
      }
      rows += "</row>"
    }
    let last = CellAddress.a1(row: max(row, 1), column: columns)
    var xml = XMLText.declaration
    xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
    xml += #" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    xml += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:\#(last)"/>"#
    xml += #"<sheetViews><sheetView"# + (selected ? #" tabSelected="1""# : "") + #" workbookViewId="0">"#
    if let headerRow {
      let first = "A\(headerRow + 1)"
      xml += #"<pane ySplit="\#(headerRow)" topLeftCell="\#(first)" activePane="bottomLeft" state="frozen"/>"#
      xml += #"<selection pane="bottomLeft" activeCell="\#(first)" sqref="\#(first)"/>"#
    }
    xml += #"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"#
    for (index, width) in widths.enumerated() {
      xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
    }
    xml += "</cols><sheetData>\(rows)</sheetData>"
    if hasCaption && columns > 1 {
      xml += #"<mergeCells count="1"><mergeCell ref="A1:\#(CellAddress.a1(row: 1, column: columns))"/></mergeCells>"#
    }
    // A4, as wide as the table needs, fitted to the page's width and as many pages down as it takes.
    let landscape = widths.reduce(0, +) > 100
    xml += #"<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
    xml += #"<pageSetup paperSize="9" orientation="\#(landscape ? "landscape" : "portrait")""#
    xml += #" fitToWidth="1" fitToHeight="0"/>"#
    return xml + "</worksheet>"
  }

  private func cell(
    _ cell: OfficialDocument.Cell, reference: String, _ strings: inout SharedStrings, _ styles: inout CellStyles
  ) -> String {
    // `.none` is white, and a white fill would hide the grid lines.
    let fill = cell.level.flatMap { $0 == .none ? nil : $0.colour }
    if let number = cell.number, number.isFinite {
      let style = styles.index(CellStyle(fill: fill, format: NumberFormat.code(for: cell.text), bordered: true))
      return #"<c r="\#(reference)" s="\#(style)" t="n"><v>\#(number)</v></c>"#
    }
    let style = styles.index(CellStyle(fill: fill, bordered: true))
    // An empty cell holds no value: Excel counts even an empty string as text (and a chart as zero).
    if cell.text.isEmpty { return #"<c r="\#(reference)" s="\#(style)"/>"# }
    return #"<c r="\#(reference)" s="\#(style)" t="s"><v>\#(strings.index(cell.text))</v></c>"#
  }

  /// In Excel's units (the width of a digit): CJK characters take about two, and the widest text
  /// of a column sets its width, within reason.
  var columnWidths: [Double] {
    var widths = [Double](repeating: 8, count: columns)
    func fit(_ text: String, _ column: Int) {
      let longestLine = text.split(separator: "\n").map { PrintedWidth.ems(String($0)) * 2.2 }.max() ?? 0
      widths[column] = max(widths[column], min(50, (longestLine + 2).rounded(.up)))
    }
    for (column, text) in table.header.enumerated() { fit(text, column) }
    for row in table.rows { for (column, cell) in row.enumerated() { fit(cell.text, column) } }
    return widths
  }
}
