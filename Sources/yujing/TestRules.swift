import ArgumentParser
import Foundation
import YujingCore

struct TestRules: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run rule unit tests: input series → expected findings (like promtool test rules).")

  @OptionGroup var global: GlobalOptions

  @Argument(help: "Rule test files (YAML), e.g. thresholds/tests/*.yaml.")
  var files: [String]

  func run() throws {
    let report = RuleTestRunner.run(files: files, configuration: try global.loadConfiguration())
    for diagnostic in report.diagnostics { print(diagnostic) }
    for failure in report.failures { print(failure) }
    let summary = "\(report.tests) test(s), \(report.periods) period(s) checked, \(report.failures.count) failure(s)"
    guard report.passed else {
      Console.error(summary)
      throw ExitCode.failure
    }
    print("ok: \(summary)")
  }
}
