import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// A real `yujing serve` under test, as systemd would run it: a notify socket to hear READY=1 and
/// the rest on, its standard output collected line by line, and its HTTP address read from the
/// STATUS= that comes with READY=1. Waits are bounded by the socket's and the pipe's own timeouts;
/// nothing sleeps on the wall clock.
final class ServeProcess: @unchecked Sendable {
  let process = Process()
  let notifications: DatagramListener
  private(set) var address = ""
  private let output = Pipe()
  private let lock = NSCondition()
  private var lines: [String] = []
  private var finishedReading = false

  /// Starts `yujing serve ARGUMENTS --listen 127.0.0.1:0` and waits for READY=1, unless told not
  /// to (then `address` stays empty).
  init(
    _ arguments: [String], directory: TemporaryDirectory, environment extra: [String: String] = [:],
    stdout: Pipe? = nil, waitingForReady: Bool = true
  ) throws {
    let socketPath = directory.path("notify-\(UUID().uuidString.prefix(6)).sock")
    notifications = try DatagramListener(path: socketPath)
    process.executableURL = YujingCommand.binary
    process.arguments = ["serve"] + arguments + ["--listen", "127.0.0.1:0"]
    var environment = ProcessInfo.processInfo.environment
    environment["NOTIFY_SOCKET"] = socketPath
    environment["JOURNAL_STREAM"] = nil
    environment.merge(extra) { $1 }
    process.environment = environment
    let pipe = stdout ?? output
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    Thread { [self] in readLines(pipe.fileHandleForReading) }.start()
    guard waitingForReady else { return }
    guard let ready = waitForNotification({ $0.hasPrefix("READY=1") }) else {
      stop()
      throw ServeFailure("no READY=1 from yujing serve; its output:\n\(outputText)")
    }
    guard let range = ready.range(of: "serving http://") else { throw ServeFailure("no address in \(ready)") }
    address = String(ready[range.upperBound...].prefix { $0 != ";" && $0 != "\n" })
  }

  struct ServeFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  private func readLines(_ handle: FileHandle) {
    var pending = Data()
    while true {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      pending.append(chunk)
      while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
        pending = Data(pending[(newline + 1)...])
        lock.withLock {
          lines.append(line)
          lock.broadcast()
        }
      }
    }
    lock.withLock {
      finishedReading = true
      lock.broadcast()
    }
  }

  var outputText: String { lock.withLock { lines.joined(separator: "\n") } }

  /// The first output line that satisfies `predicate`, waiting up to `seconds` for it.
  func waitForLine(seconds: Double = 30, _ predicate: (String) -> Bool) -> String? {
    let deadline = Date().addingTimeInterval(seconds)
    lock.lock()
    defer { lock.unlock() }
    while true {
      if let line = lines.first(where: predicate) { return line }
      if finishedReading || !lock.wait(until: deadline) { return lines.first(where: predicate) }
    }
  }

  /// Notify messages until one satisfies `predicate` (returned), or none comes for 30 seconds.
  @discardableResult
  func waitForNotification(_ predicate: (String) -> Bool) -> String? {
    while let message = notifications.receive(timeoutSeconds: 30) {
      received.append(message)
      if predicate(message) { return message }
    }
    return nil
  }

  /// Every notify message heard so far, in order.
  private(set) var received: [String] = []

  func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

  /// Writes the pid where another process (the robot receiver) can find it to kill it.
  func writePID(to path: String) throws {
    try "\(process.processIdentifier)".write(toFile: path, atomically: true, encoding: .utf8)
  }

  /// SIGKILL, as a crash: nothing of the daemon runs after it. Returns once it has exited.
  func crash() {
    if process.isRunning { signal(SIGKILL) }
    process.waitUntilExit()
  }

  /// Whether it ended by SIGKILL (from `crash()` or from anyone else).
  var wasKilled: Bool {
    !process.isRunning && process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
  }

  /// SIGTERM, then the exit status once it has exited.
  @discardableResult
  func stop() -> Int32 {
    if process.isRunning { signal(SIGTERM) }
    process.waitUntilExit()
    return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
  }

  /// A GET with a real HTTP client: status and body.
  func get(_ path: String) throws -> (status: Int, body: String, contentType: String?) {
    let url = try #require(URL(string: "http://\(address)\(path)"))
    let done = DispatchSemaphore(value: 0)
    let result = LockedResult()
    URLSession.shared.dataTask(with: url) { data, response, error in
      result.set(data: data, response: response as? HTTPURLResponse, error: error)
      done.signal()
    }.resume()
    done.wait()
    let (data, response, error) = result.value
    if let error { throw error }
    let http = try #require(response)
    return (
      http.statusCode, String(decoding: data ?? Data(), as: UTF8.self), http.value(forHTTPHeaderField: "Content-Type")
    )
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
  }
}

private final class LockedResult: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: (Data?, HTTPURLResponse?, (any Error)?) = (nil, nil, nil)

  func set(data: Data?, response: HTTPURLResponse?, error: (any Error)?) {
    lock.withLock { stored = (data, response, error) }
  }

  var value: (Data?, HTTPURLResponse?, (any Error)?) { lock.withLock { stored } }
}
