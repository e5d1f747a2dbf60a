import Foundation
import Testing

/// Files written by independent Python writers (openpyxl for .xlsx, xlwt for .xls, Python's own
/// codecs for GB18030), so that the readers are tested on what another program makes, not on
/// what yujing's own tests assume. On CI a missing writer fails the test.
enum PythonWriter {
  /// Runs `script` with the path to write as `sys.argv[1]`; the bytes written, or nil when the
  /// writer is not installed (an issue on CI, a skip elsewhere).
  static func write(module: String, package: String, script: String, suffix: String) throws -> Data? {
    guard let python = Python.with(module: module, package: package) else { return nil }
    let directory = try TemporaryDirectory()
    let path = directory.path("made\(suffix)")
    let scriptPath = directory.path("write.py")
    try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
    guard try ExternalTools.run(python, [scriptPath, path]) != nil else { return nil }
    return try Data(contentsOf: URL(fileURLWithPath: path))
  }

  /// A statistics-bureau table as openpyxl writes it: a title, a merged two-row header over
  /// 规模以上工业增加值 (增速, 位次) and 一般公共预算收入 (总量, 增速, 位次), and whatever `body`
  /// puts under it with `put(ref, value, format)`.
  static func bureauXLSX(title: String = "2020年1-5月宜春市主要经济指标", _ body: String) throws -> Data? {
    try write(
      module: "openpyxl", package: "openpyxl",
      script: """
        import sys, datetime, openpyxl
        book = openpyxl.Workbook()
        ws = book.active
        ws.title = "1-5月"
        def put(ref, value, fmt=None, sheet=None):
            cell = (sheet or ws)[ref]
            cell.value = value
            if fmt:
                cell.number_format = fmt
        def header(sheet, title):
            sheet["A1"] = title
            sheet["A3"] = "地区"
            sheet.merge_cells("A3:A4")
            sheet["B3"] = "规模以上工业增加值"
            sheet.merge_cells("B3:C3")
            sheet["D3"] = "一般公共预算收入"
            sheet.merge_cells("D3:F3")
            for column, text in zip("BCDEF", ["增速", "位次", "总量", "增速", "位次"]):
                sheet[column + "4"] = text
        header(ws, \(pythonString(title)))
        \(body.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n"))
        book.save(sys.argv[1])
        """, suffix: ".xlsx")
  }

  /// The same table as xlwt writes it in the Excel 97–2003 format (.xls), with the same `put` and
  /// `header` (cell references in A1 style), and `book`, the workbook.
  static func bureauXLS(title: String = "2020年1-5月宜春市主要经济指标", _ body: String) throws -> Data? {
    try write(
      module: "xlwt", package: "xlwt",
      script: """
        import sys, datetime, xlwt
        book = xlwt.Workbook(encoding="utf-8")
        ws = book.add_sheet("1-5月")
        def at(ref):
            letters = "".join(c for c in ref if c.isalpha())
            column = 0
            for c in letters:
                column = column * 26 + ord(c) - 64
            return int(ref[len(letters):]) - 1, column - 1
        def put(ref, value, fmt=None, sheet=None):
            style = xlwt.XFStyle()
            if fmt:
                style.num_format_str = fmt
            row, column = at(ref)
            (sheet or ws).write(row, column, value, style)
        def header(sheet, title):
            sheet.write(0, 0, title)
            sheet.write_merge(2, 3, 0, 0, "地区")
            sheet.write_merge(2, 2, 1, 2, "规模以上工业增加值")
            sheet.write_merge(2, 2, 3, 5, "一般公共预算收入")
            for column, text in zip(range(1, 6), ["增速", "位次", "总量", "增速", "位次"]):
                sheet.write(3, column, text)
        header(ws, \(pythonString(title)))
        \(body)
        book.save(sys.argv[1])
        """, suffix: ".xls")
  }

  /// A Python string literal of `text`.
  static func pythonString(_ text: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .withoutEscapingSlashes
    let data = try! encoder.encode(text)
    return String(decoding: data, as: UTF8.self)
  }
}
