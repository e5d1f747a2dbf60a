import Foundation

/// The statistics bureau's wide monthly table (docs/operate.md#feeds; an example is
/// `Tests/YujingCoreTests/Fixtures/statistics-bureau-table-2020-05.xlsx`): a title row with
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
    // Regions whose figure of an indicator was refused: the bureau's 位次 of their group cannot
    // be checked without them.
    var gaps: [PublishedRanks.Gap] = []
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
          for group in layout.indicatorGroups
          where group.columns.contains(where: {
            $0.role == .rank && sheet.cell(CellReference(row: row, column: $0.column)) != nil
          }) {
            gaps.append(
              PublishedRanks.Gap(
                indicator: group.indicator, region: nil, what: "the row of '\(name)', not a known region",
                place: "sheet \(sheet.name), cell \(nameReference)"))
          }
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
        // Where each field was, so that a figure refused by the row checks is named by its own cell.
        var cells: [String: String] = [:]
        var cellProblem: Rejection?
        for column in group.columns {
          let reference = CellReference(row: row, column: column.column)
          guard let cell = sheet.cell(reference) else { continue }
          let location = RowLocation(record: row, cell: reference.description, sheet: sheet.name)
          switch figureText(cell, role: column.role, missing: missing, date1904: sheet.usesDate1904) {
          case .success(nil): continue
          case .success(let value?):
            firstCell = firstCell ?? reference.description
            cells[column.role.rawValue] = reference.description
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
          gaps.append(
            PublishedRanks.Gap(rejection: cellProblem, indicator: group.indicator, region: region, catalogue: catalogue)
          )
          batch.rejections.append(cellProblem)
          continue
        }
        // A region with only "—" for an indicator has no figure for it: nothing to take.
        guard fields.value != nil || fields.growth != nil, let firstCell else { continue }
        let location = RowLocation(record: row, cell: firstCell, sheet: sheet.name)
        switch checker.check(fields, at: location, raw: nil) {
        case .success(let observation): batch.observations.append(observation)
        case .failure(var rejection):
          if let field = rejection.field, let cell = cells[field] { rejection.location.cell = cell }
          gaps.append(
            PublishedRanks.Gap(rejection: rejection, indicator: group.indicator, region: region, catalogue: catalogue))
          batch.rejections.append(rejection)
        }
      }
    }
    batch.notes += PublishedRanks.disagreements(in: batch.observations, catalogue: catalogue, gaps: gaps)
    return batch
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

    /// How far down a header is looked for: titles and unit rows take a few rows, not thirty.
    static let headerSearchRows = 30

    /// The cell holding the region column's header, in the first rows of the sheet.
    static func regionHeader(in sheet: XLSXSheet, mapping: XLSXMapping) -> CellReference? {
      let wanted = RegionNames.normalize(mapping.regionHeader)
      for row in 1...max(1, min(sheet.rowCount, headerSearchRows)) {
        for cell in sheet.row(row) where RegionNames.normalize(BureauTable.text(cell.value)) == wanted {
          return cell.reference
        }
      }
      return nil
    }

    init(sheet: XLSXSheet, mapping: XLSXMapping) throws(FeedReadError) {
      guard let header = Layout.regionHeader(in: sheet, mapping: mapping) else {
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
    if let period = try dated(in: sheet, above: headerRow) { return period }
    throw FeedReadError(
      "cannot tell the table's period: write it in the title above the header, as in '2020年1-5月' or '2020年一季度'")
  }

  /// The period given as a date cell above the header (a month typed into Excel becomes the
  /// date of its first day, shown as 2020年4月). Only a date that names one month for certain is
  /// taken: one shown without its day, or the last day of a month (the figures as of then).
  static func dated(in sheet: XLSXSheet, above headerRow: Int) throws(FeedReadError) -> Period? {
    var dates: [(cell: XLSXCell, day: Day, showsDay: Bool)] = []
    for row in 1..<max(1, headerRow) {
      for cell in sheet.row(row) {
        guard case .number(let literal) = cell.value, case .date(let showsDay)? = cell.format?.meaning else { continue }
        guard let day = Double(literal).flatMap({ SerialDate.day($0, date1904: sheet.usesDate1904) }) else {
          throw FeedReadError(
            "cannot tell the table's period: sheet \(sheet.name), cell \(cell.reference) is formatted as a date but holds \(literal), which is no day; write the period in the title, as in '2020年1-5月'"
          )
        }
        dates.append((cell, day, showsDay))
      }
    }
    guard let only = dates.first else { return nil }
    guard dates.count == 1 else {
      throw FeedReadError(
        "cannot tell the table's period: the title does not give it, and sheet \(sheet.name) has dates in cells \(dates.map(\.cell.reference.description).joined(separator: ", ")); write the period in the title, as in '2020年1-5月'"
      )
    }
    guard let period = Period(year: only.day.year, month: only.day.month) else { return nil }
    if !only.showsDay || only.day.day == Day.daysIn(year: only.day.year, month: only.day.month) { return period }
    throw FeedReadError(
      "cannot tell the table's period: sheet \(sheet.name), cell \(only.cell.reference) holds the date \(only.day), which is not the end of a month, so it may be the day the table was made; write the period in the title, as in '2020年1-5月'"
    )
  }

  static func year(_ text: String) -> Int? {
    guard let match = text.firstMatch(of: /([0-9]{4})\s*年/) else { return nil }
    return Int(match.1)
  }

  /// Digits are ASCII only: a regex `\d` also matches other scripts' digits (٥, ５), which `Int`
  /// does not read (found by the XLS fuzz target: `Fuzz/regressions/xls/title-non-ascii-digits`).
  static func parse(_ text: String, defaultYear: Int?) -> Period? {
    let compact = RegionNames.normalize(text)
    guard let year = year(compact) ?? defaultYear else { return nil }
    if let match = compact.firstMatch(of: /([0-9]{1,2})\s*[-－—–~～至]\s*([0-9]{1,2})\s*月/) {
      return Period(year: year, month: Int(match.2)!)
    }
    let quarters: [(String, Int)] = [
      ("前三季度", 9), ("上半年", 6), ("一季度", 3), ("二季度", 6), ("三季度", 9), ("四季度", 12), ("全年", 12),
    ]
    for (word, month) in quarters where compact.contains(word) { return Period(year: year, month: month) }
    if let match = compact.firstMatch(of: /年([0-9]{1,2})月/) ?? compact.firstMatch(of: /^([0-9]{1,2})月/) {
      return Period(year: year, month: Int(match.1)!)
    }
    return nil
  }
}
