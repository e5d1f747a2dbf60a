import Foundation
import Testing

@testable import YujingCore

/// `yujing problems` as the operator runs it: an import that keeps the good rows and names the bad
/// ones, a list in JSON with the lights of the day, the office's steps and their refusals, and the
/// ledger's report.
@Suite(.serialized) struct ProblemsCommandTests {
  @Test func theLedgerIsImportedListedSteppedAndReportedFromTheShell() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("yujing.sqlite")
    let file = directory.path("ledger.csv")
    try """
    code,title,unit,co_units,level,assigned,due,state
    L1,用地指标,市发改委,czj,city,2020-11-02,2020-12-18,办理中
    L2,资金缺口,樟树市人民政府,,county,2020-11-02,10,
    L3,坏行,无此单位,,city,2020-11-02,10,
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let imported = try YujingCommand.run(["problems", "import", file, "--db", db])
    #expect(imported.status == 0, "\(imported.err)")
    #expect(imported.out.contains("imported 2 new problem(s), revised 0, unchanged 0, rejected 1"), "\(imported.out)")
    #expect(
      imported.out.contains("\(file): line 4, column 7 (unit): unit '无此单位' is not an addressee"), "\(imported.out)")

    let list = try YujingCommand.run(["problems", "list", "--db", db, "--as-of", "2020-12-21", "--format", "json"])
    #expect(list.status == 0, "\(list.err)")
    let problems = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
    let byCode = Dictionary(uniqueKeysWithValues: problems.map { ($0["code"] as? String ?? "", $0) })
    #expect(byCode["L1"]?["light"] as? String == "yellow")
    #expect(byCode["L1"]?["working_days_overdue"] as? Int == 1)
    #expect(byCode["L2"]?["due"] as? String == "2020-11-16")
    #expect(byCode["L2"]?["light"] as? String == "red")
    #expect(byCode["L2"]?["state"] as? String == "交办")
    #expect(byCode["L2"]?["level"] as? String == "county")

    // Only a request to close is sent back; a closed problem takes no more steps.
    let early = try YujingCommand.run(["problems", "return", "L1", "--reason", "未完成", "--db", db])
    #expect(early.status == 1)
    #expect(early.err.contains("not 申请办结"), "\(early.err)")
    let asked = try YujingCommand.run(
      ["problems", "request-close", "L1", "--text", "已完成", "--as-of", "2020-12-22", "--db", db])
    #expect(asked.status == 0, "\(asked.err)")
    let returned = try YujingCommand.run(
      ["problems", "return", "L1", "--reason", "材料不全", "--as-of", "2020-12-23", "--db", db])
    #expect(returned.status == 0, "\(returned.err)")
    // The third working day after Wednesday 2020-12-23.
    #expect(returned.out.contains("problem L1: 退回, due 2020-12-28"), "\(returned.out)")
    let closed = try YujingCommand.run(["problems", "close", "L2", "--as-of", "2020-12-23", "--db", db])
    #expect(closed.status == 0, "\(closed.err)")
    let again = try YujingCommand.run(["problems", "close", "L2", "--db", db])
    #expect(again.status == 1)
    #expect(again.err.contains("already 销号"), "\(again.err)")
    let unknown = try YujingCommand.run(["problems", "show", "L9", "--db", db])
    #expect(unknown.status == 1)
    #expect(unknown.err.contains("there is no problem L9"), "\(unknown.err)")

    let show = try YujingCommand.run(["problems", "show", "L1", "--db", db, "--as-of", "2020-12-24"])
    #expect(show.out.contains("returned 1 time(s)"), "\(show.out)")
    #expect(show.out.contains("2020-12-23 return by"), "\(show.out)")

    let report = try YujingCommand.run(["problems", "report", "--db", db, "--as-of", "2020-12-24", "--format", "md"])
    #expect(report.status == 0, "\(report.err)")
    #expect(report.out.contains("督办台账共有问题2个（市级1个、县级1个）。已办结1个，办结率50.0%"), "\(report.out)")
    let binary = try YujingCommand.run(["problems", "report", "--db", db, "--format", "docx"])
    #expect(binary.status != 0)
    #expect(binary.err.contains("give --out FILE"), "\(binary.err)")
  }
}
