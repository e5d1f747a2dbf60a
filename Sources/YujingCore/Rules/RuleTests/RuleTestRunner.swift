import Foundation

/// Runs rule unit-test files: each test's inputs through the evaluator, its findings per period
/// against the expected ones, with a diff where they differ.
public enum RuleTestRunner {
  public struct Failure: Sendable, CustomStringConvertible {
    public var file: String
    public var position: SourcePosition?
    public var test: String
    public var period: Period
    public var differences: [String]

    public var description: String {
      let place = position.map { "\(file):\($0.line)" } ?? file
      return "FAIL \(place): \(test) — \(period)\n" + differences.map { "  \($0)" }.joined(separator: "\n")
    }
  }

  public struct Report: Sendable {
    public var tests = 0
    public var periods = 0
    public var failures: [Failure] = []
    public var diagnostics: [Diagnostic] = []

    public var passed: Bool { failures.isEmpty && !diagnostics.contains { $0.severity == .error } }
  }

  /// Runs every file; rule files are loaded once per directory.
  public static func run(files: [String], configuration: Configuration) -> Report {
    var report = Report()
    var ruleSets: [URL: Thresholds] = [:]
    for file in files {
      let sink = DiagnosticSink(file: file)
      guard let data = FileManager.default.contents(atPath: file) else {
        report.diagnostics.append(Diagnostic(file: file, position: nil, message: "cannot read the test file"))
        continue
      }
      guard let testFile = RuleTestDecoder.decode(data, file: file, configuration: configuration, sink: sink),
        !sink.hasErrors
      else {
        report.diagnostics += sink.diagnostics
        continue
      }
      let thresholds: Thresholds
      if let loaded = ruleSets[testFile.rules] {
        thresholds = loaded
      } else {
        do {
          thresholds = try Thresholds.load(configuration: configuration, directory: testFile.rules)
          ruleSets[testFile.rules] = thresholds
        } catch {
          report.diagnostics += error.diagnostics
          continue
        }
      }
      for test in testFile.tests {
        report.tests += 1
        for expectation in test.expected {
          report.periods += 1
          let actual: [Finding]
          do throws(Diagnostic) {
            actual = try evaluate(
              test, period: expectation.period, thresholds: thresholds, configuration: configuration)
          } catch {
            report.diagnostics.append(error)
            continue
          }
          let differences = compare(expected: expectation.findings, actual: actual)
          if !differences.isEmpty {
            report.failures.append(
              Failure(
                file: file, position: expectation.position ?? test.position, test: test.name,
                period: expectation.period, differences: differences))
          }
        }
      }
    }
    return report
  }

  /// The findings of one test in one period. Without an `as_of`, the evaluation date is the 20th
  /// of the month after the period (after the usual due days).
  static func evaluate(_ test: RuleTest, period: Period, thresholds: Thresholds, configuration: Configuration)
    throws(Diagnostic) -> [Finding]
  {
    let index = SubjectIndex(configuration: configuration)
    let byPeriod = Dictionary(grouping: test.observations, by: \.period)
    let observations = byPeriod.mapValues { ObservationTable($0, index: index) }
    let targets = Dictionary(grouping: test.targets, by: \.year).mapValues { TargetTable($0, index: index) }
    let next = period.adding(months: 1)
    let asOf = test.asOf ?? Day(year: next.year, month: next.month, day: 20)!
    // Feeds are judged only when the test gives their arrivals (an empty map: nothing arrived);
    // otherwise every test about figures would also be about late feeds.
    var configuration = configuration
    configuration.feeds = configuration.feeds.filter { test.arrivals[$0.name] != nil }
    let input = EvaluationInput(
      configuration: configuration, index: index, ruleSet: thresholds.ruleSet, period: period, asOf: asOf,
      calendar: thresholds.calendar, observations: observations, targets: targets,
      projects: Dictionary(grouping: test.projects, by: \.progress.period),
      milestones: Dictionary(grouping: test.milestones, by: \.project), arrivals: test.arrivals)
    return try Evaluator.evaluate(input)
  }

  static func compare(expected: [ExpectedFinding], actual: [Finding]) -> [String] {
    let got = Dictionary(
      actual.map { ($0.subject, ExpectedFinding(subject: $0.subject, level: $0.level, rules: $0.rules.map(\.rule))) }
    ) { first, _ in first }
    let want = Dictionary(expected.map { ($0.subject, $0) }) { first, _ in first }
    var differences: [String] = []
    for subject in Set(got.keys).union(want.keys).sorted() {
      switch (want[subject], got[subject]) {
      case (let expected?, let actual?) where expected != actual:
        differences.append(
          "\(subject.notation): expected \(expected.level.name) [\(expected.rules.joined(separator: ", "))], got \(actual.level.name) [\(actual.rules.joined(separator: ", "))]"
        )
      case (let expected?, nil):
        differences.append("missing: \(expected)")
      case (nil, let actual?):
        differences.append("unexpected: \(actual)")
      default:
        break
      }
    }
    return differences
  }
}
