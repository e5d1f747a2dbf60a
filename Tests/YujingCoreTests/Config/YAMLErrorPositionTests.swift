import Foundation
import Testing

@testable import YujingCore

/// Where a YAML error is shown when the file ends without a line break (found by the yaml fuzz
/// target): on the last line of the file, not on a line after it that no editor shows.
@Suite struct YAMLErrorPositionTests {
  @Test(arguments: ["city: {code: \"360900\"", "a: 1\ncity: {code: \"360900\"", "a: 1\r\ncity: [x"])
  func anErrorAtTheEndOfAFileWithoutAFinalLineBreakIsOnItsLastLine(_ text: String) throws {
    let messages = diagnostics(text)
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
      separator: "\n", omittingEmptySubsequences: false)
    let expected = "yujing.yaml:\(lines.count):\(lines.last!.count + 1): not valid YAML"
    #expect(messages.contains { $0.hasPrefix(expected) }, "\(expected) not in \(messages)")
  }
}
