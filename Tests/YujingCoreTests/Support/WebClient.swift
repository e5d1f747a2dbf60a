import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A real HTTP client for a server on loopback, one per user: it keeps its own session cookie
/// (no shared cookie store, so users never mix), never follows redirects (a test sees the 303),
/// and sends the session's CSRF token only when asked to.
final class WebClient: @unchecked Sendable {
  struct Answer {
    var status: Int
    var headers: [String: String]
    var body: String

    func header(_ name: String) -> String? {
      headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    var json: [String: Any]? {
      try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
    }
  }

  let base: String
  var cookie: String?
  /// The CSRF token of the session, from the API's sign-in answer.
  var csrf: String?
  private let session: URLSession

  init(address: String) {
    base = "http://\(address)"
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpCookieStorage = nil
    configuration.httpShouldSetCookies = false
    configuration.timeoutIntervalForRequest = 30
    session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
  }

  deinit { session.invalidateAndCancel() }

  @discardableResult
  func send(
    _ method: String, _ path: String, json: [String: Any]? = nil, form: [String: String]? = nil, withCSRF: Bool = true,
    headers: [String: String] = [:]
  ) throws -> Answer {
    var request = URLRequest(url: try #require(URL(string: base + path)))
    request.httpMethod = method
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    if let cookie { request.setValue("yujing_session=\(cookie)", forHTTPHeaderField: "Cookie") }
    if withCSRF, let csrf, form == nil { request.setValue(csrf, forHTTPHeaderField: "X-CSRF-Token") }
    if let json {
      request.httpBody = try JSONSerialization.data(withJSONObject: json)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    } else if var form {
      if withCSRF, let csrf { form["_csrf"] = csrf }
      request.httpBody = Data(Self.encode(form).utf8)
      request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
    }
    // A test's own Content-Type (text/plain for a cross-site JSON) goes over the one above.
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    return try perform(request)
  }

  private func perform(_ request: URLRequest) throws -> Answer {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox()
    session.dataTask(with: request) { data, response, error in
      box.set(data, response as? HTTPURLResponse, error)
      done.signal()
    }.resume()
    done.wait()
    let (data, response, error) = box.value
    if let error { throw error }
    let http = try #require(response)
    var headers: [String: String] = [:]
    for (key, value) in http.allHeaderFields { headers["\(key)"] = "\(value)" }
    return Answer(status: http.statusCode, headers: headers, body: String(decoding: data ?? Data(), as: UTF8.self))
  }

  func get(_ path: String, headers: [String: String] = [:]) throws -> Answer {
    try send("GET", path, headers: headers)
  }

  /// A `multipart/form-data` body as a browser sends it, with the session's CSRF field first.
  func multipart(fields: [(String, String)], files: [(name: String, fileName: String, data: Data)]) -> (Data, String) {
    let boundary = "----yujing-test-\(UUID().uuidString)"
    var body = Data()
    var all = fields
    if let csrf { all.insert(("_csrf", csrf), at: 0) }
    for (name, value) in all {
      body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
    }
    for file in files {
      body.append(
        Data(
          "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            .utf8))
      body.append(file.data)
      body.append(Data("\r\n".utf8))
    }
    body.append(Data("--\(boundary)--\r\n".utf8))
    return (body, "multipart/form-data; boundary=\(boundary)")
  }

  /// A request with a body given as it is (a multipart form, say).
  func sendRaw(
    _ method: String, _ path: String, body: Data, contentType: String, headers: [String: String] = [:]
  ) throws -> Answer {
    var request = URLRequest(url: try #require(URL(string: base + path)))
    request.httpMethod = method
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    if let cookie { request.setValue("yujing_session=\(cookie)", forHTTPHeaderField: "Cookie") }
    request.setValue(contentType, forHTTPHeaderField: "Content-Type")
    request.httpBody = body
    return try perform(request)
  }

  /// Signs in through the API and keeps the session cookie and CSRF token.
  @discardableResult
  func signIn(_ name: String, _ password: String) throws -> Answer {
    let answer = try send("POST", "/api/v1/session", json: ["name": name, "password": password], withCSRF: false)
    if answer.status == 200 {
      cookie = Self.sessionCookie(answer.header("Set-Cookie"))
      csrf = answer.json?["csrf_token"] as? String
    }
    return answer
  }

  static func sessionCookie(_ header: String?) -> String? {
    guard let header, let start = header.range(of: "yujing_session=") else { return nil }
    return String(header[start.upperBound...].prefix { $0 != ";" })
  }

  static func encode(_ form: [String: String]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return form.sorted { $0.key < $1.key }.map { key, value in
      "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
    }.joined(separator: "&")
  }
}

private final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }
}

private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: (Data?, HTTPURLResponse?, (any Error)?) = (nil, nil, nil)

  func set(_ data: Data?, _ response: HTTPURLResponse?, _ error: (any Error)?) {
    lock.withLock { stored = (data, response, error) }
  }

  var value: (Data?, HTTPURLResponse?, (any Error)?) { lock.withLock { stored } }
}
