import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `Scripts/receivers/robot_receiver.py` on a loopback port: receivers that behave like the group
/// robots and a Standard Webhooks endpoint, written without yujing's code (signatures checked by
/// the official `standardwebhooks` package and the robots' published algorithms).
final class RobotReceiver: @unchecked Sendable {
  static let secrets = [
    "generic": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "dingtalk": "SEC000000000000000000000000000000000000000000000000000000000000",
    "feishu": "demo-feishu-secret",
  ]

  struct Entry: Decodable {
    var path: String
    var format: String
    var count: Int
    var webhookID: String?
    var delivery: String?
    var body: String
    var verified: Bool?
    var accepted: Bool?
    var refused: String?

    enum CodingKeys: String, CodingKey {
      case path, format, count, delivery, body, verified, accepted, refused
      case webhookID = "webhook_id"
    }
  }

  let process: Process
  let port: Int
  private let lifeline = Pipe()
  private let directory: TemporaryDirectory

  /// nil (the test skipped, or recorded why on CI) without python3 and standardwebhooks.
  static func start() throws -> RobotReceiver? {
    guard let python = Python.with(module: "standardwebhooks", package: "standardwebhooks") else { return nil }
    return try RobotReceiver(python: python)
  }

  private init(python: String) throws {
    directory = try TemporaryDirectory()
    let secretsFile = directory.url.appendingPathComponent("secrets.json")
    try JSONSerialization.data(withJSONObject: Self.secrets).write(to: secretsFile)
    process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [
      ExternalTools.repository.appendingPathComponent("Scripts/receivers/robot_receiver.py").path, "--secrets",
      secretsFile.path,
    ]
    let output = Pipe()
    process.standardOutput = output
    // Held open while we live; its end tells the receiver to stop if we are killed.
    process.standardInput = lifeline
    try process.run()
    // The first line says where it listens.
    var line = Data()
    while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
      line.append(byte)
    }
    guard let port = Int(String(decoding: line, as: UTF8.self).dropFirst("port ".count)) else {
      process.terminate()
      throw ReceiverError(description: "the receiver did not start: \(String(decoding: line, as: UTF8.self))")
    }
    self.port = port
  }

  deinit {
    process.terminate()
    process.waitUntilExit()
  }

  func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

  /// How many messages were accepted.
  func acceptedCount() throws -> Int {
    let data = try Data(contentsOf: url("/count"))
    return (try JSONSerialization.jsonObject(with: data) as? [String: Int])?["accepted"] ?? 0
  }

  /// Makes the receiver SIGKILL the process whose pid `pidFile` holds as it accepts message `after`.
  func killWhenAccepted(_ after: Int, pidFile: String) async throws {
    var request = URLRequest(url: url("/control"))
    request.httpMethod = "POST"
    request.httpBody = try JSONSerialization.data(withJSONObject: ["kill_pid_file": pidFile, "after": after])
    _ = try await URLSession.shared.data(for: request)
  }

  /// Withdraws a `killWhenAccepted` that has not fired (its process ended another way), so that
  /// it cannot kill whatever process writes the pid file next.
  func cancelKill() async throws {
    var request = URLRequest(url: url("/control"))
    request.httpMethod = "POST"
    request.httpBody = try JSONSerialization.data(withJSONObject: ["after": Int32.max])
    _ = try await URLSession.shared.data(for: request)
  }

  func log() async throws -> [Entry] {
    let (data, _) = try await URLSession.shared.data(from: url("/log"))
    return try JSONDecoder().decode([Entry].self, from: data)
  }

  struct ReceiverError: Error, CustomStringConvertible { var description: String }
}

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
  private let lock = NSLock()
  private var current: Date

  init(_ start: Date = Date()) { current = start }

  var now: Date { lock.withLock { current } }

  func advance(by seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}
