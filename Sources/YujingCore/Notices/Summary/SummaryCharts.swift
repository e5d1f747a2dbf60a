/// The charts of the dispatch summary: growth against target by region, and the city's growth
/// through the year against its target.
enum SummaryCharts {
  struct Figure {
    var chart: Chart
    var caption: String
  }

  static func indicator(_ table: SummaryFacts.IndicatorTable, period: Period) -> [Figure] {
    var charts: [Figure] = []
    let indicator = table.indicator
    let periodName = period.chineseName(for: indicator.frequency)
    let regions = table.rows.filter { $0.region.kind != .city }
    if !regions.isEmpty {
      let amount = indicator.form == .amount
      // An amount is compared with 序时进度, a growth with its target.
      let values = regions.map { (amount ? $0.progress : $0.growth)?.doubleValue }
      let targets = regions.map { row -> Double? in
        if amount {
          guard let progress = row.progress, let lag = row.lag else { return nil }
          return (progress - lag).doubleValue
        }
        return row.targetGrowth?.doubleValue
      }
      let title =
        amount ? "\(periodName)各县（市、区）\(indicator.name)完成年度目标进度" : "\(periodName)各县（市、区）\(indicator.name)累计增速"
      charts.append(
        Figure(
          chart: .bars(
            title: title, categories: regions.map(\.region.name), values: values, targets: targets, unit: "%",
            valueName: amount ? "完成进度" : "实际增速", targetName: amount ? "序时进度" : "目标"),
          caption: amount ? "各县（市、区）\(indicator.name)完成进度与序时进度" : "各县（市、区）\(indicator.name)增速与目标"))
    }
    if table.cityYear.count >= 2 {
      let points = table.cityYear.map {
        (label: shortName($0.period, frequency: indicator.frequency), value: $0.growth?.doubleValue)
      }
      charts.append(
        Figure(
          chart: .line(
            title: "\(period.year)年全市\(indicator.name)累计增速", points: points,
            reference: table.cityTarget?.doubleValue, unit: "%"),
          caption: "全市\(indicator.name)累计增速走势"))
    }
    return charts
  }

  /// A period's name without its year, for a chart's axis: 1-5月, 一季度.
  static func shortName(_ period: Period, frequency: Frequency) -> String {
    let name = period.chineseName(for: frequency)
    let prefix = "\(period.year)年"
    return name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
  }
}
