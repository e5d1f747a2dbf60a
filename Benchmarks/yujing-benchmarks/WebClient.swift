import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A signed-in client of the web UI, as a browser is: one connection kept alive, one request at a
/// time, the session cookie sent with each. Each client keeps its own cookie, so a reviewer and a
/// department can be measured side by side.
final class WebClient {
  let base: URL
  private let session: URLSession
  private let cookie: String

  /// Signs in with `POST /api/v1/session` and keeps the `yujing_session` cookie it sets.
  init(base: URL, name: String, password: String) async throws {
    self.base = base
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = 1
    // The cookie is sent by hand: the shared store would mix the two accounts' sessions.
    configuration.httpShouldSetCookies = false
    configuration.httpCookieAcceptPolicy = .never
    configuration.httpCookieStorage = nil
    configuration.urlCache = nil
    session = URLSession(configuration: configuration)
    var request = URLRequest(url: base.appendingPathComponent("api/v1/session"))
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = try JSONSerialization.data(withJSONObject: ["name": name, "password": password])
    let (_, response) = try await session.data(for: request)
    guard let http = response as? HTTPURLResponse, http.statusCode == 200,
      let setCookie = http.value(forHTTPHeaderField: "Set-Cookie"),
      let pair = setCookie.split(separator: ";").first, pair.hasPrefix("yujing_session=")
    else { throw BenchmarkFailure("\(name) could not sign in at \(base): \(response)") }
    cookie = String(pair)
  }

  /// GETs `path` (with its query) and requires 200; returns the body and the seconds it took.
  func get(_ path: String) async throws -> (body: Data, seconds: Double) {
    guard let url = URL(string: path, relativeTo: base) else { throw BenchmarkFailure("bad path \(path)") }
    var request = URLRequest(url: url)
    request.setValue(cookie, forHTTPHeaderField: "Cookie")
    let start = DispatchTime.now()
    let (body, response) = try await session.data(for: request)
    let seconds = NotifiedProcess.seconds(since: start)
    guard (response as? HTTPURLResponse)?.statusCode == 200 else {
      throw BenchmarkFailure("GET \(path) answered \((response as? HTTPURLResponse)?.statusCode ?? 0)")
    }
    return (body, seconds)
  }

  deinit { session.finishTasksAndInvalidate() }
}
