import Foundation

/// The body of `word/document.xml` as it is written, with the charts it refers to.
struct WordBody {
  /// A chart part with its embedded workbook, numbered from 1 in the order of the document.
  struct ChartPart {
    var number: Int
    var relationshipID: String
    var xml: String
    var workbook: Data

    var path: String { "charts/chart\(number).xml" }
    var relationshipsPath: String { "charts/_rels/chart\(number).xml.rels" }
    var workbookPath: String { "embeddings/chart\(number).xlsx" }
  }

  private(set) var xml = ""
  private(set) var charts: [ChartPart] = []
  /// Whether the body ends in a section of its own that holds the 版记 (a document printed on
  /// both sides), the body's own section closed before it.
  var imprintSection = false
  /// `wp:docPr` ids must differ across the document.
  private var drawings = 0

  mutating func append(_ properties: ParagraphProperties, runs: [String]) {
    xml += WordParagraph.xml(properties, runs: runs)
  }

  mutating func append(style: String, _ text: String, _ properties: RunProperties = RunProperties()) {
    xml += WordParagraph.xml(style: style, text, properties)
  }

  /// Raw block-level XML: a table.
  mutating func append(xml block: String) { xml += block }

  /// Adds a chart part and returns the relationship that refers to it.
  mutating func addChart(xml chartXML: String, workbook: Data) -> String {
    let number = charts.count + 1
    let id = "rIdChart\(number)"
    charts.append(ChartPart(number: number, relationshipID: id, xml: chartXML, workbook: workbook))
    return id
  }

  mutating func nextDrawingID() -> Int {
    drawings += 1
    return drawings
  }
}
