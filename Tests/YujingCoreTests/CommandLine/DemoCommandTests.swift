import Foundation
import Testing

@testable import YujingCore

/// `yujing demo --once` as a newcomer runs it: the year replayed, the last month's drafts left
/// for review, and the commands it prints at the end working as printed.
@Suite(.serialized) struct DemoCommandTests {
  /// The words of a printed command line, with its double-quoted arguments kept whole.
  static func words(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    for character in line {
      if character == "\"" {
        quoted.toggle()
      } else if character == " " && !quoted {
        if !current.isEmpty { words.append(current) }
        current = ""
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  @Test func theDemoLeavesTheLastMonthsDraftsForReviewAndPrintsCommandsThatWorkOnItsDatabase() throws {
    let directory = try TemporaryDirectory()
    let root = directory.path("demo")
    let demo = try YujingCommand.run(["demo", "--once", "--dir", root], in: directory.url)
    #expect(demo.status == 0, "\(demo.err)")
    let config = "\(root)/yujing.yaml"
    let db = "\(root)/yujing.sqlite"
    let binary = YujingCommand.binary.resolvingSymlinksInPath().path

    // The drafts about November and December wait: a reminder, a talk, a lift among them.
    let list = try YujingCommand.run(["notices", "list", "--config", config, "--state", "draft", "--format", "json"])
    #expect(list.status == 0, "\(list.err)")
    let drafts = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
    let kinds = Set(drafts.compactMap { $0["kind"] as? String })
    #expect(kinds.isSuperset(of: ["reminder", "talk", "lift"]), "\(kinds)")
    #expect(drafts.allSatisfy { ($0["period"] as? String ?? "") >= "2020-11" })
    #expect(drafts.allSatisfy { $0["number"] is NSNull })
    #expect(demo.out.contains("waiting for your review: \(drafts.count) draft(s)"), "\(demo.out)")

    // How to sign in, and the commands, with this binary's path and the demo's configuration.
    #expect(demo.out.contains("reviewer / "), "\(demo.out)")
    #expect(demo.out.contains("department / "), "\(demo.out)")
    #expect(demo.out.contains("signer / "), "\(demo.out)")
    #expect(demo.out.contains("http://127.0.0.1:8080/"), "\(demo.out)")
    let printed = demo.out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { $0.hasPrefix(binary + " ") }
    #expect(printed.contains { $0.contains("notices list --config \(config)") }, "\(demo.out)")
    let talk = try #require(printed.first { $0.contains("--talk-at") }, "\(demo.out)")
    #expect(talk.contains("--place "), "\(talk)")

    // The talk's lines, run as printed: the reviewer checks it with its time and place, the
    // signer signs it, and it is issued.
    let checked = try YujingCommand.run(Array(Self.words(talk).dropFirst()))
    #expect(checked.status == 0, "\(talk)\n\(checked.err)")
    #expect(checked.out.contains("took its check"), "\(checked.out)")
    let sign = try #require(printed.first { $0.contains("--as signer") && $0.contains("approve") }, "\(demo.out)")
    let approved = try YujingCommand.run(Array(Self.words(sign).dropFirst()))
    #expect(approved.status == 0, "\(sign)\n\(approved.err)")
    #expect(approved.out.contains("approved notice"), "\(approved.out)")
    let words = Self.words(talk)
    let id = try #require(words.firstIndex(of: config).flatMap { Int(words[$0 + 1]) }, "\(talk)")
    let show = try YujingCommand.run(["notices", "show", String(id), "--config", config])
    #expect(show.out.contains("约谈时间、地点: "), "\(show.out)")

    // Without the demo's configuration, the embedded rules are refused instead of used: the
    // demo's epidemic rules gave June one red finding, the default rules alone dozens.
    let plain = try YujingCommand.run(["evaluate", "--db", db, "--period", "2020-06", "--dry-run"])
    #expect(plain.status == 1, "\(plain.out)")
    #expect(plain.err.contains("thresholds/epidemic-2020.yaml is missing"), "\(plain.err)")
    #expect(plain.err.contains("run it again with --config \(config)"), "\(plain.err)")
    let same = try YujingCommand.run(["evaluate", "--config", config, "--period", "2020-06", "--dry-run"])
    #expect(same.status == 0, "\(same.err)")
    #expect(same.out.contains("1 finding(s) (red 1)"), "\(same.out)")

    // The 督办台账's line, run as printed, lists the sample's twelve problems in every light.
    let ledgerLine = try #require(printed.first { $0.contains("problems list") }, "\(demo.out)")
    let ledger = try YujingCommand.run(Array(Self.words(ledgerLine).dropFirst()) + ["--format", "json"])
    #expect(ledger.status == 0, "\(ledger.err)")
    let problems = try #require(try JSONSerialization.jsonObject(with: Data(ledger.out.utf8)) as? [[String: Any]])
    #expect(problems.count == 12)
    #expect(Set(problems.compactMap { $0["light"] as? String }) == ["none", "blue", "yellow", "red"], "\(ledger.out)")

    // The office's decisions: reports accepted (销号), two first reports returned and sent again,
    // and 市卫健委's appeal granted, which withdrew its reminder by a notice of its own.
    let reports = try YujingCommand.run(["reports", "list", "--config", config, "--format", "json"])
    #expect(reports.status == 0, "\(reports.err)")
    let decided = try #require(try JSONSerialization.jsonObject(with: Data(reports.out.utf8)) as? [[String: Any]])
    let returned = decided.filter { $0["state"] as? String == "returned" }
    #expect(Set(returned.compactMap { $0["addressee"] as? String }) == ["市交通运输局", "铜鼓县人民政府"], "\(returned)")
    for report in returned {
      let notice = report["notice"] as? Int
      #expect(decided.contains { $0["notice"] as? Int == notice && $0["state"] as? String == "accepted" })
    }
    #expect(decided.filter { $0["state"] as? String == "accepted" }.count > 30)
    let appeals = try YujingCommand.run(["appeals", "list", "--config", config, "--format", "json"])
    let appeal = try #require(
      (try JSONSerialization.jsonObject(with: Data(appeals.out.utf8)) as? [[String: Any]])?.first, "\(appeals.out)")
    #expect(appeal["state"] as? String == "granted" && appeal["addressee"] as? String == "市卫健委")
    let all = try YujingCommand.run(["notices", "list", "--config", config, "--format", "json"])
    let notices = try #require(try JSONSerialization.jsonObject(with: Data(all.out.utf8)) as? [[String: Any]])
    let withdrawal = try #require(notices.first { $0["corrects"] as? Int == appeal["notice"] as? Int }, "\(all.out)")
    #expect(withdrawal["number"] is String && (withdrawal["title"] as? String)?.hasPrefix("关于撤回") == true)
  }
}
