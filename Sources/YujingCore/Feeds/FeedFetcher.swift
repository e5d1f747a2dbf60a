import Foundation

/// How often and how patiently an HTTP pull is tried: transport errors, timeouts, 5xx and 429 are
/// tried again after a delay that doubles each time (or the server's Retry-After); anything else
/// is an answer that will not change by asking again.
public struct FeedRetryPolicy: Sendable, Hashable {
  public var attempts: Int
  public var firstDelay: Duration
  /// The longest wait between attempts, a Retry-After included: a scheduled pull must not stall
  /// the daemon's other feeds for hours.
  public var maximumDelay: Duration

  public init(attempts: Int = 3, firstDelay: Duration = .seconds(10), maximumDelay: Duration = .seconds(300)) {
    self.attempts = max(1, attempts)
    self.firstDelay = firstDelay
    self.maximumDelay = maximumDelay
  }

  /// The wait after failed attempt `attempt` (1-based).
  func delay(after attempt: Int, retryAfter: Duration?) -> Duration {
    let backoff = firstDelay * (1 << min(attempt - 1, 20))
    return min(retryAfter ?? backoff, maximumDelay)
  }
}

/// An HTTP(S) pull with its retries: the body lands in a file in `downloads`, which the caller
/// removes once it has been read.
struct FeedFetcher: Sendable {
  enum Outcome: Sendable {
    case body(file: URL, validators: FeedValidators)
    case notModified
  }

  var limits: FeedDownload.Limits
  var retry: FeedRetryPolicy
  var sleep: @Sendable (Duration) async throws -> Void
  var downloads: URL

  static let partPrefix = ".yujing-download-"

  /// Removes what downloads cut off by a killed process left behind. A download in progress
  /// writes its file all the time, so a file untouched for a day is nobody's.
  static func sweep(_ directory: URL, now: Date = Date()) {
    let manager = FileManager.default
    for name in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? []
    where name.hasPrefix(partPrefix) && name.hasSuffix(".part") {
      let path = directory.appendingPathComponent(name).path
      let modified = (try? manager.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now
      if now.timeIntervalSince(modified) > 86_400 { try? manager.removeItem(atPath: path) }
    }
  }

  /// The outcome, or why the pull failed; throws only when cancelled.
  func fetch(_ url: URL, shownURL: String, validators: FeedValidators?) async throws -> Result<Outcome, FeedReadError> {
    Self.sweep(downloads)
    let file = downloads.appendingPathComponent("\(Self.partPrefix)\(UUID().uuidString).part")
    var attempt = 0
    while true {
      attempt += 1
      try Task.checkCancellation()
      let result = await FeedDownload.run(url, validators: validators, limits: limits, into: file)
      switch result {
      case .body(let file, _, let validators):
        return .success(.body(file: file, validators: validators))
      case .notModified:
        return .success(.notModified)
      case .failed(let failure):
        try? FileManager.default.removeItem(at: file)
        try Task.checkCancellation()
        guard failure.retryable else {
          return .failure(FeedReadError("GET \(shownURL): \(failure.message)"))
        }
        guard attempt < retry.attempts else {
          return .failure(
            FeedReadError(
              "GET \(shownURL) failed \(attempt) times; the last time: \(failure.message). Nothing was applied; "
                + "the next scheduled pull tries again (or run yujing ingest --feed by hand once the server is back)"))
        }
        try await sleep(retry.delay(after: attempt, retryAfter: failure.retryAfter))
      }
    }
  }
}
