import ArgumentParser
import Foundation
import YujingCore

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Validate the configuration and thresholds; exit 1 with file:line:col errors.")

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let thisYear = Day.today({ Date() }, in: TimeZone(identifier: "Asia/Shanghai")!).year
    let report = ConfigurationCheck.run(configurationPath: global.config, years: [thisYear, thisYear + 1])
    for diagnostic in report.diagnostics { print(diagnostic) }
    guard report.isValid else {
      Console.error("\(report.errorCount) error(s): fix them and run `yujing check` again")
      throw ExitCode.failure
    }
    for line in report.summary { print(line) }
  }
}
