// Apart from the catalogue itself, so that the feed parsers build without the configuration's
// types (the fuzz targets compile them alone: Fuzz/README.md).
extension FeedCatalogue {
  public init(configuration: Configuration) {
    self.init(
      regions: configuration.regions, indicators: configuration.indicators,
      departments: Set(configuration.departments.map(\.code)))
    // The headers the feeds' bureau tables use for an indicator name it in any file.
    for feed in configuration.feeds {
      for (header, code) in (feed.xlsx?.indicators ?? [:]).sorted(by: { $0.key < $1.key }) where indicators[code] != nil
      {
        let name = RegionNames.normalize(header)
        if indicatorNames[name] == nil { indicatorNames[name] = code }
      }
    }
  }
}
