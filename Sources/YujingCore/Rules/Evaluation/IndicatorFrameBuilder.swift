/// Derives the measures (thresholds/README.md#measures) for every indicator × region of one period: gap, progress,
/// lag, the province's and the city's growth, and the rank within the region's group.
///
/// Figures are exact; derived percentages (progress, time progress) are rounded half-up to one
/// decimal before anything compares them (61.7 against 66.7 is a lag of exactly −5.0).
enum IndicatorFrameBuilder {
  private typealias Number = NumberColumn<IndicatorMeasure>

  static func build(
    period: Period, observations: ObservationTable, targets: TargetTable?, index: SubjectIndex,
    projections: ProjectionColumns? = nil
  ) -> Frame {
    var frame = FrameColumns<IndicatorMeasure>(slotCount: index.slotCount)
    let growthColumn = Number(.growth)
    let valueColumn = Number(.value)
    let rankColumn = Number(.rank)
    let targetGrowthColumn = Number(.targetGrowth)
    let targetValueColumn = Number(.targetValue)
    let gapColumn = Number(.gap)
    let progressColumn = Number(.progress)
    let lagColumn = Number(.lag)
    let timeProgressColumn = Number(.timeProgress)
    let provinceColumn = Number(.provinceGrowth)
    let cityColumn = Number(.cityGrowth)
    let sizeColumn = Number(.groupSize)
    let belowColumn = Number(.regionsBelow)
    let publishedColumn = Number(.publishedRank)
    let belowTargetColumn = BooleanColumn(IndicatorMeasure.belowTarget)
    let timeProgress = period.timeProgress.units
    let regionCount = index.regions.count

    frame[growthColumn] = observations.growth
    frame[valueColumn] = observations.value
    frame[publishedColumn] = observations.publishedRank
    if let targets {
      frame[targetGrowthColumn] = targets.growth
      frame[targetValueColumn] = targets.value
    }
    if let projections {
      frame[Number(.projectedGrowth)] = projections.growth
      frame[Number(.projectionYears)] = projections.years
      frame[Number(.projectionError)] = projections.error
      frame[Number(.projectionChecks)] = projections.checks
      frame[TextColumn(IndicatorMeasure.projectionMethod)] = projections.method
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
        frame[timeProgressColumn][slot] = timeProgress
        frame[provinceColumn][slot] = provinceGrowth
        frame[cityColumn][slot] = cityGrowth
        let growth = observations.growth[slot]
        let targetGrowth = frame[targetGrowthColumn][slot]
        if growth != absent && targetGrowth != absent { frame[gapColumn][slot] = growth - targetGrowth }
        let value = observations.value[slot]
        let targetValue = frame[targetValueColumn][slot]
        if value != absent && targetValue != absent,
          let percent = Fixed.percentage(Fixed(units: value), of: Fixed(units: targetValue))
        {
          let progress = percent.units
          frame[progressColumn][slot] = progress
          frame[lagColumn][slot] = progress - timeProgress
        }
        let shortfall =
          index.indicators[indicator].form == .growth ? frame[gapColumn][slot] : frame[lagColumn][slot]
        if shortfall != absent { frame[belowTargetColumn][slot] = Tri(shortfall < 0) }
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
    indicator: Int, frame: inout FrameColumns<IndicatorMeasure>, index: SubjectIndex,
    columns: (growth: Number, progress: Number, rank: Number, size: Number, below: Number)
  ) {
    let polarity = index.indicators[indicator].polarity
    let byColumn = index.indicators[indicator].form == .growth ? columns.growth : columns.progress
    for members in index.groups.values {
      var figures: [(slot: Int, figure: Int64)] = []
      figures.reserveCapacity(members.count)
      for region in members {
        let slot = index.slot(indicator: indicator, region: region)
        let figure = frame[byColumn][slot]
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
          frame[columns.rank][slot] = Int64(start + 1) * Fixed.scale
          frame[columns.size][slot] = Int64(figures.count) * Fixed.scale
          frame[columns.below][slot] = Int64(figures.count - end - 1) * Fixed.scale
        }
        start = end + 1
      }
    }
  }
}
