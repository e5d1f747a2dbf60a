import Foundation

/// The statistics bureau's wide monthly table (DESIGN §4.1, `domain/samples/`): a title row with
/// the period, a region column, indicator names merged over their sub-columns (总量 / 增速 / 位次),
/// one row per region by name, `—` and `/` for missing figures, footnotes under the table.
///
/// The feed's `xlsx` mapping says which header means which indicator, which sub-column holds
/// what, and which names mean which region. Rows and cells that are notes, blank or unmapped are
/// skipped and reported, never guessed.
enum BureauTable {
  /// Reads the table from a sheet already opened.
  static func parse(_ sheet: XLSXSheet, mapping: XLSXMapping, catalogue: FeedCatalogue) throws(FeedReadError)
    -> IndicatorBatch
  {
    let layout = try Layout(sheet: sheet, mapping: mapping)
    let period = try TablePeriod.find(in: sheet, above: layout.headerRows.lowerBound)
    var batch = IndicatorBatch()
    batch.notes += layout.notes
    var checker = IndicatorRowChecker(catalogue: catalogue)
    let regionNames = catalogue.regionNames.merging(
      mapping.regions.map { (RegionNames.normalize($0.key), $0.value) }, uniquingKeysWith: { _, mapped in mapped })
    let missing = Set(mapping.missing.map(RegionNames.normalize))

    for row in (layout.headerRows.upperBound + 1)...max(sheet.rowCount, layout.headerRows.upperBound + 1) {
      let nameCell = sheet.resolvedCell(CellReference(row: row, column: layout.regionColumn))
      let name = RegionNames.normalize(nameCell.map { text($0.value) } ?? "")
      let hasFigures = layout.columns.contains { sheet.cell(CellReference(row: row, column: $0.column)) != nil }
      if name.isEmpty {
        if hasFigures { batch.notes.append("row \(row) has figures but no region name: skipped") }
        continue
      }
      if name.hasPrefix("注") || name.hasPrefix("备注") || name.hasPrefix("说明") || name.hasPrefix("资料来源") {
        batch.notes.append("row \(row) is a footnote: skipped")
        continue
      }
      let nameReference = CellReference(row: row, column: layout.regionColumn).description
      guard let region = regionNames[name] else {
        if hasFigures {
          batch.rejections.append(
            Rejection(
              location: RowLocation(record: row, cell: nameReference, sheet: sheet.name), field: "region",
              reason:
                "'\(name)' is not a known region name; add it as an alias of its region in yujing.yaml or to the feed's xlsx.regions"
            ))
        } else {
          batch.notes.append("row \(row) ('\(name)') has no figures: skipped")
        }
        continue
      }
      for group in layout.indicatorGroups {
        var fields = IndicatorRowChecker.Fields(period: period.description, region: region, indicator: group.indicator)
        var firstCell: String?
        var cellProblem: Rejection?
        for column in group.columns {
          let reference = CellReference(row: row, column: column.column)
          guard let cell = sheet.cell(reference) else { continue }
          let location = RowLocation(record: row, cell: reference.description, sheet: sheet.name)
          switch figureText(cell, missing: missing) {
          case .success(nil): continue
          case .success(let value?):
            firstCell = firstCell ?? reference.description
            switch column.role {
            case .value: fields.value = value
            case .growth: fields.growth = value
            case .rank: fields.rank = value
            case .ignore: break
            }
          case .failure(let reason):
            cellProblem = Rejection(location: location, field: column.role.rawValue, reason: reason.description)
          }
        }
        if let cellProblem {
          batch.rejections.append(cellProblem)
          continue
        }
        // A region with only "—" for an indicator has no figure for it: nothing to take.
        guard fields.value != nil || fields.growth != nil, let firstCell else { continue }
        let location = RowLocation(record: row, cell: firstCell, sheet: sheet.name)
        switch checker.check(fields, at: location, raw: nil) {
        case .success(let observation): batch.observations.append(observation)
        case .failure(let rejection): batch.rejections.append(rejection)
        }
      }
    }
    batch.notes += PublishedRanks.disagreements(in: batch.observations, catalogue: catalogue)
    return batch
  }

  /// A cell's figure as text: nil for a missing-figure mark, a reason for what cannot be a figure.
  static func figureText(_ cell: XLSXCell, missing: Set<String>) -> Result<String?, FigureCellProblem> {
    switch cell.value {
    case .number(let literal):
      // Excel stores binary doubles (88.90000000000001); the published figure is the decimal.
      // A number cell is a number: what can fail is its range, and the parser says so.
      do {
        return .success(try Fixed(parsing: literal).description)
      } catch {
        return .failure(FigureCellProblem(error.description))
      }
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

  struct FigureCellProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  static func text(_ value: XLSXCellValue) -> String {
    switch value {
    case .string(let string): string
    case .number(let literal): literal
    case .bool(let flag): flag ? "TRUE" : "FALSE"
    case .error(let code): code
    }
  }
}

/// Where the table's header is, and which columns hold which indicator's figures.
extension BureauTable {
  struct MappedColumn {
    var column: Int
    var role: XLSXColumnRole
  }

  struct IndicatorGroup {
    var indicator: String
    var columns: [MappedColumn]
  }

  struct Layout {
    var headerRows: ClosedRange<Int>
    var regionColumn: Int
    var indicatorGroups: [IndicatorGroup]
    var notes: [String]

    var columns: [MappedColumn] { indicatorGroups.flatMap(\.columns) }

    init(sheet: XLSXSheet, mapping: XLSXMapping) throws(FeedReadError) {
      let wanted = RegionNames.normalize(mapping.regionHeader)
      var found: CellReference?
      search: for row in 1...max(1, min(sheet.rowCount, 30)) {
        for cell in sheet.row(row) where RegionNames.normalize(BureauTable.text(cell.value)) == wanted {
          found = cell.reference
          break search
        }
      }
      guard let header = found else {
        throw FeedReadError(
          "no header cell '\(mapping.regionHeader)' in the first 30 rows of sheet \(sheet.name); set the feed's xlsx.region_header to the text over the region column"
        )
      }
      regionColumn = header.column
      // The header is one row, or two when the region header is merged down over the row of
      // sub-column names.
      let merged = sheet.mergedRanges.first { $0.contains(header) }
      let lastHeaderRow = merged.map { max($0.last.row, header.row) } ?? header.row
      headerRows = header.row...lastHeaderRow
      notes = []
      let indicatorNames = Dictionary(
        mapping.indicators.map { (RegionNames.normalize($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
      let roles = Dictionary(
        mapping.columns.map { (RegionNames.normalize($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
      var groups: [String: IndicatorGroup] = [:]
      var order: [String] = []
      var unmapped: [String] = []
      for column in (header.column + 1)...max(header.column + 1, sheet.columnCount) {
        let top = sheet.resolvedCell(CellReference(row: header.row, column: column)).map { BureauTable.text($0.value) }
        let topName = RegionNames.normalize(top ?? "")
        guard !topName.isEmpty else { continue }
        guard let indicator = indicatorNames[topName] else {
          if !unmapped.contains(topName) { unmapped.append(topName) }
          continue
        }
        var role: XLSXColumnRole?
        if lastHeaderRow > header.row {
          let sub = sheet.cell(CellReference(row: lastHeaderRow, column: column)).map { BureauTable.text($0.value) }
          let subName = RegionNames.normalize(sub ?? "")
          role = roles[subName]
          if role == nil {
            notes.append(
              "column \(CellReference(row: lastHeaderRow, column: column)) ('\(topName)' / '\(subName)') is not a known sub-column: skipped"
            )
            continue
          }
        } else {
          role = .growth
        }
        if groups[indicator] == nil {
          groups[indicator] = IndicatorGroup(indicator: indicator, columns: [])
          order.append(indicator)
        }
        if let role, role != .ignore { groups[indicator]?.columns.append(MappedColumn(column: column, role: role)) }
      }
      if !unmapped.isEmpty {
        notes.append(
          "header(s) not mapped to an indicator, skipped: \(unmapped.joined(separator: ", ")) (map them in the feed's xlsx.indicators)"
        )
      }
      guard !order.isEmpty else {
        throw FeedReadError(
          "no header of sheet \(sheet.name) names a mapped indicator; the feed's xlsx.indicators maps header text to indicator codes"
        )
      }
      indicatorGroups = order.compactMap { groups[$0] }
    }
  }
}

/// The period of a table, read from its title: 2020年1-5月 → 2020-05, 2020年一季度 → 2020-03.
enum TablePeriod {
  static func find(in sheet: XLSXSheet, above headerRow: Int) throws(FeedReadError) -> Period {
    var texts: [String] = []
    for row in 1..<max(1, headerRow) {
      texts += sheet.row(row).map { BureauTable.text($0.value) }
    }
    texts.append(sheet.name)
    let year = texts.lazy.compactMap(Self.year).first
    for text in texts {
      if let period = parse(text, defaultYear: year) { return period }
    }
    throw FeedReadError(
      "cannot tell the table's period: write it in the title above the header, as in '2020年1-5月' or '2020年一季度'")
  }

  static func year(_ text: String) -> Int? {
    guard let match = text.firstMatch(of: /(\d{4})\s*年/) else { return nil }
    return Int(match.1)
  }

  static func parse(_ text: String, defaultYear: Int?) -> Period? {
    let compact = RegionNames.normalize(text)
    guard let year = year(compact) ?? defaultYear else { return nil }
    if let match = compact.firstMatch(of: /(\d{1,2})\s*[-－—–~～至]\s*(\d{1,2})\s*月/) {
      return Period(year: year, month: Int(match.2)!)
    }
    let quarters: [(String, Int)] = [
      ("前三季度", 9), ("上半年", 6), ("一季度", 3), ("二季度", 6), ("三季度", 9), ("四季度", 12), ("全年", 12),
    ]
    for (word, month) in quarters where compact.contains(word) { return Period(year: year, month: month) }
    if let match = compact.firstMatch(of: /年(\d{1,2})月/) ?? compact.firstMatch(of: /^(\d{1,2})月/) {
      return Period(year: year, month: Int(match.1)!)
    }
    return nil
  }
}
