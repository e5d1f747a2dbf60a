import ArgumentParser
import Foundation
import YujingCore

/// 申诉 from the shell (docs/review.md): list the appeals, file one for an addressee, and the
/// office's grant or denial. A grant sets the subjects' findings of that period aside and
/// evaluates the period again, which drafts the withdrawal or correction to review.
struct Appeals: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "申诉: appeals of notices by their addressees, and the office's decisions.",
    subcommands: [List.self, File.self, Grant.self, Deny.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The appeals, newest first.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only those in this state: pending, granted or denied.") var state: AppealReview.State?
    @Option(help: "Output: text or json.") var format: OutputFormat = .text

    func run() throws {
      let workspace = try global.openWorkspace()
      let appeals = try workspace.store.appeals(state: state)
      switch format {
      case .json: print(DecisionJSON.list(appeals, DecisionJSON.appeal))
      case .text:
        if appeals.isEmpty { print("no appeal") }
        for appeal in appeals {
          print(
            "appeal \(appeal.id)\tnotice \(appeal.noticeID) \(appeal.noticeNumber ?? "")\t\(appeal.addressee)\t"
              + "\(appeal.subjects.map(\.notation).joined(separator: ", "))\t\(appeal.state.rawValue)\t\(appeal.reason)"
              + (appeal.decisionReason.map { " — \($0)" } ?? ""))
        }
      }
    }
  }

  struct File: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "File an appeal for a notice's addressee (departments appeal in the web UI).",
      discussion: """
        Within appeal.working_days (escalation.yaml, default 3) working days of the notice's 成文日期. Subjects as rule \
        tests write them: industry_va@360981, "project P2020-017". While the appeal is pending, its subjects do not \
        escalate for that notice.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice appealed.") var notice: Int64
    @Option(name: .customLong("subject"), help: "A subject of the notice (repeat for more).") var subjects: [String]
    @Option(help: "Why: a revised figure, an exemption that applies.") var reason: String
    @Option(name: .customLong("as-of"), help: "The day it was filed (default: today).") var asOf: String?
    @Option(help: "A file to attach (the statistics bureau's revised table).") var file: String?

    func run() throws {
      let attachment = try file.map { path -> (fileName: String, data: Data) in
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
          throw CommandFailure("--file \(path): no such file, or it cannot be read")
        }
        return (url.lastPathComponent, data)
      }
      let workspace = try global.openWorkspace()
      let thresholds = try Thresholds.load(configuration: workspace.configuration)
      let day = try asOf.map(ParsedDay.parse) ?? Day.today({ Date() }, in: workspace.configuration.city.timeZone)
      let parsed = try subjects.map { text -> Subject in
        if text.hasPrefix("project ") { return .project(String(text.dropFirst("project ".count))) }
        guard let subject = Subject(kind: "indicator", key: text) else {
          throw CommandFailure("--subject '\(text)' is neither indicator@region nor \"project CODE\"")
        }
        return subject
      }
      do {
        let appeal = try workspace.store.fileAppeal(
          noticeID: notice, subjects: parsed, reason: reason, attachment: attachment, day: day, actor: Actor.current,
          at: Date(),
          calendar: thresholds.calendar, workingDays: thresholds.ladder.appealWorkingDays)
        print(
          "filed appeal \(appeal.id) of notice \(notice): \(appeal.subjects.map(\.notation).joined(separator: ", "))")
      } catch let refusal as AppealReview.Refusal {
        throw CommandFailure("notice \(notice): \(refusal)")
      } catch let refusal as NoticeRefusal {
        throw CommandFailure(RefusalWords.say(refusal, notice: notice))
      }
    }
  }

  struct Grant: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Grant an appeal: its subjects are set aside for the notice's period and the period is evaluated again."
    )
    @OptionGroup var decision: DecisionOptions
    @Option(help: "Why it is granted (kept with the exemption and in the audit log).") var reason: String
    func run() throws { try decision.apply(.grant(reason: reason)) }
  }

  struct Deny: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Deny an appeal, with the reason.")
    @OptionGroup var decision: DecisionOptions
    @Option(help: "Why it is denied.") var reason: String
    func run() throws { try decision.apply(.deny(reason: reason)) }
  }

  struct DecisionOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The appeal's id (appeals list).") var id: Int64

    func apply(_ decision: AppealReview.Decision) throws {
      let workspace = try global.openWorkspace()
      let thresholds = try Thresholds.load(configuration: workspace.configuration)
      let outcome: AppealDecision.Outcome
      do {
        outcome = try AppealDecision(workspace: workspace, thresholds: thresholds, clock: { Date() })
          .decide(id, decision, actor: Actor.current)
      } catch let refusal as AppealReview.Refusal {
        throw CommandFailure("appeal \(id): \(refusal)")
      }
      print("appeal \(id): \(outcome.appeal.state.rawValue)")
      for notice in outcome.notices.corrections { print("drafted correction or withdrawal: notice \(notice)") }
      for notice in outcome.notices.drafted { print("drafted notice \(notice)") }
    }
  }
}

extension AppealReview.State: ExpressibleByArgument {}
