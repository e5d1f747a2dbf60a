/// What a feed's rows are checked against: the configured regions, indicators and departments,
/// and the names a table may use for a region.
public struct FeedCatalogue: Sendable {
  public var regions: [String: Region]
  public var indicators: [String: Indicator]
  public var departments: Set<String>
  /// Normalized region name or alias → code.
  public var regionNames: [String: String]
  /// Small numbers for codes, so that a row's key packs into one integer.
  var regionNumbers: [String: Int]
  var indicatorNumbers: [String: Int]

  /// The catalogue of the given codes; the first of two regions or indicators with one code wins.
  public init(regions: [Region], indicators: [Indicator], departments: Set<String>) {
    self.regions = Dictionary(regions.map { ($0.code, $0) }) { first, _ in first }
    self.indicators = Dictionary(indicators.map { ($0.code, $0) }) { first, _ in first }
    self.departments = departments
    var names: [String: String] = [:]
    for region in regions {
      for name in [region.name] + region.aliases {
        names[RegionNames.normalize(name)] = region.code
      }
    }
    regionNames = names
    regionNumbers = Dictionary(regions.enumerated().map { ($1.code, $0) }) { first, _ in first }
    indicatorNumbers = Dictionary(indicators.enumerated().map { ($1.code, $0) }) { first, _ in first }
  }

  func unknownRegion(_ code: String) -> String {
    let hint = Suggestion.closest(to: code, among: regions.keys.sorted()).map { "; did you mean \($0)?" } ?? ""
    return "region '\(code)' is not a region of this configuration\(hint)"
  }

  func unknownIndicator(_ code: String) -> String {
    let hint = Suggestion.closest(to: code, among: indicators.keys.sorted()).map { "; did you mean \($0)?" } ?? ""
    return "indicator '\(code)' is not an indicator of this configuration\(hint)"
  }

  func unknownDepartment(_ code: String) -> String {
    let hint = Suggestion.closest(to: code, among: departments.sorted()).map { "; did you mean \($0)?" } ?? ""
    return "department '\(code)' is not a department of this configuration\(hint)"
  }
}
