import Foundation
import YujingCore

/// Ingest a 1,000,000-row canonical CSV in at most 1.5 × the time of `sqlite3 .import`
/// of the same file into an equivalent table (the same columns, the same unique key, WAL).
struct IngestBenchmark {
  let rows: Int
  let repetitions: Int
  let directory: URL
  let phases: Bool

  init(arguments: Arguments) throws {
    rows = arguments.integer("rows", default: 1_000_000)
    repetitions = arguments.integer("repeat", default: 3)
    phases = arguments.options["phases"] != nil
    directory = URL(fileURLWithPath: arguments.options["keep"] ?? NSTemporaryDirectory())
      .appendingPathComponent("yujing-bench-ingest")
    try? FileManager.default.removeItem(at: directory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func run() throws -> [BenchmarkResult] {
    guard let sqlite3 = which("sqlite3") else {
      throw BenchmarkFailure("the ingest baseline needs the sqlite3 command (apt-get install sqlite3)")
    }
    print("ingest: generating \(rows) rows …")
    let csv = directory.appendingPathComponent("observations.csv")
    try NationalDataset.indicatorCSV(rows: rows).write(to: csv, atomically: true, encoding: .utf8)
    let configurationFile = directory.appendingPathComponent("yujing.yaml")
    try NationalDataset.configurationYAML().write(to: configurationFile, atomically: true, encoding: .utf8)
    let configuration = try ConfigurationDecoder.load(path: configurationFile.path)
    let size = (try FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? Int ?? 0) / 1_048_576
    print("ingest: \(size) MB; timing yujing and sqlite3 .import, median of \(repetitions) …")

    if phases {
      try IngestPhases.run(directory: directory, configuration: configuration)
    }
    let database = directory.appendingPathComponent("yujing.sqlite").path
    var summary: FeedRunSummary?
    let yujing = try measure(
      repeat: repetitions, prepare: { try removeDatabase(database) },
      body: {
        let workspace = try Workspace.open(configuration: configuration, databasePath: database, now: Date())
        let data = try FeedSource.readLocal(csv.path)
        summary = try Ingestion(workspace: workspace, clock: { Date() }).run(
          feed: "stats", input: .init(source: csv.path, data: data))
      })
    guard let summary, summary.inserted == rows, summary.rejected == 0 else {
      throw BenchmarkFailure("the ingest did not take every row: \(String(describing: summary))")
    }

    let baselineDatabase = directory.appendingPathComponent("baseline.sqlite").path
    let schema = """
      PRAGMA journal_mode=WAL;
      CREATE TABLE observation (
        period TEXT NOT NULL, region TEXT NOT NULL, indicator TEXT NOT NULL, value REAL, growth REAL,
        PRIMARY KEY (period, region, indicator)) WITHOUT ROWID;
      """
    let baseline = try measure(
      repeat: repetitions,
      prepare: {
        try removeDatabase(baselineDatabase)
        try shell(sqlite3, [baselineDatabase], input: schema)
      },
      body: { try shell(sqlite3, [baselineDatabase, ".import --csv --skip 1 \(csv.path) observation"]) })
    let count = try shell(sqlite3, [baselineDatabase, "SELECT count(*) FROM observation"])
    guard Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) == rows else {
      throw BenchmarkFailure("sqlite3 .import took \(count) rows, not \(rows)")
    }
    let ratio = yujing / baseline
    return [
      BenchmarkResult(
        name: "ingest \(rows) rows (CSV)", measured: String(format: "%.2f s", yujing),
        baseline: String(format: "%.2f s sqlite3 .import", baseline), ratio: ratio, target: "≤ 1.5×",
        met: ratio <= 1.5)
    ]
  }

  private func removeDatabase(_ path: String) throws {
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
      try FileManager.default.removeItem(atPath: path + suffix)
    }
  }
}
