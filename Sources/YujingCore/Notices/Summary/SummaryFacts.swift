/// What a dispatch summary (经济运行调度通报, docs/documents.md#the-dispatch-summary) states about one
/// period, gathered from the store by the pipeline and written out by `DispatchSummary`, which does
/// no I/O.
public struct SummaryFacts: Sendable {
  public var period: Period
  /// Every indicator published in the period, in the catalogue's order.
  public var indicators: [IndicatorTable]
  /// The projects with a finding in the period, worst first.
  public var projects: [LaggingProject]
  /// The notices of the period that were approved (numbered), in number order.
  public var notices: [IssuedNotice]
  /// The summary's own 文号 and 成文日期 once issued; nil for a draft.
  public var number: String?
  public var date: Day?
  /// The 督办台账 on the summary's day; nil (and no section) when the ledger is empty.
  public var ledger: LedgerSummary?

  public init(
    period: Period, indicators: [IndicatorTable], projects: [LaggingProject], notices: [IssuedNotice],
    number: String? = nil, date: Day? = nil, ledger: LedgerSummary? = nil
  ) {
    self.period = period
    self.indicators = indicators
    self.projects = projects
    self.notices = notices
    self.number = number
    self.date = date
    self.ledger = ledger
  }

  /// One indicator: the city's row, then each ranked region's, and the city's growth through the year.
  public struct IndicatorTable: Sendable {
    public var indicator: Indicator
    public var rows: [RegionFigures]
    /// The city's cumulative growth in each published period of the year up to the summary's.
    public var cityYear: [(period: Period, growth: Fixed?)]
    /// The city's annual growth target, drawn as the reference line of the year's chart.
    public var cityTarget: Fixed?

    public init(
      indicator: Indicator, rows: [RegionFigures], cityYear: [(period: Period, growth: Fixed?)], cityTarget: Fixed?
    ) {
      self.indicator = indicator
      self.rows = rows
      self.cityYear = cityYear
      self.cityTarget = cityTarget
    }
  }

  /// A region's figures for one indicator in the period, and in the period before (for 前移/后退).
  public struct RegionFigures: Sendable {
    public var region: Region
    public var value: Fixed?
    public var growth: Fixed?
    public var targetGrowth: Fixed?
    /// Growth minus target, in percentage points (growth-form indicators).
    public var gap: Fixed?
    public var targetValue: Fixed?
    /// Share of the annual amount done, and its lag behind 序时进度 (amount-form indicators).
    public var progress: Fixed?
    public var lag: Fixed?
    /// 位次 within the region's group; for the city, its published rank among the province's cities.
    public var rank: Int?
    public var groupSize: Int?
    public var previousRank: Int?
    public var level: Level

    public init(
      region: Region, value: Fixed? = nil, growth: Fixed? = nil, targetGrowth: Fixed? = nil, gap: Fixed? = nil,
      targetValue: Fixed? = nil, progress: Fixed? = nil, lag: Fixed? = nil, rank: Int? = nil, groupSize: Int? = nil,
      previousRank: Int? = nil, level: Level = .none
    ) {
      self.region = region
      self.value = value
      self.growth = growth
      self.targetGrowth = targetGrowth
      self.gap = gap
      self.targetValue = targetValue
      self.progress = progress
      self.lag = lag
      self.rank = rank
      self.groupSize = groupSize
      self.previousRank = previousRank
      self.level = level
    }

    /// Whether the region is on or ahead of its target, judged as the indicator's table shows it
    /// first: an amount-form indicator by 序时进度 (the growth target where no amount was set), a
    /// growth-form one by its growth target (序时进度 where no growth was set). Nil without a target.
    public func onTarget(form: IndicatorForm) -> Bool? {
      let first = form == .amount ? lag : gap
      let second = form == .amount ? gap : lag
      return (first ?? second).map { $0 >= .zero }
    }
  }

  public struct LaggingProject: Sendable {
    public var code: String
    public var name: String
    /// The responsible department's name, and the region's.
    public var department: String
    public var region: String
    public var level: Level
    /// What is wrong, as a notice states it.
    public var problem: String
    public var annualPlan: Fixed?
    public var completed: Fixed?
    public var completion: Fixed?

    public init(
      code: String, name: String, department: String, region: String, level: Level, problem: String,
      annualPlan: Fixed? = nil, completed: Fixed? = nil, completion: Fixed? = nil
    ) {
      self.code = code
      self.name = name
      self.department = department
      self.region = region
      self.level = level
      self.problem = problem
      self.annualPlan = annualPlan
      self.completed = completed
      self.completion = completion
    }
  }

  public struct IssuedNotice: Sendable {
    public var number: String
    public var kind: NoticeKind
    public var addressee: String
    /// The highest stage among its subjects (提醒, 约谈 …), nil for kinds without one.
    public var stage: Stage?
    /// The subjects' names, as the notice's headings give them.
    public var subjects: [String]
    public var date: Day?

    public init(number: String, kind: NoticeKind, addressee: String, stage: Stage?, subjects: [String], date: Day?) {
      self.number = number
      self.kind = kind
      self.addressee = addressee
      self.stage = stage
      self.subjects = subjects
      self.date = date
    }
  }
}
