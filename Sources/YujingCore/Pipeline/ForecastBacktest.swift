/// `yujing forecast backtest` (docs/rules.md#precoordination): loads every stored figure of the chosen indicators and
/// regions and every year's targets, and replays each past year month by month (`Backtest`).
public struct ForecastBacktest: Sendable {
  public let workspace: Workspace

  public init(workspace: Workspace) { self.workspace = workspace }

  public struct Report: Sendable {
    public var rows: [Backtest.Row]
    /// Subjects (indicator × region) replayed, and the years with a year-end figure.
    public var subjects: Int
    public var years: [Int]
  }

  /// Unknown codes are the caller's to reject; nil filters take every indicator and every region
  /// that is not a benchmark province.
  public func run(indicator: String? = nil, region: String? = nil) throws -> Report {
    let store = workspace.store
    let index = SubjectIndex(configuration: workspace.configuration)
    let periods = try store.periodsWithData()
    var tables: [Period: ObservationTable] = [:]
    for period in periods { tables[period] = try store.observationTable(period: period, index: index) }
    let years = Set(periods.map(\.year)).sorted()
    var targets: [Int: TargetTable] = [:]
    for year in years { targets[year] = try store.targetTable(year: year, index: index) }

    var subjects: [Backtest.Subject] = []
    for (i, definition) in index.indicators.enumerated() where indicator == nil || definition.code == indicator {
      let months = (1...12).filter { definition.periods.publishes(Period(year: 2000, month: $0)!) }
      for (r, place) in index.regions.enumerated()
      where place.kind != .province && (region == nil || place.code == region) {
        let slot = index.slot(indicator: i, region: r)
        var history = SubjectHistory()
        var goals: [Int: Fixed] = [:]
        for (period, table) in tables where table.hasData(slot) {
          let value = table.value[slot]
          let growth = table.growth[slot]
          history[period.year, period.month] = CumulativeFigure(
            value: value == absent ? nil : Fixed(units: value), growth: growth == absent ? nil : Fixed(units: growth))
        }
        guard !history.figures.isEmpty else { continue }
        for (year, table) in targets where table.growth[slot] != absent {
          goals[year] = Fixed(units: table.growth[slot])
        }
        subjects.append(Backtest.Subject(history: history, months: months, targets: goals))
      }
    }
    let ended = years.filter { year in subjects.contains { $0.history[year, 12] != nil } }
    return Report(rows: Backtest.run(subjects), subjects: subjects.count, years: ended)
  }
}
