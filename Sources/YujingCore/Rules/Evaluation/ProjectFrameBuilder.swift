/// A project as the project feed reported it for one period: its attributes then and its progress.
public struct ProjectRecord: Sendable, Hashable {
  public var project: Project
  public var progress: ProjectProgress

  public init(project: Project, progress: ProjectProgress) {
    self.project = project
    self.progress = progress
  }
}

/// Derives the project measures for every project reported in a period: started, registered (入统),
/// whole months since the planned and the actual start, how far investment is behind 序时进度, the
/// most overdue approval milestone.
///
/// A report tells the state on the last day of its period, so every date is compared with that day
/// and never with the day of the evaluation: a period's findings are the same whenever it is
/// evaluated, and a milestone done after the period's end (as a later report says) was still open
/// in it.
enum ProjectFrameBuilder {
  static func build(
    period: Period, records: [ProjectRecord], milestones: [String: [Milestone]], slots: [String: Int]
  ) -> Frame {
    var frame = FrameColumns<ProjectMeasure>(slotCount: slots.count)
    let annualPlan = NumberColumn(ProjectMeasure.annualPlan)
    let completedYearToDate = NumberColumn(ProjectMeasure.completedYearToDate)
    let totalInvestment = NumberColumn(ProjectMeasure.totalInvestment)
    let timeProgressColumn = NumberColumn(ProjectMeasure.timeProgress)
    let completionColumn = NumberColumn(ProjectMeasure.completion)
    let behind = NumberColumn(ProjectMeasure.behind)
    let status = TextColumn(ProjectMeasure.status)
    let startedColumn = BooleanColumn(ProjectMeasure.started)
    let registered = BooleanColumn(ProjectMeasure.registered)
    let monthsSincePlannedStart = NumberColumn(ProjectMeasure.monthsSincePlannedStart)
    let monthsSinceStart = NumberColumn(ProjectMeasure.monthsSinceStart)
    let overdueDays = NumberColumn(ProjectMeasure.overdueDays)
    let overdueMilestone = TextColumn(ProjectMeasure.overdueMilestone)
    let timeProgress = period.timeProgress
    let periodEnd = Day.lastDay(of: period)
    for record in records {
      guard let slot = slots[record.project.code] else { continue }
      let project = record.project
      let progress = record.progress
      frame.hasData[slot] = true
      frame[annualPlan][slot] = project.annualPlan.units
      frame[completedYearToDate][slot] = progress.completedYearToDate.units
      frame[totalInvestment][slot] = project.totalInvestment.units
      frame[timeProgressColumn][slot] = timeProgress.units
      if project.annualPlan.units > 0,
        let completion = Fixed.percentage(progress.completedYearToDate, of: project.annualPlan)
      {
        frame[completionColumn][slot] = completion.units
        frame[behind][slot] = (timeProgress - completion).units
      }
      frame[status][slot] = progress.status.rawValue
      let started = progress.actualStart.map { $0 <= periodEnd } ?? false
      frame[startedColumn][slot] = Tri(started)
      frame[registered][slot] = Tri(progress.registered.map { $0 <= periodEnd } ?? false)
      if let plannedStart = project.plannedStart {
        frame[monthsSincePlannedStart][slot] =
          Int64(plannedStart.wholeMonths(until: periodEnd)) * Fixed.scale
      }
      if started, let actualStart = progress.actualStart {
        frame[monthsSinceStart][slot] =
          Int64(actualStart.wholeMonths(until: periodEnd)) * Fixed.scale
      }
      if let stages = milestones[project.code], !stages.isEmpty {
        let open = stages.filter { ($0.done.map { $0 > periodEnd } ?? true) && $0.due < periodEnd }
        let worst = open.min { ($0.due, $0.stage) < ($1.due, $1.stage) }
        frame[overdueDays][slot] =
          Int64(worst.map { periodEnd.ordinal - $0.due.ordinal } ?? 0) * Fixed.scale
        frame[overdueMilestone][slot] = worst?.stage
      }
    }
    return Frame(period: period, columns: frame)
  }
}

/// The facts of data timeliness (docs/rules.md#data-timeliness), per feed with a due day.
enum FeedFrameBuilder {
  /// When the first accepted rows of a period arrived, as a day in the city's time zone.
  typealias Arrivals = [String: [Period: Day]]

  static func build(
    period: Period, feeds: [FeedConfiguration], arrivals: Arrivals, asOf: Day, calendar: WorkingCalendar
  ) -> Frame {
    var frame = FrameColumns<FeedMeasure>(slotCount: feeds.count)
    let late = BooleanColumn(FeedMeasure.late)
    let daysLate = NumberColumn(FeedMeasure.daysLate)
    for (slot, feed) in feeds.enumerated() {
      // A feed is expected from the first period it ever delivered: the months before it began
      // (or a history loaded in one run) are not late.
      guard let dueDay = feed.dueDay, let first = arrivals[feed.name]?.keys.min(), period >= first else { continue }
      frame.hasData[slot] = true
      let deadline = Timeliness.deadline(of: period, dueDay: dueDay, calendar: calendar)
      guard asOf > deadline else {
        frame[late][slot] = .no
        continue
      }
      let arrival = arrivals[feed.name]?[period]
      if let arrival, arrival <= deadline {
        frame[late][slot] = .no
        continue
      }
      frame[late][slot] = .yes
      let until = arrival.map { min($0, asOf) } ?? asOf
      frame[daysLate][slot] = Int64(calendar.workingDays(after: deadline, through: until)) * Fixed.scale
    }
    return Frame(period: period, columns: frame)
  }
}

/// 文不过夜: a period's figures are due by the end of day `due_day` of the next month, moved to the
/// next working day when that day is not one.
public enum Timeliness {
  public static func deadline(of period: Period, dueDay: Int, calendar: WorkingCalendar) -> Day {
    let next = period.adding(months: 1)
    let day = Day(year: next.year, month: next.month, day: min(dueDay, Day.daysIn(year: next.year, month: next.month)))!
    return calendar.workingDay(onOrAfter: day)
  }
}
