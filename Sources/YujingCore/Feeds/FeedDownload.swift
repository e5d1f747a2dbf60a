import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// What one attempt at an HTTP pull came to.
enum FeedAttemptResult: Sendable {
  /// The body is in `file`, complete and within the limit.
  case body(file: URL, bytes: Int, validators: FeedValidators)
  /// 304: the feed has not changed since the validators sent.
  case notModified
  case failed(FeedAttemptFailure)
}

/// The ETag and Last-Modified of an answer, sent back as If-None-Match and If-Modified-Since.
public struct FeedValidators: Sendable, Hashable {
  public var etag: String?
  public var lastModified: String?

  public init(etag: String? = nil, lastModified: String? = nil) {
    self.etag = etag
    self.lastModified = lastModified
  }

  var isEmpty: Bool { etag == nil && lastModified == nil }
}

struct FeedAttemptFailure: Error, Sendable {
  var message: String
  /// A transport error, a timeout, 5xx or 429: the next attempt may succeed.
  var retryable: Bool
  /// The server's Retry-After, when it gave one.
  var retryAfter: Duration?
}

/// One GET, streamed to a file as it arrives, so that a body far larger than memory is never held
/// in it, and so that the size limit stops the transfer at the limit rather than after it.
///
/// `URLSession.bytes(for:)` does not exist in swift-corelibs-foundation; a data delegate does.
/// One session per attempt: FoundationNetworking takes its timeout from the session, and the
/// session's delegate is this attempt's state.
final class FeedDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  struct Limits {
    /// The longest wait for the answer, and for each next piece of it.
    var timeout: TimeInterval
    var maximumBytes: Int
    var format: FeedFormat
  }

  private let limits: Limits
  private let file: URL
  private let lock = NSLock()
  private var handle: FileHandle?
  private var received = 0
  private var response: HTTPURLResponse?
  /// Set when the attempt's fate is known before the transfer ends (a refused answer, a body over
  /// the limit); the completion then reports it instead of the cancellation it causes.
  private var decided: FeedAttemptResult?
  private var continuation: CheckedContinuation<FeedAttemptResult, Never>?
  /// When the last byte (or the answer's head) arrived: the idle watchdog's measure.
  private var lastActivity = ContinuousClock.now

  private init(limits: Limits, file: URL) {
    self.limits = limits
    self.file = file
  }

  static func run(
    _ url: URL, validators: FeedValidators?, limits: Limits, into file: URL
  ) async -> FeedAttemptResult {
    let download = FeedDownload(limits: limits, file: file)
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpCookieStorage = nil
    configuration.urlCache = nil
    configuration.timeoutIntervalForRequest = limits.timeout
    // The request timeout bounds each wait; a large file on a slow line may take long in all.
    configuration.timeoutIntervalForResource = max(limits.timeout, 3600)
    let session = URLSession(configuration: configuration, delegate: download, delegateQueue: nil)
    defer { session.finishTasksAndInvalidate() }
    var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: limits.timeout)
    request.setValue("yujing", forHTTPHeaderField: "User-Agent")
    if let etag = validators?.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
    if let date = validators?.lastModified { request.setValue(date, forHTTPHeaderField: "If-Modified-Since") }
    let task = session.dataTask(with: request)
    // FoundationNetworking's own timeout fires late, or not at all, when the process is busy
    // (seen at 60 s past a 1 s limit under a loaded test run); this watchdog holds the limit.
    let watchdog = Task {
      let step = Duration.milliseconds(Int64(max(limits.timeout / 4, 0.05) * 1000))
      while !Task.isCancelled {
        try? await Task.sleep(for: step)
        if download.timedOutWhileIdle() {
          task.cancel()
          return
        }
      }
    }
    defer { watchdog.cancel() }
    return await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        download.lock.withLock {
          download.continuation = continuation
          download.lastActivity = .now
        }
        task.resume()
      }
    } onCancel: {
      task.cancel()
    }
  }

  /// Whether nothing has arrived for the feed's timeout; if so the attempt is decided as timed out.
  private func timedOutWhileIdle() -> Bool {
    lock.withLock {
      guard decided == nil, continuation != nil,
        ContinuousClock.now - lastActivity > .milliseconds(Int64(limits.timeout * 1000))
      else { return false }
      decided = .failed(describe(URLError(.timedOut)))
      return true
    }
  }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    let verdict = lock.withLock { () -> URLSession.ResponseDisposition in
      lastActivity = .now
      guard let http = response as? HTTPURLResponse else {
        decided = .failed(.init(message: "not an HTTP answer", retryable: false))
        return .cancel
      }
      self.response = http
      if let failure = check(http) {
        decided = .failed(failure)
        return .cancel
      }
      if http.statusCode == 304 {
        decided = .notModified
        return .cancel
      }
      do {
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
          throw CocoaError(.fileWriteNoPermission)
        }
        handle = try FileHandle(forWritingTo: file)
      } catch {
        decided = .failed(
          .init(
            message: "cannot write the download to \(file.deletingLastPathComponent().path): \(error)",
            retryable: false))
        return .cancel
      }
      return .allow
    }
    completionHandler(verdict)
    // FoundationNetworking ignores the disposition; only cancelling the task stops the transfer.
    // Even that takes effect only when its work queue gets to it: what arrives until then is
    // dropped, never written or kept.
    if verdict == .cancel { dataTask.cancel() }
  }

  /// Why the answer is refused before its body is read, or nil to read it.
  private func check(_ http: HTTPURLResponse) -> FeedAttemptFailure? {
    let status = http.statusCode
    switch status {
    case 200...299:
      break
    case 304:
      return nil
    case 429, 500...599:
      return FeedAttemptFailure(
        message: "the server answered HTTP \(status) (\(Self.reason(status)))", retryable: true,
        retryAfter: Self.retryAfter(http.value(forHTTPHeaderField: "Retry-After")))
    case 401, 403:
      return FeedAttemptFailure(
        message: "the server answered HTTP \(status) (\(Self.reason(status))): the feed needs credentials, "
          + "or the ones in the URL are no longer valid",
        retryable: false)
    case 404, 410:
      return FeedAttemptFailure(
        message: "the server answered HTTP \(status) (\(Self.reason(status))): check the feed's url", retryable: false)
    default:
      return FeedAttemptFailure(
        message: "the server answered HTTP \(status) (\(Self.reason(status)))", retryable: false)
    }
    if let refusal = FeedContentType.refusal(http.value(forHTTPHeaderField: "Content-Type"), format: limits.format) {
      return FeedAttemptFailure(message: refusal, retryable: false)
    }
    let announced = http.expectedContentLength
    if announced > limits.maximumBytes {
      return FeedAttemptFailure(
        message: "the server announces \(announced) bytes, over the feed's limit of \(limits.maximumBytes) bytes "
          + "(raise max_bytes if the file is really that large)",
        retryable: false)
    }
    return nil
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    let overLimit = lock.withLock { () -> Bool in
      guard decided == nil, let handle else { return false }
      lastActivity = .now
      received += data.count
      if received > limits.maximumBytes {
        decided = .failed(
          .init(
            message: "the answer exceeds the feed's limit of \(limits.maximumBytes) bytes; stopped reading "
              + "(raise max_bytes if the file is really that large)",
            retryable: false))
        return true
      }
      do {
        try handle.write(contentsOf: data)
      } catch {
        decided = .failed(.init(message: "cannot write the download to \(file.path): \(error)", retryable: false))
        return true
      }
      return false
    }
    if overLimit { dataTask.cancel() }
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
    let (result, waiting) = lock.withLock {
      () -> (FeedAttemptResult, CheckedContinuation<FeedAttemptResult, Never>?) in
      try? handle?.close()
      handle = nil
      let waiting = continuation
      continuation = nil
      return (outcome(error), waiting)
    }
    waiting?.resume(returning: result)
  }

  /// Called under the lock once the transfer has ended.
  private func outcome(_ error: Error?) -> FeedAttemptResult {
    if let decided { return decided }
    // With a Content-Encoding the announced length counts compressed bytes, not these.
    let encoded = response?.value(forHTTPHeaderField: "Content-Encoding").map { $0.lowercased() != "identity" } ?? false
    let announced = response?.expectedContentLength ?? -1
    let cutOff = !encoded && announced >= 0 && Int64(received) != announced
    let timedOut = (error as? URLError)?.code == .timedOut
    // libcurl reports a body cut short in words of its own (an unknown error code here).
    if cutOff && !timedOut {
      return .failed(
        .init(
          message: "the answer was cut off: \(received) of the \(announced) bytes announced arrived", retryable: true))
    }
    if let error = error as? URLError {
      return .failed(describe(error))
    }
    if let error {
      return .failed(.init(message: "the transfer failed: \(error)", retryable: true))
    }
    guard let response else { return .failed(.init(message: "no answer", retryable: true)) }
    return .body(
      file: file, bytes: received,
      validators: FeedValidators(
        etag: response.value(forHTTPHeaderField: "ETag"),
        lastModified: response.value(forHTTPHeaderField: "Last-Modified")))
  }

  private func describe(_ error: URLError) -> FeedAttemptFailure {
    switch error.code {
    case .timedOut:
      return .init(
        message: "no answer from the server within \(Int(limits.timeout)) s (the feed's timeout_seconds)",
        retryable: true)
    case .networkConnectionLost:
      return .init(
        message: "the connection was closed before the whole answer arrived (\(received) bytes received)",
        retryable: true)
    case .cannotConnectToHost:
      return .init(message: "the server refused the connection", retryable: true)
    case .cannotFindHost, .dnsLookupFailed:
      return .init(message: "the host name does not resolve", retryable: true)
    case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
      .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
      return .init(message: "the TLS connection failed: \(error.localizedDescription)", retryable: false)
    case .unsupportedURL, .badURL:
      return .init(message: "the URL cannot be fetched: \(error.localizedDescription)", retryable: false)
    default:
      return .init(
        message: "network error \(error.code.rawValue): \(error.localizedDescription)", retryable: true)
    }
  }

  static func reason(_ status: Int) -> String {
    HTTPURLResponse.localizedString(forStatusCode: status)
  }

  /// Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3).
  static func retryAfter(_ value: String?, now: Date = Date()) -> Duration? {
    guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
    if let seconds = Int(value) { return .seconds(max(0, seconds)) }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: value) else { return nil }
    return .seconds(max(0, Int(date.timeIntervalSince(now).rounded(.up))))
  }
}
