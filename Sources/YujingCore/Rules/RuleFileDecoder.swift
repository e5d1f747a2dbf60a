import Foundation
import Yams

/// Reads one rule file strictly: unknown keys, bad values, expression syntax and type errors are
/// all reported at once, each at its line and column (the column of the offending character
/// inside an expression, too).
enum RuleFileDecoder {
  static let ruleKeys = [
    "id", "title", "description", "subjects", "indicators", "form", "regions", "region_kinds", "groups", "projects",
    "feeds", "active_from", "active_until", "replaces", "requires", "when", "level", "tiers", "recovery",
    "notice",
  ]

  static func decode(_ data: Data, file: String, configuration: Configuration?, sink: DiagnosticSink) -> [Rule] {
    guard let root = YAMLDocument.compose(data, sink: sink) else {
      if !sink.hasErrors { sink.error("the rule file is empty; it needs a list under 'rules:'", at: nil) }
      return []
    }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      .map { Array($0.unicodeScalars) }
    guard let top = YAMLMap(root, context: "", allowed: ["rules", "description"], sink: sink),
      let nodes = top.sequence("rules", required: true)
    else { return [] }
    return nodes.enumerated().compactMap { index, node in
      decodeRule(node, context: "rules[\(index)]", file: file, lines: lines, configuration: configuration, sink: sink)
    }
  }

  private static func decodeRule(
    _ node: Node, context: String, file: String, lines: [[Unicode.Scalar]], configuration: Configuration?,
    sink: DiagnosticSink
  ) -> Rule? {
    guard let map = YAMLMap(node, context: context, allowed: ruleKeys, sink: sink) else { return nil }
    let id = map.string("id", required: true)
    if let id, id.range(of: #"^[a-z][a-z0-9_]*$"#, options: .regularExpression) == nil {
      sink.error(
        "\(context).id '\(id)' must be lower-case letters, digits and _ (like growth_gap)", at: map.position(of: "id"))
    }
    let label = id.map { "\(context) (\($0))" } ?? context
    guard let subjects = map.enumeration("subjects", SubjectKind.self, required: true) else { return nil }

    let filter = decodeFilter(map, subjects: subjects, label: label, configuration: configuration)
    let activeFrom = period(map, "active_from")
    let activeUntil = period(map, "active_until")
    if let activeFrom, let activeUntil, activeUntil < activeFrom {
      sink.error(
        "\(label): active_until \(activeUntil) is before active_from \(activeFrom)",
        at: map.position(of: "active_until"))
    }
    let replaces = map.strings("replaces") ?? []
    let requires = map.strings("requires") ?? []
    for measure in requires {
      switch subjects.measure(named: measure)?.type {
      case .number, .boolean, .text:
        continue
      case .level:
        // The level is what the other rules give, never missing: there is nothing to require.
        sink.error(
          "\(label).requires: '\(measure)' is the level the other rules give, not a figure a subject can lack",
          at: map.position(of: "requires"))
      case nil:
        let names = subjects.measures.filter { $0.type != .level }.map(\.name)
        let hint = Suggestion.closest(to: measure, among: names).map { "; did you mean '\($0)'?" } ?? ""
        sink.error(
          "\(label).requires: '\(measure)' is not a measure of \(subjects.rawValue)\(hint)",
          at: map.position(of: "requires"))
      }
    }

    func expression(_ key: String, node valueNode: Node?) -> Expression? {
      guard let valueNode, let text = valueNode.scalar?.string else {
        if let valueNode {
          sink.error(
            "\(label).\(key) must be an expression, found \(valueNode.kindName)", at: SourcePosition(valueNode))
        }
        return nil
      }
      let positions = ScalarPositions(value: text, node: valueNode, fileLines: lines)
      do {
        let parsed = try ExpressionParser.parse(text)
        var checker = TypeChecker(subjects: subjects)
        checker.checkCondition(parsed)
        for error in checker.errors {
          sink.error("\(label).\(key): \(error.message)", at: positions.position(at: error.offset))
        }
        return checker.errors.isEmpty ? parsed : nil
      } catch {
        sink.error("\(label).\(key): \(error.message)", at: positions.position(at: error.offset))
        return nil
      }
    }

    let condition = expression("when", node: map.node("when"))
    let recovery = expression("recovery", node: map.node("recovery"))
    var outcome: Rule.Outcome?
    switch (map.has("level"), map.has("tiers")) {
    case (true, true):
      sink.error("\(label) has both level and tiers; give one of them", at: map.position(of: "tiers"))
    case (false, false):
      sink.error("\(label) needs a level (with when) or tiers (a condition per level)", at: map.position)
    case (true, false):
      if let name = map.string("level") {
        if let level = Level(name: name), level != .none {
          outcome = .level(level)
        } else {
          sink.error("\(label).level: '\(name)' is not one of blue, yellow, orange, red", at: map.position(of: "level"))
        }
      }
      if !map.has("when") {
        sink.error("\(label) gives a fixed level, so it needs a 'when' condition", at: map.position(of: "level"))
      }
    case (false, true):
      outcome = decodeTiers(map, label: label, expression: expression)
    }
    let notice = map.enumeration("notice", AdvisoryNotice.self)
    if notice != nil && subjects != .indicators {
      sink.error("\(label).notice: only indicator rules can draft a precoordination", at: map.position(of: "notice"))
    }
    guard let id, let outcome else { return nil }
    var rule = Rule(
      id: id, title: map.string("title") ?? id, subjects: subjects, filter: filter, activeFrom: activeFrom,
      activeUntil: activeUntil, replaces: replaces, requires: requires, condition: condition, outcome: outcome,
      recovery: recovery, file: file, position: map.position)
    rule.notice = notice
    return rule
  }

  private static func decodeTiers(
    _ map: YAMLMap, label: String, expression: (String, Node?) -> Expression?
  ) -> Rule.Outcome? {
    guard let node = map.node("tiers"), case .mapping(let mapping) = node else {
      map.sink.error("\(label).tiers must map levels to conditions (red: gap <= -3.0)", at: map.position(of: "tiers"))
      return nil
    }
    var tiers: [(level: Level, condition: Expression)] = []
    var failed = false
    for (key, value) in mapping {
      guard let name = key.scalar?.string, let level = Level(name: name), level != .none else {
        map.sink.error(
          "\(label).tiers: '\(key.scalar?.string ?? "?")' is not one of blue, yellow, orange, red",
          at: SourcePosition(key))
        failed = true
        continue
      }
      if tiers.contains(where: { $0.level == level }) {
        map.sink.error("\(label).tiers: \(name) appears twice", at: SourcePosition(key))
        failed = true
        continue
      }
      guard let condition = expression("tiers.\(name)", value) else {
        failed = true
        continue
      }
      tiers.append((level, condition))
    }
    guard !failed, !tiers.isEmpty else { return nil }
    return .tiers(tiers.sorted { $0.level > $1.level })
  }

  private static func period(_ map: YAMLMap, _ key: String) -> Period? {
    guard let text = map.string(key) else { return nil }
    guard let period = Period(text) else {
      map.sink.error("\(map.label).\(key): '\(text)' is not a period YYYY-MM", at: map.position(of: key))
      return nil
    }
    return period
  }

  private static func decodeFilter(
    _ map: YAMLMap, subjects: SubjectKind, label: String, configuration: Configuration?
  ) -> SubjectFilter {
    var filter = SubjectFilter()
    let allowed: [SubjectKind: [String]] = [
      .indicators: ["indicators", "form", "regions", "region_kinds", "groups"], .projects: ["projects"],
      .feeds: ["feeds"], .problems: [],
    ]
    for key in ["indicators", "form", "regions", "region_kinds", "groups", "projects", "feeds"]
    where map.has(key) && !(allowed[subjects]?.contains(key) ?? false) {
      map.sink.error("\(label).\(key) does not apply to a rule about \(subjects.rawValue)", at: map.position(of: key))
    }
    func list(_ key: String, known: [String]?, what: String) -> Set<String>? {
      guard let node = map.node(key) else { return nil }
      if node.scalar?.string == "all" { return nil }
      guard let values = map.strings(key) else { return nil }
      if let known {
        for value in values where !known.contains(value) {
          let hint = Suggestion.closest(to: value, among: known).map { "; did you mean '\($0)'?" } ?? ""
          map.sink.error(
            "\(label).\(key): '\(value)' is not \(what) of the configuration\(hint)", at: map.position(of: key))
        }
      }
      return Set(values)
    }
    filter.indicators = list("indicators", known: configuration?.indicators.map(\.code), what: "an indicator")
    filter.regions = list("regions", known: configuration?.regions.map(\.code), what: "a region")
    filter.groups = list(
      "groups", known: configuration.map { Array(Set($0.regions.compactMap(\.group))) }, what: "a group")
    filter.projects = list("projects", known: nil, what: "a project")
    filter.feeds = list("feeds", known: configuration?.feeds.map(\.name), what: "a feed")
    if let kinds = list("region_kinds", known: RegionKind.allCases.map(\.rawValue), what: "a region kind") {
      filter.regionKinds = Set(kinds.compactMap(RegionKind.init(rawValue:)))
    }
    filter.form = map.enumeration("form", IndicatorForm.self)
    return filter
  }
}
