import Foundation
import Yams

/// A rule unit-test file (`yujing test`), in the spirit of `promtool test rules`: inputs per
/// period, and the findings expected per period.
///
///     tests:
///       - name: 7.2 against a target of 8.2 is a gap of exactly −1.0, yellow
///         targets:
///           - {year: 2020, region: "360981", indicator: industry_va, growth: 8.2}
///         series:
///           360981 industry_va growth: "2020-06: 7.2"
///         expect:
///           2020-06:
///             - {subject: industry_va@360981, level: yellow, rules: [growth_gap]}
///
/// A series is `REGION INDICATOR FIELD` (growth, value or rank) → `START: v v v …`, the values
/// stepping along the indicator's own periods (quarters, 1–2月 as one); `_` is a period without a
/// figure. The findings listed for a period are all the findings expected in it.
public struct RuleTestFile: Sendable {
  public var file: String
  /// The directory of rule files under test.
  public var rules: URL
  public var tests: [RuleTest]
}

public struct RuleTest: Sendable {
  public var name: String
  public var position: SourcePosition?
  public var asOf: Day?
  public var targets: [Target]
  public var observations: [Observation]
  public var projects: [ProjectRecord]
  public var milestones: [Milestone]
  public var arrivals: [String: [Period: Day]]
  public var expected: [(period: Period, findings: [ExpectedFinding], position: SourcePosition?)]
}

public struct ExpectedFinding: Sendable, Hashable, CustomStringConvertible {
  public var subject: Subject
  public var level: Level
  public var rules: [String]

  public var description: String { "\(subject.notation) \(level.name) [\(rules.joined(separator: ", "))]" }
}

enum RuleTestDecoder {
  static func decode(_ data: Data, file: String, configuration: Configuration, sink: DiagnosticSink) -> RuleTestFile? {
    guard let root = YAMLDocument.compose(data, sink: sink),
      let top = YAMLMap(root, context: "", allowed: ["rules", "tests"], sink: sink)
    else { return nil }
    let here = URL(fileURLWithPath: file).deletingLastPathComponent()
    // By default the rules are those of the thresholds directory that holds tests/.
    let rules =
      top.string("rules").map {
        $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : here.appendingPathComponent($0).standardized
      }
      ?? here.deletingLastPathComponent()
    let tests = (top.sequence("tests", required: true) ?? []).enumerated().compactMap { index, node in
      decodeTest(node, context: "tests[\(index)]", configuration: configuration, sink: sink)
    }
    return RuleTestFile(file: file, rules: rules, tests: tests)
  }

  static let testKeys = ["name", "as_of", "targets", "series", "projects", "arrivals", "expect"]

  private static func decodeTest(
    _ node: Node, context: String, configuration: Configuration, sink: DiagnosticSink
  ) -> RuleTest? {
    guard let map = YAMLMap(node, context: context, allowed: testKeys, sink: sink) else { return nil }
    let name = map.string("name", required: true) ?? context
    var asOf: Day?
    if let text = map.string("as_of") {
      asOf = Day(text)
      if asOf == nil {
        sink.error("\(context).as_of: '\(text)' is not a date YYYY-MM-DD", at: map.position(of: "as_of"))
      }
    }
    let targets = (map.sequence("targets") ?? []).enumerated().compactMap { index, node -> Target? in
      guard
        let entry = YAMLMap(
          node, context: "\(context).targets[\(index)]", allowed: ["year", "region", "indicator", "growth", "value"],
          sink: sink),
        let year = entry.integer("year", in: 1000...9999, required: true),
        let region = entry.string("region", required: true),
        let indicator = entry.string("indicator", required: true)
      else { return nil }
      return Target(
        year: year, region: region, indicator: indicator, growth: entry.figure("growth"), value: entry.figure("value"))
    }
    let observations = decodeSeries(map, context: context, configuration: configuration)
    let (projects, milestones) = decodeProjects(map, context: context)
    var arrivals: [String: [Period: Day]] = [:]
    if let node = map.node("arrivals"), case .mapping(let feeds) = node {
      for (feed, periods) in feeds {
        guard let name = feed.scalar?.string, case .mapping(let entries) = periods else { continue }
        arrivals[name, default: [:]] = [:]
        for (periodNode, dayNode) in entries {
          guard let period = periodNode.scalar.flatMap({ Period($0.string) }),
            let day = dayNode.scalar.flatMap({ Day($0.string) })
          else {
            sink.error("\(context).arrivals.\(name): write 'YYYY-MM: YYYY-MM-DD'", at: SourcePosition(periodNode))
            continue
          }
          arrivals[name, default: [:]][period] = day
        }
      }
    }
    var expected: [(Period, [ExpectedFinding], SourcePosition?)] = []
    if let node = map.node("expect"), case .mapping(let periods) = node {
      for (periodNode, findingsNode) in periods {
        guard let period = periodNode.scalar.flatMap({ Period($0.string) }) else {
          sink.error(
            "\(context).expect: '\(periodNode.scalar?.string ?? "?")' is not a period YYYY-MM",
            at: SourcePosition(periodNode))
          continue
        }
        let items: [Node] = findingsNode.isNull ? [] : (findingsNode.sequence.map(Array.init) ?? [])
        let findings = items.enumerated().compactMap { index, item in
          decodeExpected(item, context: "\(context).expect.\(period)[\(index)]", sink: sink)
        }
        expected.append((period, findings, SourcePosition(periodNode)))
      }
    } else {
      sink.error("\(context) needs 'expect': the findings expected per period", at: map.position)
    }
    return RuleTest(
      name: name, position: map.position, asOf: asOf, targets: targets, observations: observations,
      projects: projects, milestones: milestones, arrivals: arrivals, expected: expected)
  }

  private static func decodeExpected(_ node: Node, context: String, sink: DiagnosticSink) -> ExpectedFinding? {
    guard let map = YAMLMap(node, context: context, allowed: ["subject", "level", "rules"], sink: sink),
      let subjectText = map.string("subject", required: true), let levelText = map.string("level", required: true)
    else { return nil }
    guard let subject = parseSubject(subjectText) else {
      sink.error(
        "\(context).subject: '\(subjectText)' is not indicator@region, project CODE or feed NAME",
        at: map.position(of: "subject"))
      return nil
    }
    guard let level = Level(name: levelText), level != .none else {
      sink.error(
        "\(context).level: '\(levelText)' is not one of blue, yellow, orange, red", at: map.position(of: "level"))
      return nil
    }
    return ExpectedFinding(subject: subject, level: level, rules: (map.strings("rules") ?? []).sorted())
  }

  static func parseSubject(_ text: String) -> Subject? {
    let words = text.split(separator: " ").map(String.init)
    if words.count == 2 && words[0] == "project" { return .project(words[1]) }
    if words.count == 2 && words[0] == "feed" { return .feed(words[1]) }
    guard words.count == 1 else { return nil }
    return Subject(kind: "indicator", key: words[0])
  }

  /// `REGION INDICATOR FIELD: "START: v v v"` (or a list of such strings).
  private static func decodeSeries(_ map: YAMLMap, context: String, configuration: Configuration) -> [Observation] {
    guard let node = map.node("series") else { return [] }
    guard case .mapping(let entries) = node else {
      map.sink.error("\(context).series must map 'REGION INDICATOR FIELD' to 'START: v v v'", at: SourcePosition(node))
      return []
    }
    var figures: [Observation.Key: Observation] = [:]
    for (keyNode, valueNode) in entries {
      let position = SourcePosition(keyNode)
      let words = (keyNode.scalar?.string ?? "").split(separator: " ").map(String.init)
      guard words.count == 3, ["growth", "value", "rank"].contains(words[2]) else {
        map.sink.error(
          "\(context).series: '\(keyNode.scalar?.string ?? "?")' must be 'REGION INDICATOR growth|value|rank'",
          at: position)
        continue
      }
      guard let indicator = configuration.indicator(words[1]) else {
        map.sink.error("\(context).series: '\(words[1])' is not an indicator of the configuration", at: position)
        continue
      }
      guard configuration.region(words[0]) != nil else {
        map.sink.error("\(context).series: '\(words[0])' is not a region of the configuration", at: position)
        continue
      }
      let texts: [String] =
        valueNode.scalar.map { [$0.string] } ?? (valueNode.sequence?.compactMap { $0.scalar?.string } ?? [])
      for text in texts {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, var period = Period(parts[0].trimmingCharacters(in: .whitespaces)) else {
          map.sink.error(
            "\(context).series: '\(text)' must be 'START: v v v', START a period YYYY-MM", at: SourcePosition(valueNode)
          )
          continue
        }
        if !indicator.periods.publishes(period) {
          map.sink.error("\(context).series: \(indicator.code) has no period \(period)", at: SourcePosition(valueNode))
          continue
        }
        for word in parts[1].split(separator: " ") {
          defer { period = indicator.periods.next(period) }
          guard word != "_" else { continue }
          guard let figure = try? Fixed(parsing: word) else {
            map.sink.error(
              "\(context).series: '\(word)' is not a number (or _ for no figure)", at: SourcePosition(valueNode))
            continue
          }
          let key = Observation.Key(period: period, region: words[0], indicator: indicator.code)
          var observation =
            figures[key]
            ?? Observation(period: period, region: words[0], indicator: indicator.code, value: nil, growth: nil)
          switch words[2] {
          case "growth": observation.growth = figure
          case "value": observation.value = figure
          default: observation.publishedRank = Int(figure.units / Fixed.scale)
          }
          figures[key] = observation
        }
      }
    }
    return Array(figures.values)
  }

  static let projectKeys = ProjectCSV.projectColumns + ["milestones"]

  private static func decodeProjects(_ map: YAMLMap, context: String) -> ([ProjectRecord], [Milestone]) {
    var records: [ProjectRecord] = []
    var milestones: [Milestone] = []
    for (index, node) in (map.sequence("projects") ?? []).enumerated() {
      let label = "\(context).projects[\(index)]"
      guard let entry = YAMLMap(node, context: label, allowed: projectKeys, sink: map.sink) else { continue }
      func day(_ key: String) -> Day? { entry.string(key).flatMap { Day($0) } }
      guard let period = entry.string("period", required: true).flatMap({ Period($0) }),
        let code = entry.string("project", required: true)
      else {
        map.sink.error("\(label) needs a period YYYY-MM and a project code", at: entry.position)
        continue
      }
      let project = Project(
        code: code, name: entry.string("name") ?? code, region: entry.string("region") ?? "",
        department: entry.string("department") ?? "", leader: entry.string("leader") ?? "",
        totalInvestment: entry.figure("total_investment") ?? .zero, annualPlan: entry.figure("annual_plan") ?? .zero,
        plannedStart: day("planned_start"), plannedCompletion: day("planned_completion"))
      let status = entry.string("status").flatMap(ProjectStatus.init(rawValue:)) ?? .underConstruction
      let progress = ProjectProgress(
        period: period, project: code, completedYearToDate: entry.figure("completed_ytd") ?? .zero, status: status,
        actualStart: day("actual_start"), registered: day("registered"))
      records.append(ProjectRecord(project: project, progress: progress))
      for (stageIndex, stageNode) in (entry.sequence("milestones") ?? []).enumerated() {
        guard
          let stage = YAMLMap(
            stageNode, context: "\(label).milestones[\(stageIndex)]", allowed: ["stage", "due", "done"], sink: map.sink),
          let name = stage.string("stage", required: true),
          let due = stage.string("due", required: true).flatMap({ Day($0) })
        else { continue }
        milestones.append(
          Milestone(project: code, stage: name, due: due, done: stage.string("done").flatMap { Day($0) }))
      }
    }
    return (records, milestones)
  }
}
