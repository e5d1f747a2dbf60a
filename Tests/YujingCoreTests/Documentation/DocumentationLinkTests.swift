import Foundation
import Testing

/// The documents are how a clone explains itself: every relative link and anchor in them, and
/// every `docs/…md#anchor` a comment points at, must resolve inside the repository.
struct DocumentationLinkTests {
  @Test(.needs(.python3)) func everyLinkAndPointerResolvesInsideTheRepository() throws {
    guard let python = ExternalTools.require("python3", for: "checking the documentation's links") else { return }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [
      ExternalTools.repository.appendingPathComponent("Scripts/docs/check-links").path, ExternalTools.repository.path,
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let broken = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "broken references:\n\(broken)")
  }
}
