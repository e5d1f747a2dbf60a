/// The canonical targets CSV (docs/operate.md#configuration): `year,region,indicator,target_growth,target_value`.
enum TargetCSV {
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, catalogue: FeedCatalogue) throws(FeedReadError)
    -> TargetBatch
  {
    var batch = TargetBatch()
    var seen: [String: RowLocation] = [:]
    var names = NamesReadAsCodes()
    let problems = try ProjectCSV.forEachRow(
      bytes, required: ["year", "region", "indicator", "target_growth", "target_value"], kind: "target"
    ) { row, location, raw, locate in
      func reject(_ field: String?, _ reason: String) {
        batch.rejections.append(locate(Rejection(location: location, field: field, reason: reason, raw: raw())))
      }
      guard let yearText = row("year").nonEmpty else { return reject("year", "year is empty") }
      guard yearText.count == 4, let year = Int(yearText) else {
        return reject("year", "year '\(yearText)' is not a year such as 2020")
      }
      guard let regionText = row("region").nonEmpty else { return reject("region", "region is empty") }
      guard let region = catalogue.regionCode(regionText) else {
        return reject("region", catalogue.unknownRegion(regionText))
      }
      if region != regionText { names.note(regionText, as: region) }
      if catalogue.regions[region]?.kind == .province {
        return reject("region", "region \(region) is a province, a benchmark only: it has no targets")
      }
      guard let indicatorText = row("indicator").nonEmpty else { return reject("indicator", "indicator is empty") }
      guard let indicator = catalogue.indicatorCode(indicatorText) else {
        return reject("indicator", catalogue.unknownIndicator(indicatorText))
      }
      if indicator != indicatorText { names.note(indicatorText, as: indicator) }
      var figures: [Fixed?] = []
      for field in ["target_growth", "target_value"] {
        guard let text = row(field).nonEmpty else {
          figures.append(nil)
          continue
        }
        switch IndicatorRowChecker.figure(text, column: field == "target_growth" ? .growth : .level) {
        case .success(let figure): figures.append(figure)
        case .failure(let error): return reject(field, "\(field): \(error)")
        }
      }
      guard figures[0] != nil || figures[1] != nil else {
        return reject("target_growth", "target_growth and target_value are both empty; give at least one")
      }
      if let value = figures[1], value.isNegative { return reject("target_value", "target_value is negative") }
      let key = "\(year) \(region) \(indicator)"
      if let first = seen[key] {
        return reject(nil, "duplicate of \(first): the same year, region and indicator appear twice")
      }
      seen[key] = location
      batch.targets.append(
        Target(year: year, region: region, indicator: indicator, growth: figures[0], value: figures[1]))
    }
    batch.rejections += problems.rejections
    batch.notes += problems.notes
    if let note = names.takeNote() { batch.notes.append(note) }
    return batch
  }
}
