import ArgumentParser
import Foundation
import YujingCore

/// The office's review of the 整改 reports from the shell (docs/review.md): list them, accept one
/// (the notice is 办结) or send it back with a reason and the day it is due again.
struct Reports: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "整改 reports: list them, accept one (办结) or send it back (退回).",
    subcommands: [List.self, Accept.self, Return.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The reports, newest first.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only the reports in this state: submitted, accepted or returned.") var state: ReportReview.State?
    @Option(help: "Only the reports answering this notice.") var notice: Int64?
    @Option(help: "Output: text or json.") var format: OutputFormat = .text

    func run() throws {
      let workspace = try global.openWorkspace()
      let reports = try workspace.store.reports(state: state, noticeID: notice)
      switch format {
      case .json: print(DecisionJSON.list(reports, DecisionJSON.report))
      case .text:
        if reports.isEmpty { print("no report") }
        for report in reports {
          print(
            "report \(report.id)\tnotice \(report.noticeID) \(report.noticeNumber ?? "")\t\(report.addressee)\t"
              + "\(report.submittedDay) \(report.onTime ? "on time" : "late")\t\(report.state.rawValue)"
              + (report.resubmitDue.map { ", due again \($0)" } ?? "") + (report.note.map { ": \($0)" } ?? ""))
        }
      }
    }
  }

  struct Accept: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Accept a report: the notice is 办结 (closed), its cases stop waiting for it.")
    @OptionGroup var decision: DecisionOptions
    @Option(help: "The office's comment.") var comment: String?
    func run() throws { try decision.apply(.accept(comment: comment)) }
  }

  struct Return: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Send a report back (退回) with the reason; the unit must report again by --due.",
      discussion: """
        Without --due the report is due again on the third working day after the return (report.returned_working_days \
        in escalation.yaml). Not sent again in time, it escalates like a missing report.
        """)
    @OptionGroup var decision: DecisionOptions
    @Option(help: "What is wrong with it.") var reason: String
    @Option(help: "The day it is due again, YYYY-MM-DD.") var due: String?
    func run() throws { try decision.apply(.sendBack(reason: reason, due: try due.map(ParsedDay.parse))) }
  }

  struct DecisionOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The report's id (reports list).") var id: Int64
    @Option(name: .customLong("as-of"), help: "The day of the decision, YYYY-MM-DD (default: today).") var asOf: String?

    func apply(_ decision: ReportReview.Decision) throws {
      let workspace = try global.openWorkspace()
      let thresholds = try Thresholds.load(configuration: workspace.configuration)
      let day = try asOf.map(ParsedDay.parse) ?? Day.today({ Date() }, in: workspace.configuration.city.timeZone)
      let report: StoredReport
      do {
        report = try workspace.store.decideReport(
          id: id, decision, day: day, actor: Actor.current, at: Date(), calendar: thresholds.calendar,
          returnedWorkingDays: thresholds.ladder.returnedWorkingDays)
      } catch let refusal as ReportReview.Refusal {
        throw CommandFailure("report \(id): \(refusal)")
      }
      switch report.state {
      case .accepted: print("report \(id) accepted: notice \(report.noticeID) \(report.noticeNumber ?? "") is 办结")
      case .returned: print("report \(id) returned: due again \(report.resubmitDue?.description ?? "")")
      case .submitted: print("report \(id) submitted")
      }
    }
  }
}

extension ReportReview.State: ExpressibleByArgument {}
