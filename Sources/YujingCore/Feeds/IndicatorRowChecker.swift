/// Checks one indicator row, whatever file format it came from (docs/operate.md#feeds), and either returns
/// the observation or records why the row is rejected. Rows are independent: a bad row never
/// stops the good ones.
struct IndicatorRowChecker {
  let catalogue: FeedCatalogue
  /// Keys seen so far, packed as period · region · indicator numbers, with where they were.
  private var seen: [Int64: RowLocation] = [:]
  /// Regions and indicators the file named instead of giving their codes.
  var names = NamesReadAsCodes()

  init(catalogue: FeedCatalogue, expectedRows: Int = 0) {
    self.catalogue = catalogue
    seen.reserveCapacity(expectedRows)
  }

  /// The fields of a row as text; nil or empty means the field is empty.
  struct Fields {
    var period: String?
    var region: String?
    var indicator: String?
    var value: String?
    var growth: String?
    var rank: String?
  }

  mutating func check(_ fields: Fields, at location: RowLocation, raw: @autoclosure () -> String?) -> Result<
    Observation, Rejection
  > {
    func reject(_ field: String?, _ reason: String) -> Result<Observation, Rejection> {
      .failure(Rejection(location: location, field: field, reason: reason, raw: raw()))
    }
    guard let periodText = fields.period.nonEmpty else { return reject("period", "period is empty") }
    guard let period = Period(periodText) else {
      return reject("period", "period '\(periodText)' is not YYYY-MM (for example 2020-05)")
    }
    guard var regionCode = fields.region.nonEmpty else { return reject("region", "region is empty") }
    // A code is looked up first, so that a canonical file pays nothing for the names.
    if catalogue.regionNumbers[regionCode] == nil, let code = catalogue.regionCode(regionCode) {
      names.note(regionCode, as: code)
      regionCode = code
    }
    guard let regionNumber = catalogue.regionNumbers[regionCode] else {
      return reject("region", catalogue.unknownRegion(regionCode))
    }
    guard var indicatorCode = fields.indicator.nonEmpty else { return reject("indicator", "indicator is empty") }
    if catalogue.indicatorNumbers[indicatorCode] == nil, let code = catalogue.indicatorCode(indicatorCode) {
      names.note(indicatorCode, as: code)
      indicatorCode = code
    }
    guard let indicatorNumber = catalogue.indicatorNumbers[indicatorCode],
      let indicator = catalogue.indicators[indicatorCode]
    else {
      return reject("indicator", catalogue.unknownIndicator(indicatorCode))
    }
    if !indicator.periods.publishes(period) {
      if indicator.frequency == .quarterly {
        return reject(
          "period", "\(indicator.code) is quarterly: its periods are months 03, 06, 09 and 12, not \(period)")
      }
      return reject(
        "period",
        "\(indicator.code) is published as 1-2月 combined: there is no period \(period); put January and February under \(period.year)-02"
      )
    }
    let valueText = fields.value.nonEmpty
    let growthText = fields.growth.nonEmpty
    guard valueText != nil || growthText != nil else {
      return reject("value", "value and growth are both empty; a row needs at least one of them")
    }
    var value: Fixed?
    if let valueText {
      switch IndicatorRowChecker.figure(valueText, column: .level) {
      case .success(let figure): value = figure
      case .failure(let reason): return reject("value", "value: \(reason)")
      }
      if let value, value.isNegative {
        return reject("value", "value \(value) is negative; a cumulative level in \(indicator.unit) cannot be")
      }
    }
    var growth: Fixed?
    if let growthText {
      switch IndicatorRowChecker.figure(growthText, column: .growth) {
      case .success(let figure): growth = figure
      case .failure(let reason): return reject("growth", "growth: \(reason)")
      }
      if let growth, growth < Fixed(-100) {
        return reject("growth", "growth \(growth) % is below −100 %, which no figure can fall to")
      }
    }
    var rank: Int?
    if let rankText = fields.rank.nonEmpty {
      let written = Int(rankText) == nil ? WrittenFigure.plain(rankText, column: .rank) : nil
      if case .failure(let problem)? = written { return reject("rank", "rank: \(problem)") }
      guard let number = Int(rankText) ?? (try? written?.get()).flatMap({ Int($0) }), number > 0 else {
        return reject("rank", "rank '\(rankText)' is not a whole number of 1 or more")
      }
      rank = number
    }
    let observation = Observation(
      period: period, region: regionCode, indicator: indicatorCode, value: value, growth: growth,
      publishedRank: rank)
    let key = Int64(period.ordinal) << 40 | Int64(regionNumber) << 20 | Int64(indicatorNumber)
    if let first = seen[key] {
      return reject(nil, "duplicate of \(first): the same period, region and indicator appear twice in this file")
    }
    seen[key] = location
    return .success(observation)
  }

  static func figure(_ text: String) -> Result<Fixed, FigureSyntaxError> {
    Result { () throws(FigureSyntaxError) in try Fixed(parsing: text) }
  }

  /// A figure as a plain decimal or, when it is not one, as people write it (`7.9%` in a growth
  /// column, full-width digits, `1,322.5`); the reason in words when neither reads. The plain
  /// parse comes first, so that a canonical file pays nothing for the second.
  static func figure(_ text: String, column: WrittenFigure.Column) -> Result<Fixed, WrittenFigure.Problem> {
    let plainError: FigureSyntaxError
    switch figure(text) {
    case .success(let value): return .success(value)
    case .failure(let error): plainError = error
    }
    switch WrittenFigure.plain(text, column: column) {
    case nil: return .failure(WrittenFigure.Problem(description: plainError.description))
    case .failure(let problem): return .failure(problem)
    case .success(let plain):
      switch figure(plain) {
      case .success(let value): return .success(value)
      case .failure(let error):
        return .failure(WrittenFigure.Problem(description: error.description))
      }
    }
  }
}

extension Optional where Wrapped == String {
  /// The text, or nil when it is absent or blank.
  var nonEmpty: String? {
    guard let self, !self.isEmpty else { return nil }
    return self
  }
}
