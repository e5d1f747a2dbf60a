/// Checks one project row and one milestone row, whatever format they came in (docs/operate.md#feeds).
struct ProjectRowChecker {
  let catalogue: FeedCatalogue
  /// Projects known before this file (from the database), for milestones of projects that the
  /// file itself does not list.
  let knownProjects: Set<String>
  private var seenProgress: [String: RowLocation] = [:]
  private var seenMilestones: [String: RowLocation] = [:]
  private(set) var projectsInFile: Set<String> = []
  /// Regions the file named instead of giving their codes.
  var names = NamesReadAsCodes()

  init(catalogue: FeedCatalogue, knownProjects: Set<String>) {
    self.catalogue = catalogue
    self.knownProjects = knownProjects
  }

  struct Fields {
    var period, project, name, region, department, leader: String?
    var totalInvestment, annualPlan, completedYearToDate: String?
    var status, plannedStart, actualStart, plannedCompletion, registered: String?
  }

  mutating func check(_ fields: Fields, at location: RowLocation, raw: @autoclosure () -> String?) -> Result<
    (Project, ProjectProgress), Rejection
  > {
    func reject(_ field: String?, _ reason: String) -> Result<(Project, ProjectProgress), Rejection> {
      .failure(Rejection(location: location, field: field, reason: reason, raw: raw()))
    }
    guard let periodText = fields.period.nonEmpty else { return reject("period", "period is empty") }
    guard let period = Period(periodText) else {
      return reject("period", "period '\(periodText)' is not YYYY-MM (for example 2020-05)")
    }
    guard let code = fields.project.nonEmpty else { return reject("project", "project is empty") }
    guard let name = fields.name.nonEmpty else { return reject("name", "name is empty") }
    guard let regionText = fields.region.nonEmpty else { return reject("region", "region is empty") }
    guard let region = catalogue.regionCode(regionText) else {
      return reject("region", catalogue.unknownRegion(regionText))
    }
    if region != regionText { names.note(regionText, as: region) }
    guard let department = fields.department.nonEmpty else { return reject("department", "department is empty") }
    guard catalogue.departments.contains(department) else {
      return reject("department", catalogue.unknownDepartment(department))
    }
    guard let leader = fields.leader.nonEmpty else { return reject("leader", "leader is empty") }
    var amounts: [Fixed] = []
    for (field, text) in [
      ("total_investment", fields.totalInvestment), ("annual_plan", fields.annualPlan),
      ("completed_ytd", fields.completedYearToDate),
    ] {
      guard let text = text.nonEmpty else { return reject(field, "\(field) is empty (an amount in 亿元)") }
      switch IndicatorRowChecker.figure(text, column: .level) {
      case .success(let amount):
        guard !amount.isNegative else { return reject(field, "\(field) \(amount) is negative") }
        amounts.append(amount)
      case .failure(let error): return reject(field, "\(field): \(error)")
      }
    }
    guard let statusText = fields.status.nonEmpty else { return reject("status", "status is empty") }
    guard let status = ProjectStatus(rawValue: statusText) else {
      return reject("status", "status '\(statusText)' is not one of 前期, 在建, 停工, 竣工")
    }
    var days: [Day?] = []
    for (field, text) in [
      ("planned_start", fields.plannedStart), ("actual_start", fields.actualStart),
      ("planned_completion", fields.plannedCompletion), ("registered", fields.registered),
    ] {
      guard let text = text.nonEmpty else {
        days.append(nil)
        continue
      }
      guard let day = Day(text) else { return reject(field, "\(field) '\(text)' is not a date YYYY-MM-DD") }
      days.append(day)
    }
    if let registered = days[3], days[1] == nil {
      return reject(
        "registered", "registered \(registered) but no actual_start: a project is registered after it starts")
    }
    let key = "\(period) \(code)"
    if let first = seenProgress[key] {
      return reject("project", "duplicate of \(first): project \(code) appears twice for \(period) in this file")
    }
    seenProgress[key] = location
    projectsInFile.insert(code)
    let project = Project(
      code: code, name: name, region: region, department: department, leader: leader,
      totalInvestment: amounts[0], annualPlan: amounts[1], plannedStart: days[0], plannedCompletion: days[2])
    let progress = ProjectProgress(
      period: period, project: code, completedYearToDate: amounts[2], status: status, actualStart: days[1],
      registered: days[3])
    return .success((project, progress))
  }

  struct MilestoneFields {
    var project, stage, due, done: String?
  }

  mutating func check(_ fields: MilestoneFields, at location: RowLocation, raw: @autoclosure () -> String?)
    -> Result<Milestone, Rejection>
  {
    func reject(_ field: String?, _ reason: String) -> Result<Milestone, Rejection> {
      .failure(Rejection(location: location, field: field, reason: reason, raw: raw()))
    }
    guard let project = fields.project.nonEmpty else { return reject("project", "project is empty") }
    guard projectsInFile.contains(project) || knownProjects.contains(project) else {
      return reject("project", "project '\(project)' is neither in this run's project file nor already known")
    }
    guard let stage = fields.stage.nonEmpty else { return reject("stage", "stage is empty (立项, 用地, 环评 …)") }
    guard let dueText = fields.due.nonEmpty else { return reject("due", "due is empty") }
    guard let due = Day(dueText) else { return reject("due", "due '\(dueText)' is not a date YYYY-MM-DD") }
    var done: Day?
    if let doneText = fields.done.nonEmpty {
      guard let day = Day(doneText) else { return reject("done", "done '\(doneText)' is not a date YYYY-MM-DD") }
      done = day
    }
    let key = "\(project) \(stage)"
    if let first = seenMilestones[key] {
      return reject("stage", "duplicate of \(first): milestone \(stage) of \(project) appears twice")
    }
    seenMilestones[key] = location
    return .success(Milestone(project: project, stage: stage, due: due, done: done))
  }
}
