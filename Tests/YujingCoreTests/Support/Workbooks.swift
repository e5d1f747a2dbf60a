import Foundation
import Testing
import ZIPFoundation

@testable import YujingCore

// MARK: - Building workbooks

/// Small workbooks made in memory, so that each test shows the XML it reads.
enum Book {
  static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  static func worksheet(_ sheetData: String, after: String = "") -> String {
    #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
      + #"<worksheet xmlns="\#(mainNamespace)"><sheetData>\#(sheetData)</sheetData>\#(after)</worksheet>"#
  }

  static func workbookXML(_ names: [String]) -> String {
    let sheets = names.enumerated().map { index, name in
      #"<sheet name="\#(name)" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
    }
    return #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)"><sheets>"#
      + sheets.joined() + "</sheets></workbook>"
  }

  static func relationshipsXML(_ targets: [String], sharedStrings: Bool) -> String {
    var relationships = targets.enumerated().map { index, target in
      #"<Relationship Id="rId\#(index + 1)" Type="\#(relationshipType)/worksheet" Target="\#(target)"/>"#
    }
    if sharedStrings {
      relationships.append(
        #"<Relationship Id="rIdS" Type="\#(relationshipType)/sharedStrings" Target="sharedStrings.xml"/>"#)
    }
    return #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
      + relationships.joined() + "</Relationships>"
  }

  static func sharedStringsXML(_ items: [String]) -> String {
    #"<sst xmlns="\#(mainNamespace)" count="\#(items.count)">"# + items.map { "<si>\($0)</si>" }.joined() + "</sst>"
  }

  /// The parts of a workbook whose sheets are `xl/worksheets/sheetN.xml`.
  static func parts(sheets: [(name: String, xml: String)], sharedStrings: [String]? = nil) -> [(String, String)] {
    var parts = [
      ("xl/workbook.xml", workbookXML(sheets.map(\.name))),
      (
        "xl/_rels/workbook.xml.rels",
        relationshipsXML(sheets.indices.map { "worksheets/sheet\($0 + 1).xml" }, sharedStrings: sharedStrings != nil)
      ),
    ]
    for (index, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(index + 1).xml", sheet.xml)) }
    if let sharedStrings { parts.append(("xl/sharedStrings.xml", sharedStringsXML(sharedStrings))) }
    return parts
  }

  static func zip(_ parts: [(String, String)], method: CompressionMethod = .deflate) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, text) in parts {
      let bytes = Data(text.utf8)
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: method
      ) { position, size in
        bytes.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    return try #require(archive.data)
  }

  static func data(_ sheetXML: String, sharedStrings: [String]? = nil) throws -> Data {
    try zip(parts(sheets: [("Sheet1", sheetXML)], sharedStrings: sharedStrings))
  }

  static func sheet(_ sheetXML: String, sharedStrings: [String]? = nil) throws -> XLSXSheet {
    try XLSXWorkbook(data: data(sheetXML, sharedStrings: sharedStrings)).sheet(at: 0)
  }

  /// The error reading the first sheet of a workbook built from these parts, nil if none.
  static func error(reading parts: [(String, String)]) throws -> XLSXError? {
    error(reading: try zip(parts))
  }

  static func error(reading data: Data) -> XLSXError? {
    do {
      _ = try XLSXWorkbook(data: data).sheet(at: 0)
      return nil
    } catch {
      return error
    }
  }
}

/// Files under `Tests/YujingCoreTests/Fixtures`.
enum Fixtures {
  static func url(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures").appendingPathComponent(name)
  }

  static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }
}
