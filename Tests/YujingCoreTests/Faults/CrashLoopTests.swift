import Foundation
import GRDB
import Testing

@testable import YujingCore

/// Delivery and the daemon under faults: `yujing serve` killed with SIGKILL at random moments of real work,
/// again and again, loses nothing and applies nothing by halves. Each round adds a month's feed,
/// starts the daemon (which catches the feed up, evaluates the month and drafts its notices; a
/// reviewer checks the drafts through the API as they appear and a signer signs those whose chain
/// asks for it; the dispatch worker delivers them to the robot receiver; in a round aimed at the
/// decisions, the addressees have sent their 整改 reports and the reviewer accepts or returns
/// them) and kills it in a phase chosen by a seeded generator, at a moment found by watching the
/// work (the database, the reviewer's and the decider's counts, the receiver's count) plus a
/// random delay. With the daemon down, the database is checked; at the end the daemon drains all work and
/// every delivery is checked at the receiver.
///
/// `YUJING_CRASH_ROUNDS` (default 12, at least 4) sets the rounds, `YUJING_CRASH_SEED` replays a
/// run: both are printed.
@Suite(.serialized) struct CrashLoopTests {
  enum Phase: String, CaseIterable, Comparable {
    case ingest, evaluation, approval, dispatch, decision

    static func < (lhs: Phase, rhs: Phase) -> Bool {
      allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
  }

  @Test(.needs(.standardwebhooks)) func killedAtRandomMomentsTheDaemonLosesNothingSkipsNoNumberAndDeliversEverything()
    async throws
  {
    guard let receiver = try RobotReceiver.start() else { return }
    let environment = ProcessInfo.processInfo.environment
    let rounds = max(environment["YUJING_CRASH_ROUNDS"].flatMap(Int.init) ?? 12, Phase.allCases.count)
    let seed = environment["YUJING_CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...999_999)
    print("crash loop: \(rounds) rounds, seed \(seed) (YUJING_CRASH_SEED=\(seed) replays the choices)")
    var random = SeededRandom(seed: seed)
    let office = try await onOwnThread { try CrashOffice(receiver: receiver) }
    let pidFile = office.directory.path("serve.pid")
    var loop = CrashLoop(office: office, receiver: receiver, pidFile: pidFile)
    var hits: [Phase: Int] = [:]

    for round in 1...rounds {
      if round <= CrashOffice.months { try office.addMonth(round) }
      loop.added = min(round, CrashOffice.months)
      // The phase hit least so far; a tie is broken by the generator.
      let fewest = Phase.allCases.map { hits[$0, default: 0] }.min()!
      let aim = Phase.allCases.filter { hits[$0, default: 0] == fewest }.randomElement(using: &random)!
      if aim == .decision { try office.submitReports() }
      let fraction = Double.random(in: 0...1, using: &random)
      let hit = try await loop.round(aimingAt: aim, fraction: fraction)
      if let hit { hits[hit, default: 0] += 1 }
      let problems = try StoreAudit(path: office.database).problems()
      #expect(problems.isEmpty, "round \(round), killed in \(hit?.rawValue ?? "idle"): \(problems)")
      print("crash round \(round): aimed at \(aim), killed in \(hit?.rawValue ?? "idle") (\(loop.lastRound))")
    }
    print("crash loop: \(rounds) rounds; kills by phase: \(Phase.allCases.map { "\($0) \(hits[$0, default: 0])" })")
    // Which phases the kills land in depends on the machine's speed: a month's feed run and its
    // evaluation can end before the watcher sees them, and then the kill lands in the approvals.
    // What must hold whatever the machine: most kills land in real work (not in a daemon with
    // nothing to do), and every kill leaves the database whole (checked after each round above).
    // Where they landed is printed, for a reader judging a run's reach.
    let landed = Phase.allCases.map { hits[$0, default: 0] }.reduce(0, +)
    if !loop.evaluationSeenRunning { print("crash loop: no evaluation was ever seen running; none could be aimed at") }
    for phase in Phase.allCases where hits[phase, default: 0] == 0 { print("crash loop: no kill landed in \(phase)") }
    #expect(landed * 2 >= rounds, "most kills land in work: \(hits) in \(rounds) rounds")

    // Once more, to the end: every month run, evaluated, its notices approved and delivered.
    let drained = try await loop.drain()
    #expect(drained.isEmpty, "after the last start: \(drained)")
    #expect(try StoreAudit(path: office.database).problems().isEmpty)
    try await checkDeliveries(office: office, receiver: receiver, months: loop.added)
  }

  /// The feed runs are whole, every delivery is delivered, and the receiver saw each (notice,
  /// target) at least once, a duplicate only under the same webhook-id, signed, at its target.
  func checkDeliveries(office: CrashOffice, receiver: RobotReceiver, months added: Int) async throws {
    let months = try office.read { db in
      try Row.fetchAll(
        db, sql: "SELECT feed, status, inserted, revised, unchanged FROM feed_run WHERE feed GLOB 'm[0-9]*'")
    }
    #expect(months.count == added, "one run per month's feed, however often the daemon died")
    for run in months {
      let feed: String = run["feed"]
      #expect(run["status"] as String == "ok", "\(feed)")
      #expect(run["unchanged"] as Int == office.historyRows, "\(feed): the whole series was read")
      #expect(run["inserted"] as Int > 0 && run["revised"] as Int == 0, "\(feed)")
    }
    let deliveries = try office.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT d.webhook_id, d.state, n.number, t.url FROM delivery d
          JOIN notice n ON n.id = d.notice_id JOIN webhook_target t ON t.id = d.target_id
          """)
    }
    let notices = try office.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM notice WHERE number IS NOT NULL")
    }
    #expect(!deliveries.isEmpty && (notices ?? 0) > 0)
    let accepted = try await receiver.log().filter { $0.accepted == true }
    var seen: [String: [RobotReceiver.Entry]] = [:]
    for entry in accepted { seen[entry.webhookID ?? "none", default: []].append(entry) }
    for delivery in deliveries {
      let id: String = delivery["webhook_id"]
      let number: String = delivery["number"]
      let url: String = delivery["url"]
      #expect(delivery["state"] as String == "delivered", "\(id) of \(number)")
      let arrivals = seen[id] ?? []
      #expect(!arrivals.isEmpty, "\(number) never reached \(url)")
      for arrival in arrivals {
        #expect(url.hasSuffix(arrival.path), "\(id) came to \(arrival.path), not \(url)")
        #expect(arrival.verified == true)
        #expect(arrival.body.contains(number), "\(id) carried another notice than \(number)")
      }
    }
    let known = Set(deliveries.map { $0["webhook_id"] as String })
    #expect(Set(seen.keys).isSubset(of: known), "the receiver saw ids of no delivery")
    print(
      "crash loop: \(notices ?? 0) notices numbered, \(deliveries.count) deliveries, \(accepted.count) accepted "
        + "(\(accepted.count - seen.count) duplicates, each under its delivery's webhook-id)")
  }
}

/// One daemon's life after another, on one office.
struct CrashLoop {
  typealias Phase = CrashLoopTests.Phase
  let office: CrashOffice
  let receiver: RobotReceiver
  let pidFile: String
  /// How many months' feeds are in the configuration.
  var added = 0
  /// What the last round saw, for the log.
  var lastRound = ""
  /// How long the feed runs and the evaluations have been seen to take, to aim the kills inside them.
  var ingestSeconds = 1.0
  var evaluationSeconds = 0.02
  /// Whether an evaluation was ever seen in progress: on a fast machine a month's evaluation can
  /// end between two looks, and then no kill can be aimed inside it.
  var evaluationSeenRunning = false
  /// How long any wait for the daemon's progress may take before the round gives up waiting.
  static let patience: TimeInterval = 120

  /// One life: start, aim at `phase`, kill, and say which phase the kill found unfinished.
  mutating func round(aimingAt phase: Phase, fraction: Double) async throws -> Phase? {
    let office = self.office
    let started = Date()
    // The feed run and its evaluation begin before READY=1, and under load READY can come after
    // both have ended: they are watched from the spawn, with no reviewer logging in (a login takes
    // about as long as the run, and there is no draft before the evaluation's end).
    let early = phase <= .evaluation
    let serve = try await onOwnThread {
      try ServeProcess(office.arguments, directory: office.directory, waitingForReady: !early)
    }
    try serve.writePID(to: pidFile)
    defer { serve.crash() }
    let approver =
      early
      ? nil
      : try await onOwnThread {
        try DraftApprover(
          address: serve.address, name: CrashOffice.reviewer.name, password: CrashOffice.reviewer.password,
          signer: CrashOffice.signer)
      }
    let decider =
      phase == .decision
      ? try await onOwnThread {
        try ReportDecider(
          address: serve.address, name: CrashOffice.reviewer.name, password: CrashOffice.reviewer.password)
      } : nil
    var killedByReceiver = false
    // How long a phase takes is learnt only from one seen running and seen to end.
    switch phase {
    case .ingest:
      let running = try state() == .ingest
      let aim = started.addingTimeInterval(fraction * ingestSeconds)
      if try await pause(until: aim, unless: { try state() != .ingest }), running {
        ingestSeconds = max(Date().timeIntervalSince(started), 0.01)
      }
    case .evaluation:
      // A month's evaluation can take a few milliseconds, less than reading the whole state: watch
      // its marker alone (a period waiting in evaluation_due, written with the run, removed with
      // the escalation) and kill at a fraction of its length as last seen.
      if try state() == .ingest, try await until({ try dueCount() > 0 || state() != .ingest }) {
        ingestSeconds = Date().timeIntervalSince(started)
      }
      let ingested = Date()
      let evaluating = try dueCount() > 0
      if evaluating { evaluationSeenRunning = true }
      let aim = ingested.addingTimeInterval(fraction * evaluationSeconds)
      if try await pause(until: aim, unless: { try dueCount() == 0 }), evaluating {
        evaluationSeconds = max(Date().timeIntervalSince(ingested), 0.002)
      }
    case .approval:
      // Kill among the approvals: after the first, before the last.
      _ = try await until({ try draftCount() > 0 || ![.ingest, .evaluation].contains(state()) })
      let drafts = try draftCount()
      let before = approver?.approved ?? 0
      let target = before + 1 + Int(fraction * Double(max(drafts - 2, 0)))
      _ = try await until({ try (approver?.approved ?? 0) >= target || draftCount() == 0 })
    case .dispatch:
      // The receiver kills the daemon as it accepts a message: however fast the deliveries go.
      _ = try await until({ try state() == .dispatch || state() == nil })
      let pending = try pendingCount()
      let after = try receiver.acceptedCount() + 1 + Int(fraction * Double(max(pending - 2, 0)))
      try await receiver.killWhenAccepted(after, pidFile: pidFile)
      _ = try await until({ try !serve.process.isRunning || state() == nil })
      killedByReceiver = !serve.process.isRunning
      try await receiver.cancelKill()
    case .decision:
      // Kill among the decisions: after the first, before the last.
      let waiting = try submittedCount()
      let target = 1 + Int(fraction * Double(max(waiting - 2, 0)))
      _ = try await until({ try (decider?.decided ?? 0) >= target || submittedCount() == 0 })
    }
    // SIGKILL is the kill (the receiver's, in a dispatch round); any other end is the daemon's own.
    let diedAlone = !serve.process.isRunning && !serve.wasKilled
    serve.crash()
    try await onOwnThread {
      approver?.stop()
      decider?.stop()
    }
    #expect(!diedAlone, "the daemon exited before it was killed: \(serve.outputText.suffix(3_000))")
    // The phase aimed at counts only if its work was caught unfinished by the kill: a feed not
    // run; a run whose periods were not escalated; drafts left after this life's first approval;
    // a delivery accepted as the daemon died. Otherwise the first phase with work left.
    let unfinished = try state()
    let hit: Phase?
    switch phase {
    case .ingest: hit = unfinished
    case .evaluation: hit = try dueCount() > 0 ? .evaluation : unfinished
    case .approval: hit = try (approver?.approved ?? 0) > 0 && draftCount() > 0 ? .approval : unfinished
    case .dispatch: hit = killedByReceiver ? .dispatch : unfinished
    case .decision: hit = try (decider?.decided ?? 0) > 0 && submittedCount() > 0 ? .decision : unfinished
    }
    lastRound =
      "\(String(format: "%.2f", Date().timeIntervalSince(started))) s up, \(approver?.approved ?? 0) approved, "
      + "\(decider?.decided ?? 0) reports decided, feed runs seen to take \(String(format: "%.2f", ingestSeconds)) s"
    return hit
  }

  /// The daemon started once more and left to finish: what is still unfinished when it has had
  /// time enough, or nothing.
  func drain() async throws -> [String] {
    let office = self.office
    let serve = try await onOwnThread { try ServeProcess(office.arguments, directory: office.directory) }
    let approver = try await onOwnThread {
      try DraftApprover(
        address: serve.address, name: CrashOffice.reviewer.name, password: CrashOffice.reviewer.password,
        signer: CrashOffice.signer)
    }
    let decider = try await onOwnThread {
      try ReportDecider(
        address: serve.address, name: CrashOffice.reviewer.name, password: CrashOffice.reviewer.password)
    }
    let finished = try await until({ try state() == nil })
    try await onOwnThread {
      approver.stop()
      decider.stop()
    }
    let status = try await onOwnThread { serve.stop() }
    var left: [String] = []
    if !finished { left.append("still unfinished: \(try state().map(\.rawValue) ?? "-"); \(try unfinished())") }
    if status != 0 { left.append("SIGTERM ended it with \(status)") }
    if !approver.lastErrors.isEmpty { left.append("the reviewer's errors: \(approver.lastErrors)") }
    if !decider.lastErrors.isEmpty { left.append("the decider's errors: \(decider.lastErrors)") }
    return left
  }

  /// The first phase with work left, read from the database: a month's feed not run, a month
  /// not evaluated or not escalated (still in evaluation_due), a draft, a pending delivery, a
  /// report awaiting the office's decision; nil when all is done.
  func state() throws -> Phase? {
    let added = self.added
    return try office.read { db in
      let runs = Set(try String.fetchAll(db, sql: "SELECT DISTINCT feed FROM feed_run"))
      if (1...max(added, 1)).contains(where: { added > 0 && !runs.contains(CrashOffice.feed($0)) }) { return .ingest }
      // A run's periods wait in evaluation_due until their escalation's transaction.
      if try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluation_due") ?? 0 > 0 { return .evaluation }
      for month in 1...max(added, 1) where added > 0 {
        let period = CrashOffice.period(month)
        let evaluated = try Int.fetchOne(
          db, sql: "SELECT count(*) FROM evaluation WHERE period = ?", arguments: [period])
        if evaluated == 0 { return .evaluation }
      }
      if try Int.fetchOne(db, sql: "SELECT count(*) FROM notice WHERE state = 'draft'") ?? 0 > 0 { return .approval }
      if try Int.fetchOne(db, sql: "SELECT count(*) FROM delivery WHERE state = 'pending'") ?? 0 > 0 {
        return .dispatch
      }
      if try Int.fetchOne(db, sql: "SELECT count(*) FROM feedback WHERE state = 'submitted'") ?? 0 > 0 {
        return .decision
      }
      return nil
    }
  }

  func unfinished() throws -> String {
    try office.read { db in
      let runs = try String.fetchAll(db, sql: "SELECT feed || ' ' || status || ' ' || periods FROM feed_run")
      let evaluations = try String.fetchAll(db, sql: "SELECT DISTINCT period FROM evaluation ORDER BY period")
      let notices = try String.fetchAll(
        db, sql: "SELECT period || ' ' || state || ' ' || count(*) FROM notice GROUP BY period, state")
      let deliveries = try String.fetchAll(db, sql: "SELECT state || ' ' || count(*) FROM delivery GROUP BY state")
      return "runs \(runs); evaluated \(evaluations); notices \(notices); deliveries \(deliveries)"
    }
  }

  func dueCount() throws -> Int {
    try office.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluation_due") ?? 0 }
  }

  func draftCount() throws -> Int {
    try office.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM notice WHERE state = 'draft'") ?? 0 }
  }

  func submittedCount() throws -> Int {
    try office.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM feedback WHERE state = 'submitted'") ?? 0
    }
  }

  func pendingCount() throws -> Int {
    try office.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM delivery WHERE state = 'pending'") ?? 0 }
  }

  /// Polls `condition` every few milliseconds until it holds (true) or `patience` has passed (false).
  func until(_ condition: () throws -> Bool) async throws -> Bool {
    let end = Date().addingTimeInterval(Self.patience)
    while Date() < end {
      if try condition() { return true }
      try await Task.sleep(for: .milliseconds(5))
    }
    return false
  }

  /// Waits until `end`, or less if `condition` comes to hold first (the phase aimed at is over):
  /// says whether it did.
  func pause(until end: Date, unless condition: () throws -> Bool) async throws -> Bool {
    while Date() < end {
      if try condition() { return true }
      try await Task.sleep(for: .milliseconds(5))
    }
    return false
  }
}
