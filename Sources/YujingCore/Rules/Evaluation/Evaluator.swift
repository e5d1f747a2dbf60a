/// Everything one evaluation looks at: the data of the period and of the periods before it that
/// the rules' history functions reach, the targets, the rules, the calendar and the as-of date.
/// Rules are a pure function of this (docs/architecture.md#the-data-path): no database, no clock.
public struct EvaluationInput: Sendable {
  public var configuration: Configuration
  public var index: SubjectIndex
  public var ruleSet: RuleSet
  public var period: Period
  public var asOf: Day
  public var calendar: WorkingCalendar
  public var observations: [Period: ObservationTable]
  public var targets: [Int: TargetTable]
  public var projects: [Period: [ProjectRecord]]
  public var milestones: [String: [Milestone]]
  /// The day the first accepted rows of each feed's period arrived.
  public var arrivals: [String: [Period: Day]]
  /// Earlier years' tables that projections read (docs/rules.md#precoordination) and no rule's history reaches:
  /// the same month and December of each earlier year.
  public var history: [Period: ObservationTable]

  public init(
    configuration: Configuration, index: SubjectIndex? = nil, ruleSet: RuleSet, period: Period, asOf: Day,
    calendar: WorkingCalendar, observations: [Period: ObservationTable] = [:], targets: [Int: TargetTable] = [:],
    projects: [Period: [ProjectRecord]] = [:], milestones: [String: [Milestone]] = [:],
    arrivals: [String: [Period: Day]] = [:], history: [Period: ObservationTable] = [:]
  ) {
    self.configuration = configuration
    self.index = index ?? SubjectIndex(configuration: configuration)
    self.ruleSet = ruleSet
    self.period = period
    self.asOf = asOf
    self.calendar = calendar
    self.observations = observations
    self.targets = targets
    self.projects = projects
    self.milestones = milestones
    self.arrivals = arrivals
    self.history = history
  }

  /// The period's projections, from whichever of the loaded tables hold the earlier years.
  func projections() -> ProjectionColumns? {
    ProjectionColumns.build(period: period, index: index) { observations[$0] ?? history[$0] }
  }
}

/// Evaluates the rules in force for a period over every subject (docs/rules.md#warning-rules): one finding per
/// subject that has any, its level the highest of its rules, sorted by subject.
public enum Evaluator {
  /// How many periods back the rules look (for loading the data): `consecutive(n)` looks n − 1
  /// back, `previous` one more, a recovery condition up to `hysteresisDepth`.
  public static func lookback(_ rules: [Rule]) -> Int {
    rules.map { rule in
      var depth = 0
      for expression in rule.expressions { depth = max(depth, historyDepth(expression)) }
      if rule.recovery != nil { depth = max(depth, hysteresisDepth) }
      return depth
    }.max() ?? 0
  }

  static let hysteresisDepth = 24

  /// Throws only for a rule that does not compile, which a rule set that loaded cannot hold
  /// (`RuleSet.load` compiles every rule).
  public static func evaluate(_ input: EvaluationInput) throws(Diagnostic) -> [Finding] {
    let rules = input.ruleSet.rules(for: input.period)
    // Each kind comes out in subject order, and the kinds in the order of `Subject`: no sort.
    var findings: [Finding] = []
    findings += try evaluateIndicators(input, rules: rules.filter { $0.subjects == .indicators })
    findings += try evaluateProjects(input, rules: rules.filter { $0.subjects == .projects })
    findings += try evaluateFeeds(input, rules: rules.filter { $0.subjects == .feeds })
    return findings
  }

  /// The measures of some subjects in the input's period, whether or not a rule fires for them:
  /// what a lift notice states about a subject that is back on target.
  public static func evidence(_ input: EvaluationInput, subjects: [Subject]) -> [Subject: Evidence] {
    var result: [Subject: Evidence] = [:]
    let index = input.index
    if let table = input.observations[input.period] {
      let frame = IndicatorFrameBuilder.build(
        period: input.period, observations: table, targets: input.targets[input.period.year], index: index)
      for subject in subjects {
        guard case .indicator(let indicator, let region) = subject,
          let slot = index.slot(Observation.Key(period: input.period, region: region, indicator: indicator))
        else { continue }
        result[subject] = frame.evidence(slot)
      }
    }
    if let records = input.projects[input.period] {
      let codes = records.map(\.project.code)
      let slots = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
      let frame = ProjectFrameBuilder.build(
        period: input.period, records: records, milestones: input.milestones, slots: slots)
      for subject in subjects {
        guard case .project(let code) = subject, let slot = slots[code] else { continue }
        result[subject] = frame.evidence(slot)
      }
    }
    return result
  }

  // MARK: - Subjects

  private static func evaluateIndicators(_ input: EvaluationInput, rules: [Rule]) throws(Diagnostic) -> [Finding] {
    let index = input.index
    guard !rules.isEmpty, input.observations[input.period] != nil else { return [] }
    let tables = Array(input.observations)
    // Only rules that name a projection measure pay for the projections.
    let projections = rules.contains(where: \.readsProjection) ? input.projections() : nil
    let built = Parallel.map(tables.count) { task in
      IndicatorFrameBuilder.build(
        period: tables[task].key, observations: tables[task].value, targets: input.targets[tables[task].key.year],
        index: index, projections: tables[task].key == input.period ? projections : nil)
    }
    var frames: [Period: Frame] = [:]
    for frame in built { frames[frame.period] = frame }
    // Each indicator's own sequence: the quarter before a quarter, 2020-12 before 2021-02.
    for frame in frames.values {
      let previous = index.indicators.map { frames[$0.periods.previous(frame.period)] }
      let regionCount = index.regions.count
      frame.previous = { slot in previous[slot / regionCount] }
    }
    let frame = frames[input.period]!
    let subjects = { @Sendable (slot: Int) -> Subject in
      .indicator(
        indicator: index.indicators[index.indicatorIndex(of: slot)].code,
        region: index.regions[index.regionIndex(of: slot)].code)
    }
    // A rule's filter, decided once per indicator and per region rather than per slot.
    let regionCount = index.regions.count
    // Slots in subject order: indicator code, then region code.
    let indicatorOrder = index.indicators.indices.sorted { index.indicators[$0].code < index.indicators[$1].code }
    let regionOrder = index.regions.indices.sorted { index.regions[$0].code < index.regions[$1].code }
    let order = indicatorOrder.flatMap { indicator in regionOrder.map { indicator * regionCount + $0 } }
    return try run(
      rules, frame: frame, order: order, subject: subjects,
      matcher: { rule in
        let indicators = index.indicators.map { rule.filter.matches(indicator: $0) }
        let regions = index.regions.map { rule.filter.matches(region: $0) }
        return { slot in indicators[slot / regionCount] && regions[slot % regionCount] }
      })
  }

  private static func evaluateProjects(_ input: EvaluationInput, rules: [Rule]) throws(Diagnostic) -> [Finding] {
    guard !rules.isEmpty, input.projects[input.period] != nil else { return [] }
    let codes = Set(input.projects.values.flatMap { $0.map(\.project.code) }).sorted()
    let slots = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
    let months = Array(input.projects)
    let built = Parallel.map(months.count) { task in
      ProjectFrameBuilder.build(
        period: months[task].key, records: months[task].value, milestones: input.milestones, slots: slots)
    }
    var frames: [Period: Frame] = [:]
    for frame in built { frames[frame.period] = frame }
    for frame in frames.values {
      let previous = frames[frame.period.adding(months: -1)]
      frame.previous = { _ in previous }
    }
    return try run(
      rules, frame: frames[input.period]!, order: Array(codes.indices), subject: { .project(codes[$0]) },
      matcher: { rule in { slot in rule.filter.matches(project: codes[slot]) } })
  }

  private static func evaluateFeeds(_ input: EvaluationInput, rules: [Rule]) throws(Diagnostic) -> [Finding] {
    let feeds = input.configuration.feeds
    guard !rules.isEmpty, !feeds.isEmpty else { return [] }
    let frame = FeedFrameBuilder.build(
      period: input.period, feeds: feeds, arrivals: input.arrivals, asOf: input.asOf, calendar: input.calendar)
    return try run(
      rules, frame: frame, order: feeds.indices.sorted { feeds[$0].name < feeds[$1].name },
      subject: { .feed(feeds[$0].name) },
      matcher: { rule in { slot in rule.filter.matches(feed: feeds[slot].name) } })
  }

  // MARK: - Rules over a frame

  /// Runs each rule over every slot, then gathers one finding per slot that any rule fired for,
  /// in the given order of slots.
  private static func run(
    _ rules: [Rule], frame: Frame, order: [Int], subject: @Sendable (Int) -> Subject,
    matcher: (Rule) -> @Sendable (Int) -> Bool
  ) throws(Diagnostic) -> [Finding] {
    let compiled = try rules.map { rule throws(Diagnostic) in try CompiledRule(rule, kind: frame.kind) }
      .sorted { $0.id < $1.id }
    // Rules that read the subject's `level` run after the others have given it (docs/rules.md#precoordination).
    let first = compiled.indices.filter { !compiled[$0].readsLevel }
    let second = compiled.indices.filter { compiled[$0].readsLevel }
    let matchers = compiled.map { rule in matcher(rules.first { $0.id == rule.id }!) }
    var levels = pass(compiled, first, frame: frame, matchers: matchers)
    if !second.isEmpty {
      var highest = [Level](repeating: .none, count: frame.slotCount)
      for position in first {
        for slot in 0..<frame.slotCount where levels[position][slot] > highest[slot] {
          highest[slot] = levels[position][slot]
        }
      }
      frame.levels = highest
      let later = pass(compiled, second, frame: frame, matchers: matchers)
      for position in second { levels[position] = later[position] }
    }
    // A finding carries its evidence: gather them for halves of the slots side by side.
    let levelsByRule = levels
    let parts = order.count >= 10_000 ? 2 : 1
    let chunk = (order.count + parts - 1) / parts
    return Parallel.map(parts) { part -> [Finding] in
      var findings: [Finding] = []
      for slot in order[(part * chunk)..<min(order.count, (part + 1) * chunk)]
      where compiled.indices.contains(where: { levelsByRule[$0][slot] != .none }) {
        var ruleLevels: [Finding.RuleLevel] = []
        for position in compiled.indices where levelsByRule[position][slot] != .none {
          ruleLevels.append(Finding.RuleLevel(rule: compiled[position].id, level: levelsByRule[position][slot]))
        }
        findings.append(
          Finding(
            subject: subject(slot), period: frame.period, level: ruleLevels.map(\.level).max() ?? .none,
            rules: ruleLevels, values: frame.evidence(slot)))
      }
      return findings
    }.flatMap { $0 }
  }

  /// Runs some of the rules over every slot: each rule's level by slot (`none` where it did not
  /// fire, and for the rules not run).
  static func pass(
    _ compiled: [CompiledRule], _ positions: [Int], frame: Frame, matchers: [@Sendable (Int) -> Bool]
  ) -> [[Level]] {
    guard !positions.isEmpty else { return compiled.map { _ in [] } }
    // The slots are independent: evaluate halves of them side by side, each into its own arrays.
    let parts = frame.slotCount >= 10_000 ? 2 : 1
    let chunk = (frame.slotCount + parts - 1) / parts
    let results = Parallel.map(parts) { part -> [[Level]] in
      let range = (part * chunk)..<min(frame.slotCount, (part + 1) * chunk)
      var levels = Array(repeating: [Level](repeating: .none, count: range.count), count: compiled.count)
      for position in positions {
        let rule = compiled[position]
        let matches = matchers[position]
        for slot in range where frame.hasData[slot] && matches(slot) {
          if let level = rule.level(frame, slot, depth: 0) { levels[position][slot - range.lowerBound] = level }
        }
      }
      return levels
    }
    return compiled.indices.map { position in
      positions.contains(position)
        ? results.flatMap { $0[position] } : [Level](repeating: .none, count: frame.slotCount)
    }
  }

  private static func historyDepth(_ expression: Expression) -> Int {
    switch expression {
    case .number, .boolean, .level, .text, .measure: return 0
    case .unary(_, let operand, _): return historyDepth(operand)
    case .binary(_, let left, let right, _): return max(historyDepth(left), historyDepth(right))
    case .call(let name, let arguments, _):
      guard let function = RuleFunction(rawValue: name) else { return arguments.map(historyDepth).max() ?? 0 }
      return function.historyDepth(arguments, depth: historyDepth)
    }
  }
}

/// A rule with its expressions compiled for one kind of subject.
struct CompiledRule: Sendable {
  let id: String
  let readsLevel: Bool
  /// The level the rule's own condition and tiers give a slot, hysteresis aside. One closure
  /// composed at compile time: walking arrays of closures per slot retained and released each
  /// one, which was a fifth of an evaluation's time.
  private let ownLevel: Decision
  let recovery: Compiler.ConditionCode?
  let lowest: Level

  /// Throws, naming the rule and its file, if the rule names what its subjects do not have.
  init(_ rule: Rule, kind: SubjectKind) throws(Diagnostic) {
    func compile(_ expression: Expression, _ key: String) throws(Diagnostic) -> Compiler.ConditionCode {
      do throws(ExpressionError) {
        return try Compiler.condition(expression, kind: kind)
      } catch {
        throw rule.diagnostic("\(key): \(error.message) (at character \(error.offset + 1))")
      }
    }
    id = rule.id
    readsLevel = rule.expressions.contains { $0.names([IndicatorMeasure.level.rawValue]) }
    recovery = try rule.recovery.map { expression throws(Diagnostic) in try compile(expression, "recovery") }
    lowest = rule.outcome.lowest
    var tiers: [(level: Level, condition: Compiler.ConditionCode?)] = []
    switch rule.outcome {
    case .level(let level): tiers = [(level, nil)]
    case .tiers(let list):
      for tier in list { tiers.append((tier.level, try compile(tier.condition, "tiers.\(tier.level.name)"))) }
    }
    var decide = Self.firstTier(tiers)
    if let condition = try rule.condition.map({ expression throws(Diagnostic) in try compile(expression, "when") }) {
      let tiered = decide
      decide = { frame, slot in condition(frame, slot) == .yes ? tiered(frame, slot) : nil }
    }
    ownLevel = try Self.requiring(rule, kind: kind, then: decide)
  }

  private typealias Decision = @Sendable (Frame, Int) -> Level?

  /// The level of the first tier whose condition holds; built from the last tier back, so that
  /// each step calls the next one it captured.
  private static func firstTier(_ tiers: [(level: Level, condition: Compiler.ConditionCode?)]) -> Decision {
    var decide: Decision = { _, _ in nil }
    for (level, condition) in tiers.reversed() {
      if let condition {
        let next = decide
        decide = { frame, slot in condition(frame, slot) == .yes ? level : next(frame, slot) }
      } else {
        decide = { _, _ in level }
      }
    }
    return decide
  }

  /// `then`, for the slots that have every measure the rule requires; nil for the others.
  private static func requiring(_ rule: Rule, kind: SubjectKind, then decide: @escaping Decision) throws(Diagnostic)
    -> Decision
  {
    var decide = decide
    for name in rule.requires {
      let then = decide
      switch MeasureLayout.of(kind).column(named: name) {
      case .number(let column):
        decide = { frame, slot in frame.numbers[column][slot] != absent ? then(frame, slot) : nil }
      case .boolean(let column):
        decide = { frame, slot in frame.booleans[column][slot] != .unknown ? then(frame, slot) : nil }
      case .text(let column):
        decide = { frame, slot in frame.texts[column][slot] != nil ? then(frame, slot) : nil }
      case .level, nil:
        throw rule.diagnostic("requires: '\(name)' is not a measure of \(kind.rawValue) that can be missing")
      }
    }
    return decide
  }

  /// The level the rule gives the slot in the frame, if it fires.
  func level(_ frame: Frame, _ slot: Int, depth: Int) -> Level? {
    if let level = ownLevel(frame, slot) { return level }
    // Hysteresis: a rule that fired in the period before keeps firing, at its lowest level,
    // until its recovery condition holds.
    guard let recovery, depth < Evaluator.hysteresisDepth, let previous = frame.previous(slot),
      previous.hasData[slot], level(previous, slot, depth: depth + 1) != nil
    else { return nil }
    return recovery(frame, slot) == .yes ? nil : lowest
  }
}

extension Rule {
  /// Whether the rule names a projection measure (docs/rules.md#precoordination), so that an evaluation needs them.
  var readsProjection: Bool {
    let names = Set(IndicatorMeasure.allCases.filter(\.isProjection).map(\.rawValue))
    return !names.isDisjoint(with: requires) || expressions.contains { $0.names(names) }
  }

  /// An error at the rule, in its file.
  func diagnostic(_ message: String) -> Diagnostic {
    Diagnostic(file: file, position: position, message: "rule \(id).\(message)")
  }

  /// Every expression of the rule.
  var expressions: [Expression] {
    var list = [condition, recovery].compactMap { $0 }
    if case .tiers(let tiers) = outcome { list += tiers.map(\.condition) }
    return list
  }
}

extension Expression {
  /// Whether the expression names any of the measures.
  func names(_ measures: Set<String>) -> Bool {
    switch self {
    case .measure(let name, _): measures.contains(name)
    case .number, .boolean, .level, .text: false
    case .unary(_, let operand, _): operand.names(measures)
    case .binary(_, let left, let right, _): left.names(measures) || right.names(measures)
    case .call(_, let arguments, _): arguments.contains { $0.names(measures) }
    }
  }
}
