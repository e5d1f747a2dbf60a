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
    print("yujing demo: 宜春 sample (invented figures, for demonstration only)")
    print("directory: \(directory)")
    let workspace = try Workspace.open(
      configuration: try Configuration.embeddedDefault(), databasePath: "\(directory)/yujing.sqlite", now: Date())
    let replay = SampleReplay(workspace: workspace)
    let baseline = try replay.loadBaseline()
    print("targets: \(baseline.targets.imported) sample target(s) added, \(baseline.targets.replaced) replaced")
    print("history 2017–2019: \(baseline.history.accepted) figures (run \(baseline.history.id))")
    print("")
    print("2020, month by month (file, arrival, result):")
    for arrival in try SampleReplay.arrivals() {
      let run = try replay.ingest(arrival)
      let counts = "new \(run.inserted), revised \(run.revised), rejected \(run.rejected)"
      print(
        "  \(arrival.period) \(arrival.feed.padding(toLength: 9, withPad: " ", startingAt: 0)) \(arrival.day)  \(run.status.rawValue)  \(counts)"
      )
      for rejection in run.rejections.prefix(3) { print("      rejected \(rejection)") }
    }
    print("")
    print("database: \(directory)/yujing.sqlite (\(try workspace.store.observationCount()) figures)")
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
