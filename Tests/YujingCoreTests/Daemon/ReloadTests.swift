import Foundation
import Testing

@testable import YujingCore

/// SIGHUP's work (docs/operate.md#the-daemon): a valid configuration and thresholds replace the live ones as a
/// whole; a broken one changes nothing and says where it is broken.
struct ReloadTests {
  /// A configuration written by `yujing init`, with its own thresholds directory.
  static func office() throws -> (TemporaryDirectory, YujingCore.Configuration, LiveWorkspace) {
    let directory = try TemporaryDirectory()
    let result = try YujingCommand.run(["init", "--dir", directory.path("etc")])
    #expect(result.status == 0, "\(result.err)")
    let configuration = try ConfigurationDecoder.load(path: directory.path("etc/yujing.yaml"))
    let workspace = try Workspace.open(
      configuration: configuration, databasePath: directory.path("yujing.sqlite"), now: fixedNow)
    let live = LiveWorkspace(workspace: workspace, thresholds: try Thresholds.load(configuration: configuration))
    return (directory, configuration, live)
  }

  @Test func aValidChangeReplacesTheRulesAndKeepsTheDatabase() throws {
    let (directory, _, live) = try Self.office()
    let before = live.current
    try FileManager.default.removeItem(atPath: directory.path("etc/thresholds/feeds.yaml"))
    let outcome = live.reload { try ConfigurationDecoder.load(path: directory.path("etc/yujing.yaml")) }
    guard case .applied(let what) = outcome else {
      Issue.record("\(outcome)")
      return
    }
    #expect(what.contains("\(before.thresholds.ruleSet.rules.count - 1) rules"))
    #expect(live.current.thresholds.ruleSet.rules.count == before.thresholds.ruleSet.rules.count - 1)
    #expect(!live.current.thresholds.ruleSet.rules.contains { $0.id == "feed_late" })
    #expect(live.current.thresholds.ruleSet.hash != before.thresholds.ruleSet.hash)
    #expect(live.store === before.workspace.store)
  }

  @Test func aBrokenRuleFileIsRefusedWithItsPositionAndTheOldRulesStay() throws {
    let (directory, _, live) = try Self.office()
    let before = live.current.thresholds.ruleSet.hash
    let file = directory.path("etc/thresholds/indicators.yaml")
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try text.replacingOccurrences(of: "gap < 0", with: "gap <<< 0").write(
      toFile: file, atomically: true, encoding: .utf8)
    #expect(text.contains("gap < 0"))
    let outcome = live.reload { try ConfigurationDecoder.load(path: directory.path("etc/yujing.yaml")) }
    guard case .refused(let why) = outcome else {
      Issue.record("\(outcome)")
      return
    }
    #expect(why.contains("indicators.yaml:"), "\(why)")
    #expect(live.current.thresholds.ruleSet.hash == before)
    #expect(try live.store.configurationRecords().count == 1, "a refused reload records nothing")
  }

  /// A reload is the office changing its configuration on purpose: the database records the new
  /// one, so that the commands run afterwards with it go on and those with the old one stop.
  @Test func aReloadRecordsTheNewConfigurationAsTheDatabases() throws {
    let (directory, _, live) = try Self.office()
    let before = try #require(try live.store.currentConfiguration())
    try FileManager.default.removeItem(atPath: directory.path("etc/thresholds/feeds.yaml"))
    let outcome = live.reload(
      load: { try ConfigurationDecoder.load(path: directory.path("etc/yujing.yaml")) }, now: { fixedNow })
    guard case .applied(let what) = outcome else {
      Issue.record("\(outcome)")
      return
    }
    #expect(
      what.contains("recorded as the database's configuration: thresholds/feeds.yaml is missing"), "\(what)")
    let after = try #require(try live.store.currentConfiguration())
    #expect(after.recordedBy == "serve (reload)")
    #expect(after.digest != before.digest)
    #expect(after.fingerprint.files["thresholds/feeds.yaml"] == nil)

    let config = directory.path("etc/yujing.yaml")
    let db = directory.path("yujing.sqlite")
    #expect(try YujingCommand.run(["notices", "list", "--config", config, "--db", db]).status == 0)
    let old = try YujingCommand.run(["notices", "list", "--db", db])
    #expect(old.status == 1)
    #expect(old.err.contains("thresholds/feeds.yaml is new"), "\(old.err)")

    // Reloading the same files again records nothing more.
    _ = live.reload(load: { try ConfigurationDecoder.load(path: config) }, now: { fixedNow })
    #expect(try live.store.configurationRecords().count == 2)
  }

  @Test func aBrokenConfigurationIsRefusedAndNothingChanges() throws {
    let (directory, configuration, live) = try Self.office()
    let file = directory.path("etc/yujing.yaml")
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try (text + "\nunknown_key: 1\n").write(toFile: file, atomically: true, encoding: .utf8)
    let outcome = live.reload { try ConfigurationDecoder.load(path: file) }
    guard case .refused(let why) = outcome else {
      Issue.record("\(outcome)")
      return
    }
    #expect(why.contains("yujing.yaml:"), "\(why)")
    #expect(why.contains("unknown_key"), "\(why)")
    #expect(live.current.workspace.configuration.regions.map(\.code) == configuration.regions.map(\.code))
  }
}
