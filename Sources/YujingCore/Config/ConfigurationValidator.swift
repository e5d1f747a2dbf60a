/// The checks across fields that decoding alone cannot make (docs/operate.md#configuration): codes unique, every
/// reference resolvable, the city present, a region that receives notices has an addressee.
enum ConfigurationValidator {
  static func validate(_ configuration: Configuration, sink: DiagnosticSink) {
    let regionCodes = unique(configuration.regions.map(\.code), list: "regions", field: "code", sink: sink)
    let departmentCodes = unique(
      configuration.departments.map(\.code), list: "departments", field: "code", sink: sink)
    let indicatorCodes = unique(
      configuration.indicators.map(\.code), list: "indicators", field: "code", sink: sink)
    _ = unique(configuration.feeds.map(\.name), list: "feeds", field: "name", sink: sink)
    checkRegionNames(configuration.regions, sink: sink)

    if let city = configuration.regions.first(where: { $0.code == configuration.city.code }) {
      if city.kind != .city {
        sink.error(
          "city.code \(configuration.city.code) names region \(city.name), whose kind is \(city.kind.rawValue), not city",
          at: sink.position("city.code"))
      }
    } else {
      sink.error(
        "city.code \(configuration.city.code) is not among the regions; add the city itself as a region of kind city",
        at: sink.position("city.code"))
    }

    for (index, region) in configuration.regions.enumerated() {
      let context = sink.element("regions", index)
      switch region.kind {
      case .county, .district, .zone:
        if region.addressee == nil {
          sink.error(
            "\(context) (\(region.name)) needs an addressee: its notices must go to someone (for example \(region.name)人民政府)",
            at: sink.position(context))
        }
      case .province:
        if region.group != nil {
          sink.error(
            "\(context) (\(region.name)) is a province, a benchmark only: it cannot be in a ranking group",
            at: sink.position("\(context).group"))
        }
      case .city:
        break
      }
    }

    for (index, indicator) in configuration.indicators.enumerated()
    where !departmentCodes.contains(indicator.leadDepartment) {
      reference(
        indicator.leadDepartment, kind: "department", path: sink.element("indicators", index) + ".lead_department",
        known: departmentCodes, sink: sink)
    }

    for (index, feed) in configuration.feeds.enumerated() {
      let context = sink.element("feeds", index)
      if let provider = feed.provider, !departmentCodes.contains(provider) {
        reference(provider, kind: "department", path: "\(context).provider", known: departmentCodes, sink: sink)
      }
      if feed.schedule != nil && feed.url == nil {
        sink.error(
          "\(context) (\(feed.name)) has a schedule but no url: a scheduled feed needs somewhere to pull from",
          at: sink.position("\(context).schedule"))
      }
      if let url = feed.url, !FeedSource.isSupported(url) {
        sink.error(
          "\(context).url: '\(url)' must be an http://, https:// or file:// address",
          at: sink.position("\(context).url"))
      } else if let url = feed.url, feed.format(of: FeedURL.masked(url)) == nil {
        // Found here rather than at the first scheduled pull, which could only throw.
        sink.error(
          "\(context).url: cannot tell the format from '\(FeedURL.masked(url))': end the path in .csv, .json, "
            + ".xlsx or .xls, or set the feed's format",
          at: sink.position("\(context).url"))
      }
      if let format = feed.format, format.isWorkbook, feed.kind == .indicators, feed.xlsx == nil {
        sink.error(
          "\(context) (\(feed.name)) reads \(format.rawValue) workbooks but has no xlsx mapping: add an `xlsx:` section (header → indicator)",
          at: sink.position("\(context).format"))
      }
      if feed.xlsx != nil && feed.kind != .indicators {
        sink.error(
          "\(context).xlsx: only an indicator feed can read the statistics bureau's table",
          at: sink.position("\(context).xlsx"))
      }
      if feed.encoding == .gb18030, let format = feed.format, format != .csv {
        sink.error(
          "\(context).encoding: a declared encoding applies to CSV files; a \(format.rawValue) feed's files say their own encoding",
          at: sink.position("\(context).encoding"))
      }
      if let mapping = feed.xlsx {
        validate(mapping, context: "\(context).xlsx", configuration: configuration, sink: sink)
      }
    }

    for (index, deputy) in configuration.leaders.deputies.enumerated() {
      let context = sink.element("leaders.deputies", index)
      for code in deputy.indicators where !indicatorCodes.contains(code) {
        reference(code, kind: "indicator", path: "\(context).indicators", known: indicatorCodes, sink: sink)
      }
      for code in deputy.departments where !departmentCodes.contains(code) {
        reference(code, kind: "department", path: "\(context).departments", known: departmentCodes, sink: sink)
      }
    }
    _ = regionCodes
  }

  private static func validate(
    _ mapping: XLSXMapping, context: String, configuration: Configuration, sink: DiagnosticSink
  ) {
    let indicatorCodes = Set(configuration.indicators.map(\.code))
    let regionCodes = Set(configuration.regions.map(\.code))
    for (header, code) in mapping.indicators.sorted(by: { $0.key < $1.key }) where !indicatorCodes.contains(code) {
      reference(
        code, kind: "indicator", path: "\(context).indicators", known: indicatorCodes, sink: sink,
        what: "header '\(header)'")
    }
    for (name, code) in mapping.regions.sorted(by: { $0.key < $1.key }) where !regionCodes.contains(code) {
      reference(
        code, kind: "region", path: "\(context).regions", known: regionCodes, sink: sink, what: "name '\(name)'")
    }
  }

  private static func reference(
    _ code: String, kind: String, path: String, known: Set<String>, sink: DiagnosticSink, what: String? = nil
  ) {
    let hint = Suggestion.closest(to: code, among: known.sorted()).map { "; did you mean '\($0)'?" } ?? ""
    let article = kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    let message =
      what.map { "\(path): \($0) maps to '\(code)', which is not \(article) \(kind) of this configuration\(hint)" }
      ?? "\(path): '\(code)' is not \(article) \(kind) of this configuration\(hint)"
    sink.error(message, at: sink.position(path))
  }

  /// Reports every repeated value, at its second occurrence; returns the set of values.
  private static func unique(_ values: [String], list: String, field: String, sink: DiagnosticSink) -> Set<String> {
    var seen: [String: Int] = [:]
    for (index, value) in values.enumerated() {
      if let first = seen[value] {
        sink.error(
          "\(sink.element(list, index)).\(field) '\(value)' is already used by \(sink.element(list, first)); "
            + "\(field)s must be unique",
          at: sink.position("\(sink.element(list, index)).\(field)"))
      } else {
        seen[value] = index
      }
    }
    return Set(seen.keys)
  }

  /// Feeds find regions by name: two regions answering to one name would make a table ambiguous.
  private static func checkRegionNames(_ regions: [Region], sink: DiagnosticSink) {
    var owner: [String: String] = [:]
    for (index, region) in regions.enumerated() {
      for name in [region.name] + region.aliases {
        let key = RegionNames.normalize(name)
        if let other = owner[key], other != region.code {
          sink.error(
            "\(sink.element("regions", index)): the name '\(name)' already belongs to region \(other); "
              + "names and aliases must be unique",
            at: sink.position(sink.element("regions", index) + ".name"))
        } else {
          owner[key] = region.code
        }
      }
    }
  }
}
