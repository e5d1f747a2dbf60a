import ArgumentParser
import Foundation
import YujingCore

/// `yujing report`: the dispatch summary (经济运行调度通报) of a period
/// (docs/documents.md#the-dispatch-summary, docs/operate.md#commands).
struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the dispatch summary (经济运行调度通报) of a period.",
    discussion: """
      The summary states every indicator of the period for the city and each county (value, growth,
      target, gap, 位次 and its movement, level), the 红黑榜, the lagging projects and the notices issued,
      with charts. Until it is issued (--issue) it is marked as a draft; once issued it carries its 文号.
      """)

  @OptionGroup var global: GlobalOptions
  @Option(help: "The period, YYYY-MM (default: the latest evaluated one).") var period: String?
  @Option(help: "Output: html, docx, xlsx (the tables, one sheet each), md or text.") var format: DocumentFormat = .html
  @Option(help: "The file to write (default: standard output, for text formats).") var out: String?
  @Flag(help: "Issue the summary: number it (宜经调通报〔YEAR〕N号) with the 成文日期 of --date.") var issue = false
  @Option(help: "With --issue: the 成文日期, YYYY-MM-DD (default: today).") var date: String?

  func run() throws {
    let workspace = try global.openWorkspace()
    let configuration = workspace.configuration
    let today = Day.today({ Date() }, in: configuration.city.timeZone)
    let period = try ReportPeriod.resolve(period, store: workspace.store)
    if format.isBinary && out == nil {
      throw CommandFailure("\(format.rawValue) is a binary format: give --out FILE")
    }
    let thresholds = try Thresholds.load(configuration: configuration)
    let report = SummaryReport(workspace: workspace, thresholds: thresholds)
    if issue {
      let day = try date.map(ParsedDay.parse) ?? today
      do {
        let notice = try report.issue(period: period, date: day, actor: Actor.current, at: Date())
        Console.error(
          "issued the summary of \(period): \(notice.number ?? "")，成文日期 \(day.chinese) (notice \(notice.id))")
      } catch let refusal as NoticeRefusal {
        // The summary is not yet a notice: only `alreadyIssued` can refuse it, and it names its own.
        throw CommandFailure(RefusalWords.say(refusal, notice: 0))
      }
    } else if date != nil {
      throw CommandFailure("--date is the 成文日期 of an issue: use it with --issue")
    }
    let document: OfficialDocument
    do {
      document = try report.document(period: period, asOf: today)
    } catch let error as SummaryGathering.NoData {
      throw CommandFailure(error.description)
    }
    try DocumentOutput.write(document, format: format, to: out)
  }
}

enum ReportPeriod {
  static func resolve(_ text: String?, store: Store) throws -> Period {
    if let text {
      guard let period = Period(text) else { throw CommandFailure("--period '\(text)' is not YYYY-MM") }
      return period
    }
    guard let latest = try store.evaluatedPeriods().last else {
      throw CommandFailure("no period has been evaluated yet: give --period YYYY-MM, or run yujing evaluate first")
    }
    return latest
  }
}

/// Writes a rendered document to a file (in one step) or to standard output.
enum DocumentOutput {
  static func write(_ document: OfficialDocument, format: DocumentFormat, to path: String?) throws {
    let data = try DocumentExport.data(document, format: format)
    guard let path else {
      FileHandle.standardOutput.write(data)
      return
    }
    do {
      try DocumentExport.write(data, to: path)
    } catch {
      throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
    }
    Console.error("wrote \(path) (\(format.rawValue), \(data.count) bytes)")
  }
}

extension DocumentFormat: ExpressibleByArgument {}
