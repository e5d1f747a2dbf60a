import Foundation
import Testing

@testable import YujingCore

/// Pulls against a real HTTP server on 127.0.0.1 (`Scripts/receivers/feed_server.py`). The sleep
/// between attempts is injected, so only the timeout test waits on the clock.
@Suite struct FeedPullTests {
  /// A workspace whose `stats` feed pulls from `url`, and a pull that records its sleeps.
  struct Harness {
    let directory: TemporaryDirectory
    let workspace: Workspace
    let sleeps = SleepRecorder()

    init(url: String?, timeout: Int? = nil, maxBytes: Int? = nil) throws {
      directory = try TemporaryDirectory()
      workspace = try openDefaultWorkspace(directory) { configuration in
        let index = configuration.feeds.firstIndex { $0.name == "stats" }!
        configuration.feeds[index].url = url
        configuration.feeds[index].timeoutSeconds = timeout
        configuration.feeds[index].maxBytes = maxBytes
      }
    }

    func pull(attempts: Int = 3) async throws -> FeedPullResult {
      try await FeedPull(
        workspace: workspace, clock: { fixedNow }, retry: FeedRetryPolicy(attempts: attempts), sleep: sleeps.sleep
      ).run(feed: "stats")
    }
  }

  @Test(.needs(.python3)) func aSecondPullOfAnUnchangedFileIsA304ThatAppliesNothing() async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", sampleRows)
    let harness = try Harness(url: server.url("/ok/feed.csv"))
    let first = try await harness.pull()
    #expect(!first.notModified)
    #expect((first.summary.status, first.summary.inserted) == (.ok, 3))
    #expect(first.summary.periods == [Period("2020-05")!])
    let second = try await harness.pull()
    #expect(second.notModified)
    #expect((second.summary.status, second.summary.accepted) == (.ok, 0))
    #expect(second.summary.periods.isEmpty)
    #expect(second.summary.message?.contains("not modified (304)") == true)
    #expect(try harness.workspace.store.observationCount() == 3)
    let runs = try harness.workspace.store.feedRuns(feed: "stats")
    #expect(runs.map(\.status) == [.ok, .ok])
    #expect(runs.first?.message?.contains("304") == true)
    let requests = try await server.requests(for: "/ok/feed.csv", count: 2)
    #expect(requests.map(\.status) == [200, 304])
    #expect(requests[0].ifNoneMatch == nil)
    #expect(requests[1].ifNoneMatch?.hasPrefix("\"") == true)
    #expect(requests[1].ifModifiedSince != nil)

    // A changed file has a new ETag: the next pull reads it, and the change is a revision.
    try server.serve("feed.csv", sampleRows.replacingOccurrences(of: ",,5.2", with: ",,5.4"))
    let third = try await harness.pull()
    #expect(!third.notModified)
    #expect((third.summary.revised, third.summary.unchanged) == (1, 2))
  }

  @Test(.needs(.python3)) func aServerWithOnlyLastModifiedIsAskedIfModifiedSince() async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", sampleRows)
    let harness = try Harness(url: server.url("/lastmodified/feed.csv"))
    _ = try await harness.pull()
    let second = try await harness.pull()
    #expect(second.notModified)
    let requests = try await server.requests(for: "/lastmodified/feed.csv", count: 2)
    #expect(requests[1].ifNoneMatch == nil)
    #expect(requests[1].ifModifiedSince?.hasSuffix("GMT") == true)
  }

  @Test(.needs(.python3)) func aFailedRunKeepsTheOldValidatorsSoTheBadFileIsReadAgain() async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", "region,indicator\n360981,fai\n")
    let harness = try Harness(url: server.url("/ok/feed.csv"))
    #expect(try await harness.pull().summary.status == .failed)
    let again = try await harness.pull()
    #expect(!again.notModified)
    #expect(again.summary.status == .failed)
  }

  @Test(.needs(.python3)) func aServerSlowerThanTheTimeoutFailsTheRun() async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", sampleRows)
    let harness = try Harness(url: server.url("/slow/feed.csv?seconds=30"), timeout: 1)
    let result = try await harness.pull(attempts: 2)
    // Had the timeout not held, the server's answer would have come after 30 s and been taken.
    // (No wall-clock bound here: under a loaded parallel run the test itself may wait for a thread.)
    #expect(result.summary.status == .failed)
    #expect(result.summary.message?.contains("within 1 s (the feed's timeout_seconds)") == true, "\(result)")
    #expect(result.summary.message?.contains("failed 2 times") == true)
    #expect(harness.sleeps.durations == [.seconds(10)])
    #expect(try harness.workspace.store.observationCount() == 0)
  }

  @Test(.needs(.python3)) func theTimeoutIsForEachWaitNotForTheWholeTransfer() async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", sampleRows)
    // Ten pieces 0.3 s apart: 3 s in all, longer than the 2 s timeout, never silent that long.
    let harness = try Harness(url: server.url("/trickle/feed.csv?seconds=3"), timeout: 2)
    let result = try await harness.pull(attempts: 1)
    #expect((result.summary.status, result.summary.inserted) == (.ok, 3), "\(result)")
  }

  @Test(.needs(.python3)) func serverErrorsAreTriedAgainWithBackoffUntilTheFileComes() async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", sampleRows)
    let harness = try Harness(url: server.url("/flaky2/feed.csv"))
    let result = try await harness.pull()
    #expect((result.summary.status, result.summary.inserted) == (.ok, 3))
    #expect(harness.sleeps.durations == [.seconds(10), .seconds(20)])
    #expect(try await server.requests(for: "/flaky2/feed.csv", count: 3).map(\.status) == [500, 500, 200])
    #expect(try harness.workspace.store.feedRuns(feed: "stats").count == 1)
  }

  @Test(.needs(.python3)) func a429IsTriedAgainAfterItsRetryAfter() async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", sampleRows)
    let harness = try Harness(url: server.url("/busy/feed.csv"))
    let result = try await harness.pull()
    #expect(result.summary.status == .ok)
    #expect(harness.sleeps.durations == [.seconds(7)])
  }

  @Test(.needs(.python3)) func aServerThatKeepsFailingFailsTheRunAfterEveryAttempt() async throws {
    guard let server = try FeedServer.start() else { return }
    let harness = try Harness(url: server.url("/fail/feed.csv"))
    let result = try await harness.pull()
    #expect(result.summary.status == .failed)
    let message = try #require(result.summary.message)
    #expect(message.contains("GET \(server.url("/fail/feed.csv")) failed 3 times"))
    #expect(message.contains("HTTP 500"))
    #expect(message.contains("Nothing was applied"))
    #expect(harness.sleeps.durations == [.seconds(10), .seconds(20)])
    #expect(try await server.requests(for: "/fail/feed.csv", count: 3).count == 3)
    #expect(try harness.workspace.store.feedRuns(feed: "stats").map(\.status) == [.failed])
  }

  @Test(.needs(.python3)) func aTruncatedBodyFailsTheRunAndAppliesNothing() async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", sampleRows)
    let harness = try Harness(url: server.url("/truncated/feed.csv"))
    let result = try await harness.pull()
    #expect(result.summary.status == .failed)
    let message = try #require(result.summary.message)
    #expect(message.contains("cut off") || message.contains("closed before the whole answer"), "\(message)")
    #expect(try harness.workspace.store.observationCount() == 0)
    #expect(try harness.workspace.store.feedValidators(feed: "stats", url: server.url("/truncated/feed.csv")) == nil)
  }

  @Test(.needs(.python3)) func aWebPageInsteadOfDataIsRefusedAndNotTriedAgain() async throws {
    guard let server = try FeedServer.start() else { return }
    let harness = try Harness(url: server.url("/html/feed.csv"))
    let result = try await harness.pull()
    #expect(result.summary.status == .failed)
    let message = try #require(result.summary.message)
    #expect(message.contains("a web page (text/html) instead of csv data"), "\(message)")
    #expect(message.contains("login"))
    #expect(harness.sleeps.durations.isEmpty)
    #expect(try await server.requests(for: "/html/feed.csv").count == 1)
  }

  @Test(.needs(.python3)) func anAnnouncedBodyOverMaxBytesIsRefusedWithoutReadingIt() async throws {
    guard let server = try FeedServer.start() else { return }
    let harness = try Harness(url: server.url("/huge/feed.csv"), maxBytes: 1000)
    let result = try await harness.pull()
    #expect(result.summary.status == .failed)
    #expect(result.summary.message?.contains("announces 1073741824 bytes, over the feed's limit of 1000") == true)
    #expect(harness.sleeps.durations.isEmpty)
    let written = try await server.requests(for: "/huge/feed.csv").first?.written
    #expect((written ?? 0) < 1 << 29, "the server wrote \(written ?? 0) bytes before the client hung up")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: harness.directory.url.path)
    #expect(!leftovers.contains { $0.hasSuffix(".part") })
  }

  @Test(.needs(.python3)) func aBodyWithoutLengthIsStoppedAtMaxBytes() async throws {
    guard let server = try FeedServer.start() else { return }
    let harness = try Harness(url: server.url("/endless/feed.csv"), maxBytes: 100_000)
    let result = try await harness.pull()
    #expect(result.summary.status == .failed)
    #expect(result.summary.message?.contains("exceeds the feed's limit of 100000 bytes") == true, "\(result)")
    let written = try await server.requests(for: "/endless/feed.csv").first?.written
    #expect((written ?? 0) < 1 << 29)
  }

  @Test(.needs(.python3)) func notFoundIsNotTriedAgain() async throws {
    guard let server = try FeedServer.start() else { return }
    let harness = try Harness(url: server.url("/missing/feed.csv"))
    let result = try await harness.pull()
    #expect(result.summary.status == .failed)
    #expect(result.summary.message?.contains("HTTP 404") == true)
    #expect(result.summary.message?.contains("check the feed's url") == true)
    #expect(harness.sleeps.durations.isEmpty)
    #expect(try await server.requests(for: "/missing/feed.csv").count == 1)
  }

  @Test(.needs(.python3)) func credentialsInTheURLAreNeverStoredOrShown() async throws {
    guard let server = try FeedServer.start() else { return }
    let url = "http://reader:s3cret@127.0.0.1:\(server.port)/missing/feed.csv?token=abc123&month=5"
    let harness = try Harness(url: url)
    let result = try await harness.pull()
    let run = try #require(try harness.workspace.store.feedRuns(feed: "stats").first)
    for text in [result.summary.source, run.source, run.message ?? ""] {
      #expect(!text.contains("s3cret") && !text.contains("abc123"), "\(text)")
    }
    #expect(run.source == "http://***@127.0.0.1:\(server.port)/missing/feed.csv?token=***&month=5")
  }

  @Test func aFileURLFeedIsReadLikeALocalFile() async throws {
    let data = try TemporaryDirectory()
    try Data(sampleRows.utf8).write(to: data.url.appendingPathComponent("feed.csv"))
    let url = data.url.appendingPathComponent("feed.csv").absoluteString
    let harness = try Harness(url: url)
    let first = try await harness.pull()
    #expect((first.summary.status, first.summary.inserted, first.notModified) == (.ok, 3, false))
    #expect(first.summary.source == url)
    let second = try await harness.pull()
    #expect(second.summary.unchanged == 3)

    let small = try Harness(url: url, maxBytes: 10)
    let refused = try await small.pull()
    #expect(refused.summary.status == .failed)
    #expect(refused.summary.message?.contains("over the feed's max_bytes of 10") == true)
  }

  @Test func aFeedWithoutAURLIsAClearError() async throws {
    let harness = try Harness(url: nil)
    await #expect(throws: FeedPull.Failure.self) { try await harness.pull() }
    do {
      _ = try await harness.pull()
    } catch {
      #expect("\(error)".contains("has no url"))
    }
    #expect(try harness.workspace.store.feedRuns(feed: "stats").isEmpty)
  }

  @Test func timeoutAndMaxBytesAreDecodedStrictly() throws {
    let good = minimalConfiguration.replacingOccurrences(
      of: "due_day: 15}", with: "due_day: 15, timeout_seconds: 30, max_bytes: 5000000}")
    let configuration = try decode(good).get()
    #expect(configuration.feeds[0].timeoutSeconds == 30)
    #expect(configuration.feeds[0].maxBytes == 5_000_000)
    for (bad, expected) in [
      ("timeout_seconds: 0", "feeds[0].timeout_seconds: '0' must be a whole number from 1 to 3600"),
      ("max_bytes: 1.5e6", "feeds[0].max_bytes: '1.5e6' must be a whole number"),
      ("timeout: 30", "unknown key 'timeout' in feeds[0]"),
      ("url: \"https://u:pw@x/export?id=3\"", "cannot tell the format from 'https://***@x/export?id=3'"),
    ] {
      let text = minimalConfiguration.replacingOccurrences(of: "due_day: 15}", with: "due_day: 15, \(bad)}")
      guard case .failure(let error) = decode(text) else {
        Issue.record("\(bad) was accepted")
        continue
      }
      let messages = error.diagnostics.map(\.description)
      #expect(messages.contains { $0.hasPrefix("yujing.yaml:12:") && $0.contains(expected) }, "\(messages)")
    }
  }

  @Test func downloadsLeftByAKilledProcessAreSweptAfterADay() throws {
    let directory = try TemporaryDirectory()
    let old = directory.url.appendingPathComponent(".yujing-download-old.part")
    let fresh = directory.url.appendingPathComponent(".yujing-download-fresh.part")
    let other = directory.url.appendingPathComponent("yujing.sqlite")
    for file in [old, fresh, other] { try Data("x".utf8).write(to: file) }
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-2 * 86_400)], ofItemAtPath: old.path)
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-2 * 86_400)], ofItemAtPath: other.path)
    FeedFetcher.sweep(directory.url)
    let left = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
    #expect(left == [".yujing-download-fresh.part", "yujing.sqlite"])
  }

  @Test func contentTypesAreJudgedByFormatIgnoringParameters() {
    #expect(FeedContentType.refusal("text/csv; charset=GBK", format: .csv) == nil)
    #expect(FeedContentType.refusal("Application/JSON;charset=utf-8", format: .json) == nil)
    #expect(FeedContentType.refusal("application/problem+json", format: .json) == nil)
    #expect(FeedContentType.refusal("application/octet-stream", format: .xlsx) == nil)
    #expect(FeedContentType.refusal(nil, format: .csv) == nil)
    #expect(FeedContentType.refusal("text/html; charset=utf-8", format: .json)?.contains("login") == true)
    #expect(FeedContentType.refusal("image/png", format: .csv)?.contains("image/png") == true)
  }

  @Test func retryDelaysDoubleAndHonourRetryAfterWithinTheCap() {
    let policy = FeedRetryPolicy(attempts: 5, firstDelay: .seconds(10), maximumDelay: .seconds(60))
    #expect(
      (1...4).map { policy.delay(after: $0, retryAfter: nil) } == [
        .seconds(10), .seconds(20), .seconds(40), .seconds(60),
      ])
    #expect(policy.delay(after: 1, retryAfter: .seconds(3)) == .seconds(3))
    #expect(policy.delay(after: 1, retryAfter: .seconds(3600)) == .seconds(60))
    let now = Date(timeIntervalSince1970: 1_591_923_600)
    #expect(FeedDownload.retryAfter("Fri, 12 Jun 2020 01:00:30 GMT", now: now) == .seconds(30))
    #expect(FeedDownload.retryAfter("120") == .seconds(120))
    #expect(FeedDownload.retryAfter("soon") == nil)
  }
}

/// `yujing ingest --feed NAME` pulling a URL, as a user runs it.
@Suite struct FeedPullCommandTests {
  @Test(.needs(.python3)) func ingestPullsAnHTTPURLAndTheSecondTimeSaysNotModified() async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", sampleRows)
    let directory = try TemporaryDirectory()
    let arguments = ["ingest", "--db", directory.path("y.sqlite"), "--feed", "stats", server.url("/ok/feed.csv")]
    let first = try YujingCommand.run(arguments)
    #expect(first.status == 0, "\(first.err)")
    #expect(first.out.contains("accepted 3 (new 3, revised 0, unchanged 0)"), "\(first.out)")
    let second = try YujingCommand.run(arguments)
    #expect(second.status == 0, "\(second.err)")
    #expect(second.out.contains("not modified (304)"), "\(second.out)")
    let failing = try YujingCommand.run([
      "ingest", "--db", directory.path("y.sqlite"), "--feed", "stats", server.url("/html/feed.csv"),
    ])
    #expect(failing.status == 1)
    #expect(
      failing.out.contains(
        "nothing was applied: GET \(server.url("/html/feed.csv")): the server answered with a web page"))
  }

  @Test func ingestWithoutAFilePullsTheConfiguredURLOrSaysThereIsNone() throws {
    let directory = try TemporaryDirectory()
    try Data(sampleRows.utf8).write(to: directory.url.appendingPathComponent("feed.csv"))
    let none = try YujingCommand.run(["ingest", "--db", directory.path("y.sqlite"), "--feed", "stats"])
    #expect(none.status != 0)
    #expect(none.err.contains("the feed 'stats' has no url in the configuration"), "\(none.err)")

    let configuration = directory.path("yujing.yaml")
    var text = try String(
      contentsOfFile: ExternalTools.repository.appendingPathComponent(
        "Sources/YujingResources/default/yujing.yaml"
      ).path, encoding: .utf8)
    let fileURL = directory.url.appendingPathComponent("feed.csv").absoluteString
    text = text.replacingOccurrences(
      of: "  - name: stats\n    kind: indicators\n",
      with: "  - name: stats\n    kind: indicators\n    url: \"\(fileURL)\"\n")
    try text.write(toFile: configuration, atomically: true, encoding: .utf8)
    let pulled = try YujingCommand.run(
      ["ingest", "--config", configuration, "--db", directory.path("y.sqlite"), "--feed", "stats"])
    #expect(pulled.status == 0, "\(pulled.err)\(pulled.out)")
    #expect(pulled.out.contains("from \(fileURL): ok"), "\(pulled.out)")
  }
}
