import ArgumentParser
import Foundation
import YujingCore

struct Forecast: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "预协调 (DESIGN §5.5): how far the projection of the year end can be trusted.",
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
    let rows = report.rows.map { row in
      "{\"month\": \(row.month), \"method\": \"\(row.method.rawValue)\", \"projections\": \(row.projections), "
        + "\"mean_absolute_error\": \(row.meanAbsoluteError.formatted(minimumDecimals: 2)), \"misses\": \(row.misses), "
        + "\"foreseen\": \(row.foreseen), \"false_alarms\": \(row.falseAlarms)}"
    }
    return "{\"subjects\": \(report.subjects), \"years\": [\(report.years.map(String.init).joined(separator: ", "))], "
      + "\"rows\": [" + rows.joined(separator: ", ") + "]}"
  }

  static func table(_ report: ForecastBacktest.Report) -> String {
    guard !report.rows.isEmpty else {
      return "no projection could be replayed: a year needs two earlier years with a year-end figure "
        + "(\(report.subjects) subject(s), years with a year end: \(report.years.map(String.init).joined(separator: ", ")))\n"
    }
    var out = "month  method          projections    MAE  misses  foreseen  false alarms\n"
    for row in report.rows {
      let foreseen =
        row.misses == 0 ? "—" : "\(row.foreseen)/\(row.misses) \(percent(row.foreseen, of: row.misses))"
      out +=
        pad(String(format: "%02d", row.month), 5) + "  "
        + row.method.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
        + "  " + pad(String(row.projections), 11) + "  " + pad(row.meanAbsoluteError.formatted(minimumDecimals: 2), 5)
        + "  " + pad(String(row.misses), 6) + "  " + pad(foreseen, 8) + "  " + pad(String(row.falseAlarms), 12) + "\n"
    }
    out +=
      "\(report.subjects) subject(s); years with a year end: \(report.years.map(String.init).joined(separator: ", ")); "
      + "each year projected from the (at most \(Projector.maximumYears)) years before it; MAE in points\n"
    return out
  }

  private static func percent(_ part: Int, of whole: Int) -> String {
    "(\(Int((Double(part) / Double(whole) * 100).rounded()))%)"
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }
}
