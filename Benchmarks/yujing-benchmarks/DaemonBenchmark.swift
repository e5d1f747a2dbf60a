import Foundation
import YujingCore

/// The idle daemon (Benchmarks/README.md#the-targets): `yujing serve` (release build) on a
/// 1,000,000-observation database is READY ≤ 300 ms after its start and, idle, resident in at most
/// the bare framework floor + 8 MB — the floor being `yujing-bare-server` (GRDB + Hummingbird +
/// URLSession, nothing of yujing), started and measured the same way in the same run.
struct DaemonBenchmark {
  let rows: Int
  let repetitions: Int
  let idle: Double
  let directory: URL
  let binaries: URL
  let phases: Bool

  init(arguments: Arguments) throws {
    rows = arguments.integer("rows", default: 1_000_000)
    repetitions = arguments.integer("repeat", default: 5)
    idle = Double(arguments.integer("idle", default: 3))
    phases = arguments.options["phases"] != nil
    directory = try scratchDirectory("yujing-bench-daemon", arguments: arguments)
    // The daemons are the release binaries built beside this one (swift build -c release).
    binaries = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
      .resolvingSymlinksInPath().deletingLastPathComponent()
  }

  /// One way of starting a daemon; each is started `repetitions` times, in turn with the others,
  /// so that the machine's other work falls on all of them alike.
  struct Variant {
    var name: String
    var executable: URL
    var arguments: [String]
    var samples: [DaemonSample] = []

    func median<T: Comparable>(_ value: (DaemonSample) -> T) -> T { samples.map(value).sorted()[samples.count / 2] }
  }

  func run() throws -> [BenchmarkResult] {
    let yujing = binaries.appendingPathComponent("yujing")
    let bare = binaries.appendingPathComponent("yujing-bare-server")
    for binary in [yujing, bare] where !FileManager.default.isExecutableFile(atPath: binary.path) {
      throw BenchmarkFailure("\(binary.path) is missing: build it first (swift build -c release)")
    }
    let (database, configuration) = try makeDatabase()
    if phases {
      print("daemon: the steps before the server binds, in this process:")
      try DaemonPhases.run(configurationFile: configuration, database: database, repetitions: repetitions)
    }
    let listen = ["--listen", "127.0.0.1:0"]
    var variants = [
      // The office's case: the configuration that matches the database (3,000 regions to keep in step).
      Variant(
        name: "yujing serve --config (national)", executable: yujing,
        arguments: ["serve", "--config", configuration.path, "--db", database.path] + listen),
      // The embedded 宜春 configuration on the same file: its catalogue is upserted beside the
      // national one (nothing is deleted or refused), so it starts against the same 1M rows.
      Variant(
        name: "yujing serve (embedded)", executable: yujing, arguments: ["serve", "--db", database.path] + listen),
      Variant(name: "bare server (floor)", executable: bare, arguments: ["--db", database.path] + listen),
    ]
    print("daemon: \(repetitions) starts of each, idling \(Int(idle)) s before reading /proc/PID/status …")
    // One start of each first, not counted: it writes what a first start writes (catalogue rows,
    // the day's check) so that the counted ones measure the steady restart.
    for round in 0...repetitions {
      for index in variants.indices {
        let log = directory.appendingPathComponent("\(index)-\(round).log")
        let sample = try DaemonSample.take(
          executable: variants[index].executable, arguments: variants[index].arguments, idle: idle, log: log)
        print(
          String(
            format:
              "  %@ %@: READY %.0f ms (CPU %.0f ms), RSS %.1f MB (anon %.1f, file %.1f), HWM %.1f MB, SIGTERM→exit %.0f ms",
            round == 0 ? "warm-up" : "run \(round)", variants[index].name, sample.ready * 1000, sample.readyCPU * 1000,
            megabytes(sample.status.rss), megabytes(sample.status.anonymous), megabytes(sample.status.file),
            megabytes(sample.status.highWater), sample.stop * 1000))
        if round > 0 { variants[index].samples.append(sample) }
      }
    }
    return results(variants)
  }

  private func results(_ variants: [Variant]) -> [BenchmarkResult] {
    let floor = variants.last!
    let floorReady = floor.median(\.ready)
    let floorRSS = megabytes(floor.median(\.status.rss))
    var results: [BenchmarkResult] = []
    for variant in variants.dropLast() {
      let ready = variant.median(\.ready)
      let cpu = variant.median(\.readyCPU)
      let rss = megabytes(variant.median(\.status.rss))
      let anonymous = megabytes(variant.median(\.status.anonymous))
      results.append(
        BenchmarkResult(
          name: "\(variant.name): READY, \(rows) obs.",
          measured: String(format: "%.0f ms (CPU %.0f)", ready * 1000, cpu * 1000),
          baseline: String(format: "%.0f ms bare (CPU %.0f)", floorReady * 1000, floor.median(\.readyCPU) * 1000),
          ratio: ready / floorReady,
          target: "≤ 300 ms", met: ready <= 0.3))
      results.append(
        BenchmarkResult(
          name: "\(variant.name): idle RSS",
          measured: String(format: "%.1f MB (%+.1f; anon %.1f)", rss, rss - floorRSS, anonymous),
          baseline: String(
            format: "%.1f MB bare (anon %.1f)", floorRSS, megabytes(floor.median(\.status.anonymous))),
          ratio: rss / floorRSS, target: "≤ floor + 8 MB", met: rss - floorRSS <= 8))
    }
    return results
  }

  private func megabytes(_ kilobytes: Int) -> Double { Double(kilobytes) / 1024 }

  /// The national dataset's first `rows` figures, ingested by YujingCore as `yujing ingest` would,
  /// with the configuration that names its 3,000 regions and 40 indicators.
  private func makeDatabase() throws -> (database: URL, configuration: URL) {
    let csv = directory.appendingPathComponent("observations.csv")
    let configurationFile = directory.appendingPathComponent("yujing.yaml")
    let database = directory.appendingPathComponent("yujing.sqlite")
    print("daemon: generating and ingesting \(rows) observations …")
    try NationalDataset.indicatorCSV(rows: rows).write(to: csv, atomically: true, encoding: .utf8)
    try NationalDataset.configurationYAML().write(to: configurationFile, atomically: true, encoding: .utf8)
    let configuration = try ConfigurationDecoder.load(path: configurationFile.path)
    // In its own scope: the pool closes (and checkpoints its WAL) before any daemon opens the file.
    try {
      let workspace = try Workspace.open(configuration: configuration, databasePath: database.path, now: Date())
      let summary = try Ingestion(workspace: workspace, clock: { Date() }).run(
        feed: "stats", input: .init(source: csv.path, data: try FeedSource.readLocal(csv.path)))
      guard summary.inserted == rows, summary.rejected == 0 else {
        throw BenchmarkFailure("the ingest did not take every row: \(summary)")
      }
    }()
    try? FileManager.default.removeItem(at: csv)
    let size = (try FileManager.default.attributesOfItem(atPath: database.path)[.size] as? Int ?? 0) / 1_048_576
    print("daemon: \(database.path), \(size) MB")
    return (database, configurationFile)
  }
}
