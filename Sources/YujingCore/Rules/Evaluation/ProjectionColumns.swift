/// The projection measures of one period (docs/rules.md#precoordination) for every slot: the projected year-end
/// growth, its method, the earlier years it rests on, and how accurate the same method was at
/// this month in those years. Built from the period's table and the tables of the same month and
/// of December in earlier years; a slot without enough history has none.
struct ProjectionColumns: Sendable {
  var growth: [Int64]
  var years: [Int64]
  var error: [Int64]
  var checks: [Int64]
  var method: [String?]

  /// The periods a projection of `period` reads, besides the period itself.
  static func periods(for period: Period) -> [Period] {
    guard period.month < 12 else { return [] }
    return (1...Projector.maximumYears).flatMap { back in
      [Period(year: period.year - back, month: period.month)!, Period(year: period.year - back, month: 12)!]
    }
  }

  static func build(period: Period, index: SubjectIndex, tables: (Period) -> ObservationTable?) -> ProjectionColumns? {
    guard period.month < 12, let current = tables(period) else { return nil }
    let years = (1...Projector.maximumYears).map { period.year - $0 }.filter {
      tables(Period(year: $0, month: 12)!) != nil
    }
    guard years.count >= Projector.minimumYears else { return nil }
    let atMonth = years.map { tables(Period(year: $0, month: period.month)!) }
    let yearEnd = years.map { tables(Period(year: $0, month: 12)!)! }
    let regionCount = index.regions.count
    let indicators = index.indicators.indices.filter { index.indicators[$0].periods.publishes(period) }
    // Indicators are independent: project them side by side, each into its own columns.
    let parts = Parallel.map(indicators.count) { task -> (Int, ProjectionColumns) in
      let indicator = indicators[task]
      var part = ProjectionColumns(slotCount: regionCount)
      // One buffer for the task, newest year first (as `years` is), refilled for each slot.
      var earlier: [YearFigures] = []
      earlier.reserveCapacity(years.count)
      for region in 0..<regionCount {
        let slot = indicator * regionCount + region
        guard current.hasData(slot) else { continue }
        earlier.removeAll(keepingCapacity: true)
        for (position, year) in years.enumerated() where yearEnd[position].hasData(slot) {
          earlier.append(
            YearFigures(
              year: year, atMonth: atMonth[position].map { figure($0, slot) } ?? CumulativeFigure(),
              yearEnd: figure(yearEnd[position], slot)))
        }
        guard earlier.count >= Projector.minimumYears,
          let projection = Projector.project(
            month: period.month, current: figure(current, slot), earlier: earlier, year: period.year)
        else { continue }
        part.growth[region] = projection.growth.units
        part.years[region] = Int64(projection.years) * Fixed.scale
        part.method[region] = projection.method.rawValue
        let accuracy = ProjectionAccuracy.of(
          projection.method, month: period.month, year: period.year, earlier: earlier)
        if let accuracy {
          part.error[region] = accuracy.meanAbsoluteError.units
          part.checks[region] = Int64(accuracy.years) * Fixed.scale
        }
      }
      return (indicator, part)
    }
    var columns = ProjectionColumns(slotCount: index.slotCount)
    for (indicator, part) in parts {
      let start = indicator * regionCount
      columns.growth.replaceSubrange(start..<start + regionCount, with: part.growth)
      columns.years.replaceSubrange(start..<start + regionCount, with: part.years)
      columns.error.replaceSubrange(start..<start + regionCount, with: part.error)
      columns.checks.replaceSubrange(start..<start + regionCount, with: part.checks)
      columns.method.replaceSubrange(start..<start + regionCount, with: part.method)
    }
    return columns
  }

  init(slotCount: Int) {
    growth = Array(repeating: absent, count: slotCount)
    years = growth
    error = growth
    checks = growth
    method = Array(repeating: nil, count: slotCount)
  }

  private static func figure(_ table: ObservationTable, _ slot: Int) -> CumulativeFigure {
    let value = table.value[slot]
    let growth = table.growth[slot]
    return CumulativeFigure(
      value: value == absent ? nil : Fixed(units: value), growth: growth == absent ? nil : Fixed(units: growth))
  }
}
