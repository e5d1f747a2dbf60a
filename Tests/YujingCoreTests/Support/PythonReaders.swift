import Foundation
import Testing

// Python readers that tests use as independent checkers of the DOCX and XLSX yujing writes
// (python-docx, openpyxl): on CI a missing reader fails the test.

enum Python {
  /// python3 with the module, or nil after saying why the check cannot run: on CI (`CI=true`) a
  /// missing reader fails the test.
  static func with(module: String, package: String) -> String? {
    guard let python = ExternalTools.require("python3", for: "reading the file back with \(package)") else {
      return nil
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", "import \(module)"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
      process.waitUntilExit()
      if process.terminationStatus == 0 { return python }
    } catch {}
    if ExternalTools.onCI {
      Issue.record("the Python module \(package) is required on CI to read OOXML back; .ci/run must install it")
    } else {
      print("skipped: the Python module \(package) is not installed (pip install \(package))")
    }
    return nil
  }

  static let readDOCX = """
    import sys, json, docx
    from docx.table import Table
    d = docx.Document(sys.argv[1])
    s = d.sections[0]
    # The body's tables, then those in text boxes (the 版记 sits in one at the foot of the last page).
    boxed = [Table(t, d._body) for t in d.element.body.xpath(".//w:txbxContent//w:tbl")]
    print(json.dumps({
        "paragraphs": [p.text for p in d.paragraphs],
        "tables": [[[c.text for c in r.cells] for r in t.rows] for t in list(d.tables) + boxed],
        "page": [s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin, s.right_margin],
        "title": d.core_properties.title,
        "styles": {p.text: p.style.name for p in d.paragraphs if p.text},
        "shapes": [[i.type.value, i.width, i.height] for i in d.inline_shapes],
        "parts": sorted(p.content_type for p in d.part.related_parts.values()),
    }, ensure_ascii=False))
    """

  static let readXLSX = """
    import sys, json, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    sheets = []
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                cells.append({"ref": c.coordinate, "value": c.value, "type": c.data_type, "bold": bool(c.font.b),
                              "fill": c.fill.fgColor.rgb if c.fill.fill_type == "solid" else None,
                              "format": c.number_format})
        sheets.append({"title": ws.title, "freeze": ws.freeze_panes,
                       "merged": [str(r) for r in ws.merged_cells.ranges], "cells": cells})
    print(json.dumps(sheets, ensure_ascii=False))
    """
}

struct ReadDOCX: Decodable {
  var paragraphs: [String]
  var tables: [[[String]]]
  var page: [Int]
  var title: String
  var styles: [String: String]
  /// Each inline shape's type (`WD_INLINE_SHAPE`: 12 for a chart), width and height in EMU.
  var shapes: [[Int]]
  /// The content types of the parts the document part is related to.
  var parts: [String]
}

struct ReadSheet: Decodable {
  enum Value: Decodable, Equatable {
    case text(String)
    case number(Double)

    init(from decoder: Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let number = try? container.decode(Double.self) {
        self = .number(number)
      } else {
        self = .text(try container.decode(String.self))
      }
    }
  }

  struct Cell: Decodable {
    var ref: String
    var value: Value
    var type: String
    var bold: Bool
    var fill: String?
    var format: String
  }

  var title: String
  var freeze: String?
  var merged: [String]
  var cells: [Cell]
}
