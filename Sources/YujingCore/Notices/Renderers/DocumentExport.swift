import Foundation

/// The formats a document is written in (docs/documents.md#the-notices,
/// docs/documents.md#the-dispatch-summary), and the bytes of each.
public enum DocumentFormat: String, Sendable, CaseIterable {
  case text, md, html, docx, xlsx

  /// Whether the format is binary (written to a file, never to a terminal).
  public var isBinary: Bool { self == .docx || self == .xlsx }

  public var fileExtension: String {
    switch self {
    case .text: "txt"
    case .md: "md"
    case .html: "html"
    case .docx: "docx"
    case .xlsx: "xlsx"
    }
  }
}

public enum DocumentExport {
  public static func data(_ document: OfficialDocument, format: DocumentFormat) throws -> Data {
    switch format {
    case .text: Data(TextRenderer.plainText(document).utf8)
    case .md: Data(TextRenderer.markdown(document).utf8)
    case .html: Data(HTMLRenderer.render(document).utf8)
    case .docx: try DOCXRenderer.render(document)
    case .xlsx: try workbook(document)
    }
  }

  /// The document's tables, the annexes' included, one sheet each, named after their captions.
  static func workbook(_ document: OfficialDocument) throws -> Data {
    var writer = XLSXWriter()
    for case .table(let table) in document.body + document.annexes.flatMap(\.body) {
      writer.addSheet(name: (table.caption ?? "表").replacingOccurrences(of: "　", with: " "), table: table)
    }
    return try writer.data()
  }

  /// Writes the bytes to a file in one step: a reader never sees half a document.
  public static func write(_ data: Data, to path: String) throws {
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  }
}
