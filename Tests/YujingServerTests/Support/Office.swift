import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import YujingCore
@testable import YujingServer

/// A city office served in process: a real SQLite database in a temporary directory with two
/// counties' notices (丰城's talk notice approved, 樟树's reminder a draft), a project whose name is
/// markup, six accounts (a signer among them), and the server's router on a clock the test holds.
final class Office: Sendable {
  static let xss = "<script>alert(1)</script>"
  static let passwords = [
    "admin": "admin-password-1", "rev": "reviewer-password-1", "fengcheng": "fengcheng-password-1",
    "zhangshu": "zhangshu-password-1", "gongxin": "gongxin-password-1", "lead": "lead-password-1",
  ]
  /// 2020-05-14 09:00 in Shanghai: the day after the talk notice was approved.
  static let start = Date(timeIntervalSince1970: 1_589_418_000)

  let directory: URL
  let workspace: Workspace
  let thresholds: Thresholds
  let clock = TestClock(Office.start)
  let approved: NoticeRecord
  let draft: NoticeRecord
  let projectNotice: NoticeRecord

  var store: Store { workspace.store }

  init() throws {
    setenv("YUJING_BCRYPT_COST", "10", 1)
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("yujing-server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let opened = Office.start
    workspace = try Workspace.open(
      configuration: try Configuration.embeddedDefault(),
      databasePath: directory.appendingPathComponent("yujing.sqlite").path, now: opened)
    thresholds = try Thresholds.load(configuration: workspace.configuration)
    try Self.ingest(
      workspace,
      "2020-03,360981,industry_va,,5.0\n2020-03,360982,industry_va,,5.5\n2020-03,360983,industry_va,,9.0\n"
        + "2020-04,360981,industry_va,,5.0\n2020-04,360982,industry_va,,5.5\n2020-04,360983,industry_va,,9.0\n")
    let projects = """
      period,project,name,region,department,leader,total_investment,annual_plan,completed_ytd,status,planned_start,actual_start,planned_completion,registered
      2020-03,P2020-901,\(Office.xss),360981,gxj,市长,10.00,5.00,1.00,停工,2020-01-01,2020-01-10,2021-12-31,2020-01-20
      2020-04,P2020-901,\(Office.xss),360981,gxj,市长,10.00,5.00,1.00,停工,2020-01-01,2020-01-10,2021-12-31,2020-01-20

      """
    let run = try Ingestion(workspace: workspace, clock: { opened }).run(
      feed: "projects", input: .init(source: "projects.csv", data: Data(projects.utf8)))
    #expect(run.status == .ok, "\(run.rejections)")
    try Self.evaluate(workspace, thresholds, "2020-03")
    try Self.evaluate(workspace, thresholds, "2020-04")
    let notices = try workspace.store.notices().filter { $0.state != .superseded }
    // Red in two months: 丰城 is summoned straight away (a talk notice, with its time and place).
    let talk = try #require(notices.last { $0.addressee == "丰城市人民政府" && $0.kind == .talk })
    approved = try workspace.store.approveNotice(
      id: talk.id, documentDate: Day("2020-05-13")!, talkAt: "2020-05-20 09:00", place: "市政府三楼会议室",
      actor: "test", at: opened, prefixes: workspace.configuration.numbering, calendar: thresholds.calendar,
      reportWorkingDays: thresholds.ladder.reportWorkingDays)
    draft = try #require(notices.first { $0.addressee == "樟树市人民政府" && $0.state == .draft })
    projectNotice = try #require(notices.first { $0.subjects.contains { $0.subject == .project("P2020-901") } })
    for (name, role, addressee) in [
      ("admin", Role.admin, nil), ("rev", .reviewer, nil), ("fengcheng", .department, "丰城市人民政府"),
      ("zhangshu", .department, "樟树市人民政府"),
      // A unit the approved notice is copied to (抄送), not addressed to.
      ("gongxin", .department, try #require(approved.copies.first)),
    ] {
      try workspace.store.addAccount(
        name: name, role: role, addressee: addressee, passwordHash: Passwords.hash(Self.passwords[name]!),
        actor: "test", at: opened)
    }
    // A signer (签发人) for the deputy mayor in charge of industry.
    try workspace.store.addAccount(
      name: "lead", role: .signer, addressee: nil, leader: "李××", passwordHash: Passwords.hash(Self.passwords["lead"]!),
      actor: "test", at: opened)
  }

  deinit { try? FileManager.default.removeItem(at: directory) }

  /// An office built away from the cooperative pool (`onOwnThread`).
  static func make() async throws -> Office { try await onOwnThread { try Office() } }

  /// The daemon's router with its middleware, as `yujing serve` builds it, on this office's clock.
  var application: some ApplicationProtocol {
    let live = LiveWorkspace(workspace: workspace, thresholds: thresholds)
    return Application(
      router: DaemonHTTP.router(live: live, metrics: DaemonMetrics(startedAt: Office.start), clock: clock.function))
  }

  /// Runs `body` against the server in process, with a browser per name (nil: not signed in).
  func serve<Value: Sendable>(
    _ body: @Sendable (_ browser: (String?) async throws -> Browser) async throws -> Value
  ) async throws -> Value {
    try await application.test(.router) { client in
      try await body { name in
        let browser = Browser(client)
        if let name {
          let answer = try await browser.signIn(name, Office.passwords[name]!)
          #expect(answer.status == 200, "\(name): \(answer.body)")
        }
        return browser
      }
    }
  }

  func state(_ id: Int64) throws -> NoticeRecord.State? { try store.notice(id: id)?.state }

  /// The notices that are not superseded.
  func live() throws -> [NoticeRecord] { try store.notices().filter { $0.state != .superseded } }

  /// Figures of the `stats` feed, as CSV rows without the header.
  func ingest(_ rows: String) throws { try Self.ingest(workspace, rows) }

  static func ingest(_ workspace: Workspace, _ rows: String) throws {
    _ = try Ingestion(workspace: workspace, clock: { Office.start }).run(
      feed: "stats", input: .init(source: "x.csv", data: Data(("period,region,indicator,value,growth\n" + rows).utf8)))
  }

  /// Industry growth of 丰城 and two other counties above target, for some months.
  func industry(_ growths: [String: String]) throws {
    var rows = ""
    for (period, growth) in growths.sorted(by: { $0.key < $1.key }) {
      rows +=
        "\(period),360981,industry_va,,\(growth)\n\(period),360982,industry_va,,9.5\n\(period),360983,industry_va,,9.0\n"
    }
    try ingest(rows)
  }

  /// Evaluates a period as of the 12th of the month after it.
  func evaluate(_ period: String) throws { try Self.evaluate(workspace, thresholds, period) }

  static func evaluate(_ workspace: Workspace, _ thresholds: Thresholds, _ period: String) throws {
    let period = Period(period)!
    let next = period.adding(months: 1)
    _ = try PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: { Office.start })
      .run(period: period, asOf: Day(year: next.year, month: next.month, day: 12)!, dryRun: false)
  }

  func approve(_ id: Int64, on day: String, talkAt: String? = nil, place: String? = nil) throws -> NoticeRecord {
    try store.approveNotice(
      id: id, documentDate: Day(day)!, talkAt: talkAt, place: place, actor: "test", at: Office.start,
      prefixes: workspace.configuration.numbering, calendar: thresholds.calendar,
      reportWorkingDays: thresholds.ladder.reportWorkingDays)
  }
}
