import Foundation
import Testing

@testable import YujingCore

/// The configuration reader's handling of a scalar's text: trimmed as Foundation trims spaces,
/// and kept in storage of its own rather than the parser's.
struct YAMLTextTests {
  @Test(arguments: [
    "宜春市", " 宜春市", "宜春市\t", "\u{3000}宜春市\u{3000}", "\u{00A0}a b\u{00A0}", " \n宜春\n ", "", "   ",
    "\t\t", "a", "县360981人民政府 ",
  ])
  func trimmingSpacesAgreesWithFoundation(text: String) {
    #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
  }

  @Test func aLongValueIsCopiedAndAShortOneIsKeptInline() {
    let long = String(repeating: "县", count: 6) + "人民政府"
    let copy = long.detached
    #expect(copy == long)
    let addresses = [long, copy].map { text in
      var text = text
      return text.withUTF8 { UInt(bitPattern: $0.baseAddress) }
    }
    #expect(addresses[0] != addresses[1], "the copy must not share the original's storage")
    #expect("360981".detached == "360981")
    #expect("".detached.isEmpty)
  }
}
