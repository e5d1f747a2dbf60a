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
