import ArgumentParser
import Foundation
import YujingCore

struct Forecast: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "预协调: how far the projection of the year end can be trusted.",
    subcommands: [ForecastBacktestCommand.self])
}

struct ForecastBacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Replay each past year month by month and compare each month's projection with the year end.",
    discussion: """
      Each year is projected only from the years before it, as a live run would have been. Per month and
      method: the mean absolute error in points of the projected against the actual year-end growth, and,
      where the year had a growth target, the misses (year end below target) the projection foresaw
      (projected more than 0.5 points below target, as the precoordination rule warns) and its false alarms.
      """)

  @OptionGroup var global: GlobalOptions

  @Option(name: .long, help: "Only this indicator (code).")
  var indicator: String?

  @Option(name: .long, help: "Only this region (code).")
  var region: String?

  @Option(name: .long, help: "Output: table or json.")
  var format: ReportFormat = .table

  func run() throws {
    let workspace = try global.openWorkspace()
    if let indicator, workspace.configuration.indicator(indicator) == nil {
      throw CommandFailure("--indicator '\(indicator)' is not an indicator of the configuration")
    }
    if let region, workspace.configuration.region(region) == nil {
      throw CommandFailure("--region '\(region)' is not a region of the configuration")
    }
    let report = try ForecastBacktest(workspace: workspace).run(indicator: indicator, region: region)
    switch format {
    case .json: print(BacktestText.json(report))
    case .table: print(BacktestText.table(report), terminator: "")
    }
  }
}

/// The backtest for people and for scripts.
enum BacktestText {
  static func json(_ report: ForecastBacktest.Report) -> String {
    func score(_ score: Backtest.Score) -> String {
      "{\"mean_absolute_error\": \(score.meanAbsoluteError.formatted(minimumDecimals: 2)), "
        + "\"foreseen\": \(score.foreseen), \"false_alarms\": \(score.falseAlarms)}"
    }
    let rows = report.rows.map { row in
      "{\"month\": \(row.month), \"method\": \"\(row.strategy.name)\", \"projections\": \(row.projections), "
        + "\"misses\": \(row.misses), \"projection\": \(score(row.score)), \"naive\": \(score(row.naive))}"
    }
    return "{\"subjects\": \(report.subjects), \"years\": [\(report.years.map(String.init).joined(separator: ", "))], "
      + "\"rows\": [" + rows.joined(separator: ", ") + "]}"
  }

  static func table(_ report: ForecastBacktest.Report) -> String {
    let years = report.years.map(String.init).joined(separator: ", ")
    guard !report.rows.isEmpty else {
      return "no projection could be replayed: a year needs two earlier years with a year-end figure "
        + "(\(report.subjects) subject(s), years with a year end: \(years))\n"
    }
    var out = "                                  mean abs. error   misses foreseen    false alarms\n"
    out += "month  method          projected  method  naive  misses  method  naive  method  naive\n"
    for row in report.rows {
      let cells = [
        pad(String(format: "%02d", row.month), 5), row.strategy.name.padding(toLength: 14, withPad: " ", startingAt: 0),
        pad(String(row.projections), 9), pad(row.score.meanAbsoluteError.formatted(minimumDecimals: 2), 6),
        pad(row.naive.meanAbsoluteError.formatted(minimumDecimals: 2), 5), pad(String(row.misses), 6),
        pad(String(row.score.foreseen), 6), pad(String(row.naive.foreseen), 5), pad(String(row.score.falseAlarms), 6),
        pad(String(row.naive.falseAlarms), 5),
      ]
      out += cells.joined(separator: "  ") + "\n"
    }
    out +=
      "\(report.subjects) subject(s); years with a year end: \(years). Each year is projected from the (at most "
      + "\(Projector.maximumYears)) years before it; the naive baseline (year end = today's growth) is scored on the "
      + "same subject-years. Errors in points; a miss is foreseen when projected more than 0.5 below target.\n"
    return out
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }
}
