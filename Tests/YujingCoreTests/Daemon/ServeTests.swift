import Foundation
import GRDB
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A real `yujing serve` (docs/operate.md#the-daemon): catch-up of a missed schedule followed by evaluation, reload
/// on SIGHUP with the notify protocol around it, /healthz and /metrics over HTTP, and journald's
/// priority prefixes.
@Suite(.serialized) struct ServeTests {
  /// An office made by `yujing init`, its `stats` feed pulled from a file every day at 03:00 (so
  /// the schedule has fired before any test starts), with the sample's targets imported.
  static func office(schedule: Bool = true) throws -> (TemporaryDirectory, [String]) {
    let directory = try TemporaryDirectory()
    #expect(try YujingCommand.run(["init", "--dir", directory.path("etc")]).status == 0)
    let config = directory.path("etc/yujing.yaml")
    if schedule {
      let sample = ExternalTools.repository.appendingPathComponent("Sources/YujingResources/sample")
      var text = try String(contentsOfFile: config, encoding: .utf8)
      // At the start of a line: the commented example above the feeds names `stats` too.
      let feed = "\n  - name: stats\n"
      #expect(text.contains(feed))
      text = text.replacingOccurrences(
        of: feed,
        with: feed + "    url: \(sample.appendingPathComponent("indicators-2020-05.csv").absoluteString)\n"
          + "    schedule: \"0 3 * * *\"\n")
      try text.write(toFile: config, atomically: true, encoding: .utf8)
    }
    let arguments = ["--config", config, "--db", directory.path("yujing.sqlite")]
    let targets = ExternalTools.repository.appendingPathComponent("Sources/YujingResources/sample/targets-sample.csv")
    let imported = try YujingCommand.run(["targets", "import", targets.path] + arguments)
    #expect(imported.status == 0, "\(imported.err)")
    return (directory, arguments)
  }

  static func count(_ sql: String, in directory: TemporaryDirectory) throws -> Int {
    try DatabaseQueue(path: directory.path("yujing.sqlite")).read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
  }

  @Test func aMissedScheduleRunsOnceAtStartAndItsPeriodIsEvaluated() throws {
    let (directory, arguments) = try Self.office()
    let serve = try ServeProcess(arguments, directory: directory)
    let status = serve.waitForNotification { $0.contains("last feed run: stats") }
    #expect(status?.contains("last feed run: stats ok") == true, "\(serve.received)\n\(serve.outputText)")
    #expect(serve.waitForLine { $0.contains("feed schedule: stats (0 3 * * *) next at") } != nil, "\(serve.outputText)")
    #expect(serve.stop() == 0)
    #expect(try Self.count("SELECT count(*) FROM feed_run WHERE feed = 'stats'", in: directory) == 1)
    #expect(try Self.count("SELECT count(*) FROM evaluation WHERE period = '2020-05'", in: directory) == 1)
    #expect(try Self.count("SELECT count(*) FROM notice WHERE period = '2020-05'", in: directory) > 0)

    // Started again before the next fire: the schedule has been served, nothing runs twice.
    let again = try ServeProcess(arguments, directory: directory)
    #expect(again.waitForLine { $0.contains("feed schedule: stats") } != nil, "\(again.outputText)")
    #expect(again.stop() == 0)
    #expect(try Self.count("SELECT count(*) FROM feed_run WHERE feed = 'stats'", in: directory) == 1)
  }

  /// An office that edits its rules and restarts the daemon: the daemon goes on with the edit,
  /// says so in its log and records it, so that commands with the edited files go on too.
  @Test func aRestartWithAnEditedConfigurationIsLoggedAndRecorded() throws {
    let (directory, arguments) = try Self.office(schedule: false)
    let rules = directory.path("etc/thresholds/projects.yaml")
    try (try String(contentsOfFile: rules, encoding: .utf8) + "\n# edited\n").write(
      toFile: rules, atomically: true, encoding: .utf8)
    #expect(try YujingCommand.run(["notices", "list"] + arguments).status == 1)
    let serve = try ServeProcess(arguments, directory: directory)
    let line = serve.waitForLine { $0.contains("the configuration differs") }
    #expect(serve.stop() == 0)
    #expect(line?.contains("thresholds/projects.yaml differs") == true, "\(serve.outputText)")
    #expect(line?.contains("by `yujing targets import`") == true, "\(serve.outputText)")
    #expect(try YujingCommand.run(["notices", "list"] + arguments).status == 0)
  }

  @Test func healthAndMetricsAnswerOverHTTPFromTheDatabase() throws {
    let (directory, arguments) = try Self.office()
    let serve = try ServeProcess(arguments, directory: directory)
    serve.waitForNotification { $0.contains("last feed run: stats") }

    let health = try serve.get("/healthz")
    #expect(health.status == 200)
    #expect(health.contentType?.hasPrefix("application/json") == true)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(health.body.utf8)) as? [String: Any])
    #expect(json["status"] as? String == "ok")
    #expect(json["database"] as? String == "ok")
    let feeds = try #require(json["feeds"] as? [[String: Any]])
    let stats = try #require(feeds.first { $0["name"] as? String == "stats" })
    #expect(stats["last_status"] as? String == "ok")
    #expect(stats["scheduled"] as? Bool == true)
    #expect(stats["last_success"] is String)
    #expect(feeds.first { $0["name"] as? String == "projects" }?["last_run"] is NSNull)

    let metrics = try serve.get("/metrics")
    #expect(metrics.status == 200)
    #expect(metrics.contentType?.hasPrefix("text/plain; version=0.0.4") == true)
    let samples = DaemonMetricsTests.samples(metrics.body)
    #expect(samples[#"yujing_feed_runs_total{feed="stats",status="ok"}"#] == 1)
    let stored = try Self.count("SELECT inserted FROM feed_run WHERE feed = 'stats'", in: directory)
    #expect(samples[#"yujing_feed_rows_total{feed="stats",result="inserted"}"#] == Double(stored))
    // The gauge is of the latest evaluated period: the daily check may have evaluated today's
    // period (a late feed) before or after the feed's own period, in either order.
    let findings = try Self.count(
      """
      SELECT count(*) FROM finding WHERE exempted = 0
        AND evaluation_id = (SELECT id FROM evaluation ORDER BY period DESC, id DESC LIMIT 1)
      """,
      in: directory)
    let levels = ["blue", "yellow", "orange", "red"].map { samples[#"yujing_findings{level="\#($0)"}"#] ?? -1 }
    #expect(levels.reduce(0, +) == Double(findings))
    #expect(findings > 0)
    #expect(samples["yujing_evaluation_duration_seconds_count"] == 1)
    // The health check a moment ago was timed under its route.
    #expect(samples[#"yujing_http_request_duration_seconds_count{code="2xx",route="/healthz"}"#] == 1)
    #expect(try serve.get("/no-such-page").status == 404)
    #expect(serve.stop() == 0)
  }

  @Test func sighupReloadsAValidChangeAndKeepsTheOldRulesOnABrokenOne() throws {
    let (directory, arguments) = try Self.office(schedule: false)
    let serve = try ServeProcess(arguments, directory: directory)
    let rules = { () throws -> Int in
      let json = try JSONSerialization.jsonObject(with: Data(try serve.get("/healthz").body.utf8)) as? [String: Any]
      return (json?["rules"] as? [String: Any])?["count"] as? Int ?? -1
    }
    let initial = try rules()

    // Valid: one rule file fewer.
    try FileManager.default.removeItem(atPath: directory.path("etc/thresholds/feeds.yaml"))
    serve.signal(SIGHUP)
    let reloading = serve.waitForNotification { $0.hasPrefix("RELOADING=1") }
    let monotonic = reloading?.split(separator: "\n").first { $0.hasPrefix("MONOTONIC_USEC=") }
    #expect(monotonic.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) } != nil, "\(serve.received)")
    #expect(serve.waitForNotification { $0.hasPrefix("READY=1") } != nil)
    #expect(try rules() == initial - 1)

    // Broken: a rule that does not parse. The daemon says where, and the rules in use stay.
    let file = directory.path("etc/thresholds/indicators.yaml")
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try text.replacingOccurrences(of: "gap < 0", with: "gap <<< 0").write(
      toFile: file, atomically: true, encoding: .utf8)
    serve.signal(SIGHUP)
    #expect(serve.waitForNotification { $0.hasPrefix("RELOADING=1") } != nil)
    #expect(serve.waitForNotification { $0.hasPrefix("READY=1") } != nil)
    #expect(serve.waitForLine { $0.contains("reload refused") } != nil, "\(serve.outputText)")
    #expect(serve.waitForLine { $0.contains("indicators.yaml:") } != nil, "\(serve.outputText)")
    #expect(try rules() == initial - 1)
    let samples = DaemonMetricsTests.samples(try serve.get("/metrics").body)
    #expect(samples[#"yujing_reloads_total{result="applied"}"#] == 1)
    #expect(samples[#"yujing_reloads_total{result="refused"}"#] == 1)
    #expect(serve.stop() == 0)
  }

  /// Under systemd stdout is the journal's stream, named in `$JOURNAL_STREAM` as device:inode.
  @Test func underTheJournalEveryLineCarriesItsPriority() throws {
    let (directory, arguments) = try Self.office(schedule: false)
    let pipe = Pipe()
    var status = stat()
    #expect(fstat(pipe.fileHandleForWriting.fileDescriptor, &status) == 0)
    let serve = try ServeProcess(
      arguments, directory: directory, environment: ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino)"],
      stdout: pipe)
    let serving = serve.waitForLine { $0.contains("serving http://") }
    #expect(serving?.hasPrefix("<5>serving http://") == true, "\(serve.outputText)")
    #expect(serve.stop() == 0)
    let lines = serve.outputText.split(separator: "\n")
    #expect(!lines.isEmpty && lines.allSatisfy { $0.range(of: #"^<[0-7]>"#, options: .regularExpression) != nil })

    // The same variable with another stream's numbers (inherited, then redirected): plain lines.
    let other = try ServeProcess(arguments, directory: directory, environment: ["JOURNAL_STREAM": "1:1"])
    let plain = other.waitForLine { $0.contains("serving http://") }
    #expect(plain?.range(of: #"^\d{4}-\d\d-\d\dT[\d:]+Z notice serving"#, options: .regularExpression) != nil)
    #expect(other.stop() == 0)
  }
}
