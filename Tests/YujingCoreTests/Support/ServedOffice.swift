import Foundation
import Testing

@testable import YujingCore

/// A real `yujing serve` on loopback for the tests that need the daemon as a process (its limits
/// on connections and bodies, its OpenAPI document against a checker); the pages and the API
/// themselves are tested in process (`Tests/YujingServerTests`). A database with two counties'
/// notices (丰城's approved, 樟树's a draft), a project whose name is markup, and five accounts;
/// and the daemon serving it.
final class ServedOffice {
  static let xss = "<script>alert(1)</script>"

  let harness: EscalationHarness
  let serve: ServeProcess
  let approved: NoticeRecord
  let draft: NoticeRecord
  let projectNotice: NoticeRecord
  static let passwords = [
    "admin": "admin-password-1", "rev": "reviewer-password-1", "fengcheng": "fengcheng-password-1",
    "zhangshu": "zhangshu-password-1", "gongxin": "gongxin-password-1",
  ]

  /// `serveArguments` come before `--db`: a `--config`, say.
  init(serveArguments: [String] = []) throws {
    setenv("YUJING_BCRYPT_COST", "10", 1)
    harness = try EscalationHarness()
    for period in ["2020-03", "2020-04"] {
      try harness.ingest(
        "\(period),360981,industry_va,,5.0\n\(period),360982,industry_va,,5.5\n\(period),360983,industry_va,,9.0\n")
    }
    let projects = """
      period,project,name,region,department,leader,total_investment,annual_plan,completed_ytd,status,planned_start,actual_start,planned_completion,registered
      2020-03,P2020-901,\(ServedOffice.xss),360981,gxj,市长,10.00,5.00,1.00,停工,2020-01-01,2020-01-10,2021-12-31,2020-01-20
      2020-04,P2020-901,\(ServedOffice.xss),360981,gxj,市长,10.00,5.00,1.00,停工,2020-01-01,2020-01-10,2021-12-31,2020-01-20

      """
    let run = try Ingestion(workspace: harness.workspace, clock: { fixedNow }).run(
      feed: "projects", input: .init(source: "projects.csv", data: Data(projects.utf8)))
    #expect(run.status == .ok, "\(run.rejections)")
    try harness.evaluate("2020-03")
    try harness.evaluate("2020-04")
    let notices = try harness.live()
    // Red in two months: 丰城 is summoned straight away (a talk notice, with its time and place).
    let fengcheng = try #require(notices.last { $0.addressee == "丰城市人民政府" && $0.kind == .talk })
    approved = try harness.approve(fengcheng.id, on: "2020-05-13", talkAt: "2020-05-20 09:00", place: "市政府三楼会议室")
    draft = try #require(notices.first { $0.addressee == "樟树市人民政府" && $0.state == .draft })
    projectNotice = try #require(
      notices.first { $0.subjects.contains { $0.subject == .project("P2020-901") } })
    let database = harness.directory.path("yujing.sqlite")
    for (name, role, addressee) in [
      ("admin", "admin", nil), ("rev", "reviewer", nil), ("fengcheng", "department", "丰城市人民政府"),
      ("zhangshu", "department", "樟树市人民政府"),
      // A unit the approved notice is copied to (抄送), not addressed to.
      ("gongxin", "department", try #require(approved.copies.first)),
    ] {
      let result = try YujingCommand.run(
        ["users", "add", name, "--role", role, "--password-stdin", "--db", database]
          + (addressee.map { ["--addressee", $0] } ?? []), stdin: Self.passwords[name]! + "\n")
      #expect(result.status == 0, "\(result.err)")
    }
    serve = try ServeProcess(serveArguments + ["--db", database], directory: harness.directory)
  }

  func client(_ name: String?) throws -> WebClient {
    let client = WebClient(address: serve.address)
    if let name {
      let answer = try client.signIn(name, Self.passwords[name]!)
      #expect(answer.status == 200, "\(name): \(answer.body)")
    }
    return client
  }

  func state(_ id: Int64) throws -> NoticeRecord.State? { try harness.store.notice(id: id)?.state }
}
