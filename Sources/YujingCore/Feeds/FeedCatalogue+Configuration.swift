// Apart from the catalogue itself, so that the feed parsers build without the configuration's
// types (the fuzz targets compile them alone: Fuzz/README.md).
extension FeedCatalogue {
  public init(configuration: Configuration) {
    self.init(
      regions: configuration.regions, indicators: configuration.indicators,
      departments: Set(configuration.departments.map(\.code)))
  }
}
