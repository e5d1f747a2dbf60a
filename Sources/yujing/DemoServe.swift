import Foundation
import Logging
import ServiceLifecycle
import YujingCore
import YujingServer

/// The end of `yujing demo`: two accounts to sign in with, then the web UI on the demo's database
/// (docs/operate.md#the-daemon). Only the UI: the sample is a replayed 2020, so the daily check and the feed
/// schedules, which work on today's date, would report every month since as late.
enum DemoServe {
  struct Login {
    var name: String
    var password: String
    var what: String
  }

  /// A reviewer, a signer (签发人) for the configuration's first leader, and the department account
  /// of the addressee with the most notices sent; when the demo's database is served again, the
  /// same accounts with new passwords.
  static func accounts(_ workspace: Workspace) throws -> [Login] {
    let store = workspace.store
    let existing = try store.accounts()
    if !existing.isEmpty {
      let demo = existing.filter { ["reviewer", "signer", "department"].contains($0.name) }
        .sorted { $0.name > $1.name }
      return try demo.map { account in
        let login = Login(
          name: account.name, password: randomPassword(),
          what: account.addressee.map { "\($0) (department)" } ?? account.leader.map { "\($0) (signer)" }
            ?? "经济运行调度办公室 (reviewer)")
        try store.setPassword(name: login.name, passwordHash: Passwords.hash(login.password), actor: "demo", at: Date())
        return login
      }
    }
    let sent = try store.notices().filter { Account.visibleToAddressees.contains($0.state) && $0.kind != .summary }
    let busiest = Dictionary(grouping: sent, by: \.addressee).max { $0.value.count < $1.value.count }?.key
    let leader = workspace.configuration.leaders.signingNames[0]
    var logins = [
      Login(name: "reviewer", password: randomPassword(), what: "经济运行调度办公室 (reviewer)"),
      Login(name: "signer", password: randomPassword(), what: "\(leader) (signer)"),
    ]
    if let busiest {
      logins.append(Login(name: "department", password: randomPassword(), what: "\(busiest) (department)"))
    }
    for login in logins {
      let addressee = login.name == "department" ? busiest : nil
      let signs = login.name == "signer"
      try store.addAccount(
        name: login.name, role: signs ? .signer : addressee == nil ? .reviewer : .department, addressee: addressee,
        leader: signs ? leader : nil, passwordHash: Passwords.hash(login.password), actor: "demo", at: Date())
    }
    return logins
  }

  static func randomPassword() -> String {
    let letters = Array("abcdefghijkmnpqrstuvwxyz23456789")
    var generator = SystemRandomNumberGenerator()
    return String((0..<12).map { _ in letters.randomElement(using: &generator)! })
  }

  /// Serves the UI until SIGINT or SIGTERM.
  static func serve(_ workspace: Workspace, thresholds: Thresholds, listen: String, logins: [Login]) async throws {
    guard let address = ListenAddress(listen) else {
      throw CommandFailure("--listen '\(listen)' is not HOST:PORT (for example 127.0.0.1:8080)")
    }
    let live = LiveWorkspace(workspace: workspace, thresholds: thresholds)
    var logger = Logger(label: "yujing-demo")
    // The console is the demo's own report; the server speaks only of trouble.
    logger.logLevel = .warning
    let clock: @Sendable () -> Date = { Date() }
    let http = DaemonHTTP.application(
      listen: address, live: live, metrics: DaemonMetrics(startedAt: clock()), clock: clock, logger: logger
    ) { bound in
      print("")
      print("the review UI: http://\(bound)/   (Ctrl-C stops it)")
      for login in logins { print("  sign in as \(login.name) / \(login.password) — \(login.what)") }
      fflush(nil)
    }
    try await ServiceGroup(services: [http], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger).run()
  }
}
