/// One published figure: indicator × region × period → level and/or cumulative growth (docs/architecture.md#words).
public struct Observation: Sendable, Hashable {
  public var period: Period
  public var region: String
  public var indicator: String
  /// The cumulative level in the indicator's unit.
  public var value: Fixed?
  /// The cumulative 同比 growth in percent, as published (at comparable prices where the bureau
  /// says so: it cannot be derived from the levels).
  public var growth: Fixed?
  /// The rank the publisher printed beside the figure (the bureau's 位次), kept as data so that a
  /// disagreement with the computed rank can be shown.
  public var publishedRank: Int?

  public init(
    period: Period, region: String, indicator: String, value: Fixed?, growth: Fixed?,
    publishedRank: Int? = nil
  ) {
    self.period = period
    self.region = region
    self.indicator = indicator
    self.value = value
    self.growth = growth
    self.publishedRank = publishedRank
  }

  public struct Key: Hashable, Sendable {
    public var period: Period
    public var region: String
    public var indicator: String

    public init(period: Period, region: String, indicator: String) {
      self.period = period
      self.region = region
      self.indicator = indicator
    }
  }

  public var key: Key { Key(period: period, region: region, indicator: indicator) }
}

/// An annual target of one region for one indicator (docs/operate.md#configuration): a growth target in percent,
/// an amount target in the indicator's unit, or both.
public struct Target: Sendable, Hashable {
  public var year: Int
  public var region: String
  public var indicator: String
  public var growth: Fixed?
  public var value: Fixed?

  public init(year: Int, region: String, indicator: String, growth: Fixed?, value: Fixed?) {
    self.year = year
    self.region = region
    self.indicator = indicator
    self.growth = growth
    self.value = value
  }
}
