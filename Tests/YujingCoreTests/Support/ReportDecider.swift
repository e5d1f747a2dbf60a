import Foundation

/// The office deciding 整改 reports: on a thread of its own (`BackgroundLoop`), it lists the
/// reports awaiting a decision through the API and accepts or returns each (by the parity of its
/// id, so that both decisions are taken), again and again until stopped.
final class ReportDecider: @unchecked Sendable {
  private let client: WebClient
  private var loop: BackgroundLoop!

  /// Signs in as a reviewer (the account must exist) and starts deciding.
  init(address: String, name: String, password: String) throws {
    client = WebClient(address: address)
    let answer = try client.signIn(name, password)
    guard answer.status == 200 else { throw WebClientFailure("sign-in as \(name) answered \(answer.status)") }
    loop = BackgroundLoop { [client] loop in try Self.decideReports(client, loop) }
  }

  var decided: Int { loop.count }
  var lastErrors: [String] { loop.lastErrors }

  private static func decideReports(_ client: WebClient, _ loop: BackgroundLoop) throws -> Int {
    let list = try client.get("/api/v1/reports?state=submitted")
    guard list.status == 200, let data = list.body.data(using: .utf8),
      let reports = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    else { throw WebClientFailure("listing reports answered \(list.status): \(list.body.prefix(200))") }
    var count = 0
    for report in reports {
      guard !loop.isStopped, let id = report["id"] as? Int else { break }
      let answer =
        id % 2 == 0
        ? try client.send("POST", "/api/v1/reports/\(id)/accept", json: ["comment": "措施具体，同意销号"])
        : try client.send("POST", "/api/v1/reports/\(id)/return", json: ["reason": "整改措施不具体"])
      if answer.status == 200 {
        count += 1
        loop.completed()
      } else {
        loop.note("deciding report \(id) answered \(answer.status): \(answer.body.prefix(200))")
      }
    }
    return count
  }

  /// Stops after the request in flight, and waits for that.
  func stop() { loop.stop() }
}
