/// A major project (重大项目) and its monthly progress (docs/architecture.md#words, docs/operate.md#feeds).
public struct Project: Sendable, Hashable, Identifiable {
  public var code: String
  public var name: String
  public var region: String
  /// The responsible department (责任单位), the addressee of the project's notices.
  public var department: String
  /// The leader in charge (挂点领导).
  public var leader: String
  /// 总投资, in 亿元.
  public var totalInvestment: Fixed
  /// 年度计划投资, in 亿元.
  public var annualPlan: Fixed
  public var plannedStart: Day?
  public var plannedCompletion: Day?

  public var id: String { code }

  public init(
    code: String, name: String, region: String, department: String, leader: String,
    totalInvestment: Fixed, annualPlan: Fixed, plannedStart: Day?, plannedCompletion: Day?
  ) {
    self.code = code
    self.name = name
    self.region = region
    self.department = department
    self.leader = leader
    self.totalInvestment = totalInvestment
    self.annualPlan = annualPlan
    self.plannedStart = plannedStart
    self.plannedCompletion = plannedCompletion
  }
}

public enum ProjectStatus: String, Sendable, Hashable, CaseIterable, Codable {
  case preparing = "前期"
  case underConstruction = "在建"
  case halted = "停工"
  case completed = "竣工"
}

/// A project's state in one period, as the project feed reports it.
public struct ProjectProgress: Sendable, Hashable {
  public var period: Period
  public var project: String
  /// 1–N月累计完成投资 of the year, in 亿元.
  public var completedYearToDate: Fixed
  public var status: ProjectStatus
  public var actualStart: Day?
  /// The date the project was registered in the statistics (入统).
  public var registered: Day?

  public init(
    period: Period, project: String, completedYearToDate: Fixed, status: ProjectStatus,
    actualStart: Day?, registered: Day?
  ) {
    self.period = period
    self.project = project
    self.completedYearToDate = completedYearToDate
    self.status = status
    self.actualStart = actualStart
    self.registered = registered
  }
}

/// An approval milestone of a project (前期手续: 立项, 用地, 规划许可, 环评, 施工许可 …).
public struct Milestone: Sendable, Hashable {
  public var project: String
  public var stage: String
  public var due: Day
  public var done: Day?

  public init(project: String, stage: String, due: Day, done: Day?) {
    self.project = project
    self.stage = stage
    self.due = due
    self.done = done
  }
}
