import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `Scripts/receivers/feed_server.py` on a loopback port, serving the files of its own temporary
/// directory well and badly (see the script for the behaviours). One per test, so that no two
/// tests share its request counts.
final class FeedServer: @unchecked Sendable {
  struct Request: Decodable {
    var path: String
    var status: Int
    var ifNoneMatch: String?
    var ifModifiedSince: String?
    var written: Int?

    enum CodingKeys: String, CodingKey {
      case path, status, written
      case ifNoneMatch = "if_none_match"
      case ifModifiedSince = "if_modified_since"
    }
  }

  let process: Process
  let port: Int
  let root: TemporaryDirectory
  private let lifeline = Pipe()

  /// nil (the test skipped, or recorded why on CI) without python3.
  static func start() throws -> FeedServer? {
    guard let python = ExternalTools.require("python3", for: "the loopback feed server") else { return nil }
    return try FeedServer(python: python)
  }

  private init(python: String) throws {
    root = try TemporaryDirectory()
    process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [
      ExternalTools.repository.appendingPathComponent("Scripts/receivers/feed_server.py").path, "--root", root.url.path,
    ]
    let output = Pipe()
    process.standardOutput = output
    // Held open while we live; its end tells the server to stop if we are killed.
    process.standardInput = lifeline
    try process.run()
    var line = Data()
    while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
      line.append(byte)
    }
    guard let port = Int(String(decoding: line, as: UTF8.self).dropFirst("port ".count)) else {
      process.terminate()
      throw RobotReceiver.ReceiverError(
        description: "the feed server did not start: \(String(decoding: line, as: UTF8.self))")
    }
    self.port = port
  }

  deinit {
    process.terminate()
    process.waitUntilExit()
  }

  /// Puts a file where the server serves it from.
  func serve(_ name: String, _ text: String) throws {
    try serve(name, data: Data(text.utf8))
  }

  func serve(_ name: String, data: Data) throws {
    try data.write(to: root.url.appendingPathComponent(name))
  }

  func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

  /// The requests so far, other than for this log.
  func requests() async throws -> [Request] {
    let (data, _) = try await URLSession.shared.data(from: URL(string: url("/log"))!)
    return try JSONDecoder().decode([Request].self, from: data)
  }

  /// The requests for `path`, waiting (up to 10 s) until there are `count` of them: a streaming
  /// answer is logged only once the client has hung up.
  func requests(for path: String, count: Int = 1) async throws -> [Request] {
    for _ in 0..<200 {
      let matching = try await requests().filter { $0.path == path }
      if matching.count >= count { return matching }
      try await Task.sleep(for: .milliseconds(50))
    }
    return try await requests().filter { $0.path == path }
  }
}

/// An injected sleep that returns at once and remembers how long it was asked to wait.
final class SleepRecorder: @unchecked Sendable {
  private let lock = NSLock()
  private var recorded: [Duration] = []

  var durations: [Duration] { lock.withLock { recorded } }

  var sleep: @Sendable (Duration) async throws -> Void {
    { [self] duration in lock.withLock { recorded.append(duration) } }
  }
}
