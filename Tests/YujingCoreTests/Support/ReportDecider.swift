import Foundation

/// The office deciding 整改 reports: on a thread of its own, it lists the reports awaiting a
/// decision through the API and accepts or returns each (by the parity of its id, so that both
/// decisions are taken), again and again until stopped. Errors are expected while the daemon is
/// down or killed; the last few are kept for a failure message.
final class ReportDecider: @unchecked Sendable {
  private let client: WebClient
  private let lock = NSLock()
  private var stopped = false
  private var decidedCount = 0
  private var errors: [String] = []
  private let done = DispatchSemaphore(value: 0)

  /// Signs in as a reviewer (the account must exist) and starts deciding.
  init(address: String, name: String, password: String) throws {
    client = WebClient(address: address)
    let answer = try client.signIn(name, password)
    guard answer.status == 200 else { throw WebClientFailure("sign-in as \(name) answered \(answer.status)") }
    Thread { [self] in
      while !isStopped {
        do {
          if try decideReports() == 0 { Thread.sleep(forTimeInterval: 0.02) }
        } catch {
          note("\(error)")
          Thread.sleep(forTimeInterval: 0.05)
        }
      }
      done.signal()
    }.start()
  }

  var decided: Int { lock.withLock { decidedCount } }
  var lastErrors: [String] { lock.withLock { errors } }
  private var isStopped: Bool { lock.withLock { stopped } }

  private func note(_ error: String) {
    lock.withLock {
      errors.append(error)
      if errors.count > 5 { errors.removeFirst() }
    }
  }

  private func decideReports() throws -> Int {
    let list = try client.get("/api/v1/reports?state=submitted")
    guard list.status == 200, let data = list.body.data(using: .utf8),
      let reports = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    else { throw WebClientFailure("listing reports answered \(list.status): \(list.body.prefix(200))") }
    var count = 0
    for report in reports {
      guard !isStopped, let id = report["id"] as? Int else { break }
      let answer =
        id % 2 == 0
        ? try client.send("POST", "/api/v1/reports/\(id)/accept", json: ["comment": "措施具体，同意销号"])
        : try client.send("POST", "/api/v1/reports/\(id)/return", json: ["reason": "整改措施不具体"])
      if answer.status == 200 {
        count += 1
        lock.withLock { decidedCount += 1 }
      } else {
        note("deciding report \(id) answered \(answer.status): \(answer.body.prefix(200))")
      }
    }
    return count
  }

  /// Stops after the request in flight, and waits for that.
  func stop() {
    lock.withLock { stopped = true }
    done.wait()
  }
}
