/// What a feed's rows are checked against: the configured regions, indicators and departments,
/// and the names a table may use for a region.
public struct FeedCatalogue: Sendable {
  public var regions: [String: Region]
  public var indicators: [String: Indicator]
  public var departments: Set<String>
  /// Normalized region name or alias → code.
  public var regionNames: [String: String]
  /// Normalized indicator name (规模以上工业增加值), or a header a feed's `xlsx.indicators` maps
  /// to it, → code: a canonical file may name an indicator as the bureau's table does.
  public var indicatorNames: [String: String]
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
    indicatorNames = Dictionary(indicators.map { (RegionNames.normalize($0.name), $0.code) }) { first, _ in first }
    regionNumbers = Dictionary(regions.enumerated().map { ($1.code, $0) }) { first, _ in first }
    indicatorNumbers = Dictionary(indicators.enumerated().map { ($1.code, $0) }) { first, _ in first }
  }

  /// The code of a region written as its code, its name or an alias (丰城市 → 360981).
  func regionCode(_ text: String) -> String? {
    regions[text] != nil ? text : regionNames[RegionNames.normalize(text)]
  }

  /// The code of an indicator written as its code, its name or a header the bureau's table uses.
  func indicatorCode(_ text: String) -> String? {
    indicators[text] != nil ? text : indicatorNames[RegionNames.normalize(text)]
  }

  func unknownRegion(_ code: String) -> String {
    "region '\(code)' is not a region of this configuration, by code, name or alias"
      + Self.hint(for: code, codes: regions.keys, names: regionNames)
  }

  func unknownIndicator(_ code: String) -> String {
    "indicator '\(code)' is not an indicator of this configuration, by code or name"
      + Self.hint(for: code, codes: indicators.keys, names: indicatorNames)
  }

  /// The closest code, or else the closest name with the code it stands for.
  private static func hint(
    for text: String, codes: Dictionary<String, some Any>.Keys, names: [String: String]
  ) -> String {
    if let code = Suggestion.closest(to: text, among: codes.sorted()) { return "; did you mean \(code)?" }
    guard let name = Suggestion.closest(to: RegionNames.normalize(text), among: names.keys.sorted()) else { return "" }
    return "; did you mean \(name) (\(names[name] ?? ""))?"
  }

  func unknownDepartment(_ code: String) -> String {
    let hint = Suggestion.closest(to: code, among: departments.sorted()).map { "; did you mean \($0)?" } ?? ""
    return "department '\(code)' is not a department of this configuration\(hint)"
  }
}

/// Names a file wrote where a code belongs (丰城市 for 360981), read as their codes: said once per
/// file in a note, so that the run's record shows what was read as what.
struct NamesReadAsCodes {
  private var read: [(name: String, code: String)] = []
  private var known: Set<String> = []
  private var said = 0

  mutating func note(_ name: String, as code: String) {
    guard known.insert(name).inserted else { return }
    read.append((name, code))
  }

  /// A note of the names read since the last one; nil when there are none.
  mutating func takeNote() -> String? {
    guard said < read.count else { return nil }
    let pairs = read[said...].map { "\($0.name) → \($0.code)" }
    said = read.count
    return "names read as their codes: \(pairs.joined(separator: ", "))"
  }
}
