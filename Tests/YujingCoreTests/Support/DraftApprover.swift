import Foundation

/// A reviewer and a signer at work: on a thread of its own (`BackgroundLoop`), it lists the drafts through the API and
/// takes each one's steps — the reviewer's check (a talk with a time and a place), the signer's
/// signature where the chain asks for one — again and again until stopped. Errors are expected while
/// the daemon is down or killed; they are kept, the last few, for a failure message.
final class DraftApprover: @unchecked Sendable {
  private let client: WebClient
  private let signer: WebClient
  private var loop: BackgroundLoop!

  /// Signs in (the account must exist) and starts approving.
  init(address: String, name: String, password: String, signer account: (name: String, password: String)) throws {
    client = WebClient(address: address)
    signer = WebClient(address: address)
    for (client, name, password) in [(client, name, password), (signer, account.name, account.password)] {
      let answer = try client.signIn(name, password)
      guard answer.status == 200 else {
        throw WebClientFailure("sign-in as \(name) answered \(answer.status): \(answer.body)")
      }
    }
    loop = BackgroundLoop { [client, signer] loop in try Self.approveDrafts(client, signer, loop) }
  }

  var approved: Int { loop.count }
  var lastErrors: [String] { loop.lastErrors }

  /// One look at the drafts, approving what it finds; how many it approved.
  private static func approveDrafts(_ client: WebClient, _ signer: WebClient, _ loop: BackgroundLoop) throws -> Int {
    let list = try client.get("/api/v1/notices?state=draft&limit=1000")
    guard list.status == 200, let notices = list.json?["notices"] as? [[String: Any]] else {
      throw WebClientFailure("listing drafts answered \(list.status): \(list.body.prefix(200))")
    }
    var count = 0
    for notice in notices {
      guard !loop.isStopped, let id = notice["id"] as? Int else { break }
      var body: [String: Any] = [:]
      if notice["kind"] as? String == "talk" {
        // A time of its own: two talks at one time in one room, or with one leader, clash.
        let time = String(format: "2030-01-%02d %02d:%02d", 1 + id / 600 % 28, 8 + id / 60 % 10, id % 60)
        body = ["talk_at": time, "place": "市政府第一会议室"]
      }
      var answer = try client.send("POST", "/api/v1/notices/\(id)/approve", json: body)
      // Checked and waiting for its signature, or checked before a kill: the signer's step.
      let waitsForSignature =
        (answer.status == 200 && answer.json?["state"] as? String == "draft")
        || (answer.json?["error"] as? [String: Any])?["code"] as? String == "wrong_role"
      if waitsForSignature, !loop.isStopped {
        answer = try signer.send("POST", "/api/v1/notices/\(id)/approve", json: [:])
      }
      if answer.status == 200 {
        count += 1
        loop.completed()
      } else {
        loop.note("approving \(id) answered \(answer.status): \(answer.body.prefix(200))")
      }
    }
    return count
  }

  /// Stops after the request in flight, and waits for that.
  func stop() { loop.stop() }
}

struct WebClientFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
