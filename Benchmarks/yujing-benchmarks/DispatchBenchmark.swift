import Foundation
import YujingCore

/// Deliveries per second to a loopback receiver that does nothing (target ≥ 500),
/// with none lost, side by side with the same POSTs sent straight through the transport — no
/// outbox, no signature, no log — so the ratio is the price of delivering at least once.
struct DispatchBenchmark {
  let directory: URL
  let targetsPerAddressee: Int

  init(arguments: Arguments) throws {
    targetsPerAddressee = arguments.integer("targets", default: 8)
    directory = try scratchDirectory("yujing-bench-dispatch", arguments: arguments)
  }

  func run() async throws -> [BenchmarkResult] {
    let receiver = try Receiver.start(directory: directory)
    defer { receiver.stop() }
    let configuration = try Configuration.embeddedDefault()
    let workspace = try Workspace.open(
      configuration: configuration, databasePath: directory.appendingPathComponent("yujing.sqlite").path,
      now: Date())
    for addressee in configuration.addressees {
      for _ in 0..<targetsPerAddressee {
        _ = try workspace.store.addWebhookTarget(
          addressee: addressee, format: .generic, url: receiver.url, secret: WebhookSignature.newStandardSecret(),
          content: .full, receivesCopies: true, perMinute: 6000, actor: "benchmark", at: Date())
      }
    }
    print("dispatch: the sample year's notices approved into the outbox …")
    _ = try SampleReplay(workspace: workspace).loadBaseline()
    let thresholdsDirectory = directory.appendingPathComponent("thresholds")
    try SampleReplay.writeThresholds(into: thresholdsDirectory)
    let thresholds = try Thresholds.load(configuration: configuration, directory: thresholdsDirectory)
    try SampleOffice(workspace: workspace, thresholds: thresholds, review: .everything).run { _ in }
    let pending = try workspace.store.deliveries(state: .pending)
    print("dispatch: \(pending.count) deliveries to \(receiver.url) …")

    let transport = URLSessionTransport()
    let worker = DispatchWorker(workspace: workspace, transport: transport, clock: { Date() })
    let start = DispatchTime.now()
    let round = try await worker.runUntilNothingIsDue()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    let delivered = try workspace.store.deliveries(state: .delivered).count
    let received = try receiver.received()
    guard delivered == pending.count, round.dead == 0, received >= pending.count else {
      throw BenchmarkFailure(
        "lost deliveries: \(pending.count) queued, \(delivered) delivered, \(round.dead) dead, \(received) received")
    }

    // The baseline: the same number of POSTs of a generic body, 8 in flight, straight through.
    let body = Data(repeating: UInt8(ascii: "x"), count: 2048)
    let request = WebhookRequest(url: receiver.url, headers: [("Content-Type", "application/json")], body: body)
    let baselineStart = DispatchTime.now()
    try await withThrowingTaskGroup(of: Void.self) { group in
      var sent = 0
      for _ in 0..<8 {
        guard sent < pending.count else { break }
        sent += 1
        group.addTask { _ = await transport.send(request, timeout: 10) }
      }
      while try await group.next() != nil {
        guard sent < pending.count else { continue }
        sent += 1
        group.addTask { _ = await transport.send(request, timeout: 10) }
      }
    }
    let baselineSeconds = Double(DispatchTime.now().uptimeNanoseconds - baselineStart.uptimeNanoseconds) / 1e9
    let rate = Double(pending.count) / seconds
    let baselineRate = Double(pending.count) / baselineSeconds
    print(String(format: "dispatch: %.0f deliveries/s; bare POSTs %.0f/s", rate, baselineRate))
    return [
      BenchmarkResult(
        name: "dispatch \(pending.count) signed deliveries, none lost",
        measured: String(format: "%.0f /s", rate), baseline: String(format: "%.0f /s bare POSTs", baselineRate),
        ratio: rate / baselineRate, target: "≥ 500 /s", met: rate >= 500)
    ]
  }

  /// `Scripts/receivers/robot_receiver.py` answering 200 to everything under `/sink/`.
  final class Receiver {
    let process: Process
    let url: URL
    let logURL: URL
    let lifeline = Pipe()

    static func start(directory: URL) throws -> Receiver { try Receiver(directory: directory) }

    init(directory: URL) throws {
      guard let python = which("python3") else { throw BenchmarkFailure("the loopback receiver needs python3") }
      let secrets = directory.appendingPathComponent("secrets.json")
      try Data(#"{"generic": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "dingtalk": "x", "feishu": "y"}"#.utf8)
        .write(to: secrets)
      let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/receivers/robot_receiver.py").path
      process = Process()
      process.executableURL = URL(fileURLWithPath: python)
      process.arguments = [script, "--secrets", secrets.path]
      let output = Pipe()
      process.standardOutput = output
      process.standardInput = lifeline
      try process.run()
      var line = Data()
      while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
        line.append(byte)
      }
      guard let port = Int(String(decoding: line, as: UTF8.self).dropFirst("port ".count)) else {
        throw BenchmarkFailure("the receiver did not start (is the standardwebhooks package installed?)")
      }
      url = URL(string: "http://127.0.0.1:\(port)/sink/ok")!
      logURL = URL(string: "http://127.0.0.1:\(port)/log")!
    }

    /// How many messages the receiver accepted.
    func received() throws -> Int {
      let data = try Data(contentsOf: logURL)
      let entries = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
      return entries.filter { $0["path"] as? String == "/sink/ok" && $0["accepted"] as? Bool == true }.count
    }

    func stop() {
      process.terminate()
      process.waitUntilExit()
    }
  }
}
