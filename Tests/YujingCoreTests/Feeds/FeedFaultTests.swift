import Foundation
import Testing

@testable import YujingCore

/// Feed servers misbehaving in the ways FeedPullTests leaves out: connections reset, bodies of
/// gigabytes, data that flips between two versions, and content types that are wrong or vague.
@Suite struct FeedFaultTests {
  typealias Harness = FeedPullTests.Harness

  @Test(.needs(.python3)) func aConnectionResetBeforeTheAnswerIsTriedAgainAndTheFileComes() async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", sampleRows)
    let harness = try Harness(url: server.url("/reset1/feed.csv"))
    let result = try await harness.pull()
    #expect((result.summary.status, result.summary.inserted) == (.ok, 3), "\(result)")
    #expect(harness.sleeps.durations == [.seconds(10)])
    // Status 0: the server reset the connection instead of answering.
    #expect(try await server.requests(for: "/reset1/feed.csv", count: 2).map(\.status) == [0, 200])
    #expect(try harness.workspace.store.feedRuns(feed: "stats").count == 1)
  }

  @Test(.needs(.python3)) func aConnectionResetMidBodyEveryTimeFailsTheRunAndAppliesNothing() async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", sampleRows)
    let harness = try Harness(url: server.url("/resetmid/feed.csv"))
    let result = try await harness.pull()
    #expect(result.summary.status == .failed)
    let message = try #require(result.summary.message)
    #expect(message.contains("failed 3 times"), "\(message)")
    #expect(
      message.contains("closed before the whole answer") || message.contains("cut off")
        || message.contains("reset"), "\(message)")
    #expect(message.contains("Nothing was applied"), "\(message)")
    #expect(try await server.requests(for: "/resetmid/feed.csv", count: 3).count == 3)
    #expect(try harness.workspace.store.observationCount() == 0)
    #expect(try harness.workspace.store.feedValidators(feed: "stats", url: server.url("/resetmid/feed.csv")) == nil)
  }

  /// Two gibibytes announced, close-delimited or chunked: the pull stops at max_bytes, the server
  /// logs how far it got, and the test process never held the body.
  @Test(.needs(.python3), arguments: ["huge", "endless", "chunked"])
  func aTwoGiBBodyIsStoppedAtMaxBytesWithoutReadingIt(behaviour: String) async throws {
    guard let server = try FeedServer.start() else { return }
    let path = "/\(behaviour)/feed.csv"
    let harness = try Harness(url: server.url("\(path)?gib=2"), maxBytes: 10_000_000)
    let result = try await harness.pull()
    #expect(result.summary.status == .failed)
    let message = try #require(result.summary.message)
    if behaviour == "huge" {
      #expect(message.contains("announces 2147483648 bytes, over the feed's limit of 10000000"), "\(message)")
    } else {
      #expect(message.contains("exceeds the feed's limit of 10000000 bytes"), "\(message)")
    }
    #expect(harness.sleeps.durations.isEmpty, "an oversized answer is not fetched again")
    let written = try #require(try await server.requests(for: path).first?.written)
    #expect(written < 1 << 29, "the server wrote \(written) bytes before the client hung up")
    #expect(try harness.workspace.store.observationCount() == 0)
    // Peak resident memory of this whole test process: had any test held the 2 GiB, it would
    // be above it.
    if let peak = PeakMemory.residentBytes() {
      #expect(peak < 3 << 29, "peak resident memory \(peak / 1_048_576) MiB")
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: harness.directory.url.path)
    #expect(!leftovers.contains { $0.hasSuffix(".part") })
  }

  @Test(.needs(.python3)) func aServerFlippingBetweenTwoVersionsGivesARevisionEachTimeAndLosesNothing() async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", sampleRows)
    try server.serve("feed.csv.alt", sampleRows.replacingOccurrences(of: ",,5.2", with: ",,5.4"))
    let harness = try Harness(url: server.url("/flip/feed.csv"))
    let store = harness.workspace.store
    let key = Observation.Key(period: Period("2020-05")!, region: "360981", indicator: "industry_va")
    let (original, flipped) = (try Fixed(parsing: "5.2"), try Fixed(parsing: "5.4"))

    let first = try await harness.pull()
    #expect((first.summary.inserted, first.summary.revised) == (3, 0))
    let second = try await harness.pull()
    #expect((second.summary.status, second.summary.revised, second.summary.unchanged) == (.ok, 1, 2), "\(second)")
    #expect(second.summary.periods == [Period("2020-05")!])
    #expect(try store.observation(key)?.observation.growth == flipped)
    // The first version again: a revision back, not a duplicate and not "unchanged".
    let third = try await harness.pull()
    #expect((third.summary.status, third.summary.revised, third.summary.unchanged) == (.ok, 1, 2), "\(third)")
    #expect(third.summary.periods == [Period("2020-05")!])

    #expect(try store.observationCount() == 3)
    let current = try #require(try store.observation(key))
    #expect(current.observation.growth == original)
    #expect(current.revision == 3)
    #expect(current.feedRunID == third.summary.id)
    let history = try store.observationRevisions(key)
    #expect(history.map(\.revision) == [1, 2])
    #expect(history.map(\.observation.growth) == [original, flipped])
    #expect(history.map(\.feedRunID) == [first.summary.id, second.summary.id])
    #expect(try store.feedRuns(feed: "stats").map(\.status) == [.ok, .ok, .ok])
    #expect(try await server.requests(for: "/flip/feed.csv", count: 3).map(\.status) == [200, 200, 200])
  }

  /// What each content type comes to for a CSV feed: vague download types let the bytes decide;
  /// a type that names another format is refused at once, without reading the body.
  @Test(
    .needs(.python3),
    arguments: [
      ("application/octet-stream", "feed.csv", nil),
      ("text/plain; charset=utf-8", "feed.csv", nil),
      ("application/vnd.ms-excel", "feed.csv", nil),
      ("application/json", "feed.csv", "content type application/json, which cannot be csv data"),
      ("image/png", "feed.csv", "content type image/png, which cannot be csv data"),
      ("application/octet-stream", "book.csv", "this is a ZIP archive (an .xlsx workbook?), not CSV"),
    ] as [(String, String, String?)])
  func aContentTypeIsJudgedForTheFeedsFormat(type: String, file: String, refusal: String?) async throws {
    guard let server = try FeedServer.start() else { return }
    try server.serve("feed.csv", sampleRows)
    // A workbook behind a .csv name: the feed's format is CSV, the bytes are a ZIP.
    try server.serve("book.csv", data: try Fixtures.data("statistics-bureau-table-2020-05.xlsx"))
    let encoded = type.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? type
    let harness = try Harness(url: server.url("/as/\(file)?type=\(encoded)"))
    let result = try await harness.pull()
    if let refusal {
      #expect(result.summary.status == .failed)
      #expect(result.summary.message?.contains(refusal) == true, "\(result.summary.message ?? "")")
      #expect(harness.sleeps.durations.isEmpty, "a refusal is not tried again")
      #expect(try harness.workspace.store.observationCount() == 0)
    } else {
      #expect((result.summary.status, result.summary.inserted) == (.ok, 3), "\(result)")
    }
  }
}

/// The most resident memory this process has used so far (Linux `VmHWM`), nil elsewhere.
enum PeakMemory {
  static func residentBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kilobytes * 1024
  }
}
