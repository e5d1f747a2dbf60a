import ArgumentParser
import Foundation
import YujingCore

struct Evaluate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Evaluate one period: findings (and, as they land, case transitions and notice drafts).",
    discussion: """
      Without --dry-run the findings are stored with the rule set's hash and the as-of date; run again
      on the same data, rules and as-of date it writes nothing and prints the same JSON.
      """)

  @OptionGroup var global: GlobalOptions

  @Option(name: .long, help: "The period, YYYY-MM (the cumulative figure January…month).")
  var period: String

  @Option(name: .customLong("as-of"), help: "The evaluation date, YYYY-MM-DD (default: today in the city's time zone).")
  var asOf: String?

  @Flag(name: .customLong("dry-run"), help: "Print the result; store nothing.")
  var dryRun = false

  @Option(name: .long, help: "Output: table or json.")
  var format: ReportFormat = .table

  func run() throws {
    guard let period = Period(period) else {
      throw CommandFailure("--period '\(period)' is not YYYY-MM (for example 2020-05)")
    }
    // A dry run stores nothing, not even the configuration it was tried with.
    let workspace = try global.openWorkspace(recording: !dryRun)
    let timeZone = workspace.configuration.city.timeZone
    let day: Day
    if let asOf {
      guard let parsed = Day(asOf) else { throw CommandFailure("--as-of '\(asOf)' is not a date YYYY-MM-DD") }
      day = parsed
    } else {
      day = Day.today({ Date() }, in: timeZone)
    }
    let thresholds = try Thresholds.load(configuration: workspace.configuration)
    for warning in thresholds.missingCalendarYears([day.year]) { Console.error("warning: \(warning)") }
    let outcome = try PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: { Date() })
      .run(period: period, asOf: day, dryRun: dryRun)
    switch format {
    case .json: print(outcome.json)
    case .table:
      print(FindingsTable.render(outcome.findings, configuration: workspace.configuration), terminator: "")
      let counts = Level.allCases.reversed().compactMap { level -> String? in
        let count = outcome.findings.filter { $0.level == level }.count
        return count == 0 ? nil : "\(level.name) \(count)"
      }
      print(
        "\(period) as of \(day): \(outcome.findings.count) finding(s)"
          + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))")
          + "; rule set \(thresholds.ruleSet.hash.prefix(12))")
      if dryRun {
        print("dry run: nothing stored")
      } else if let stored = outcome.stored {
        print("stored as evaluation \(stored.id) in \(outcome.timings.description)")
      } else {
        print("unchanged since the last evaluation of \(period): nothing written")
      }
    }
  }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case table
  case json
}

/// Findings as a table for people: the level, the subject by name, the rules, the key figures.
enum FindingsTable {
  static func render(_ findings: [Finding], configuration: Configuration) -> String {
    var out = ""
    for finding in findings.sorted(by: { ($1.level, $0.subject) < ($0.level, $1.subject) }) {
      let exempt = finding.exempted ? " (exempted)" : ""
      out +=
        "\(finding.level.name.padding(toLength: 7, withPad: " ", startingAt: 0)) \(name(finding.subject, configuration))\(exempt)\n"
      out += "        \(finding.rules.map { "\($0.rule) (\($0.level.name))" }.joined(separator: ", "))"
      let figures = evidence(finding)
      out += figures.isEmpty ? "\n" : " — \(figures)\n"
    }
    return out
  }

  static func name(_ subject: Subject, _ configuration: Configuration) -> String {
    switch subject {
    case .indicator(let indicator, let region):
      let indicatorName = configuration.indicator(indicator)?.name ?? indicator
      let regionName = configuration.region(region)?.name ?? region
      return "\(regionName) \(indicatorName) (\(indicator) × \(region))"
    case .project(let code): return "项目 \(code)"
    case .feed(let name): return "数据源 \(name)"
    }
  }

  static func evidence(_ finding: Finding) -> String {
    let keys = [
      "growth", "target_growth", "gap", "progress", "lag", "province_growth", "rank", "group_size", "behind",
      "months_since_planned_start", "months_since_start", "overdue_days", "overdue_milestone", "status", "days_late",
    ]
    return keys.compactMap { key in finding.values[key].map { "\(key) \($0)" } }.joined(separator: ", ")
  }
}
