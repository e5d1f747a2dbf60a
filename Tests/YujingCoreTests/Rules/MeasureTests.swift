import Foundation
import Testing

@testable import YujingCore

/// The measures of each kind of subject are one enum: the type checker, the frames and the
/// findings' evidence all follow it, and a rule naming anything else is refused before it is
/// evaluated.
@Suite struct MeasureTests {
  let configuration = try! Configuration.embeddedDefault()

  // MARK: - One enum, every table

  @Test func everyMeasureNameOfEveryKindRoundTrips() {
    func roundTrip<M: Measure>(_: M.Type) {
      #expect(Set(M.allCases.map(\.rawValue)).count == M.allCases.count, "\(M.self) repeats a name")
      for measure in M.allCases {
        #expect(M(rawValue: measure.rawValue) == measure)
        #expect(M.subjects.measure(named: measure.rawValue) == measure.definition)
        #expect(MeasureLayout.of(M.subjects).column(named: measure.rawValue) == measure.column)
        #expect(measure.rawValue.range(of: #"^[a-z][a-z_]*$"#, options: .regularExpression) != nil, "\(measure)")
      }
    }
    roundTrip(IndicatorMeasure.self)
    roundTrip(ProjectMeasure.self)
    roundTrip(FeedMeasure.self)
    roundTrip(ProblemMeasure.self)
    #expect(SubjectKind.allCases.allSatisfy { $0.measure(named: "no_such_measure") == nil })
  }

  @Test func theTypeCheckersTableIsTheEnums() {
    func checks<M: Measure>(_: M.Type) {
      #expect(Measures.names(for: M.subjects) == M.allCases.map(\.rawValue))
      for measure in M.allCases {
        var checker = TypeChecker(subjects: M.subjects)
        #expect(checker.infer(.measure(measure.rawValue, range(measure.rawValue))) == measure.type)
        #expect(checker.errors.isEmpty, "\(measure.rawValue): \(checker.errors)")
      }
      // Another kind's measure is refused, unless this kind has one of the same name.
      let own = Set(M.allCases.map(\.rawValue))
      for other in Measures.all where !own.contains(other.name) {
        var checker = TypeChecker(subjects: M.subjects)
        #expect(checker.infer(.measure(other.name, range(other.name))) == nil)
        #expect(checker.errors.map(\.offset) == [0], "\(other.name) for \(M.subjects)")
      }
    }
    checks(IndicatorMeasure.self)
    checks(ProjectMeasure.self)
    checks(FeedMeasure.self)
    checks(ProblemMeasure.self)
    #expect(
      Measures.all
        == IndicatorMeasure.allCases.map(\.definition) + ProjectMeasure.allCases.map(\.definition)
        + FeedMeasure.allCases.map(\.definition) + ProblemMeasure.allCases.map(\.definition))
  }

  @Test func everyMeasureButTheLevelHasItsOwnColumn() {
    func columns<M: Measure>(_: M.Type) {
      let layout = MeasureLayout.of(M.subjects)
      let framed = M.allCases.filter { $0.type != .level }
      #expect(layout.byName.map(\.name) == framed.map(\.rawValue).sorted())
      #expect(Set(framed.map(\.column)).count == framed.count, "two measures of \(M.self) share a column")
      #expect(layout.numberCount + layout.booleanCount + layout.textCount == framed.count)
    }
    columns(IndicatorMeasure.self)
    columns(ProjectMeasure.self)
    columns(FeedMeasure.self)
    columns(ProblemMeasure.self)
  }

  // MARK: - Builders fill their frames

  /// A slot's evidence lists exactly the measures that have a value there.
  private func filled(_ frame: Frame, _ slot: Int) -> [String] { frame.evidenceEntries(slot).map(\.name) }

  private func framed<M: Measure>(_: M.Type) -> [String] {
    M.allCases.filter { $0.type != .level }.map(\.rawValue).sorted()
  }

  @Test func theIndicatorBuilderFillsEveryColumnForASubjectWithEveryFigure() throws {
    let index = SubjectIndex(configuration: configuration)
    let period = Period("2020-06")!
    func observation(_ region: String, growth: String, value: String? = nil, rank: Int? = nil) throws -> Observation {
      Observation(
        period: period, region: region, indicator: "fai", value: try value.map { try Fixed(parsing: $0) },
        growth: try Fixed(parsing: growth), publishedRank: rank)
    }
    let observations = ObservationTable(
      [
        try observation("360981", growth: "5.2", value: "120.5", rank: 2),
        try observation("360982", growth: "7.0", value: "98"),
        try observation("360000", growth: "6.1"), try observation("360900", growth: "5.9"),
      ], index: index)
    let targets = TargetTable(
      [Target(year: 2020, region: "360981", indicator: "fai", growth: Fixed(8), value: Fixed(300))], index: index)
    let slot = try #require(index.slot(Observation.Key(period: period, region: "360981", indicator: "fai")))
    // The projections are the projector's (ForecastTests); the builder only has to carry them.
    var projections = ProjectionColumns(slotCount: index.slotCount)
    projections.growth[slot] = Fixed(7).units
    projections.years[slot] = Fixed(3).units
    projections.error[slot] = Fixed(1).units
    projections.checks[slot] = Fixed(2).units
    projections.method[slot] = "seasonal_share"
    let frame = IndicatorFrameBuilder.build(
      period: period, observations: observations, targets: targets, index: index, projections: projections)
    #expect(filled(frame, slot) == framed(IndicatorMeasure.self))
    #expect(frame.evidenceValue("gap", slot) == .number(try Fixed(parsing: "-2.8")))
    #expect(frame.evidenceValue("projection_method", slot) == .text("seasonal_share"))
    #expect(frame.evidenceValue("below_target", slot) == .boolean(true))
  }

  @Test func theProjectBuilderFillsEveryColumnForAStartedProjectWithAnOverdueMilestone() throws {
    let period = Period("2020-06")!
    let project = Project(
      code: "P1", name: "一号工程", region: "360981", department: "fgw", leader: "张三",
      totalInvestment: Fixed(50), annualPlan: Fixed(10), plannedStart: Day("2020-01-15"),
      plannedCompletion: Day("2022-12-31"))
    let progress = ProjectProgress(
      period: period, project: "P1", completedYearToDate: Fixed(4), status: .underConstruction,
      actualStart: Day("2020-03-01"), registered: Day("2020-04-01"))
    let milestones = ["P1": [Milestone(project: "P1", stage: "施工许可", due: Day("2020-05-01")!, done: nil)]]
    let frame = ProjectFrameBuilder.build(
      period: period, records: [ProjectRecord(project: project, progress: progress)], milestones: milestones,
      slots: ["P1": 0])
    #expect(filled(frame, 0) == framed(ProjectMeasure.self))
    #expect(frame.evidenceValue("overdue_milestone", 0) == .text("施工许可"))
  }

  @Test func theFeedBuilderFillsEveryColumnForALateFeed() throws {
    let feed = try #require(configuration.feeds.first { $0.dueDay != nil })
    let arrivals: FeedFrameBuilder.Arrivals = [feed.name: [Period("2020-05")!: Day("2020-06-05")!]]
    let frame = FeedFrameBuilder.build(
      period: Period("2020-06")!, feeds: [feed], arrivals: arrivals, asOf: Day("2020-08-20")!,
      calendar: WorkingCalendar())
    #expect(filled(frame, 0) == framed(FeedMeasure.self))
    #expect(frame.evidenceValue("late", 0) == .boolean(true))
  }

  @Test func theProblemBuilderFillsEveryColumnForAnOpenProblemBeforeItsDeadline() throws {
    let problem = Problem(
      code: "T", title: "t", unit: "市发改委", level: .city, assigned: Day("2020-11-02")!, due: Day("2020-12-18")!,
      state: .inProgress)
    let standing = ProblemStanding(problem: problem, returns: 1, lastReport: Day("2020-11-20"))
    let day = Day("2020-12-01")!
    let measured = [ProblemLights.measure(standing, on: day, calendar: WorkingCalendar())]
    let frame = ProblemLights.build(period: Period("2020-12")!, standings: [standing], measured: measured)
    #expect(filled(frame, 0) == framed(ProblemMeasure.self))
    #expect(frame.evidenceValue("coordination", 0) == .text("city"))
  }

  // MARK: - Names that are not measures

  @Test func anUnknownMeasureIsRefusedAtItsCharacterByTheCheckerAndTheCompiler() throws {
    let text = "gap < 0 and grwth < 1"
    let expression = try ExpressionParser.parse(text)
    var checker = TypeChecker(subjects: .indicators)
    checker.checkCondition(expression)
    #expect(checker.errors.map(\.offset) == [12], "\(checker.errors)")
    #expect(checker.errors.first?.message.contains("unknown measure 'grwth'; did you mean 'growth'?") == true)
    // The compiler, given what the checker refused, refuses it at the same character.
    #expect(throws: ExpressionError(offset: 12, message: "'grwth' is not a measure of indicators")) {
      try Compiler.compile(expression, kind: .indicators)
    }
    // A measure of another kind is no measure here, in a function's argument too.
    #expect(throws: ExpressionError(offset: 9, message: "'late' is not a measure of indicators")) {
      try Compiler.compile(try ExpressionParser.parse("previous(late)"), kind: .indicators)
    }
    #expect(throws: ExpressionError(offset: 0, message: "'level' is not a measure of projects")) {
      try Compiler.compile(try ExpressionParser.parse("level"), kind: .projects)
    }
  }

  @Test(arguments: [
    ("indicators", "level", "'level' is the level the other rules give, not a figure a subject can lack"),
    ("indicators", "lateness", "'lateness' is not a measure of indicators"),
    ("projects", "growth", "'growth' is not a measure of projects"),
    ("feeds", "days_lat", "'days_lat' is not a measure of feeds; did you mean 'days_late'?"),
    ("problems", "level", "'level' is not a measure of problems"),
  ])
  func aRequirementThatIsNoMeasureOfItsKindIsRefusedWhenTheRulesLoad(
    subjects: String, requirement: String, message: String
  ) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let condition = ["indicators": "gap < 0", "projects": "started", "feeds": "late", "problems": "returns > 0"]
    try """
    rules:
      - id: fine
        subjects: indicators
        when: gap < 0
        level: blue
      - id: needs_it
        subjects: \(subjects)
        requires: [\(requirement)]
        when: \(condition[subjects]!)
        level: yellow
    """.write(to: directory.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
    let error = try #require(throws: DiagnosticsError.self) {
      try RuleSet.load(directory: directory, configuration: configuration)
    }
    let found = error.errors.map(\.description)
    #expect(found.count == 1, "\(found)")
    #expect(
      found.allSatisfy {
        $0.hasPrefix("\(directory.path)/mine.yaml:8:") && $0.contains("(needs_it).requires: \(message)")
      },
      "\(found)")
  }

  @Test func aRuleMadeWithoutTheChecksIsAnErrorNamingItNotACrash() throws {
    let harness = RuleHarness()
    var ruleSet = try harness.ruleSet("rules:\n  - {id: below, subjects: indicators, when: gap < 0, level: blue}\n")
    ruleSet.rules[0].requires = ["level"]
    let input = EvaluationInput(
      configuration: configuration, ruleSet: ruleSet, period: Period("2020-06")!, asOf: Day("2020-07-20")!,
      calendar: WorkingCalendar(),
      observations: [Period("2020-06")!: ObservationTable([], index: SubjectIndex(configuration: configuration))])
    let error = try #require(throws: Diagnostic.self) { try Evaluator.evaluate(input) }
    #expect(error.description.hasPrefix("test.yaml:2:5: rule below.requires: 'level'"), "\(error)")

    ruleSet.rules[0].requires = []
    ruleSet.rules[0].condition = .measure("grwth", SourceRange(start: 0, end: 5))
    let unknown = try #require(throws: Diagnostic.self) { try CompiledRule(ruleSet.rules[0], kind: .indicators) }
    #expect(
      unknown.description == "test.yaml:2:5: rule below.when: 'grwth' is not a measure of indicators (at character 1)")
  }

  private func range(_ name: String) -> SourceRange { SourceRange(start: 0, end: name.unicodeScalars.count) }
}
