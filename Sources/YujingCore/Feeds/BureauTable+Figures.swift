/// Reading one cell of the bureau's table as a figure, by what the cell holds and how it is shown.
extension BureauTable {
  /// A cell's figure as text: nil for a missing-figure mark, a reason for what cannot be a figure.
  static func figureText(_ cell: XLSXCell, role: XLSXColumnRole, missing: Set<String>, date1904: Bool = false)
    -> Result<String?, FigureCellProblem>
  {
    switch cell.value {
    case .number(let literal):
      return numberText(literal, format: cell.format, role: role, date1904: date1904)
    case .string(let string):
      let normalized = RegionNames.normalize(string)
      return normalized.isEmpty || missing.contains(normalized) ? .success(nil) : .success(normalized)
    case .bool:
      return .failure(FigureCellProblem("the cell holds TRUE/FALSE, not a figure"))
    case .error(let code):
      if cell.value.isFormulaWithoutCachedValue {
        return .failure(
          FigureCellProblem("the cell holds a formula with no computed value; open and save the file in Excel or WPS"))
      }
      return .failure(FigureCellProblem("the cell holds the spreadsheet error \(code)"))
    }
  }

  /// A number cell read through its format. Excel stores binary doubles (88.90000000000001); the
  /// published figure is the decimal, and the parser rounds to it.
  private static func numberText(_ literal: String, format: CellNumberFormat?, role: XLSXColumnRole, date1904: Bool)
    -> Result<String?, FigureCellProblem>
  {
    let text: String
    switch format?.meaning {
    case nil, .plain?:
      text = literal
    case .percent?:
      let shown = (try? Fixed(parsing: timesHundred(literal)).description).map { "\($0)%" } ?? "a percentage"
      guard role == .growth else {
        return .failure(
          FigureCellProblem(
            "the cell holds \(literal) formatted as a percentage ('\(format!.code)', shown as \(shown)), but a \(role.columnName) column is not in percent; enter the figure as a number in the column's unit"
          ))
      }
      // A growth column is in percent: the number Excel shows is the figure.
      text = timesHundred(literal)
    case .date(let showsDay)?:
      let date = Double(literal).flatMap { SerialDate.day($0, date1904: date1904) }
      let shown =
        date.map { showsDay ? $0.description : String($0.description.prefix(7)) }.map { ", shown as \($0)" } ?? ""
      return .failure(
        FigureCellProblem(
          "the cell holds \(literal) formatted as a date ('\(format!.code)'\(shown)); a figure column holds numbers: format the cell as a number"
        ))
    case .uncertain(let why)?:
      return .failure(
        FigureCellProblem(
          "the cell holds \(literal) with the number format '\(format!.code)', whose meaning for a figure is not certain: \(why); format the cell as a number (General or 0.0) and keep any unit in the header"
        ))
    }
    do {
      return .success(try Fixed(parsing: text).description)
    } catch {
      return .failure(FigureCellProblem(error.description))
    }
  }

  /// The decimal text times 100, exactly: the exponent moves, no digit is computed.
  static func timesHundred(_ literal: String) -> String {
    let parts = literal.split(
      maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == "e" || $0 == "E" })
    let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
    return "\(parts[0])e\(exponent + 2)"
  }

  struct FigureCellProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}

extension XLSXColumnRole {
  /// The column as the bureau heads it, for messages.
  var columnName: String {
    switch self {
    case .value: "总量 (value)"
    case .growth: "增速 (growth)"
    case .rank: "位次 (rank)"
    case .ignore: "ignored"
    }
  }
}
