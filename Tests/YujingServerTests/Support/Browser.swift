import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// One user's browser or script against the server under test: it keeps its own session cookie,
/// never follows redirects (a test sees the 303), and sends the session's CSRF token unless told
/// not to, in the form's `_csrf` field or the `X-CSRF-Token` header.
final class Browser: @unchecked Sendable {
  struct Answer {
    var status: Int
    var headers: HTTPFields
    var body: String

    func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }

    var json: [String: Any]? {
      try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
    }

    /// A body that is a JSON array of objects.
    var list: [[String: Any]]? {
      try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]
    }
  }

  let client: any TestClientProtocol
  var cookie: String?
  var csrf: String?

  init(_ client: any TestClientProtocol) { self.client = client }

  /// Signs in through the API, which answers with the session's CSRF token.
  @discardableResult
  func signIn(_ name: String, _ password: String) async throws -> Answer {
    let answer = try await send(.post, "/api/v1/session", json: ["name": name, "password": password], withCSRF: false)
    if answer.status == 200 {
      keepCookie(answer)
      csrf = answer.json?["csrf_token"] as? String
    }
    return answer
  }

  /// Keeps the session cookie a response sets, if any.
  func keepCookie(_ answer: Answer) {
    if let value = Self.sessionCookie(answer.header("Set-Cookie")) { cookie = value.isEmpty ? nil : value }
  }

  static func sessionCookie(_ header: String?) -> String? {
    guard let header, let start = header.range(of: "yujing_session=") else { return nil }
    return String(header[start.upperBound...].prefix { $0 != ";" })
  }

  func get(_ path: String, headers: [String: String] = [:]) async throws -> Answer {
    try await send(.get, path, headers: headers)
  }

  @discardableResult
  func send(
    _ method: HTTPRequest.Method, _ path: String, json: [String: Any]? = nil, form: [String: String]? = nil,
    withCSRF: Bool = true, headers extra: [String: String] = [:]
  ) async throws -> Answer {
    var headers = HTTPFields()
    if let cookie { headers[.cookie] = "yujing_session=\(cookie)" }
    var body: ByteBuffer?
    if let json {
      body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
      headers[.contentType] = "application/json"
      if withCSRF, let csrf { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
    } else if var form {
      if withCSRF, let csrf { form["_csrf"] = csrf }
      body = ByteBuffer(string: Self.encode(form))
      headers[.contentType] = "application/x-www-form-urlencoded"
    } else if withCSRF, let csrf, ![.get, .head].contains(method) {
      headers[HTTPField.Name("X-CSRF-Token")!] = csrf
    }
    for (name, value) in extra { headers[try #require(HTTPField.Name(name))] = value }
    let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: body)
    return Answer(status: response.status.code, headers: response.headers, body: String(buffer: response.body))
  }

  /// A request with a body given as it is (a multipart form, say).
  @discardableResult
  func sendRaw(
    _ method: HTTPRequest.Method, _ path: String, body: Data, contentType: String, headers extra: [String: String] = [:]
  ) async throws -> Answer {
    var headers = HTTPFields()
    if let cookie { headers[.cookie] = "yujing_session=\(cookie)" }
    headers[.contentType] = contentType
    for (name, value) in extra { headers[try #require(HTTPField.Name(name))] = value }
    let response = try await client.executeRequest(
      uri: path, method: method, headers: headers, body: ByteBuffer(bytes: body))
    return Answer(status: response.status.code, headers: response.headers, body: String(buffer: response.body))
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

  static func encode(_ form: [String: String]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return form.sorted { $0.key < $1.key }.map { key, value in
      "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
    }.joined(separator: "&")
  }
}
