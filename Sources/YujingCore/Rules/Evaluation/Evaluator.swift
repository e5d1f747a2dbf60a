/// Everything one evaluation looks at: the data of the period and of the periods before it that
/// the rules' history functions reach, the targets, the rules, the calendar and the as-of date.
/// Rules are a pure function of this (DESIGN §2): no database, no clock.
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

  public init(
    configuration: Configuration, index: SubjectIndex? = nil, ruleSet: RuleSet, period: Period, asOf: Day,
    calendar: WorkingCalendar, observations: [Period: ObservationTable] = [:], targets: [Int: TargetTable] = [:],
    projects: [Period: [ProjectRecord]] = [:], milestones: [String: [Milestone]] = [:],
    arrivals: [String: [Period: Day]] = [:]
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
  }
}

/// Evaluates the rules in force for a period over every subject (DESIGN §5): one finding per
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

  public static func evaluate(_ input: EvaluationInput) -> [Finding] {
    let rules = input.ruleSet.rules(for: input.period)
    var findings: [Finding] = []
    findings += evaluateIndicators(input, rules: rules.filter { $0.subjects == .indicators })
    findings += evaluateProjects(input, rules: rules.filter { $0.subjects == .projects })
    findings += evaluateFeeds(input, rules: rules.filter { $0.subjects == .feeds })
    return findings.sorted { $0.subject < $1.subject }
  }

  // MARK: - Subjects

  private static func evaluateIndicators(_ input: EvaluationInput, rules: [Rule]) -> [Finding] {
    let index = input.index
    guard !rules.isEmpty, input.observations[input.period] != nil else { return [] }
    var frames: [Period: Frame] = [:]
    for (period, table) in input.observations {
      frames[period] = IndicatorFrameBuilder.build(
        period: period, observations: table, targets: input.targets[period.year], index: index)
    }
    // Each indicator's own sequence: the quarter before a quarter, 2020-12 before 2021-02.
    for frame in frames.values {
      let previous = index.indicators.map { frames[$0.periods.previous(frame.period)] }
      let regionCount = index.regions.count
      frame.previous = { slot in previous[slot / regionCount] }
    }
    let frame = frames[input.period]!
    let subjects = { (slot: Int) -> Subject in
      .indicator(
        indicator: index.indicators[index.indicatorIndex(of: slot)].code,
        region: index.regions[index.regionIndex(of: slot)].code)
    }
    return run(
      rules, frame: frame, subject: subjects,
      matches: { rule, slot in
        rule.filter.matches(
          indicator: index.indicators[index.indicatorIndex(of: slot)],
          region: index.regions[index.regionIndex(of: slot)])
      })
  }

  private static func evaluateProjects(_ input: EvaluationInput, rules: [Rule]) -> [Finding] {
    guard !rules.isEmpty, input.projects[input.period] != nil else { return [] }
    let codes = Set(input.projects.values.flatMap { $0.map(\.project.code) }).sorted()
    let slots = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
    var frames: [Period: Frame] = [:]
    for (period, records) in input.projects {
      frames[period] = ProjectFrameBuilder.build(
        period: period, records: records, milestones: input.milestones, asOf: input.asOf, slots: slots)
    }
    for frame in frames.values {
      let previous = frames[frame.period.adding(months: -1)]
      frame.previous = { _ in previous }
    }
    return run(
      rules, frame: frames[input.period]!, subject: { .project(codes[$0]) },
      matches: { rule, slot in rule.filter.matches(project: codes[slot]) })
  }

  private static func evaluateFeeds(_ input: EvaluationInput, rules: [Rule]) -> [Finding] {
    let feeds = input.configuration.feeds
    guard !rules.isEmpty, !feeds.isEmpty else { return [] }
    let frame = FeedFrameBuilder.build(
      period: input.period, feeds: feeds, arrivals: input.arrivals, asOf: input.asOf, calendar: input.calendar)
    return run(
      rules, frame: frame, subject: { .feed(feeds[$0].name) },
      matches: { rule, slot in rule.filter.matches(feed: feeds[slot].name) })
  }

  // MARK: - Rules over a frame

  private static func run(
    _ rules: [Rule], frame: Frame, subject: (Int) -> Subject, matches: (Rule, Int) -> Bool
  ) -> [Finding] {
    let compiled = rules.map { CompiledRule($0, kind: frame.kind) }
    var fired: [Int: [Finding.RuleLevel]] = [:]
    for (position, rule) in compiled.enumerated() {
      for slot in 0..<frame.slotCount where frame.hasData[slot] && matches(rules[position], slot) {
        if let level = rule.level(frame, slot, depth: 0) {
          fired[slot, default: []].append(Finding.RuleLevel(rule: rule.id, level: level))
        }
      }
    }
    return fired.map { slot, levels in
      Finding(
        subject: subject(slot), period: frame.period, level: levels.map(\.level).max() ?? .none,
        rules: levels.sorted(), values: frame.values(slot))
    }
  }

  private static func historyDepth(_ expression: Expression) -> Int {
    switch expression {
    case .number, .boolean, .level, .text, .measure: return 0
    case .unary(_, let operand, _): return historyDepth(operand)
    case .binary(_, let left, let right, _): return max(historyDepth(left), historyDepth(right))
    case .call("consecutive", let arguments, _):
      guard case .number(let count, _) = arguments[0] else { return 0 }
      return Int(count.units / Fixed.scale) - 1 + historyDepth(arguments[1])
    case .call("previous", let arguments, _): return 1 + historyDepth(arguments[0])
    case .call(_, let arguments, _): return arguments.map(historyDepth).max() ?? 0
    }
  }
}

/// A rule with its expressions compiled for one kind of subject.
struct CompiledRule {
  let id: String
  let requires: [(Frame, Int) -> Bool]
  let condition: Compiler.ConditionCode?
  let tiers: [(level: Level, condition: Compiler.ConditionCode?)]
  let recovery: Compiler.ConditionCode?
  let lowest: Level

  init(_ rule: Rule, kind: SubjectKind) {
    id = rule.id
    let layout = MeasureLayout.of(kind)
    requires = rule.requires.map { name in
      if let column = layout.numberIndex[name] { return { frame, slot in frame.numbers[column][slot] != absent } }
      if let column = layout.booleanIndex[name] { return { frame, slot in frame.booleans[column][slot] != .unknown } }
      let column = layout.textIndex[name]!
      return { frame, slot in frame.texts[column][slot] != nil }
    }
    condition = rule.condition.map { Compiler.condition($0, kind: kind) }
    switch rule.outcome {
    case .level(let level): tiers = [(level, nil)]
    case .tiers(let list): tiers = list.map { ($0.level, Compiler.condition($0.condition, kind: kind)) }
    }
    recovery = rule.recovery.map { Compiler.condition($0, kind: kind) }
    lowest = rule.outcome.lowest
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

  private func ownLevel(_ frame: Frame, _ slot: Int) -> Level? {
    for required in requires where !required(frame, slot) { return nil }
    if let condition, condition(frame, slot) != .yes { return nil }
    for tier in tiers where tier.condition.map({ $0(frame, slot) == .yes }) ?? true { return tier.level }
    return nil
  }
}

extension Rule {
  /// Every expression of the rule.
  var expressions: [Expression] {
    var list = [condition, recovery].compactMap { $0 }
    if case .tiers(let tiers) = outcome { list += tiers.map(\.condition) }
    return list
  }
}
