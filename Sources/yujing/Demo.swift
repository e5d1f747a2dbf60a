import ArgumentParser
import Foundation
import YujingCore

struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the embedded 宜春 sample (invented data) end to end in a fresh directory.")

  @Option(
    name: .long, help: "The directory for the demo's database and files (default: a new ./yujing-demo-… directory).")
  var dir: String?

  @Flag(name: .long, help: "Do not serve the UI afterwards; print a summary and exit.")
  var once = false

  func run() throws {
    let directory = try DemoDirectory.create(dir)
    let root = URL(fileURLWithPath: directory)
    print("yujing demo: 宜春 sample (invented figures, for demonstration only)")
    print("directory: \(directory)")
    let configuration = try Configuration.embeddedDefault()
    let workspace = try Workspace.open(
      configuration: configuration, databasePath: "\(directory)/yujing.sqlite", now: Date())
    let replay = SampleReplay(workspace: workspace)
    let baseline = try replay.loadBaseline()
    print("targets: \(baseline.targets.imported) sample target(s) added, \(baseline.targets.replaced) replaced")
    print("history 2017–2019: \(baseline.history.accepted) figures (run \(baseline.history.id))")

    let thresholdsDirectory = root.appendingPathComponent("thresholds")
    try SampleReplay.writeThresholds(into: thresholdsDirectory)
    let thresholds = try Thresholds.load(configuration: configuration, directory: thresholdsDirectory)
    print("rules: \(thresholdsDirectory.path) — the default rule set and the sample's epidemic rules (2020-02…06)")
    print("")
    print("2020 day by day: each month's files are ingested on the day they arrived, then the month is evaluated")
    var lastEvaluation: [Period: (day: Day, findings: [Finding])] = [:]
    for arrival in try SampleReplay.arrivals() {
      let run = try replay.ingest(arrival)
      let moment = replay.instant(of: arrival.day)
      let evaluation = PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: { moment })
      let outcome = try evaluation.run(period: arrival.period, asOf: arrival.day, dryRun: false)
      lastEvaluation[arrival.period] = (arrival.day, outcome.findings)
      let feed = arrival.feed.padding(toLength: 8, withPad: " ", startingAt: 0)
      print(
        "  \(arrival.day)  \(arrival.period) \(feed) \(run.status.rawValue), \(run.inserted) new, \(run.revised) revised, \(run.rejected) rejected"
          + " → \(outcome.findings.count) finding(s)")
    }
    print("")
    print("findings by level, as of the last evaluation of each month:")
    print("  period   red orange yellow blue  as of")
    for (period, entry) in lastEvaluation.sorted(by: { $0.key < $1.key }) {
      let counts = [Level.red, .orange, .yellow, .blue].map { level in entry.findings.filter { $0.level == level }.count
      }
      print(
        "  \(period)  \(pad(counts[0], 3)) \(pad(counts[1], 6)) \(pad(counts[2], 6)) \(pad(counts[3], 4))  \(entry.day)"
      )
    }
    try compareWithoutEpidemicRules(workspace: workspace, lastEvaluation: lastEvaluation)
    print("")
    print("database: \(directory)/yujing.sqlite (\(try workspace.store.observationCount()) figures)")
    print(
      "look at a month: yujing evaluate --db \(directory)/yujing.sqlite --period 2020-10 --as-of 2020-11-12 --dry-run")
  }

  /// What the office would have faced in the epidemic months with the default rules alone.
  private func compareWithoutEpidemicRules(
    workspace: Workspace, lastEvaluation: [Period: (day: Day, findings: [Finding])]
  ) throws {
    let defaults = try Thresholds.load(configuration: workspace.configuration)
    let plain = PeriodEvaluation(workspace: workspace, thresholds: defaults, clock: { Date() })
    print("")
    print("why the epidemic rules: red findings on indicators, Feb–Jun 2020, default rules alone vs with them")
    for month in 2...6 {
      let period = Period(year: 2020, month: month)!
      guard let entry = lastEvaluation[period] else { continue }
      let without = try plain.run(period: period, asOf: entry.day, dryRun: true).findings
      func reds(_ findings: [Finding]) -> (count: Int, regions: Int) {
        let red = findings.filter { $0.level == .red }.compactMap { finding -> String? in
          guard case .indicator(_, let region) = finding.subject else { return nil }
          return region
        }
        return (red.count, Set(red).count)
      }
      let (a, b) = (reds(without), reds(entry.findings))
      print(
        "  \(period): \(a.count) red in \(a.regions) regions without them; \(b.count) red in \(b.regions) with them")
    }
  }

  private func pad(_ number: Int, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - String(number).count)) + String(number)
  }
}

enum DemoDirectory {
  /// The directory the demo works in: the one given (created if needed), or a new one here.
  static func create(_ requested: String?) throws -> String {
    let fileManager = FileManager.default
    if let requested {
      try fileManager.createDirectory(atPath: requested, withIntermediateDirectories: true)
      if fileManager.fileExists(atPath: "\(requested)/yujing.sqlite") {
        throw CommandFailure("\(requested) already holds a demo database; choose an empty directory")
      }
      return requested
    }
    let stamp = Date().formatted(.iso8601.year().month().day().dateSeparator(.omitted))
    var candidate = "yujing-demo-\(stamp)"
    var suffix = 2
    while fileManager.fileExists(atPath: candidate) {
      candidate = "yujing-demo-\(stamp)-\(suffix)"
      suffix += 1
    }
    try fileManager.createDirectory(atPath: candidate, withIntermediateDirectories: true)
    return candidate
  }
}
