import Foundation

/// The workbook embedded beside a DOCX chart, laid out as `ChartLayout` refers to it: what Word and
/// WPS open for 编辑数据 (without it they say the linked file is not available), never what they
/// draw, which comes from the chart part's caches.
enum ChartWorkbook {
  static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  static let relationshipType = "\(Relationships.officeDocument)/package"

  static func data(_ layout: ChartLayout) throws -> Data {
    let header = [""] + layout.series.map(\.series.name)
    let rows = layout.categories.indices.map { index in
      [OfficialDocument.Cell(layout.categories[index])]
        + layout.series.map { placed in
          // A missing value stays an empty cell: a chart reads text, even "", as zero.
          guard let value = layout.value(placed, at: index) else { return OfficialDocument.Cell("") }
          return OfficialDocument.Cell(SVGChart.Writer.decimal(value, 1), number: value)
        }
    }
    var writer = XLSXWriter()
    writer.addSheet(name: ChartLayout.sheet, table: OfficialDocument.Table(caption: nil, header: header, rows: rows))
    return try writer.data()
  }
}
