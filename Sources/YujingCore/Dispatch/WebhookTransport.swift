import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Sends one request and says what came back. The worker sees only this, so tests can run it
/// against real loopback receivers and the benchmark against a receiver that does nothing.
public protocol WebhookTransport: Sendable {
  func send(_ request: WebhookRequest, timeout: TimeInterval) async -> TransportAnswer
}

/// The system's HTTP client (URLSession over libcurl). Redirects are not followed: a webhook that
/// moved is a configuration to fix, and a redirect would carry the signed body elsewhere.
public final class URLSessionTransport: NSObject, WebhookTransport, URLSessionTaskDelegate, @unchecked Sendable {
  /// The longest answer kept: enough for any robot's JSON and the start of an error page.
  static let answerLimit = 64 * 1024
  private let lock = NSLock()
  private var sessions: [TimeInterval: URLSession] = [:]

  /// One session per timeout: FoundationNetworking applies the session's request timeout and
  /// ignores a shorter one set on the request.
  private func session(timeout: TimeInterval) -> URLSession {
    lock.withLock {
      if let session = sessions[timeout] { return session }
      let configuration = URLSessionConfiguration.ephemeral
      configuration.httpCookieStorage = nil
      configuration.urlCache = nil
      configuration.httpMaximumConnectionsPerHost = 8
      configuration.timeoutIntervalForRequest = timeout
      configuration.timeoutIntervalForResource = timeout
      let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
      sessions[timeout] = session
      return session
    }
  }

  public override init() { super.init() }

  public func send(_ request: WebhookRequest, timeout: TimeInterval) async -> TransportAnswer {
    var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
    urlRequest.httpMethod = "POST"
    for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
    urlRequest.setValue("yujing", forHTTPHeaderField: "User-Agent")
    do {
      let (data, response) = try await session(timeout: timeout).upload(for: urlRequest, from: request.body)
      guard let http = response as? HTTPURLResponse else { return .failed("not an HTTP answer") }
      var headers: [String: String] = [:]
      for (name, value) in http.allHeaderFields {
        if let name = name as? String, let value = value as? String { headers[name] = value }
      }
      return .answered(status: http.statusCode, headers: headers, body: data.prefix(Self.answerLimit))
    } catch let error as URLError {
      return .failed(Self.describe(error, timeout: timeout))
    } catch {
      return .failed("\(error)")
    }
  }

  static func describe(_ error: URLError, timeout: TimeInterval) -> String {
    switch error.code {
    case .timedOut: "no answer within \(Int(timeout)) s (dispatch.timeout_seconds)"
    case .cannotConnectToHost: "connection refused"
    case .networkConnectionLost: "the connection was closed before an answer"
    case .cannotFindHost, .dnsLookupFailed: "the host name does not resolve"
    case .badServerResponse: "a malformed HTTP answer"
    default: "network error \(error.code.rawValue): \(error.localizedDescription)"
    }
  }

  public func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }
}
