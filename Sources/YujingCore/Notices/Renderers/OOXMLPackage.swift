import Foundation
import ZIPFoundation

/// What can go wrong writing an Office Open XML file.
public enum OOXMLError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A workbook needs at least one sheet: Excel refuses to open one without.
  case workbookWithoutSheets
  /// The ZIP archive could not be written (the message of the underlying error).
  case archive(String)

  public var description: String {
    switch self {
    case .workbookWithoutSheets: "a workbook needs at least one sheet"
    case .archive(let message): "cannot write the OOXML archive: \(message)"
    }
  }
}

/// The parts of an Office Open XML package (ECMA-376 part 2), zipped with its `[Content_Types].xml`.
struct OOXMLPackage {
  struct Part {
    var path: String
    var contentType: String
    var bytes: Data
  }

  private(set) var parts: [Part] = []

  mutating func add(_ path: String, _ contentType: String, xml: String) {
    parts.append(Part(path: path, contentType: contentType, bytes: Data(xml.utf8)))
  }

  mutating func add(_ path: String, _ contentType: String, bytes: Data) {
    parts.append(Part(path: path, contentType: contentType, bytes: bytes))
  }

  /// Declares every part but the relationships by an Override, so that no reader has to guess
  /// from an extension.
  var contentTypesXML: String {
    var xml = XMLText.declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
    xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
    xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
    for part in parts where !part.path.hasSuffix(".rels") {
      xml += #"<Override PartName="/\#(XMLText.attribute(part.path))" ContentType="\#(part.contentType)"/>"#
    }
    return xml + "</Types>"
  }

  /// The archive. Entries carry a fixed date so that the same document always gives the same bytes.
  func zipped() throws -> Data {
    let entries = [("[Content_Types].xml", Data(contentTypesXML.utf8))] + parts.map { ($0.path, $0.bytes) }
    do {
      let archive = try Archive(data: Data(), accessMode: .create)
      for (path, bytes) in entries {
        try archive.addEntry(
          with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Self.entryDate,
          compressionMethod: .deflate
        ) { position, size in
          bytes.subdata(in: Int(position)..<Int(position) + size)
        }
      }
      guard let data = archive.data else { throw OOXMLError.archive("no data") }
      return data
    } catch let error as OOXMLError {
      throw error
    } catch {
      throw OOXMLError.archive(String(describing: error))
    }
  }

  /// 2020-01-01: ZIP's DOS dates cannot go before 1980.
  private static let entryDate = Date(timeIntervalSince1970: 1_577_836_800)
}

/// Relationship types and the relationships part.
enum Relationships {
  static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  static let corePropertiesType =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
  static let extendedPropertiesType = "\(officeDocument)/extended-properties"

  static func xml(_ relationships: [(id: String, type: String, target: String)]) -> String {
    XMLText.declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
      + relationships.map {
        #"<Relationship Id="\#($0.id)" Type="\#($0.type)" Target="\#(XMLText.attribute($0.target))"/>"#
      }.joined() + "</Relationships>"
  }
}

/// The package-level parts both writers share.
enum DocumentProperties {
  static let coreContentType = "application/vnd.openxmlformats-package.core-properties+xml"
  static let appContentType = "application/vnd.openxmlformats-officedocument.extended-properties+xml"

  static func coreXML(title: String?, creator: String?, status: String?) -> String {
    var xml =
      XMLText.declaration
      + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties""#
      + #" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/""#
      + #" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    if let title { xml += "<dc:title>\(XMLText.text(title))</dc:title>" }
    if let creator { xml += "<dc:creator>\(XMLText.text(creator))</dc:creator>" }
    if let status { xml += "<cp:contentStatus>\(XMLText.text(status))</cp:contentStatus>" }
    return xml + "</cp:coreProperties>"
  }

  static func appXML(application: String) -> String {
    XMLText.declaration
      + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties""#
      + #" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
      + "<Application>\(XMLText.text(application))</Application></Properties>"
  }
}
