import ArgumentParser
import Foundation
import YujingCore

struct Deliveries: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The outbox: each approved notice's deliveries to its targets, and every attempt.",
    subcommands: [List.self, Show.self, Resend.self, Send.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List deliveries with their state and last error.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "pending, delivered, dead or cancelled.") var state: DeliveryRecord.State?
    @Option(help: "Only this notice's.") var notice: Int64?

    func run() throws {
      let store = try global.openWorkspace().store
      let targets = Dictionary(
        uniqueKeysWithValues: try store.webhookTargets(includingRemoved: true).map { ($0.id, $0) })
      let deliveries = try store.deliveries(state: state, notice: notice)
      if deliveries.isEmpty { print("no deliveries") }
      for delivery in deliveries {
        let target = targets[delivery.targetID]
        var line =
          "\(delivery.id)\tnotice \(delivery.noticeID)\(delivery.eventKind.map { " \($0.rawValue)" } ?? "")"
          + "\t\(target?.addressee ?? "?") \(target?.format.rawValue ?? "")"
          + "\t\(delivery.state.rawValue)\t\(delivery.attempts) attempt(s)"
        if delivery.state == .pending { line += "\tnext \(Timestamp.string(delivery.nextAttempt))" }
        if let error = delivery.lastError { line += "\t\(error)" }
        print(line)
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "A delivery and the log of its attempts.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The delivery's id.") var id: Int64

    func run() throws {
      let store = try global.openWorkspace().store
      guard let delivery = try store.delivery(id: id) else {
        throw CommandFailure("there is no delivery \(id)")
      }
      let carries = delivery.eventKind.map { "\($0.rawValue) event \(delivery.eventID ?? 0) of " } ?? ""
      print(
        "delivery \(delivery.id): \(carries)notice \(delivery.noticeID) → webhook \(delivery.targetID) (\(delivery.role))"
      )
      print("webhook-id: \(delivery.webhookID)")
      print(
        "state: \(delivery.state.rawValue), \(delivery.attempts) attempt(s), queued \(Timestamp.string(delivery.queuedAt))"
      )
      if let lastError = delivery.lastError { print("last error: \(lastError)") }
      for attempt in try store.deliveryAttempts(delivery: id) {
        let status = attempt.httpStatus.map { "HTTP \($0)" } ?? "no answer"
        print(
          "  \(Timestamp.string(attempt.startedAt))  \(attempt.outcome)  \(status)  \(attempt.latencyMilliseconds) ms  "
            + attempt.answer.replacingOccurrences(of: "\n", with: " "))
      }
    }
  }

  struct Resend: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Queue a dead or cancelled delivery again, now, under its webhook-id.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The delivery's id.") var id: Int64

    func run() throws {
      do {
        try global.openWorkspace().store.resendDelivery(id: id, actor: Actor.current, at: Date())
        print("delivery \(id) queued; yujing serve sends it (or yujing deliveries send)")
      } catch let error as NoticeActionError {
        throw CommandFailure(error.description)
      }
    }
  }

  struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Send what is due now and return (what the daemon's dispatch worker does continuously).")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
      let workspace = try global.openWorkspace()
      let worker = DispatchWorker(workspace: workspace, transport: URLSessionTransport(), clock: { Date() })
      let round = try await worker.runUntilNothingIsDue()
      print(
        "\(round.delivered) delivered, \(round.retrying) to retry later, \(round.dead) dead, "
          + "\(round.postponed) held back by rate limits")
      if let next = try workspace.store.nextDeliveryDue() { print("next due: \(Timestamp.string(next))") }
      if round.dead > 0 { throw CommandFailure("some deliveries are dead: yujing deliveries list --state dead") }
    }
  }
}

extension DeliveryRecord.State: ExpressibleByArgument {}
