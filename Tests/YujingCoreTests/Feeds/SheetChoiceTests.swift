import Foundation
import Testing

@testable import YujingCore

/// Without `xlsx.sheet`, the sheet read is the one sheet whose header holds the region header.
@Suite struct SheetChoiceTests {
  /// A workbook with a notes sheet first and the table second, and maybe a second table.
  static func workbook(secondTable: Bool) throws -> Data? {
    try PythonWriter.bureauXLSX(
      """
      put("A5", "丰城市")
      put("D5", 23.51)
      notes = book.create_sheet("说明", 0)
      notes["A1"] = "本表数据为快报数，以正式公布为准。"
      \(secondTable ? "other = book.create_sheet(\"1-4月\")\nheader(other, \"2020年1-4月\")" : "")
      """)
  }

  @Test(.needs(.openpyxl)) func theSheetWithTheRegionHeaderIsReadWhereverItIs() throws {
    guard let data = try Self.workbook(secondTable: false) else { return }
    let batch = try CellFormatTests.read(data)
    #expect(CellFormatTests.figure(batch, "360981", "fiscal_general")?.value == (try Fixed(parsing: "23.51")))
  }

  @Test(.needs(.openpyxl)) func twoSheetsWithTheRegionHeaderAreRefusedAndListed() throws {
    guard let data = try Self.workbook(secondTable: true) else { return }
    #expect {
      try CellFormatTests.read(data)
    } throws: { error in
      "\(error)"
        == "2 sheets have a header cell '地区': '1-5月', '1-4月'; which table is meant cannot be told, so set the feed's xlsx.sheet to the one to read (looked at: '说明', '1-5月' (has it), '1-4月' (has it))"
    }
  }

  @Test(.needs(.openpyxl)) func noSheetWithTheRegionHeaderNamesEverySheetLookedAt() throws {
    guard
      let data = try PythonWriter.write(
        module: "openpyxl", package: "openpyxl",
        script: """
          import sys, openpyxl
          book = openpyxl.Workbook()
          book.active.title = "说明"
          book.active["A1"] = "单位"
          book.create_sheet("Sheet2")["B2"] = 1
          book.save(sys.argv[1])
          """, suffix: ".xlsx")
    else { return }
    #expect {
      try CellFormatTests.read(data)
    } throws: { error in
      "\(error)"
        == "no sheet has a header cell '地区' in its first 30 rows (looked at: '说明', 'Sheet2'); set the feed's xlsx.region_header to the text over the region column, or xlsx.sheet to the sheet to read"
    }
  }
}
