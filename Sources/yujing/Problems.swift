import ArgumentParser
import Foundation
import YujingCore

/// The 督办台账 from the shell (docs/ledger.md): import the ledger, list it with each problem's
/// light on a day, and take the office's and the units' steps.
struct Problems: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The 督办台账: problems tracked from 交办 to 销号, with their lights.",
    subcommands: [
      Import.self, List.self, Show.self, Report.self, Progress.self, RequestClose.self, Close.self, Return.self,
    ])

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import problems (code,title,description,source,unit,co_units,leader,level,assigned,due,state).",
      discussion: """
        A CSV (UTF-8, or --encoding gb18030) or an .xlsx workbook whose first sheet has the same columns. Good rows \
        are kept and each bad one is listed with its line (or cell) and reason; importing the same file twice \
        changes nothing; a changed row replaces the problem and keeps its earlier values in its history. `due` \
        is a date or a number of working days after `assigned`; an empty `state` is 交办 for a new problem and \
        keeps a known problem's state.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ledger file (.csv or .xlsx), or - for a CSV on standard input.") var file: String
    @Option(help: "A CSV's character encoding: utf-8 (the default) or gb18030.") var encoding: TextEncoding = .utf8

    func run() throws {
      let workspace = try global.openWorkspace(creating: true)
      let thresholds = try Thresholds.load(configuration: workspace.configuration)
      let input = try Ingest.read(file)
      let isWorkbook = file.lowercased().hasSuffix(".xlsx") || input.data.starts(with: [0x50, 0x4B, 0x03, 0x04])
      let batch: ProblemCSV.Batch
      do {
        batch = try ProblemFile.read(
          input.data, isWorkbook: isWorkbook, encoding: encoding,
          units: ProblemCSV.Units(configuration: workspace.configuration), calendar: thresholds.calendar)
      } catch {
        throw CommandFailure("\(file): \(error); nothing was imported")
      }
      let today = Day.today({ Date() }, in: workspace.configuration.city.timeZone)
      let summary = try workspace.store.importProblems(batch, day: today, actor: Actor.current, at: Date())
      print(
        "imported \(summary.added.count) new problem(s), revised \(summary.revised.count), "
          + "unchanged \(summary.unchanged), rejected \(summary.rejections.count)")
      for note in summary.notes { print("note: \(note)") }
      for rejection in summary.rejections { print("  \(file): \(rejection)") }
      if summary.added.isEmpty && summary.revised.isEmpty && summary.unchanged == 0 && !summary.rejections.isEmpty {
        throw ExitCode.failure
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Each problem with its state, its deadline and its light on a day.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("as-of"), help: "The day the lights are judged, YYYY-MM-DD (default: today).")
    var asOf: String?
    @Option(help: "table or json.") var format: ReportFormat = .table
    @Option(help: "Only the problems of this 主办 unit.") var unit: String?

    func run() throws {
      let (workspace, thresholds, day) = try Problems.open(global, asOf: asOf)
      var standings = try workspace.store.problemStandings()
      if let unit { standings = standings.filter { $0.problem.unit == unit } }
      let lights = try ProblemLights.judge(
        standings, on: day, ruleSet: thresholds.ruleSet, calendar: thresholds.calendar)
      switch format {
      case .json:
        print("[" + zip(standings, lights).map { LedgerJSON.problem($0, $1) }.joined(separator: ",\n ") + "]")
      case .table:
        print("督办台账 as of \(day): \(standings.count) problem(s)")
        for (standing, light) in zip(standings, lights) {
          let problem = standing.problem
          print(
            "\(problem.code)\t\(LedgerText.light(light.level))\t\(problem.state.rawValue)\t\(problem.level.chinese)\t"
              + "\(problem.unit)\t\(problem.due)\t\(LedgerText.deadline(light, state: problem.state))\t\(problem.title)"
          )
        }
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "One problem: its fields, its light and its history.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The problem's code.") var code: String
    @Option(name: .customLong("as-of"), help: "The day the light is judged (default: today).") var asOf: String?

    func run() throws {
      let (workspace, thresholds, day) = try Problems.open(global, asOf: asOf)
      guard let standing = try workspace.store.problemStanding(code: code) else {
        throw CommandFailure(UnknownProblem(code: code).description)
      }
      let lights = try ProblemLights.judge(
        [standing], on: day, ruleSet: thresholds.ruleSet, calendar: thresholds.calendar)
      let light = lights[0]
      let problem = standing.problem
      print("\(problem.code) \(problem.title)")
      if !problem.description.isEmpty { print("  \(problem.description)") }
      print("  state \(problem.state.rawValue), \(problem.level.chinese)协调, 主办 \(problem.unit)")
      if !problem.coUnits.isEmpty { print("  协办 \(problem.coUnits.joined(separator: "、"))") }
      if !problem.leader.isEmpty { print("  包抓领导 \(problem.leader)") }
      if !problem.source.isEmpty { print("  source \(problem.source)") }
      print("  assigned \(problem.assigned), due \(problem.due); returned \(standing.returns) time(s)")
      print(
        "  light on \(day): \(LedgerText.light(light.level)) (\(LedgerText.deadline(light, state: problem.state)))"
          + (light.rules.isEmpty ? "" : ", by \(light.rules.map(\.rule).joined(separator: ", "))"))
      for event in try workspace.store.problemEvents(code: code) {
        let text = [event.text, event.detail].compactMap { $0 }.joined(separator: " — ")
        print("  \(event.day) \(event.action) by \(event.actor)" + (text.isEmpty ? "" : ": \(text)"))
      }
    }
  }

  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the ledger on its own: the counts and rates, the lit problems, every problem.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("as-of"), help: "The day the ledger is counted (default: today).") var asOf: String?
    @Option(help: "Output: html, docx, xlsx (the tables), md or text.") var format: DocumentFormat = .html
    @Option(help: "The file to write (default: standard output, for text formats).") var out: String?

    func run() throws {
      if format.isBinary && out == nil {
        throw CommandFailure("\(format.rawValue) is a binary format: give --out FILE")
      }
      let (workspace, thresholds, day) = try Problems.open(global, asOf: asOf)
      guard let ledger = try SummaryGathering(workspace: workspace, thresholds: thresholds).ledger(on: day) else {
        throw CommandFailure("the ledger is empty: import it first (yujing problems import FILE)")
      }
      try DocumentOutput.write(
        LedgerReport.document(ledger, configuration: workspace.configuration), format: format, to: out)
    }
  }

  struct Progress: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record a unit's progress report (进展情况), as the unit would in the web UI.")
    @OptionGroup var step: Step
    @Option(help: "The report.") var text: String
    func run() throws { try step.apply(.progress(text: text)) }
  }

  struct RequestClose: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "request-close", abstract: "Record a unit's request to close the problem (申请办结).")
    @OptionGroup var step: Step
    @Option(help: "What was done.") var text: String
    func run() throws { try step.apply(.requestClose(text: text)) }
  }

  struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The office accepts the problem as done and strikes it off (销号).")
    @OptionGroup var step: Step
    @Option(help: "The office's comment.") var comment: String?
    func run() throws { try step.apply(.close(comment: comment)) }
  }

  struct Return: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The office sends a request to close back (退回), with a reason and a new deadline.",
      discussion: "Without --due the new deadline is the third working day after the return.")
    @OptionGroup var step: Step
    @Option(help: "Why it is sent back.") var reason: String
    @Option(help: "The new deadline, YYYY-MM-DD.") var due: String?
    func run() throws { try step.apply(.sendBack(reason: reason, due: try due.map(ParsedDay.parse))) }
  }

  /// What every step takes: the database, the problem, and the day it happened.
  struct Step: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The problem's code.") var code: String
    @Option(name: .customLong("as-of"), help: "The day of the step, YYYY-MM-DD (default: today).") var asOf: String?

    func apply(_ action: ProblemLifecycle.Action) throws {
      let (workspace, thresholds, day) = try Problems.open(global, asOf: asOf)
      let change: ProblemLifecycle.Change
      do {
        change = try workspace.store.applyProblemAction(
          action, code: code, day: day, actor: Actor.current, at: Date(), calendar: thresholds.calendar)
      } catch let refusal as ProblemLifecycle.Refusal {
        throw CommandFailure("problem \(code): \(refusal)")
      } catch let unknown as UnknownProblem {
        throw CommandFailure(unknown.description)
      }
      print("problem \(code): \(change.state.rawValue), due \(change.due)")
    }
  }

  static func open(_ global: GlobalOptions, asOf: String?) throws -> (Workspace, Thresholds, Day) {
    let workspace = try global.openWorkspace()
    let thresholds = try Thresholds.load(configuration: workspace.configuration)
    let day = try asOf.map(ParsedDay.parse) ?? Day.today({ Date() }, in: workspace.configuration.city.timeZone)
    for warning in thresholds.missingCalendarYears([day.year]) { Console.error("warning: \(warning)") }
    return (workspace, thresholds, day)
  }
}

/// The ledger's words for the terminal.
enum LedgerText {
  static func light(_ level: Level) -> String {
    switch level {
    case .none: "none"
    case .blue: "blue"
    case .yellow: "yellow"
    case .orange: "orange"
    case .red: "red"
    }
  }

  static func deadline(_ light: ProblemLight, state: ProblemState) -> String {
    guard state.isOpen else { return "closed" }
    if light.workingDaysOverdue > 0 { return "\(light.workingDaysOverdue) working day(s) overdue" }
    return "\(light.workingDaysLeft ?? 0) working day(s) left"
  }
}

/// The ledger as JSON, one object per problem, in the order of the list.
