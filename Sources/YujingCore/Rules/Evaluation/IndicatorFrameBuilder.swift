/// Derives the measures (thresholds/README.md#measures) for every indicator × region of one period: gap, progress,
/// lag, the province's and the city's growth, and the rank within the region's group.
///
/// Figures are exact; derived percentages (progress, time progress) are rounded half-up to one
/// decimal before anything compares them (61.7 against 66.7 is a lag of exactly −5.0).
enum IndicatorFrameBuilder {
  static func build(
    period: Period, observations: ObservationTable, targets: TargetTable?, index: SubjectIndex,
    projections: ProjectionColumns? = nil
  ) -> Frame {
    let layout = MeasureLayout.indicators
    var frame = FrameColumns(kind: .indicators, slotCount: index.slotCount)
    func column(_ name: String) -> Int { layout.numberIndex[name]! }
    let growthColumn = column("growth")
    let valueColumn = column("value")
    let rankColumn = column("rank")
    let targetGrowthColumn = column("target_growth")
    let targetValueColumn = column("target_value")
    let gapColumn = column("gap")
    let progressColumn = column("progress")
    let lagColumn = column("lag")
    let timeProgressColumn = column("time_progress")
    let provinceColumn = column("province_growth")
    let cityColumn = column("city_growth")
    let sizeColumn = column("group_size")
    let belowColumn = column("regions_below")
    let publishedColumn = column("published_rank")
    let belowTargetColumn = layout.booleanIndex["below_target"]!
    let timeProgress = period.timeProgress.units
    let regionCount = index.regions.count

    frame.numbers[growthColumn] = observations.growth
    frame.numbers[valueColumn] = observations.value
    frame.numbers[publishedColumn] = observations.publishedRank
    if let targets {
      frame.numbers[targetGrowthColumn] = targets.growth
      frame.numbers[targetValueColumn] = targets.value
    }
    if let projections {
      frame.numbers[column("projected_growth")] = projections.growth
      frame.numbers[column("projection_years")] = projections.years
      frame.numbers[column("projection_error")] = projections.error
      frame.numbers[column("projection_checks")] = projections.checks
      frame.texts[layout.textIndex["projection_method"]!] = projections.method
    }
    for indicator in index.indicators.indices {
      let published = index.indicators[indicator].periods.publishes(period)
      let provinceGrowth =
        index.province.map { observations.growth[index.slot(indicator: indicator, region: $0)] } ?? absent
      let cityGrowth = index.city.map { observations.growth[index.slot(indicator: indicator, region: $0)] } ?? absent
      for region in 0..<regionCount {
        let slot = indicator * regionCount + region
        guard published, observations.hasData(slot) else { continue }
        frame.hasData[slot] = true
        frame.numbers[timeProgressColumn][slot] = timeProgress
        frame.numbers[provinceColumn][slot] = provinceGrowth
        frame.numbers[cityColumn][slot] = cityGrowth
        let growth = observations.growth[slot]
        let targetGrowth = frame.numbers[targetGrowthColumn][slot]
        if growth != absent && targetGrowth != absent { frame.numbers[gapColumn][slot] = growth - targetGrowth }
        let value = observations.value[slot]
        let targetValue = frame.numbers[targetValueColumn][slot]
        if value != absent && targetValue != absent,
          let percent = Fixed.percentage(Fixed(units: value), of: Fixed(units: targetValue))
        {
          let progress = percent.units
          frame.numbers[progressColumn][slot] = progress
          frame.numbers[lagColumn][slot] = progress - timeProgress
        }
        let shortfall =
          index.indicators[indicator].form == .growth ? frame.numbers[gapColumn][slot] : frame.numbers[lagColumn][slot]
        if shortfall != absent { frame.booleans[belowTargetColumn][slot] = Tri(shortfall < 0) }
      }
      rank(
        indicator: indicator, frame: &frame, index: index,
        columns: (growthColumn, progressColumn, rankColumn, sizeColumn, belowColumn))
    }
    return Frame(period: period, columns: frame)
  }

  /// Ranks every group among the regions that have the figure: by growth, or by progress for an
  /// amount-target indicator (docs/rules.md#warning-rules).
  private static func rank(
    indicator: Int, frame: inout FrameColumns, index: SubjectIndex,
    columns: (growth: Int, progress: Int, rank: Int, size: Int, below: Int)
  ) {
    let polarity = index.indicators[indicator].polarity
    let byColumn = index.indicators[indicator].form == .growth ? columns.growth : columns.progress
    for members in index.groups.values {
      var figures: [(slot: Int, figure: Int64)] = []
      figures.reserveCapacity(members.count)
      for region in members {
        let slot = index.slot(indicator: indicator, region: region)
        let figure = frame.numbers[byColumn][slot]
        if frame.hasData[slot] && figure != absent { figures.append((slot, figure)) }
      }
      guard !figures.isEmpty else { continue }
      figures.sort { polarity == .higherIsBetter ? $0.figure > $1.figure : $0.figure < $1.figure }
      var start = 0
      while start < figures.count {
        var end = start
        while end + 1 < figures.count && figures[end + 1].figure == figures[start].figure { end += 1 }
        for position in start...end {
          let slot = figures[position].slot
          frame.numbers[columns.rank][slot] = Int64(start + 1) * Fixed.scale
          frame.numbers[columns.size][slot] = Int64(figures.count) * Fixed.scale
          frame.numbers[columns.below][slot] = Int64(figures.count - end - 1) * Fixed.scale
        }
        start = end + 1
      }
    }
  }
}
