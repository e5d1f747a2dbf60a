import Foundation
import Testing

@testable import YujingCore

/// Nothing is lost across a crash. A real `yujing serve` is killed with SIGKILL in the
/// middle of a few hundred deliveries and started again: every delivery arrives, and a message
/// that arrived twice came under the same webhook-id (a receiver that drops duplicates by id sees
/// each exactly once). Waiting here is for real processes, by polling a condition with a deadline.
@Suite(.serialized) struct DispatchCrashTests {
  @Test(.needs(.standardwebhooks)) func killingTheDaemonMidDispatchLosesNothing() async throws {
    guard let receiver = try RobotReceiver.start() else { return }
    let clock = ManualClock()
    let harness = try EscalationHarness()
    // 市工信局 takes the copy of every county's letter on 30 targets: 10 letters → 300 deliveries.
    for _ in 0..<30 {
      _ = try harness.store.addWebhookTarget(
        addressee: "市工信局", format: .generic, url: receiver.url("/generic/slow"),
        secret: RobotReceiver.secrets["generic"], content: .full, receivesCopies: true, perMinute: 600,
        actor: "test", at: clock.now)
    }
    let counties = ["360981", "360982", "360983", "360921", "360922", "360923", "360924", "360925", "360926", "360902"]
    try harness.ingest(counties.map { "2020-08,\($0),industry_va,,7.0\n" }.joined())
    try harness.evaluate("2020-08")
    for draft in try harness.live() where draft.state == .draft {
      _ = try harness.store.approveNotice(
        id: draft.id, documentDate: Day("2020-09-29")!, talkAt: nil, place: nil, actor: "test", at: Date(),
        prefixes: harness.workspace.configuration.numbering, calendar: harness.thresholds.calendar,
        reportWorkingDays: harness.thresholds.ladder.reportWorkingDays)
    }
    let queued = try harness.store.deliveries()
    #expect(queued.count == 300)

    let database = harness.directory.path("yujing.sqlite")
    // The receiver kills the daemon as it accepts the 30th message: mid-way, however busy the
    // machine (at 100 ms an answer and 8 in flight, the 300 take about 4 s).
    let pidFile = harness.directory.path("serve.pid")
    try await receiver.killWhenAccepted(30, pidFile: pidFile)
    let first = try Daemon(database: database, pidFile: pidFile)
    first.waitUntilExit()
    #expect(first.status == SIGKILL, "the receiver killed the daemon")
    let arrivedBeforeTheCrash = try receiver.acceptedCount()
    #expect(arrivedBeforeTheCrash >= 30 && arrivedBeforeTheCrash < 300)
    print("crash test: \(arrivedBeforeTheCrash) of 300 arrived before the kill")

    let second = try Daemon(database: database, pidFile: nil)
    try await until("every delivery delivered", deadline: 120) {
      try harness.store.deliveries(state: .delivered).count == 300
    }
    #expect(second.terminate() == 0, "SIGTERM stops the daemon cleanly")

    let accepted = try await receiver.log().filter { $0.accepted == true }
    let ids = Set(queued.map(\.webhookID))
    #expect(Set(accepted.compactMap(\.webhookID)) == ids)
    #expect(accepted.allSatisfy { $0.verified == true })
    // At least once: a duplicate is possible only for what was in flight at the kill.
    #expect(accepted.count >= 300 && accepted.count <= 300 + 8)
    #expect(try harness.store.notices().filter { $0.state == .approved }.isEmpty)
  }

  /// Polls `condition` every 50 ms until it holds or `deadline` seconds have passed.
  func until(_ what: String, deadline: TimeInterval, _ condition: () async throws -> Bool) async throws {
    let end = Date().addingTimeInterval(deadline)
    while Date() < end {
      if try await condition() { return }
      try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting until \(what)")
    throw CancellationError()
  }

  /// `yujing serve` on a database, as its own process.
  final class Daemon {
    let process = Process()

    /// - Parameter pidFile: where to write its pid, at once, for the receiver to find.
    init(database: String, pidFile: String?) throws {
      process.executableURL = YujingCommand.binary
      process.arguments = ["serve", "--db", database, "--listen", "127.0.0.1:0"]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      if let pidFile { try "\(process.processIdentifier)".write(toFile: pidFile, atomically: true, encoding: .utf8) }
    }

    func waitUntilExit() { process.waitUntilExit() }

    /// The signal that ended it, or its exit status.
    var status: Int32 { process.terminationStatus }

    func terminate() -> Int32 {
      process.terminate()
      process.waitUntilExit()
      return process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
    }

    deinit {
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
      }
    }
  }
}
