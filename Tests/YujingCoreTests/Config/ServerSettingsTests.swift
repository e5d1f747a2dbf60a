import Foundation
import Testing

@testable import YujingCore

/// The server's defences in `yujing.yaml`: defaults when absent, each value checked with where it
/// is, as `yujing check` reports it.
@Suite struct ServerSettingsTests {
  @Test func theDefencesHaveTheirDefaultsWhenNotGiven() throws {
    let server = try decode(minimalConfiguration).get().server
    #expect(server.metricsToken == nil)
    #expect(server.uploadsPerNotice == 3 && server.uploadsPerDepartment == 100)
    #expect(server.headerTimeoutSeconds == 10 && server.idleTimeoutSeconds == 60)
  }

  @Test func eachDefenceIsReadAndCheckedWithItsPlace() throws {
    let good =
      minimalConfiguration + """
        server:
          listen: "127.0.0.1:9000"
          metrics_token: 0123456789abcdef0123456789abcdef
          uploads_per_notice: 5
          uploads_per_department: 40
          header_timeout_seconds: 5
          idle_timeout_seconds: 30

        """
    let server = try decode(good).get().server
    #expect(server.metricsToken == "0123456789abcdef0123456789abcdef")
    #expect(server.uploadsPerNotice == 5 && server.uploadsPerDepartment == 40)
    #expect(server.headerTimeoutSeconds == 5 && server.idleTimeoutSeconds == 30)

    let bad =
      minimalConfiguration + """
        server:
          metrics_token: short
          uploads_per_notice: 51
          uploads_per_department: -1
          header_timeout_seconds: 0
          idle_timeout_seconds: 1e9
          metrics_tokens: x

        """
    let messages = diagnostics(bad)
    let line = minimalConfiguration.split(separator: "\n", omittingEmptySubsequences: false).count
    for expected in [
      "yujing.yaml:\(line + 1):18: server.metrics_token: give 24 to 256 printable ASCII characters",
      "yujing.yaml:\(line + 2):23: server.uploads_per_notice: '51' must be a whole number from 0 to 50",
      "yujing.yaml:\(line + 3):27: server.uploads_per_department: '-1' must be a whole number from 0 to 100000",
      "yujing.yaml:\(line + 4):27: server.header_timeout_seconds: '0' must be a whole number from 1 to 300",
      "yujing.yaml:\(line + 5):25: server.idle_timeout_seconds: '1e9' must be a whole number from 1 to 3600",
      "yujing.yaml:\(line + 6):3: unknown key 'metrics_tokens' in server",
    ] {
      #expect(messages.contains { $0.hasPrefix(expected) }, "\(expected) not in \(messages)")
    }
  }

  @Test func theEmbeddedTemplateNamesEveryDefence() throws {
    let template = try String(contentsOf: EmbeddedFiles.url("default/yujing.yaml"), encoding: .utf8)
    for key in ConfigurationDecoder.serverKeys { #expect(template.contains("\(key):"), "\(key)") }
  }
}
