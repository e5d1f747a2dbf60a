import Foundation

/// What one pull came to.
public struct FeedPullResult: Sendable, Hashable {
  /// The run as recorded; its `periods` are the periods to evaluate again.
  public var summary: FeedRunSummary
  /// The server answered 304 to the conditional request: nothing was read or applied.
  public var notModified: Bool
}

/// One run of a feed from its configured `url` (docs/operate.md#the-daemon), what the daemon's scheduler and
/// `yujing ingest --feed NAME` without a file call: fetch (http, https or file), then the same
/// `Ingestion` as a local file. Stores only; evaluates nothing.
///
/// HTTP pulls are conditional (the ETag and Last-Modified of the last successful pull go back as
/// If-None-Match and If-Modified-Since, and a 304 is recorded as an `ok` run that applied
/// nothing), time out per attempt, are tried again with backoff after transport errors, 5xx and
/// 429, stop at the size limit, and refuse a body whose content type cannot be the feed's format.
/// Every failure is a `failed` run with the reason, and nothing of it is applied.
public struct FeedPull: Sendable {
  public static let defaultTimeoutSeconds = 60

  public let workspace: Workspace
  public let clock: @Sendable () -> Date
  public let retry: FeedRetryPolicy
  /// How the pull waits between attempts; tests pass one that only records the durations.
  public let sleep: @Sendable (Duration) async throws -> Void
  /// Where a body is streamed to while it arrives: beside the database unless given.
  public let downloads: URL

  public enum Failure: Error, CustomStringConvertible {
    case noURL(feed: String)
    case unsupportedURL(String)

    public var description: String {
      switch self {
      case .noURL(let feed):
        "the feed '\(feed)' has no url in the configuration: give it one, or ingest a file with "
          + "yujing ingest --feed \(feed) FILE"
      case .unsupportedURL(let url):
        "'\(url)' cannot be pulled: a feed's url must be an http://, https:// or file:// address"
      }
    }
  }

  public init(
    workspace: Workspace, clock: @escaping @Sendable () -> Date, retry: FeedRetryPolicy = FeedRetryPolicy(),
    sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
    downloads: URL? = nil
  ) {
    self.workspace = workspace
    self.clock = clock
    self.retry = retry
    self.sleep = sleep
    let path = workspace.store.path
    self.downloads =
      downloads
      ?? (path == ":memory:"
        ? FileManager.default.temporaryDirectory : URL(fileURLWithPath: path).deletingLastPathComponent())
  }

  /// Pulls the feed from `url`, or from its configured url when nil. Throws for a feed that is
  /// not configured or has nowhere to pull from, and when cancelled (nothing is recorded then);
  /// every other failure is a recorded `failed` run.
  public func run(feed name: String, url override: String? = nil) async throws -> FeedPullResult {
    let configuration = workspace.configuration
    guard let feed = configuration.feed(name) else {
      throw Ingestion.Failure.unknownFeed(name, known: configuration.feeds.map(\.name))
    }
    guard let text = override ?? feed.url else { throw Failure.noURL(feed: name) }
    let shown = FeedURL.masked(text)
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), FeedSource.isSupported(text) else {
      throw Failure.unsupportedURL(shown)
    }
    let format = try Ingestion.format(of: shown, feed: feed)
    let startedAt = clock()
    let limit = feed.maxBytes ?? FeedSource.maximumSize
    let store = workspace.store
    func failed(_ error: FeedReadError) throws -> FeedPullResult {
      let info = FeedRunInfo(
        feed: feed.name, kind: feed.kind.rawValue, source: shown, format: format.rawValue, startedAt: startedAt,
        finishedAt: clock())
      return FeedPullResult(summary: try store.recordFailedRun(info, error: error), notModified: false)
    }
    let ingestion = Ingestion(workspace: workspace, clock: clock)

    if scheme == "file" {
      let data: Data
      do throws(FeedReadError) {
        data = try FeedSource.readLocal(text)
      } catch {
        return try failed(error)
      }
      guard data.count <= limit else {
        return try failed(FeedReadError("\(url.path) is \(data.count) bytes, over the feed's max_bytes of \(limit)"))
      }
      return FeedPullResult(
        summary: try ingestion.run(feed: name, input: .init(source: shown, data: data)), notModified: false)
    }

    let fetcher = FeedFetcher(
      limits: .init(
        timeout: TimeInterval(feed.timeoutSeconds ?? Self.defaultTimeoutSeconds), maximumBytes: limit, format: format),
      retry: retry, sleep: sleep, downloads: downloads)
    let validators = try store.feedValidators(feed: name, url: shown)
    switch try await fetcher.fetch(url, shownURL: shown, validators: validators) {
    case .failure(let error):
      return try failed(error)
    case .success(.notModified):
      let info = FeedRunInfo(
        feed: feed.name, kind: feed.kind.rawValue, source: shown, format: format.rawValue, startedAt: startedAt,
        finishedAt: clock())
      return FeedPullResult(summary: try store.recordNotModifiedRun(info), notModified: true)
    case .success(.body(let file, let answered)):
      defer { try? FileManager.default.removeItem(at: file) }
      let data: Data
      do {
        // Mapped, not read: the parser walks the file without a second copy in memory.
        data = try Data(contentsOf: file, options: .alwaysMapped)
      } catch {
        return try failed(FeedReadError("the download of \(shown) cannot be read back from \(file.path): \(error)"))
      }
      let summary = try ingestion.run(feed: name, input: .init(source: shown, data: data))
      // A failed run keeps the old validators: asking again must fetch the bad file again and
      // fail again, not be answered 304 and look fine.
      if summary.status != .failed {
        try store.saveFeedValidators(answered, feed: name, url: shown, run: summary.id, at: clock())
      }
      return FeedPullResult(summary: summary, notModified: false)
    }
  }
}
