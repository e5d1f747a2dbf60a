import Foundation
import YujingCore

/// The whole path as a user waits for it, at national scale: a real `yujing serve` pulls
/// December's figures (a `file://` feed) when its schedule fires, then stores the evaluation,
/// replays the cases and stores the drafts. Measured from the feed run's start to the last draft
/// stored, as the daemon times it (and, from outside, from the scheduled moment to the log line
/// that says it is done). Beside it, in this process on a copy of the same database: the dry
/// run, and the stored evaluation stage by stage. While the daemon works, a signed-in reviewer
/// lists notices and the watchdog's pings are timed. Last, `yujing report` for the period.
struct PathBenchmark {
  let regions: Int
  let profile: Bool
  let directory: URL
  let binaries: URL
  static let password = "path-benchmark-password"
  /// The daemon pings the watchdog at half of this.
  static let watchdogMicroseconds = 2_000_000

  init(arguments: Arguments) throws {
    regions = arguments.integer("regions", default: NationalDataset.regionCount)
    profile = arguments.options["profile"] != nil
    directory = try scratchDirectory("yujing-bench-path", arguments: arguments)
    binaries = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
      .resolvingSymlinksInPath().deletingLastPathComponent()
  }

  func run() async throws -> [BenchmarkResult] {
    let yujing = binaries.appendingPathComponent("yujing")
    guard FileManager.default.isExecutableFile(atPath: yujing.path) else {
      throw BenchmarkFailure("\(yujing.path) is missing: build it first (swift build -c release)")
    }
    let december = Period(year: 2020, month: 12)!
    let (configuration, database, decemberFile) = try prepare(december: december)
    let inProcess = try measureInProcess(configuration: configuration, database: database, december: decemberFile)
    // `--profile 2020-12`: only the year and December's stored evaluation in this process, for a
    // profiler to watch (with `--keep`, the database of January–November is left beside it).
    if profile { return [] }

    // The reviewer who watches the list while the daemon works.
    _ = try shell(
      yujing.path,
      [
        "users", "add", "rev", "--role", "reviewer", "--password-stdin", "--config", configuration.path, "--db",
        database.path,
      ],
      input: Self.password + "\n")
    let daemonRun = try await measureDaemon(
      yujing: yujing, configuration: configuration, database: database, decemberFile: decemberFile)

    let reportFile = directory.appendingPathComponent("summary.html")
    let reportStart = DispatchTime.now()
    _ = try shell(
      yujing.path,
      [
        "report", "--config", daemonRun.configuration.path, "--db", database.path, "--period", december.description,
        "--format",
        "html", "--out", reportFile.path,
      ])
    let report = NotifiedProcess.seconds(since: reportStart)
    print(String(format: "path: yujing report --period 2020-12 (html) %.2f s", report))

    let subjects = regions * NationalDataset.indicatorCount
    let stored = inProcess.stored
    return [
      BenchmarkResult(
        name:
          "path: feed run start → last draft stored, real `yujing serve` (\(regions) regions, file:// feed on its schedule)",
        measured: String(format: "%.2f s", daemonRun.daemonSeconds),
        baseline: String(format: "%.2f s from the scheduled moment, seen outside", daemonRun.outsideSeconds),
        ratio: nil, target: "≤ 1 s", met: daemonRun.daemonSeconds <= 1),
      BenchmarkResult(
        name: "path: stored evaluation with cases and drafts, in process (\(subjects) subjects)",
        measured: String(format: "%.3f s", stored.total),
        baseline: String(format: "%.3f s dry run", inProcess.dryRun), ratio: stored.total / inProcess.dryRun,
        target: "≤ 3× the dry run", met: stored.total <= 3 * inProcess.dryRun),
      BenchmarkResult(
        name: "path: of which findings stored / case history / replay / drafting",
        measured: String(
          format: "%.3f / %.3f / %.3f / %.3f s", stored.findings, stored.history, stored.replay, stored.drafting),
        baseline: "\(inProcess.drafted) drafts", ratio: nil, target: "—", met: true),
      BenchmarkResult(
        name: "path: notices list while the daemon evaluates (\(daemonRun.latencies.count) requests)",
        measured: Percentiles(daemonRun.latencies).description, baseline: "—",
        ratio: nil, target: "p99 ≤ 50 ms", met: Percentiles(daemonRun.latencies).p99 <= 0.05),
      BenchmarkResult(
        name: "path: longest gap between watchdog pings while it evaluates",
        measured: String(format: "%.2f s", daemonRun.longestWatchdogGap),
        baseline: String(format: "WATCHDOG_USEC %.0f s", Double(Self.watchdogMicroseconds) / 1e6), ratio: nil,
        target: "< WATCHDOG_USEC", met: daemonRun.longestWatchdogGap < Double(Self.watchdogMicroseconds) / 1e6),
      BenchmarkResult(
        name: "path: `yujing report` of December, HTML (\(regions) regions)",
        measured: String(format: "%.2f s", report),
        baseline: "—", ratio: nil, target: "≤ 5 s", met: report <= 5),
    ]
  }

  /// The dataset of the evaluation benchmark, January to November stored and evaluated as the
  /// office's year would have them, December kept apart for the daemon to pull.
  private func prepare(december: Period) throws -> (configuration: URL, database: URL, december: URL) {
    let dataset = NationalDataset(regions: regions)
    print("path: generating \(regions) regions × \(NationalDataset.indicatorCount) indicators × 12 periods …")
    let files = try dataset.writeEvaluationFiles(into: directory)
    let lines = try String(contentsOf: files.observations, encoding: .utf8).split(separator: "\n")
    let header = lines[0]
    let earlier = directory.appendingPathComponent("2020-01-11.csv")
    let decemberFile = directory.appendingPathComponent("2020-12.csv")
    let prefix = "\(december),"
    try ([header] + lines.dropFirst().filter { !$0.hasPrefix(prefix) }).joined(separator: "\n").appending("\n")
      .write(to: earlier, atomically: true, encoding: .utf8)
    try ([header] + lines.dropFirst().filter { $0.hasPrefix(prefix) }).joined(separator: "\n").appending("\n")
      .write(to: decemberFile, atomically: true, encoding: .utf8)
    let history = try dataset.writeHistoryFile(into: directory)

    let configuration = try ConfigurationDecoder.load(path: files.configuration.path)
    let database = directory.appendingPathComponent("yujing.sqlite")
    let workspace = try Workspace.open(configuration: configuration, databasePath: database.path, now: Date())
    let ingestion = Ingestion(workspace: workspace, clock: { Date() })
    for file in [earlier, history] {
      let run = try ingestion.run(feed: "stats", input: .init(source: file.path, data: try Data(contentsOf: file)))
      guard run.rejected == 0 else { throw BenchmarkFailure("\(file.lastPathComponent): \(run.rejections.prefix(3))") }
    }
    let targets = try ingestion.importTargets(
      .init(source: files.targets.path, data: try Data(contentsOf: files.targets)))
    guard targets.rejections.isEmpty else { throw BenchmarkFailure("targets: \(targets.rejections.prefix(3))") }
    let thresholds = try Thresholds.load(configuration: configuration)
    let evaluation = PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: { Date() })
    let start = DispatchTime.now()
    var drafts = 0
    for period in NationalDataset.periods where period < december {
      let asOf = Day.lastDay(of: period.adding(months: 1))
      drafts += try evaluation.run(period: period, asOf: asOf, dryRun: false).notices.drafted.count
    }
    print(
      String(
        format: "path: January–November stored and evaluated in %.1f s (%d drafts)",
        NotifiedProcess.seconds(since: start),
        drafts))
    return (files.configuration, database, decemberFile)
  }

  /// December in this process, on a copy: the dry run (median of three), then the stored
  /// evaluation with its stages.
  private func measureInProcess(configuration file: URL, database: URL, december: URL) throws -> (
    dryRun: Double, stored: EvaluationTimings, drafted: Int
  ) {
    let copy = directory.appendingPathComponent("in-process.sqlite")
    try Store(path: database.path).backup(to: copy.path)
    try Store(path: database.path).backup(to: directory.appendingPathComponent("january-november.sqlite").path)
    let configuration = try ConfigurationDecoder.load(path: file.path)
    let workspace = try Workspace.open(configuration: configuration, databasePath: copy.path, now: Date())
    let run = try Ingestion(workspace: workspace, clock: { Date() }).run(
      feed: "stats", input: .init(source: december.path, data: try Data(contentsOf: december)))
    guard run.rejected == 0 else { throw BenchmarkFailure("december: \(run.rejections.prefix(3))") }
    let evaluation = PeriodEvaluation(
      workspace: workspace, thresholds: try Thresholds.load(configuration: configuration), clock: { Date() })
    let period = Period(year: 2020, month: 12)!
    let asOf = Day(year: 2021, month: 1, day: 20)!
    let dryRun = try measure(repeat: 3) { _ = try evaluation.run(period: period, asOf: asOf, dryRun: true) }
    let outcome = try evaluation.run(period: period, asOf: asOf, dryRun: false)
    print(
      String(format: "path: in process, December dry run %.3f s; stored ", dryRun) + outcome.timings.description
        + ", \(outcome.notices.drafted.count) drafts")
    return (dryRun, outcome.timings, outcome.notices.drafted.count)
  }

  struct DaemonRun {
    /// The daemon's configuration (the stats feed scheduled), now the database's.
    var configuration: URL
    var daemonSeconds: Double
    var outsideSeconds: Double
    var latencies: [Double]
    var longestWatchdogGap: Double
  }

  /// `yujing serve` with the stats feed scheduled a little ahead: the reviewer signs in, then
  /// lists notices over and over while the feed fires and December is evaluated.
  private func measureDaemon(yujing: URL, configuration: URL, database: URL, decemberFile: URL) async throws
    -> DaemonRun
  {
    let fire = Self.nextMinute(atLeast: 20)
    let text = try String(contentsOf: configuration, encoding: .utf8)
    let scheduled = text.replacingOccurrences(
      of: "  - {name: stats, kind: indicators}",
      with: "  - {name: stats, kind: indicators, url: \"\(decemberFile.absoluteString)\", schedule: \"\(fire.cron)\"}")
    guard scheduled != text else { throw BenchmarkFailure("the configuration has no stats feed to schedule") }
    let scheduledFile = directory.appendingPathComponent("yujing-scheduled.yaml")
    try scheduled.write(to: scheduledFile, atomically: true, encoding: .utf8)

    let log = directory.appendingPathComponent("serve.log")
    let daemon = try NotifiedProcess(
      executable: yujing,
      arguments: ["serve", "--config", scheduledFile.path, "--db", database.path, "--listen", "127.0.0.1:0"], log: log,
      environment: ["WATCHDOG_USEC": String(Self.watchdogMicroseconds)])
    guard let base = daemon.servingURL else { throw BenchmarkFailure("READY=1 did not say where yujing serves") }
    let reviewer = try await WebClient(base: base, name: "rev", password: Self.password)
    print(
      "path: yujing serve READY; the stats feed fires at \(fire.cron) (in \(Int(fire.date.timeIntervalSinceNow)) s)")

    // The watchdog's pings, read from the notify socket on a thread of their own.
    let pings = PingLog()
    let listener = daemon.listener
    let reading = Thread(block: {
      while !pings.isStopped {
        if let message = listener.receive(timeoutMilliseconds: 100), message.contains("WATCHDOG=1") {
          pings.add(Date())
        }
      }
    })
    reading.start()

    var latencies: [Double] = []
    var done: Date?
    let deadline = fire.date.addingTimeInterval(3_600)
    while done == nil {
      guard Date() < deadline else { throw BenchmarkFailure("December was not evaluated within an hour: \(log.path)") }
      let (_, seconds) = try await reviewer.get("/notices")
      if Date() >= fire.date { latencies.append(seconds) }
      if let logText = try? String(contentsOf: log, encoding: .utf8), logText.contains("evaluated 2020-12:") {
        done = Date()
      } else {
        try await Task.sleep(nanoseconds: 20_000_000)
      }
    }
    pings.stop()
    try daemon.stop()
    guard !latencies.isEmpty else { throw BenchmarkFailure("no notices list was timed while December was evaluated") }
    let logText = try String(contentsOf: log, encoding: .utf8)
    guard let pulled = Self.seconds(after: "stats ok:", in: logText),
      let evaluated = Self.seconds(after: "evaluated 2020-12:", in: logText)
    else {
      throw BenchmarkFailure("the daemon's log does not say how long the run and the evaluation took: \(log.path)")
    }
    let gaps = zip(pings.times.dropFirst(), pings.times).map { $0.timeIntervalSince($1) }
    print(String(format: "path: the daemon's feed run %.2f s, evaluation %.2f s", pulled, evaluated))
    return DaemonRun(
      configuration: scheduledFile, daemonSeconds: pulled + evaluated,
      outsideSeconds: done!.timeIntervalSince(fire.date), latencies: latencies,
      longestWatchdogGap: gaps.max() ?? .infinity)
  }

  /// The first "… in S s" after a marker in the log.
  static func seconds(after marker: String, in log: String) -> Double? {
    guard let line = log.split(separator: "\n").first(where: { $0.contains(marker) }),
      let range = line.range(of: " in ", options: .backwards)
    else { return nil }
    return Double(line[range.upperBound...].prefix { $0.isNumber || $0 == "." })
  }

  /// The next whole minute at least `seconds` away, as a daily cron expression in the city's time
  /// zone (Asia/Shanghai, the configuration's default).
  static func nextMinute(atLeast seconds: Double) -> (date: Date, cron: String) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
    let soon = Date().addingTimeInterval(seconds + 60)
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: soon)
    let date = calendar.date(from: parts)!
    return (date, "\(parts.minute!) \(parts.hour!) * * *")
  }
}

/// The moments the daemon pinged the watchdog, from the reading thread.
final class PingLog: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [Date] = []
  private var stopped = false

  func add(_ date: Date) { lock.withLock { list.append(date) } }
  func stop() { lock.withLock { stopped = true } }
  var isStopped: Bool { lock.withLock { stopped } }
  var times: [Date] { lock.withLock { list } }
}
