import Foundation
import Testing

@testable import YujingCore

/// The office's decisions from the shell, as an operator runs them: a 整改 report accepted or sent
/// back (`yujing reports`), an appeal filed and granted (`yujing appeals`).
@Suite(.serialized) struct ReviewCommandTests {
  /// A reminder to 丰城 (industry growth of 2020-08 below target) approved on 2020-09-29, its
  /// report due 2020-10-13.
  func issuedReminder(_ directory: TemporaryDirectory) throws -> String {
    let db = directory.path("y.sqlite")
    _ = try YujingCommand.run(
      ["ingest", "--db", db, "--feed", "stats", "-"],
      stdin: "period,region,indicator,value,growth\n2020-08,360981,industry_va,,7.0\n2020-08,360982,industry_va,,9.5\n")
    _ = try YujingCommand.run(["evaluate", "--db", db, "--period", "2020-08", "--as-of", "2020-09-11"])
    // A reminder's chain is the reviewer's check alone.
    setenv("YUJING_BCRYPT_COST", "10", 1)
    let added = try YujingCommand.run(
      ["users", "add", "rev", "--role", "reviewer", "--password-stdin", "--db", db], stdin: "password-of-rev\n")
    #expect(added.status == 0, "\(added.err)")
    let approve = try YujingCommand.run(["notices", "approve", "1", "--as", "rev", "--db", db, "--date", "2020-09-29"])
    #expect(approve.status == 0, "\(approve.err)")
    // Its 发文稿纸: the office drafted it, the reviewer checked it, under the number it was given.
    let form = try YujingCommand.run(["notices", "render", "1", "--db", db, "--format", "html", "--form"])
    #expect(form.status == 0, "\(form.err)")
    for text in ["发文稿纸", "宜经调提醒〔2020〕1号", "核稿", "rev", "拟稿", "2020年9月29日"] {
      #expect(form.out.contains(text), "\(text): \(form.out)")
    }
    return db
  }

  @Test func aReportIsSentBackThenAcceptedAndItsNoticeIsClosed() throws {
    let directory = try TemporaryDirectory()
    let db = try issuedReminder(directory)
    _ = try YujingCommand.run(["notices", "feedback", "1", "--db", db, "--text", "整改措施", "--date", "2020-10-12"])
    let waiting = try YujingCommand.run(["reports", "list", "--db", db, "--state", "submitted", "--format", "json"])
    let reports = try #require(try JSONSerialization.jsonObject(with: Data(waiting.out.utf8)) as? [[String: Any]])
    #expect(reports.count == 1)
    #expect(reports.first?["on_time"] as? Bool == true)
    let id = try #require(reports.first?["id"] as? Int)

    let returned = try YujingCommand.run(
      ["reports", "return", String(id), "--db", db, "--reason", "措施不具体", "--as-of", "2020-10-14"])
    #expect(returned.status == 0, "\(returned.err)")
    // Wednesday 2020-10-14: the third working day after it is Monday the 19th.
    #expect(returned.out.contains("due again 2020-10-19"), "\(returned.out)")
    let twice = try YujingCommand.run(["reports", "accept", String(id), "--db", db])
    #expect(twice.status == 1)
    #expect(twice.err.contains("already returned"), "\(twice.err)")

    let again = try YujingCommand.run(
      ["notices", "feedback", "1", "--db", db, "--text", "细化后的整改措施", "--date", "2020-10-19"])
    #expect(again.out.contains("on time"), "\(again.out)")
    let second = try #require(
      try JSONSerialization.jsonObject(
        with: Data(
          try YujingCommand.run(["reports", "list", "--db", db, "--state", "submitted", "--format", "json"]).out.utf8))
        as? [[String: Any]])
    let secondID = try #require(second.first?["id"] as? Int)
    let accepted = try YujingCommand.run(["reports", "accept", String(secondID), "--db", db, "--comment", "同意"])
    #expect(accepted.status == 0, "\(accepted.err)")
    #expect(accepted.out.contains("is 办结"), "\(accepted.out)")
    let notice = try YujingCommand.run(["notices", "list", "--db", db, "--format", "json"])
    #expect(notice.out.contains("\"state\": \"closed\""), "\(notice.out)")
    let escalate = try YujingCommand.run(["escalate", "--db", db, "--as-of", "2020-10-20"])
    #expect(escalate.status == 0, "\(escalate.err)")
    #expect(!escalate.out.contains("整改 report overdue"), "\(escalate.out)")
  }

  @Test func anAppealIsFiledAndGrantedAndTheWithdrawalDrafted() throws {
    let directory = try TemporaryDirectory()
    let db = try issuedReminder(directory)
    let late = try YujingCommand.run(
      [
        "appeals", "file", "1", "--db", db, "--subject", "industry_va@360981", "--reason", "数据已修订", "--as-of",
        "2020-10-12",
      ])
    // Three working days after Tuesday 2020-09-29: the 30th, then after the National Day holiday
    // Friday 10-09 and Saturday 10-10, a make-up working day.
    #expect(late.status == 1)
    #expect(late.err.contains("the time to appeal this notice ended on 2020-10-10"), "\(late.err)")
    let filed = try YujingCommand.run(
      [
        "appeals", "file", "1", "--db", db, "--subject", "industry_va@360981", "--reason", "统计局已修订为8.3%", "--as-of",
        "2020-09-30",
      ])
    #expect(filed.status == 0, "\(filed.err)")
    #expect(filed.out.contains("filed appeal 1 of notice 1: industry_va@360981"), "\(filed.out)")
    let granted = try YujingCommand.run(["appeals", "grant", "1", "--db", db, "--reason", "修订数据经统计局确认"])
    #expect(granted.status == 0, "\(granted.err)")
    #expect(granted.out.contains("appeal 1: granted"), "\(granted.out)")
    #expect(granted.out.contains("drafted correction or withdrawal: notice"), "\(granted.out)")
    let list = try YujingCommand.run(["appeals", "list", "--db", db, "--format", "json"])
    #expect(list.out.contains("\"state\": \"granted\""), "\(list.out)")
  }
}
