import Foundation
import Testing
import YujingCore

/// The command line as a user meets it: the built `yujing` binary, run as a process.
struct YujingCommand {
  struct Output {
    var status: Int32
    var out: String
    var err: String
  }

  /// The binary beside the test bundle in the build directory.
  static let binary: URL = {
    var directory = Bundle.main.bundleURL
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("yujing")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("yujing")
  }()

  static func run(_ arguments: [String], in directory: URL? = nil, stdin: String? = nil) throws -> Output {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    if stdin != nil { process.standardInput = input }
    try process.run()
    if let stdin {
      input.fileHandleForWriting.write(Data(stdin.utf8))
      try input.fileHandleForWriting.close()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
      err: String(decoding: errData, as: UTF8.self))
  }

  /// A new, empty database, made as an office makes one before anything is imported
  /// (`init --db`); its configuration is the embedded default's files, so that commands without
  /// --config work on it.
  static func newDatabase(in directory: TemporaryDirectory, named name: String = "yujing.sqlite") throws -> String {
    let db = directory.path(name)
    let made = try run(["init", "--dir", directory.path("etc-\(name)"), "--db", db])
    try #require(made.status == 0, "\(made.err)")
    return db
  }
}

@Suite(.serialized) struct CommandLineTests {
  @Test func checkPassesOnTheEmbeddedDefault() throws {
    let result = try YujingCommand.run(["check"])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.contains("ok: <embedded default: 宜春>: 15 regions"))
    #expect(result.out.contains("14 rules in 5 files"))
  }

  @Test func initWritesAConfigurationThatChecksCleanAndRefusesToOverwrite() throws {
    let directory = try TemporaryDirectory()
    let target = directory.path("etc")
    let written = try YujingCommand.run(["init", "--dir", target])
    #expect(written.status == 0, "\(written.err)")
    #expect(FileManager.default.fileExists(atPath: "\(target)/thresholds/indicators.yaml"))
    let check = try YujingCommand.run(["check", "--config", "\(target)/yujing.yaml"])
    #expect(check.status == 0, "\(check.out)\(check.err)")
    #expect(check.out.contains("\(target)/thresholds: 14 rules"))
    let again = try YujingCommand.run(["init", "--dir", target])
    #expect(again.status != 0)
    #expect(again.err.contains("already exist"))
  }

  @Test func checkReadsTheOfficesTemplatesAndPointsAtATagLeftOpen() throws {
    let directory = try TemporaryDirectory()
    let target = directory.path("etc")
    _ = try YujingCommand.run(["init", "--dir", target])
    #expect(FileManager.default.fileExists(atPath: "\(target)/templates/talk.mustache"))
    let config = "\(target)/yujing.yaml"
    let text = try String(contentsOfFile: config, encoding: .utf8)
    try text.replacingOccurrences(of: "# templates: templates", with: "templates: templates")
      .write(toFile: config, atomically: true, encoding: .utf8)
    for name in NoticeTemplates.names where name != "talk" {
      try FileManager.default.removeItem(atPath: "\(target)/templates/\(name).mustache")
    }
    let clean = try YujingCommand.run(["check", "--config", config])
    #expect(clean.status == 0, "\(clean.out)\(clean.err)")
    #expect(clean.out.contains("8 notice templates, talk from templates"), "\(clean.out)")
    try "{{% CONTENT_TYPE: TEXT}}\n请{{addressee}}参加。\n{{#subjects}}\n{{name}\n".write(
      toFile: "\(target)/templates/talk.mustache", atomically: true, encoding: .utf8)
    let broken = try YujingCommand.run(["check", "--config", config])
    #expect(broken.status == 1)
    #expect(
      broken.out.contains("templates/talk.mustache:4:7: not a valid Mustache template: a tag is not closed"),
      "\(broken.out)")
  }

  @Test func forecastBacktestReplaysTheLoadedHistoryAndRefusesUnknownCodes() throws {
    let directory = try TemporaryDirectory()
    let db = try YujingCommand.newDatabase(in: directory)
    let empty = try YujingCommand.run(["forecast", "backtest", "--db", db])
    #expect(empty.status == 0, "\(empty.err)")
    #expect(empty.out.contains("no projection could be replayed"), "\(empty.out)")
    let history = ExternalTools.repository.appendingPathComponent(
      "Sources/YujingResources/sample/indicators-history.csv"
    ).path
    let ingested = try YujingCommand.run(["ingest", "--db", db, "--feed", "stats", history])
    #expect(ingested.status == 0, "\(ingested.err)")
    // 2017–2019: only 2019 has two years before it; retail is monthly with 1–2月 combined.
    let json = try YujingCommand.run([
      "forecast", "backtest", "--db", db, "--indicator", "retail", "--region", "360924", "--format", "json",
    ])
    #expect(json.status == 0, "\(json.err)")
    #expect(
      json.out.hasPrefix("{\"subjects\": 1, \"years\": [2017, 2018, 2019], \"rows\": [{\"month\": 2, "), "\(json.out)")
    #expect(json.out.contains("\"method\": \"seasonal_share\", \"projections\": 1, \"misses\": 0"))
    let table = try YujingCommand.run(["forecast", "backtest", "--db", db, "--indicator", "industry_va"])
    #expect(table.out.contains("growth_path"), "\(table.out)")
    #expect(!table.out.contains("seasonal_share"), "growth-only: no levels, no seasonal share")
    let unknown = try YujingCommand.run(["forecast", "backtest", "--db", db, "--indicator", "steel"])
    #expect(unknown.status != 0)
    #expect(unknown.err.contains("'steel' is not an indicator"), "\(unknown.err)")
  }

  @Test func webhookTargetsAreAddedWithTheirSecretShownOnceAndListedMasked() throws {
    let directory = try TemporaryDirectory()
    let db = try YujingCommand.newDatabase(in: directory)
    let generic = try YujingCommand.run([
      "webhooks", "add", "--db", db, "--addressee", "丰城市人民政府", "--format", "generic", "--url",
      "https://receiver.example/hook",
    ])
    #expect(generic.status == 0, "\(generic.err)")
    let secret = try #require(generic.out.split(separator: "\n").first { $0.hasPrefix("secret: whsec_") })
      .dropFirst("secret: ".count)
    let wecom = try YujingCommand.run([
      "webhooks", "add", "--db", db, "--addressee", "市工信局", "--format", "wecom", "--url",
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-secret-key", "--copies",
    ])
    #expect(wecom.status == 0, "\(wecom.err)")
    let list = try YujingCommand.run(["webhooks", "list", "--db", db])
    #expect(list.out.contains("丰城市人民政府\tgeneric\tfull"))
    #expect(
      list.out.contains(
        "市工信局\twecom\tlink\t20/min\twith copies\thttps://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"))
    #expect(!list.out.contains(secret) && !list.out.contains("693a91f6"))

    let stranger = try YujingCommand.run([
      "webhooks", "add", "--db", db, "--addressee", "丰城市政府", "--format", "wecom", "--url", "https://x/y?key=1",
    ])
    #expect(stranger.status == 1)
    #expect(stranger.err.contains("'丰城市政府' is not an addressee of the configuration"))
    let badURL = try YujingCommand.run([
      "webhooks", "add", "--db", db, "--addressee", "市工信局", "--format", "wecom", "--url", "ftp://x/y",
    ])
    #expect(badURL.status == 1 && badURL.err.contains("is not an http(s) address"))

    #expect(try YujingCommand.run(["webhooks", "remove", "--db", db, "2"]).out.contains("webhook 2 removed"))
    let again = try YujingCommand.run(["webhooks", "remove", "--db", db, "2"])
    #expect(again.status == 1 && again.err.contains("there is no webhook target 2"))
    #expect(try YujingCommand.run(["deliveries", "list", "--db", db]).out.contains("no deliveries"))
  }

  @Test func checkExitsOneWithEveryErrorAndItsPosition() throws {
    let directory = try TemporaryDirectory()
    let target = directory.path("etc")
    _ = try YujingCommand.run(["init", "--dir", target])
    let config = "\(target)/yujing.yaml"
    var text = try String(contentsOfFile: config, encoding: .utf8)
    text = text.replacingOccurrences(of: "lead_department: gxj,", with: "lead_department: gxjj,")
    try text.write(toFile: config, atomically: true, encoding: .utf8)
    var rules = try String(contentsOfFile: "\(target)/thresholds/feeds.yaml", encoding: .utf8)
    rules = rules.replacingOccurrences(of: "when: late", with: "when: lat")
    try rules.write(toFile: "\(target)/thresholds/feeds.yaml", atomically: true, encoding: .utf8)
    let check = try YujingCommand.run(["check", "--config", config])
    #expect(check.status == 1)
    // The position, found independently: the line that now says gxjj, the column of its value.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let line = try #require(lines.firstIndex { $0.contains("gxjj") }) + 1
    let column = try #require(lines[line - 1].range(of: "gxjj")).lowerBound.utf16Offset(in: lines[line - 1]) + 1
    #expect(
      check.out.contains("yujing.yaml:\(line):\(column): indicators[1].lead_department: 'gxjj' is not a department"),
      "\(check.out)")
    // The rule file's error is reported only once the configuration is valid.
    text = text.replacingOccurrences(of: "lead_department: gxjj,", with: "lead_department: gxj,")
    try text.write(toFile: config, atomically: true, encoding: .utf8)
    let second = try YujingCommand.run(["check", "--config", config])
    #expect(second.status == 1)
    #expect(second.out.contains("feeds.yaml:10:11: rules[0] (feed_late).when: unknown measure 'lat'"), "\(second.out)")
  }

  @Test func ingestFromStandardInputPrintsTheRunAsJSON() throws {
    let directory = try TemporaryDirectory()
    let result = try YujingCommand.run(
      ["ingest", "--db", directory.path("y.sqlite"), "--feed", "stats", "-", "--format", "json"],
      stdin: "period,region,indicator,value,growth\n2020-05,360981,industry_va,,5.2\n2020-05,360981,fai,,x\n")
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.contains(#""status":"partial""#))
    #expect(result.out.contains(#""inserted":1"#))
    #expect(result.out.contains(#""location":"line 3, column 21""#))
  }

  @Test func anUnreadableFileExitsOneAndSaysWhy() throws {
    let directory = try TemporaryDirectory()
    let result = try YujingCommand.run(
      ["ingest", "--db", directory.path("y.sqlite"), "--feed", "stats", "-"], stdin: "region,indicator\n1,2\n")
    #expect(result.status == 1)
    #expect(result.out.contains("nothing was applied: line 1, column 1: the header lacks period"))
  }

  @Test func evaluateTwicePrintsTheSameJSONAndStoresOnce() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("y.sqlite")
    _ = try YujingCommand.run(
      ["ingest", "--db", db, "--feed", "stats", "-"],
      stdin: "period,region,indicator,value,growth\n2020-05,360981,industry_va,,7.2\n")
    let arguments = ["evaluate", "--db", db, "--period", "2020-05", "--as-of", "2020-06-09", "--format", "json"]
    let first = try YujingCommand.run(arguments)
    let second = try YujingCommand.run(arguments)
    #expect(first.status == 0, "\(first.err)")
    #expect(first.out == second.out)
    #expect(
      first.out.contains(
        #""subject": {"kind": "indicator", "indicator": "industry_va", "region": "360981"}, "level": "yellow""#))
    let table = try YujingCommand.run(["evaluate", "--db", db, "--period", "2020-05", "--as-of", "2020-06-09"])
    #expect(table.out.contains("unchanged since the last evaluation of 2020-05: nothing written"))
  }

  @Test func aBadPeriodIsOneClearLine() throws {
    let result = try YujingCommand.run([
      "evaluate", "--db", "/tmp/none-\(UUID()).sqlite", "--period", "2020-5", "--dry-run",
    ])
    #expect(result.status != 0)
    #expect(result.err.contains("--period '2020-5' is not YYYY-MM"))
    #expect(!result.err.contains("Fatal error"))
  }

  @Test func ruleTestsRunFromTheCommandLine() throws {
    let thresholds = ExternalTools.repository.appendingPathComponent("thresholds/tests")
    let files = try FileManager.default.contentsOfDirectory(atPath: thresholds.path).filter { $0.hasSuffix(".yaml") }
      .map { thresholds.appendingPathComponent($0).path }
    let result = try YujingCommand.run(["test"] + files)
    #expect(result.status == 0, "\(result.out)")
    #expect(result.out.hasPrefix("ok: "))
  }

  @Test func reviewFromTheShellDraftsApprovesAndRecordsAReport() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("y.sqlite")
    _ = try YujingCommand.run(
      ["ingest", "--db", db, "--feed", "stats", "-"],
      stdin: "period,region,indicator,value,growth\n2020-08,360981,industry_va,,7.0\n2020-08,360982,industry_va,,9.5\n")
    _ = try YujingCommand.run(["evaluate", "--db", db, "--period", "2020-08", "--as-of", "2020-09-11"])
    let list = try YujingCommand.run(["notices", "list", "--db", db, "--format", "json"])
    #expect(list.status == 0, "\(list.err)")
    // The command line is a contract scripts rely on (docs/operate.md#commands).
    #expect(
      list.out.hasPrefix(
        #"[{"id": 1, "kind": "reminder", "number": null, "addressee": "丰城市人民政府", "cc": ["市工信局"], "period": "2020-08", "state": "draft", "corrects": null, "subjects": [{"subject": {"kind": "indicator", "indicator": "industry_va", "region": "360981"}, "stage": "reminder", "level": "yellow"}]"#
      ), "\(list.out)")
    setenv("YUJING_BCRYPT_COST", "10", 1)
    for (name, role, leader) in [("rev", "reviewer", nil), ("rev2", "reviewer", nil), ("lead", "signer", "李××")] {
      let added = try YujingCommand.run(
        ["users", "add", name, "--role", role, "--password-stdin", "--db", db]
          + (leader.map { ["--leader", $0] } ?? []),
        stdin: "password-of-\(name)\n")
      #expect(added.status == 0, "\(added.err)")
    }
    let stranger = try YujingCommand.run(
      ["users", "add", "x", "--role", "signer", "--leader", "钱××", "--password-stdin", "--db", db], stdin: "p\n")
    #expect(
      stranger.status != 0 && stranger.err.contains("is not a leader of the configuration's leaders: one of 赵××, 王××"))
    let approve = try YujingCommand.run(["notices", "approve", "1", "--as", "rev", "--db", db, "--date", "2020-09-29"])
    #expect(approve.status == 0, "\(approve.err)")
    #expect(approve.out.contains("宜经调提醒〔2020〕1号"))
    #expect(approve.out.contains("整改报告截止: 2020年10月13日"))
    let again = try YujingCommand.run(["notices", "approve", "1", "--as", "rev", "--db", db])
    #expect(again.status != 0)
    #expect(again.err.contains("only a draft can be approved"))
    let report = try YujingCommand.run([
      "notices", "feedback", "1", "--db", db, "--text", "整改措施", "--date", "2020-10-14",
    ])
    #expect(report.out.contains("late"))
    let escalate = try YujingCommand.run(["escalate", "--db", db, "--as-of", "2020-10-14"])
    #expect(escalate.out.contains("reminder → talk_deputy"), "\(escalate.out)")
    let show = try YujingCommand.run(["notices", "show", "2", "--db", db])
    #expect(show.out.contains("约谈通知书"))
    #expect(show.out.contains("三、约谈人\n市政府副市长李××同志。"))

    // The talk's chain: a reviewer checks, a signer signs; a signer sends it back to the check.
    func step(_ name: String, _ more: [String] = []) throws -> YujingCommand.Output {
      try YujingCommand.run(["notices", "approve", "2", "--as", name, "--db", db] + more)
    }
    let talk = ["--talk-at", "2020-10-21 09:30", "--place", "市政府第一会议室"]
    let early = try step("lead", ["--date", "2020-10-15"] + talk)
    #expect(early.status != 0 && early.err.contains("waits for its check (核稿), a reviewer's step"), "\(early.err)")
    let checked = try step("rev", talk + ["--opinion", "数据已核"])
    #expect(checked.status == 0 && checked.out.contains("waits for its sign (签发) by a signer"), "\(checked.out)")
    let returned = try YujingCommand.run(
      ["notices", "return", "2", "--as", "lead", "--reason", "约谈时间另定", "--db", db])
    #expect(returned.status == 0, "\(returned.err)")
    #expect(try step("lead", ["--date", "2020-10-15"]).err.contains("waits for its check"))
    #expect(try step("rev2", talk).status == 0)
    let signed = try step("lead", ["--date", "2020-10-15", "--opinion", "同意"])
    #expect(signed.status == 0, "\(signed.err)")
    #expect(signed.out.contains("宜府办约谈〔2020〕1号"), "\(signed.out)")
    let steps = try YujingCommand.run(["notices", "show", "2", "--db", db]).out
    #expect(steps.contains("签发  lead (signer, for 李××)  意见: 同意"), "\(steps)")
    #expect(steps.contains("签发退回  lead") && steps.contains("核稿  rev (reviewer)  意见: 数据已核"), "\(steps)")
  }

  @Test func exemptionsAreAddedListedAndExpired() throws {
    let directory = try TemporaryDirectory()
    let db = try YujingCommand.newDatabase(in: directory, named: "y.sqlite")
    let missing = try YujingCommand.run(["exemptions", "add", "--db", db, "--until", "2020-12-31", "--reason", "x"])
    #expect(missing.status != 0)
    #expect(missing.err.contains("name what to exempt"))
    let added = try YujingCommand.run(
      [
        "exemptions", "add", "--db", db, "--region", "360981", "--from", "2020-01-01", "--until", "2020-06-30",
        "--reason", "疫情",
      ])
    #expect(added.status == 0, "\(added.err)")
    #expect(added.out.contains("exemption 1: 360981 (all indicators)"))
    #expect(try YujingCommand.run(["exemptions", "list", "--db", db]).out.contains("in force"))
    _ = try YujingCommand.run(["exemptions", "expire", "1", "--db", db])
    #expect(try YujingCommand.run(["exemptions", "list", "--db", db]).out.contains("expired"))
  }
}
