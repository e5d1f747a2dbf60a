import Foundation

/// Gathers what the dispatch summary of a period states (docs/documents.md#the-dispatch-summary) from the store: every
/// indicator's figures for the city and each ranked region, this period's and the last one's
/// 位次, the levels of the period's latest evaluation, the lagging projects and the notices issued.
public struct SummaryGathering: Sendable {
  public let workspace: Workspace
  public let thresholds: Thresholds

  public init(workspace: Workspace, thresholds: Thresholds) {
    self.workspace = workspace
    self.thresholds = thresholds
  }

  public struct NoData: Error, CustomStringConvertible {
    public var period: Period
    public var description: String {
      "no indicator figures for \(period): ingest the period's data first (yujing ingest), then evaluate it"
    }
  }

  public func facts(period: Period, asOf: Day) throws -> SummaryFacts {
    let configuration = workspace.configuration
    let store = workspace.store
    let evaluation = PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: { Date() })
    let input = try evaluation.input(period: period, asOf: try store.latestEvaluation(period: period)?.asOf ?? asOf)
    guard input.observations[period] != nil else { throw NoData(period: period) }
    let findings = try store.currentFindings(period: period)
    let levels = Dictionary(findings.map { ($0.subject, $0.level) }) { first, _ in first }

    let city = configuration.regions.first { $0.kind == .city }
    let shown = (city.map { [$0] } ?? []) + configuration.regions.filter { $0.group != nil }
    var previousEvidence: [Period: [Subject: Evidence]] = [:]
    var indicators: [SummaryFacts.IndicatorTable] = []
    // Each period's measures are computed once for every subject the tables show: a frame is
    // built for the whole period whatever the subjects asked for, so one per indicator and month
    // made a national summary build hundreds of them.
    let published = configuration.indicators.filter { $0.periods.publishes(period) }
    let current = Evaluator.evidence(
      input,
      subjects: published.flatMap { indicator in shown.map { .indicator(indicator: indicator.code, region: $0.code) } })
    var cityEvidence: [Period: [Subject: Evidence]] = [period: current]
    for indicator in published {
      let subjects = shown.map { Subject.indicator(indicator: indicator.code, region: $0.code) }
      guard subjects.contains(where: { current[$0] != nil }) else { continue }
      let previousPeriod = indicator.periods.previous(period)
      if previousEvidence[previousPeriod] == nil {
        let everyShown = configuration.indicators.flatMap { other in
          shown.map { Subject.indicator(indicator: other.code, region: $0.code) }
        }
        previousEvidence[previousPeriod] = try evidence(period: previousPeriod, subjects: everyShown, input: input)
      }
      let before = previousEvidence[previousPeriod] ?? [:]
      let rows = shown.map { region -> SummaryFacts.RegionFigures in
        let subject = Subject.indicator(indicator: indicator.code, region: region.code)
        // The city's 位次 is its published rank among the province's cities.
        let rankName = region.kind == .city ? "published_rank" : "rank"
        return figures(
          region: region, current[subject], previous: before[subject], rankName: rankName,
          level: levels[subject] ?? .none)
      }
      var cityYear: [(period: Period, growth: Fixed?)] = []
      var cityTarget: Fixed?
      if let city {
        let subject = Subject.indicator(indicator: indicator.code, region: city.code)
        cityTarget = number(current[subject]?["target_growth"])
        for month in indicator.periods.periods(in: period.year) where month <= period {
          if cityEvidence[month] == nil {
            let citySubjects = configuration.indicators.map { Subject.indicator(indicator: $0.code, region: city.code) }
            cityEvidence[month] = try self.evidence(period: month, subjects: citySubjects, input: input)
          }
          cityYear.append((month, number(cityEvidence[month]?[subject]?["growth"])))
        }
      }
      indicators.append(
        SummaryFacts.IndicatorTable(indicator: indicator, rows: rows, cityYear: cityYear, cityTarget: cityTarget))
    }
    let summary = try store.notices(period: period, kind: .summary).last { $0.number != nil }
    return SummaryFacts(
      period: period, indicators: indicators, projects: projects(findings, input: input),
      notices: try issuedNotices(period: period), number: summary?.number, date: summary?.documentDate,
      ledger: try ledger(on: summary?.documentDate ?? asOf))
  }

  /// The 督办台账 with its lights on the summary's day; nil when it holds no problem.
  public func ledger(on day: Day) throws -> LedgerSummary? {
    let standings = try workspace.store.problemStandings()
    guard !standings.isEmpty else { return nil }
    let lights = try ProblemLights.judge(standings, on: day, ruleSet: thresholds.ruleSet, calendar: thresholds.calendar)
    return LedgerSummary(standings: standings, lights: lights, on: day)
  }

  /// The measures of some subjects in another period, from that period's observations and
  /// targets alone.
  private func evidence(period: Period, subjects: [Subject], input base: EvaluationInput) throws -> [Subject: Evidence]
  {
    let store = workspace.store
    guard let table = try store.observationTable(period: period, index: base.index) else { return [:] }
    let input = EvaluationInput(
      configuration: base.configuration, index: base.index, ruleSet: base.ruleSet, period: period, asOf: base.asOf,
      calendar: base.calendar, observations: [period: table],
      targets: [period.year: try store.targetTable(year: period.year, index: base.index)])
    return Evaluator.evidence(input, subjects: subjects)
  }

  private func figures(
    region: Region, _ evidence: Evidence?, previous: Evidence?, rankName: String, level: Level
  ) -> SummaryFacts.RegionFigures {
    let value = { (name: String) in number(evidence?[name]) }
    let rank = { (evidence: Evidence?) in number(evidence?[rankName]).map { Int($0.units / Fixed.scale) } }
    return SummaryFacts.RegionFigures(
      region: region, value: value("value"), growth: value("growth"), targetGrowth: value("target_growth"),
      gap: value("gap"), targetValue: value("target_value"), progress: value("progress"), lag: value("lag"),
      rank: rank(evidence), groupSize: value("group_size").map { Int($0.units / Fixed.scale) },
      previousRank: rank(previous), level: level)
  }

  private func number(_ value: MeasureValue?) -> Fixed? {
    guard case .number(let figure)? = value else { return nil }
    return figure
  }

  /// Projects with a finding in the period, worst level first, then by code.
  private func projects(_ findings: [Finding], input: EvaluationInput) -> [SummaryFacts.LaggingProject] {
    let configuration = workspace.configuration
    let phrases = Phrases(configuration: configuration)
    let records = Dictionary((input.projects[input.period] ?? []).map { ($0.project.code, $0.project) }) { a, _ in a }
    let departments = Dictionary(configuration.departments.map { ($0.code, $0.name) }) { first, _ in first }
    return findings.compactMap { finding -> SummaryFacts.LaggingProject? in
      guard case .project(let code) = finding.subject, finding.level > .none else { return nil }
      let project = records[code]
      let subject = NoticeSubject(
        subject: finding.subject, stage: nil, level: finding.level, rules: finding.rules.map(\.rule),
        values: finding.values, reason: "")
      return SummaryFacts.LaggingProject(
        code: code, name: project?.name ?? code,
        department: project.map { departments[$0.department] ?? $0.department } ?? "—",
        region: project.flatMap { configuration.region($0.region)?.name } ?? project?.region ?? "—",
        level: finding.level, problem: phrases.figures(subject, period: input.period),
        annualPlan: number(finding.values["annual_plan"]), completed: number(finding.values["completed_ytd"]),
        completion: number(finding.values["completion"]))
    }.sorted { $0.level != $1.level ? $0.level > $1.level : $0.code < $1.code }
  }

  /// The period's numbered notices (not the summaries), in the order of the kinds and then of
  /// their numbers.
  private func issuedNotices(period: Period) throws -> [SummaryFacts.IssuedNotice] {
    let phrases = Phrases(configuration: workspace.configuration)
    return try workspace.store.notices(period: period).filter { notice in
      notice.number != nil && notice.kind.summaryPosition != nil && notice.state != .superseded
    }.sorted { lhs, rhs in
      let left = lhs.kind.summaryPosition ?? .max
      let right = rhs.kind.summaryPosition ?? .max
      return left != right ? left < right : lhs.id < rhs.id
    }.map { notice in
      // A talk notice may also carry reminder items: each subject is named with its own stage then,
      // so that the table never puts a reminder item under 约谈.
      let stages = Set(notice.subjects.compactMap(\.stage))
      let subjects = notice.subjects.map { subject in
        let name = phrases.name(subject.subject)
        guard stages.count > 1, let stage = subject.stage else { return name }
        return "\(name)（\(stage.chinese)）"
      }
      return SummaryFacts.IssuedNotice(
        number: notice.number ?? "", kind: notice.kind, addressee: notice.addressee,
        stage: notice.subjects.compactMap(\.stage).max(), subjects: subjects, date: notice.documentDate)
    }
  }
}
