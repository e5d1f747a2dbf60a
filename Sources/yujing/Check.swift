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
    // With a database already there, its targets of this year and the next are checked too; check
    // never creates one.
    guard let configuration = report.configuration,
      FileManager.default.fileExists(atPath: DatabaseLocation.resolve(flag: global.db, configuration: configuration))
    else { return }
    // Checking a configuration never records it: it may be the edit a reload is about to apply.
    let workspace = try Workspace.open(
      configuration: configuration,
      databasePath: DatabaseLocation.resolve(flag: global.db, configuration: configuration),
      now: Date(), opening: Workspace.Opening(mayCreate: false, configurationChange: .leaveUnrecorded))
    if let change = workspace.configurationChange {
      print(
        "note: the database was worked with another configuration (\(change.recordedSource), recorded \(Timestamp.string(change.recorded.recordedAt))): \(change.summary); commands will stop until it is accepted (--accept-config, or a reload of the daemon)"
      )
    }
    let targets = try [thisYear, thisYear + 1].flatMap { try workspace.store.targets(year: $0) }
    try UnjudgedTargetsReport.print(workspace, targets: targets)
  }
}

/// Targets nothing will judge, as warnings an operator acts on.
enum UnjudgedTargetsReport {
  static func print(_ workspace: Workspace, targets: [Target]) throws {
    let thresholds = try Thresholds.load(configuration: workspace.configuration)
    let unjudged = try workspace.unjudged(targets, ruleSet: thresholds.ruleSet)
    for target in unjudged.prefix(50) { Swift.print("warning: a target that will never be judged: \(target)") }
    if unjudged.count > 50 {
      Swift.print("warning: … and \(unjudged.count - 50) more targets that will never be judged")
    }
  }
}
