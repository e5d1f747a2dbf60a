import Foundation
import YujingCore

/// Where the ingest time goes: parsing and checking the rows, and writing them.
struct IngestPhases {
  static func run(directory: URL, configuration: Configuration) throws {
    let csv = directory.appendingPathComponent("observations.csv")
    let data = try FeedSource.readLocal(csv.path)
    let catalogue = FeedCatalogue(configuration: configuration)
    var batch = IndicatorBatch()
    let parse = try measure(repeat: 1) {
      batch = try IndicatorParsing.parseForBenchmark(data, catalogue: catalogue)
    }
    print("  parse and check: \(String(format: "%.2f", parse)) s (\(batch.observations.count) rows)")
    let database = directory.appendingPathComponent("phases.sqlite").path
    try? FileManager.default.removeItem(atPath: database)
    let workspace = try Workspace.open(configuration: configuration, databasePath: database, now: Date())
    let write = try measure(repeat: 1) {
      _ = try workspace.store.recordIndicatorRun(
        FeedRunInfo(
          feed: "stats", kind: "indicators", source: "x", format: "csv", startedAt: Date(), finishedAt: Date()),
        batch: batch)
    }
    print("  write: \(String(format: "%.2f", write)) s")
  }
}
