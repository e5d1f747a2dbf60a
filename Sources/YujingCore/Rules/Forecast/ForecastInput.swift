/// A cumulative figure as published: the level (1–N月累计, in the indicator's unit) and the
/// cumulative 同比 growth; either may be missing (growth-only indicators have no level).
public struct CumulativeFigure: Sendable, Hashable {
  public var value: Fixed?
  public var growth: Fixed?

  public init(value: Fixed? = nil, growth: Fixed? = nil) {
    self.value = value
    self.growth = growth
  }
}

/// One earlier year of a subject, as a projection at month N reads it: the cumulative figure at
/// month N and the year-end figure.
public struct YearFigures: Sendable, Hashable {
  public var year: Int
  public var atMonth: CumulativeFigure
  public var yearEnd: CumulativeFigure

  public init(year: Int, atMonth: CumulativeFigure, yearEnd: CumulativeFigure) {
    self.year = year
    self.atMonth = atMonth
    self.yearEnd = yearEnd
  }
}

/// How a projection of the year-end growth is made (docs/rules.md#precoordination).
public enum ForecastMethod: String, Sendable, Hashable, CaseIterable {
  /// From levels: the share of the annual level usually reached by month N in earlier years.
  case seasonalShare = "seasonal_share"
  /// From growth alone: how the cumulative growth moved from month N to the year's end in earlier
  /// years (规上工业增加值 and 固定资产投资 publish no level).
  case growthPath = "growth_path"
  /// The baseline any method must beat: the year ends at today's cumulative growth.
  case naive

  /// How a notice names it.
  public var chinese: String {
    switch self {
    case .seasonalShare: "季节比重法"
    case .growthPath: "增速走势法"
    case .naive: "现行增速法"
    }
  }
}

/// A projected year-end growth: the figure (one decimal), how it was made and from how many
/// earlier years.
public struct Projection: Sendable, Hashable {
  public var method: ForecastMethod
  /// The projected cumulative growth of the whole year, %, rounded half-up to one decimal.
  public var growth: Fixed
  /// The earlier years the projection rests on (0 for the naive method).
  public var years: Int

  public init(method: ForecastMethod, growth: Fixed, years: Int) {
    self.method = method
    self.growth = growth
    self.years = years
  }
}
