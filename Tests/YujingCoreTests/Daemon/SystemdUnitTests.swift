import Foundation
import Testing

/// `systemd/yujing.service` (docs/operate.md#the-daemon): `systemd-analyze verify` clean on a copy whose ExecStart is
/// the binary under test, and `systemd-analyze security --offline=yes` rating its exposure 2.0 or
/// lower. `.ci/run` runs the same script before the tests; this keeps it from rotting locally.
struct SystemdUnitTests {
  @Test(.needs(.systemdAnalyze)) func theUnitVerifiesAndItsExposureIsAtMostTwo() throws {
    guard ExternalTools.require("systemd-analyze", for: "checking systemd/yujing.service") != nil else { return }
    let script = ExternalTools.repository.appendingPathComponent("Scripts/systemd/check-unit").path
    let output = try ExternalTools.run(script, [YujingCommand.binary.path])
    let exposure = output?.split(separator: "\n").first { $0.hasPrefix("exposure: ") }
    let score = exposure.flatMap { Double($0.dropFirst("exposure: ".count).prefix { $0 != " " }) }
    #expect(score.map { $0 <= 2.0 } == true, "\(output ?? "")")
  }

  @Test(.needs(.systemdAnalyze)) func verifyFailsWhenTheBinaryIsMissing() throws {
    guard ExternalTools.require("systemd-analyze", for: "checking systemd/yujing.service") != nil else { return }
    let process = Process()
    process.executableURL = ExternalTools.repository.appendingPathComponent("Scripts/systemd/check-unit")
    process.arguments = ["/nonexistent/yujing"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus != 0)
  }
}
