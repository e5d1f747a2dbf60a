import Foundation
import Testing

@testable import YujingCore

/// A drafted line is trimmed as Foundation's `.whitespaces` would, without the bridge.
struct DraftLineTrimmingTests {
  @Test(arguments: [
    "  一、总体情况  ", "\t正文\t", "\u{3000}\u{3000}全角空格缩进\u{3000}", "\u{00A0}不换行空格\u{00A0}", "   ", "",
    "无需修剪", " a b ", "\u{2003}em\u{2009}thin\u{2003}", "\r回车\r",
  ])
  func trimsTheSameCharactersAsFoundation(line: String) {
    #expect(String(DraftText.trimmingSpaces(line[...])) == line.trimmingCharacters(in: .whitespaces))
  }
}
