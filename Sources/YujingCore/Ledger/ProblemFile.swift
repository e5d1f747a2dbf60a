import Foundation

/// Reads a 督办台账 file: the canonical CSV, or the same columns on the first sheet of an .xlsx
/// workbook (row 1 the header). A workbook's rows are checked exactly as a CSV's, and a refused
/// row is named by its sheet and cell.
public enum ProblemFile {
  public static func read(
    _ data: Data, isWorkbook: Bool, encoding: TextEncoding = .utf8, units: ProblemCSV.Units,
    calendar: WorkingCalendar
  ) throws(FeedReadError) -> ProblemCSV.Batch {
    guard isWorkbook else {
      let text = try TextEncoding.utf8Data(data, declared: encoding)
      return try text.withFeedBytes { bytes throws(FeedReadError) in
        try ProblemCSV.parse(bytes, units: units, calendar: calendar)
      }
    }
    let sheet: XLSXSheet
    do {
      let workbook = try XLSXWorkbook(data: data)
      guard let first = workbook.sheetNames.indices.first(where: { workbook.isWorksheet(at: $0) }) else {
        throw FeedReadError("the workbook has no worksheet")
      }
      sheet = try workbook.sheet(at: first)
    } catch let error as XLSXError {
      throw FeedReadError("the workbook cannot be read: \(error)")
    } catch let error as FeedReadError {
      throw error
    } catch {
      throw FeedReadError("the workbook cannot be read: \(error)")
    }
    let (csv, header) = try csvText(of: sheet)
    var batch = try Data(csv.utf8).withFeedBytes { bytes throws(FeedReadError) in
      try ProblemCSV.parse(bytes, units: units, calendar: calendar)
    }
    // Line n of the text is row n of the sheet: name the cell instead.
    batch.rejections = batch.rejections.map { rejection in
      var rejection = rejection
      if let line = rejection.location.line {
        let column = rejection.field.flatMap { header.firstIndex(of: $0) }.map { $0 + 1 } ?? 1
        rejection.location = RowLocation(
          cell: CellReference(row: line, column: column).description, sheet: sheet.name)
      }
      return rejection
    }
    return batch
  }

  /// The sheet as CSV text, one line per row from row 1; and the header's column names.
  static func csvText(of sheet: XLSXSheet) throws(FeedReadError) -> (String, [String]) {
    var lines: [String] = []
    var header: [String] = []
    for row in 1...max(1, sheet.rowCount) {
      var fields = [String](repeating: "", count: sheet.columnCount)
      for cell in sheet.row(row) where cell.reference.column >= 1 {
        let text: String
        switch cell.value {
        case .string(let value): text = value
        case .bool(let value): text = value ? "TRUE" : "FALSE"
        case .error(let value):
          throw FeedReadError("sheet \(sheet.name), cell \(cell.reference): \(value); correct the cell and save again")
        case .number(let value):
          if case .date = cell.format?.meaning, let serial = Double(value),
            let day = SerialDate.day(serial, date1904: sheet.usesDate1904)
          {
            text = day.description
          } else if let number = Double(value), number == number.rounded(), abs(number) < 1e15 {
            text = String(Int64(number))
          } else {
            text = value
          }
        }
        fields[cell.reference.column - 1] = text
      }
      if row == 1 { header = fields.map { $0.trimmingSpaces.lowercased() } }
      // A blank row stays a blank line, which the reader skips, so that lines and rows keep step.
      lines.append(fields.allSatisfy(\.isEmpty) ? "" : fields.map(quoted).joined(separator: ","))
    }
    return (lines.joined(separator: "\n") + "\n", header)
  }

  static func quoted(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
