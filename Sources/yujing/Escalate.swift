import ArgumentParser
import Foundation
import YujingCore

struct Escalate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The daily check by hand: overdue 整改 reports escalate, late feeds raise timeliness findings.")

  @OptionGroup var global: GlobalOptions
  @Option(name: .customLong("as-of"), help: "The day of the check, YYYY-MM-DD (default: today).") var asOf: String?

  func run() throws {
    let workspace = try global.openWorkspace()
    let day = try asOf.map(ParsedDay.parse) ?? Day.today({ Date() }, in: workspace.configuration.city.timeZone)
    let thresholds = try Thresholds.load(configuration: workspace.configuration)
    for warning in thresholds.missingCalendarYears([day.year]) { Console.error("warning: \(warning)") }
    let outcome = try DailyCheck(workspace: workspace, thresholds: thresholds, clock: { Date() }).run(day: day)
    for escalation in outcome.escalations {
      print("case \(escalation.caseID): 整改 report overdue, \(escalation.from.rawValue) → \(escalation.to.rawValue)")
    }
    for id in outcome.overdueAtTop { print("case \(id): 整改 report overdue at talk_mayor (shown, no further stage)") }
    for id in outcome.talkNotices { print("drafted talk notice \(id)") }
    for late in outcome.lateFeeds { print("feed \(late.feed): \(late.period) is late") }
    if outcome.escalations.isEmpty && outcome.lateFeeds.isEmpty && outcome.overdueAtTop.isEmpty {
      print("\(day): nothing overdue")
    }
  }
}
