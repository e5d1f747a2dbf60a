import Foundation
import GRDB
import Testing

@testable import YujingCore

/// What keeps a command from working on the wrong database or with the wrong configuration, as a
/// user meets it on the real binary: a missing file is refused instead of created, a database
/// worked with another configuration stops the command until it is accepted, and a misspelt
/// command word is answered with the command meant.
@Suite(.serialized) struct DatabaseGuardTests {
  /// Commands that read or change a database, each given a path that is not there.
  @Test(arguments: [
    ["notices", "list"], ["notices", "show", "1"], ["evaluate", "--period", "2020-06", "--dry-run"],
    ["report", "--period", "2020-06", "--format", "md", "--out", "r.md"], ["users", "list"], ["exemptions", "list"],
    ["deliveries", "list"], ["escalate", "--as-of", "2020-07-01"], ["webhooks", "list"], ["forecast", "backtest"],
    ["backup", "--out", "copy.sqlite"],
  ])
  func aMistypedDatabasePathIsRefusedAndNoDatabaseIsCreated(_ command: [String]) throws {
    let directory = try TemporaryDirectory()
    let typo = directory.path("yujnig.sqlite")
    let result = try YujingCommand.run(command + ["--db", typo], in: directory.url)
    #expect(result.status == 1, "\(result.out)")
    #expect(result.err.contains("there is no database at \(typo)"), "\(result.err)")
    #expect(result.err.contains("yujing init --dir DIR --db PATH"), "\(result.err)")
    #expect(!result.out.contains("notice(s)"))
    #expect(!FileManager.default.fileExists(atPath: typo))
  }

  @Test func theCommandsThatBringDataInCreateTheDatabase() throws {
    let directory = try TemporaryDirectory()
    let targets = ExternalTools.repository.appendingPathComponent("Sources/YujingResources/sample/targets-sample.csv")
    let imported = try YujingCommand.run(["targets", "import", targets.path, "--db", directory.path("t.sqlite")])
    #expect(imported.status == 0, "\(imported.err)")
    let csv = directory.path("stats.csv")
    try "period,region,indicator,value,growth\n2020-05,360981,industry_va,,5.2\n".write(
      toFile: csv, atomically: true, encoding: .utf8)
    let ingested = try YujingCommand.run(["ingest", "--feed", "stats", csv, "--db", directory.path("i.sqlite")])
    #expect(ingested.status == 0, "\(ingested.err)")
    let made = try YujingCommand.run(["init", "--dir", directory.path("etc"), "--db", directory.path("n.sqlite")])
    #expect(made.status == 0, "\(made.err)")
    for name in ["t.sqlite", "i.sqlite", "n.sqlite"] {
      #expect(FileManager.default.fileExists(atPath: directory.path(name)), "\(name)")
      #expect(try YujingCommand.run(["notices", "list", "--db", directory.path(name)]).status == 0, "\(name)")
    }
    // An ingest that cannot run (no such feed) creates nothing.
    let wrong = try YujingCommand.run(["ingest", "--feed", "statz", csv, "--db", directory.path("w.sqlite")])
    #expect(wrong.status == 1)
    #expect(!FileManager.default.fileExists(atPath: directory.path("w.sqlite")))
  }

  @Test func aCommandWithAnotherConfigurationStopsUntilTheChangeIsAccepted() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("yujing.sqlite")
    let config = directory.path("etc/yujing.yaml")
    #expect(try YujingCommand.run(["init", "--dir", directory.path("etc"), "--db", db]).status == 0)
    // `init` writes the embedded default's files: without --config the configuration is the same.
    #expect(try YujingCommand.run(["notices", "list", "--db", db]).status == 0)

    let rules = directory.path("etc/thresholds/indicators.yaml")
    let text = try String(contentsOfFile: rules, encoding: .utf8)
    try (text + "\n# the office's edit\n").write(toFile: rules, atomically: true, encoding: .utf8)
    let stopped = try YujingCommand.run(["notices", "list", "--config", config, "--db", db])
    #expect(stopped.status == 1)
    #expect(stopped.out.isEmpty, "\(stopped.out)")
    #expect(stopped.err.contains("this database was worked with another configuration"), "\(stopped.err)")
    #expect(stopped.err.contains("what differs: thresholds/indicators.yaml differs"), "\(stopped.err)")
    #expect(stopped.err.contains("by `yujing init`"), "\(stopped.err)")
    #expect(stopped.err.contains("--accept-config"), "\(stopped.err)")

    // A dry run may try the edit without making it the database's.
    let tried = try YujingCommand.run([
      "evaluate", "--period", "2020-06", "--dry-run", "--config", config, "--db", db, "--accept-config",
    ])
    #expect(tried.status == 0, "\(tried.err)")
    #expect(try YujingCommand.run(["notices", "list", "--config", config, "--db", db]).status == 1)

    let accepted = try YujingCommand.run(["notices", "list", "--config", config, "--db", db, "--accept-config"])
    #expect(accepted.status == 0, "\(accepted.err)")
    #expect(try YujingCommand.run(["notices", "list", "--config", config, "--db", db]).status == 0)
    let records = try Store(path: db).configurationRecords()
    #expect(records.map(\.recordedBy) == ["yujing init", "yujing notices list"])
    #expect(records.last?.fingerprint.source == config)

    // Now the embedded default is the other configuration, and the way back is named.
    let embedded = try YujingCommand.run(["evaluate", "--period", "2020-06", "--dry-run", "--db", db])
    #expect(embedded.status == 1)
    #expect(embedded.err.contains("this command's: the embedded default (no --config)"), "\(embedded.err)")
    #expect(embedded.err.contains("run it again with --config \(config)"), "\(embedded.err)")
  }

  @Test func checkSaysTheDatabaseHasAnotherConfigurationAndRecordsNothing() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("yujing.sqlite")
    let config = directory.path("etc/yujing.yaml")
    #expect(try YujingCommand.run(["init", "--dir", directory.path("etc"), "--db", db]).status == 0)
    try FileManager.default.removeItem(atPath: directory.path("etc/thresholds/feeds.yaml"))
    let check = try YujingCommand.run(["check", "--config", config, "--db", db])
    #expect(check.status == 0, "\(check.out)\(check.err)")
    #expect(check.out.contains("note: the database was worked with another configuration"), "\(check.out)")
    #expect(check.out.contains("thresholds/feeds.yaml is missing"), "\(check.out)")
    #expect(try Store(path: db).configurationRecords().count == 1)
  }

  @Test(arguments: [
    (["notice", "list", "--db", "x.sqlite"], "'notice' is not a command of yujing; did you mean 'yujing notices'?"),
    (["notcies"], "did you mean 'yujing notices'?"),
    (["notices", "lst"], "'lst' is not a command of yujing notices; did you mean 'yujing notices list'?"),
    (["evalute", "--period", "2020-06"], "did you mean 'yujing evaluate'?"),
  ])
  func aMisspeltCommandWordIsAnsweredWithTheCommandMeant(_ arguments: [String], _ said: String) throws {
    let directory = try TemporaryDirectory()
    let result = try YujingCommand.run(arguments, in: directory.url)
    #expect(result.status == 64)
    #expect(result.err.contains(said), "\(result.err)")
    #expect(!result.err.contains("Unknown option"), "\(result.err)")
    #expect(!FileManager.default.fileExists(atPath: directory.path("x.sqlite")))
  }

  @Test func aWordFarFromEveryCommandKeepsTheParsersOwnMessage() throws {
    let result = try YujingCommand.run(["frobnicate"])
    #expect(result.status == 64)
    #expect(!result.err.contains("did you mean"), "\(result.err)")
    #expect(result.err.contains("frobnicate"), "\(result.err)")
  }
}
