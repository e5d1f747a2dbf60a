import Testing

@testable import YujingCore

// MARK: Helpers

private func parse(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONSyntaxError) -> JSONNode {
  try JSONParser.parse(Array(text.utf8), maxDepth: maxDepth)
}

private func syntaxError(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONSyntaxError? {
  do {
    _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
    return nil
  } catch {
    return error
  }
}

/// An input the parser must reject, where, and words its message must contain.
struct JSONRejection: Sendable, CustomTestStringConvertible {
  let bytes: [UInt8]
  let position: SourcePosition
  let fragments: [String]

  init(_ text: String, at line: Int, _ column: Int, _ fragments: String...) {
    self.init(bytes: Array(text.utf8), at: line, column, fragments)
  }

  init(bytes: [UInt8], at line: Int, _ column: Int, _ fragments: [String]) {
    self.bytes = bytes
    self.position = SourcePosition(line: line, column: column)
    self.fragments = fragments
  }

  var testDescription: String { String(decoding: bytes, as: UTF8.self).debugDescription }
}

private func check(_ rejection: JSONRejection) {
  guard let error = syntaxError(rejection.bytes) else {
    Issue.record("accepted \(rejection.testDescription)")
    return
  }
  #expect(error.position == rejection.position, "\(error)")
  for fragment in rejection.fragments {
    #expect(error.message.contains(fragment), "\(error)")
  }
  #expect(
    !error.message.unicodeScalars.contains { "\n\r\u{85}\u{2028}\u{2029}".unicodeScalars.contains($0) }, "one line")
}

/// Writes a tree back as compact JSON, to compare trees by their text.
private func compactText(_ node: JSONNode) -> String {
  switch node.value {
  case .null: return "null"
  case .bool(let value): return value ? "true" : "false"
  case .number(let literal): return literal
  case .string(let text): return quoted(text)
  case .array(let elements): return "[" + elements.map(compactText).joined(separator: ",") + "]"
  case .object(let members):
    return "{" + members.map { quoted($0.key) + ":" + compactText($0.value) }.joined(separator: ",") + "}"
  }
}

private func quoted(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": result += "\\\""
    case "\\": result += "\\\\"
    case "\n": result += "\\n"
    case "\u{0}"..<"\u{20}": result += "\\u00" + hex2(scalar.value)
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result + "\""
}

private func hex2(_ value: UInt32) -> String {
  let digits = String(value, radix: 16, uppercase: true)
  return digits.count == 1 ? "0" + digits : digits
}

/// 丰城市 in GBK: B7 E1, B3 C7, CA D0.
private let gbkFengcheng: [UInt8] = [0xB7, 0xE1, 0xB3, 0xC7, 0xCA, 0xD0]

private func collectPositions(_ node: JSONNode, into positions: inout [SourcePosition]) {
  positions.append(node.position)
  switch node.value {
  case .array(let elements): for element in elements { collectPositions(element, into: &positions) }
  case .object(let members):
    for member in members {
      positions.append(member.keyPosition)
      collectPositions(member.value, into: &positions)
    }
  default: break
  }
}

private struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

private struct GeneratedDocument {
  var text = ""
  var expectedPositions: [SourcePosition] = []

  mutating func markStart() {
    // String already treats "\r\n" as one character; the column is the scalars after the last line break.
    let breaks = text.reduce(0) { $0 + ($1 == "\n" || $1 == "\r" || $1 == "\r\n" ? 1 : 0) }
    let lastLine = text.unicodeScalars.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }.last
    expectedPositions.append(SourcePosition(line: breaks + 1, column: (lastLine?.count ?? 0) + 1))
  }

  mutating func whitespace(using generator: inout SplitMix64) {
    text += ["", " ", "\n", "\r\n", "\r", "\t", "  \r\n\t"].randomElement(using: &generator)!
  }

  mutating func value(depth: Int, using generator: inout SplitMix64) {
    whitespace(using: &generator)
    markStart()
    let strings = ["\"丰城市\"", "\"a\\u4E30b\"", "\"😀\\n\"", "\"\"", "\"樟树 市 GDP\""]
    switch Int.random(in: 0..<(depth > 3 ? 3 : 5), using: &generator) {
    case 0, 1: text += strings.randomElement(using: &generator)!
    case 2: text += ["0", "-7.20", "1e3", "true", "null"].randomElement(using: &generator)!
    case 3:
      text += "["
      for index in 0..<Int.random(in: 0..<4, using: &generator) {
        if index > 0 { text += "," }
        value(depth: depth + 1, using: &generator)
      }
      whitespace(using: &generator)
      text += "]"
    default:
      text += "{"
      for index in 0..<Int.random(in: 0..<4, using: &generator) {
        if index > 0 { text += "," }
        whitespace(using: &generator)
        markStart()
        text += strings.randomElement(using: &generator)! + ":"
        value(depth: depth + 1, using: &generator)
      }
      whitespace(using: &generator)
      text += "}"
    }
    whitespace(using: &generator)
  }
}

@Suite struct JSONParserTests {
  // MARK: Accepted input

  @Test(arguments: ["0", "-0", "7.20", "-1e3", "1E+10", "2.5e-07", "0.000", "123456789012345678901234567890.5"])
  func keepsNumbersAsTheirLiteralText(literal: String) throws {
    #expect(try parse(literal).value == .number(literal))
    #expect(
      try parse("[\(literal)]").value
        == .array([JSONNode(value: .number(literal), position: .init(line: 1, column: 2))]))
  }

  @Test(arguments: [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null), ("\"\"", .string(""))])
  func parsesScalarsAtTheTopLevel(text: String, value: JSONValue) throws {
    #expect(try parse(" \(text)\n").value == value)
  }

  @Test(arguments: [
    (#""\" \\ \/ \b \f \n \r \t""#, "\" \\ / \u{8} \u{C} \n \r \t"),
    (#""\u0041\u00e9\u4E30\u4e30""#, "Aé丰丰"),
    (#""\uD83D\uDE00 \ud83d\ude00""#, "😀 😀"),
    (#""a\u0000b""#, "a\u{0}b"),
    (#""丰\n城\t市""#, "丰\n城\t市"),
    (#""plain 丰城市 text""#, "plain 丰城市 text"),
  ])
  func decodesEscapes(text: String, expected: String) throws {
    #expect(try parse(text).value == .string(expected))
  }

  @Test func keepsAnEscapedNulAsACharacter() throws {
    guard case .string(let text) = try parse(#""\u0000""#).value else {
      Issue.record("not a string")
      return
    }
    #expect(Array(text.unicodeScalars) == ["\u{0}"])
  }

  @Test func keepsDuplicateKeysInDocumentOrder() throws {
    let node = try parse(#"{"a":1,"b":2,"a":3}"#)
    guard case .object(let members) = node.value else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["a", "b", "a"])
    #expect(members.map(\.value.value) == [.number("1"), .number("2"), .number("3")])
    #expect(members.map(\.keyPosition.column) == [2, 8, 14])
    #expect(node["a"]?.value == .number("1"), "the subscript returns the first")
    #expect(node["a"]?.position == SourcePosition(line: 1, column: 6))
    #expect(node["missing"] == nil)
    #expect(try parse("[1]")["a"] == nil)
  }

  /// Rows repeat their member names, which the parser recognises by their bytes; similar names must stay apart.
  @Test func readsRepeatedMemberNamesExactly() throws {
    let text = #"[{"丰城":1,"ab":2},{"丰城":3,"abc":4},{"丰城":5,"ab":6,"a\"b":7},{"丰城":8,"a\"b":9,"ab":0}]"#
    guard case .array(let rows) = try parse(text).value else {
      Issue.record("not an array")
      return
    }
    let keys = rows.map { row -> [String] in
      guard case .object(let members) = row.value else { return [] }
      return members.map(\.key)
    }
    #expect(keys == [["丰城", "ab"], ["丰城", "abc"], ["丰城", "ab", "a\"b"], ["丰城", "a\"b", "ab"]])
    #expect(rows[3]["丰城"]?.position == SourcePosition(line: 1, column: 66))
    #expect(rows[3]["ab"]?.position == SourcePosition(line: 1, column: 82))
    check(JSONRejection(#"[{"丰城":1},{"丰城":2,"x":tru}]"#, at: 1, 23, "found 'tru'"))
  }

  @Test(arguments: [
    ("null", "null"), ("true", "boolean"), ("-1", "number"), ("\"x\"", "string"), ("[]", "array"), ("{}", "object"),
  ])
  func namesEachKind(text: String, kindName: String) throws {
    #expect(try parse(text).kindName == kindName)
  }

  @Test func acceptsAnyCollectionOfBytes() throws {
    let text = #"{"a":[1,"丰"]}"#
    let expected = try parse(text)
    #expect(try JSONParser.parse(text.utf8) == expected)
    #expect(try JSONParser.parse(Array(("  " + text).utf8).dropFirst(2)) == expected)
    #expect(try JSONParser.parse(text.utf8.lazy.map { $0 }) == expected, "a collection without contiguous storage")
  }

  @Test func acceptsNestingUpToTheLimit() throws {
    let depth = JSONParser.defaultMaxDepth
    _ = try parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
    _ = try parse(String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth))
    _ = try parse("[[1]]", maxDepth: 2)
  }

  @Test func roundTripsARealisticCanonicalFile() throws {
    let rows = [
      #"{"period":"2024-03","region":"360981","region_name":"丰城市","indicator":"industry_va","value":7.20,"#
        + #""growth":-1.5e0,"flags":[],"note":null}"#,
      #"{"period":"2024-03","region":"360982","region_name":"樟树市","indicator":"retail_sales","value":null,"#
        + #""growth":12,"flags":["estimated","revised"],"note":"含\"快递\"\\口径\n调整"}"#,
      #"{"period":"2024-04","region":"360983","region_name":"高安市","indicator":"electricity_use","value":0.05,"#
        + #""growth":0,"flags":[true,false],"note":{"source":"统计局","units":"亿千瓦时"}}"#,
    ]
    let compact = #"{"schema":"yujing.feed/1","rows":["# + rows.joined(separator: ",") + "]}"
    let node = try parse(compact)
    #expect(compactText(node) == compact)
    #expect(node["rows"].map(compactText) == "[" + rows.joined(separator: ",") + "]")
    #expect(node["schema"]?.value == .string("yujing.feed/1"))

    // The same data laid out by a Windows editor parses to the same tree, apart from positions.
    let pretty =
      "\u{FEFF}{\r\n  \"schema\" : \"yujing.feed/1\",\r\n  \"rows\" : [\r\n    "
      + rows.joined(separator: ",\r\n    ") + "\r\n  ]\r\n}\r\n"
    let prettyNode = try parse(pretty)
    #expect(compactText(prettyNode) == compact)
    #expect(prettyNode["rows"]?.position == SourcePosition(line: 3, column: 12))
  }

  // MARK: Positions

  @Test func everyNodeCarriesThePositionOfItsFirstCharacter() throws {
    let text = "{\r\n  \"名称\": \"丰城市\",\r\n\t\"list\": [1, true,\rnull, {\"k\": -2}]\n}"
    let node = try parse(text)
    #expect(node.position == SourcePosition(line: 1, column: 1))
    guard case .object(let members) = node.value, case .array(let list) = members[1].value.value else {
      Issue.record("unexpected shape")
      return
    }
    #expect(members[0].keyPosition == SourcePosition(line: 2, column: 3))
    #expect(members[0].value.position == SourcePosition(line: 2, column: 9))
    #expect(members[1].keyPosition == SourcePosition(line: 3, column: 2))
    #expect(members[1].value.position == SourcePosition(line: 3, column: 10))
    #expect(
      list.map(\.position) == [
        .init(line: 3, column: 11), .init(line: 3, column: 14), .init(line: 4, column: 1), .init(line: 4, column: 7),
      ])
    #expect(list[3]["k"]?.position == SourcePosition(line: 4, column: 13))
  }

  @Test func splitsLinesOnLFAndCRLFAndLoneCR() throws {
    guard case .array(let elements) = try parse("[\n1,\r\n2,\r3,\n\r4]").value else {
      Issue.record("not an array")
      return
    }
    #expect(elements.map(\.position.line) == [2, 3, 4, 6])
    #expect(elements.map(\.position.column) == [1, 1, 1, 1])
  }

  @Test func countsColumnsInUnicodeScalarsNotBytes() {
    check(JSONRejection(#"["丰城市", nul]"#, at: 1, 9, "found 'nul'"))
    check(JSONRejection("[\"😀\",\r\n \"丰\", +1]", at: 2, 7, "cannot start with '+'"))
  }

  @Test func skipsAUTF8ByteOrderMarkWithoutCountingIt() throws {
    let node = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))
    #expect(node.position == SourcePosition(line: 1, column: 1))
    check(JSONRejection(bytes: [0xEF, 0xBB, 0xBF] + Array("[1, x]".utf8), at: 1, 5, ["found 'x'"]))
    check(JSONRejection("[1,\u{FEFF}2]", at: 1, 4, "U+FEFF"))
  }

  /// Positions computed from the text by the standard library, independently of the parser.
  @Test func positionsAgreeWithAnIndependentCountOnGeneratedDocuments() throws {
    var generator = SplitMix64(seed: 2024)
    for _ in 0..<50 {
      var document = GeneratedDocument()
      document.value(depth: 0, using: &generator)
      let node = try parse(document.text)
      var actual: [SourcePosition] = []
      collectPositions(node, into: &actual)
      #expect(actual == document.expectedPositions, "\(document.text.debugDescription)")
    }
  }

  // MARK: Rejected input

  @Test(arguments: [
    JSONRejection("01", at: 1, 1, "leading zero", "quote the value"),
    JSONRejection("[-012]", at: 1, 3, "leading zero"),
    JSONRejection("+1", at: 1, 1, "cannot start with '+'"),
    JSONRejection("[.5]", at: 1, 2, "digit before the decimal point"),
    JSONRejection("1.", at: 1, 3, "expected a digit after the decimal point, found the end of the file"),
    JSONRejection("[1.]", at: 1, 4, "expected a digit after the decimal point, found ']'"),
    JSONRejection("1.e5", at: 1, 3, "after the decimal point"),
    JSONRejection("1e", at: 1, 3, "expected a digit in the exponent"),
    JSONRejection("[1E+]", at: 1, 5, "expected a digit in the exponent, found ']'"),
    JSONRejection("-", at: 1, 2, "expected a digit after '-', found the end of the file"),
    JSONRejection("- 1", at: 1, 2, "found a space"),
    JSONRejection("NaN", at: 1, 1, "found 'NaN'", "write null"),
    JSONRejection("[Infinity]", at: 1, 2, "found 'Infinity'", "write null"),
    JSONRejection("-Infinity", at: 1, 2, "found 'I'", "write null"),
    JSONRejection("1.5.3", at: 1, 4, "found '.'"),
    JSONRejection("0x1F", at: 1, 2, "found 'x'"),
  ])
  func rejectsNumbersThatRFC8259Forbids(rejection: JSONRejection) { check(rejection) }

  @Test(arguments: [
    JSONRejection("[1,2,]", at: 1, 5, "trailing comma before ']'", "remove this comma"),
    JSONRejection(#"{"a":1,}"#, at: 1, 7, "trailing comma before '}'"),
    JSONRejection("[1,\n]", at: 1, 3, "trailing comma"),
    JSONRejection("[1,\r\n  \"中\",\r\n]", at: 2, 6, "trailing comma"),
    JSONRejection("[,1]", at: 1, 2, "expected a value", "found ','"),
    JSONRejection("{,}", at: 1, 2, "expected a member name in double quotes, found ','"),
  ])
  func reportsTrailingCommasAtTheComma(rejection: JSONRejection) { check(rejection) }

  @Test(arguments: [
    JSONRejection("['a']", at: 1, 2, "double quotes"),
    JSONRejection("{'a':1}", at: 1, 2, "double quotes"),
    JSONRejection("{a:1}", at: 1, 2, "member names must be quoted"),
    JSONRejection("[1, // note\n2]", at: 1, 5, "comments are not allowed"),
    JSONRejection("/* header */ 1", at: 1, 1, "comments are not allowed"),
    JSONRejection("[1] # done", at: 1, 5, "comments are not allowed"),
    JSONRejection("True", at: 1, 1, "lower case"),
    JSONRejection("[None]", at: 1, 2, "write null"),
    JSONRejection("tru", at: 1, 1, "found 'tru'"),
    JSONRejection("[1，2]", at: 1, 3, "'，' (U+FF0C)", "use the ASCII ','"),
    JSONRejection("{“a”:1}", at: 1, 2, "use the ASCII '\"'"),
    JSONRejection("[中]", at: 1, 2, "found '中' (U+4E2D)"),
  ])
  func rejectsWhatIsNotJSONWithAHint(rejection: JSONRejection) { check(rejection) }

  @Test(arguments: [
    JSONRejection("[1 2]", at: 1, 4, "expected ',' or ']' after an array element, found '2'"),
    JSONRejection(#"{"a" 1}"#, at: 1, 6, #"expected ':' after the member name "a", found '1'"#),
    JSONRejection(#"{"a\n\"b" 1}"#, at: 1, 11, #"after the member name "a\u000A\"b", found '1'"#),
    JSONRejection(#"{"a":1 "b":2}"#, at: 1, 8, "expected ',' or '}' after an object member, found '\"'"),
    JSONRejection("[1", at: 1, 3, "found the end of the file", "the array that starts at 1:1 is never closed"),
    JSONRejection("\n {\"a\":", at: 2, 7, "expected a value", "found the end of the file"),
    JSONRejection("{\"a\":1", at: 1, 7, "the object that starts at 1:1 is never closed"),
    JSONRejection("{\"a\":1,", at: 1, 8, "the object that starts at 1:1 is never closed"),
  ])
  func rejectsMisplacedPunctuationAtTheOffendingCharacter(rejection: JSONRejection) { check(rejection) }

  @Test func saysExactlyWhatWasExpectedAndFound() {
    #expect(syntaxError(Array("[1}".utf8))?.message == "expected ',' or ']' after an array element, found '}'")
    #expect(syntaxError(Array("\n\n  [1}".utf8))?.description.hasPrefix("3:5: expected ',' or ']'") == true)
  }

  @Test(arguments: [
    JSONRejection("\"a\tb\"", at: 1, 3, "tab inside a string", "\\t"),
    JSONRejection("\"a\nb\"", at: 1, 3, "line break inside the string that starts at 1:1", "\\n"),
    JSONRejection("[\"丰\r\"]", at: 1, 4, "line break"),
    JSONRejection("[\"x\u{01}\"]", at: 1, 4, "U+0001", "\\u0001"),
    JSONRejection(bytes: [0x22, 0x00, 0x22], at: 1, 2, ["U+0000", "\\u0000"]),
    JSONRejection(bytes: [0x22, 0x1F, 0x22], at: 1, 2, ["U+001F", "\\u001F"]),
    JSONRejection(#""\x""#, at: 1, 2, "invalid escape", "followed by 'x'"),
    JSONRejection(#""\U0041""#, at: 1, 2, "invalid escape"),
    JSONRejection(#""C:\data""#, at: 1, 4, "invalid escape", "write a backslash itself as \\\\"),
    JSONRejection(#""\u12G4""#, at: 1, 6, "four hexadecimal digits", "found 'G'"),
    JSONRejection(#""\u12""#, at: 1, 6, "four hexadecimal digits", "found '\"'"),
    JSONRejection(#""\u12"#, at: 1, 6, "four hexadecimal digits", "found the end of the file"),
    JSONRejection(#"["ok", "\uD800"]"#, at: 1, 9, "first half of a surrogate pair"),
    JSONRejection(#""\uD83D\u0041""#, at: 1, 2, "first half of a surrogate pair"),
    JSONRejection(#""\uD83D\uD83D""#, at: 1, 2, "first half of a surrogate pair"),
    JSONRejection(#""\uD83Dx""#, at: 1, 2, "first half of a surrogate pair"),
    JSONRejection(#""\uDE00""#, at: 1, 2, "second half of a surrogate pair"),
    JSONRejection(#""\uD83D\uDE00\uDE00""#, at: 1, 14, "second half"),
    JSONRejection("\"abc", at: 1, 5, "ends inside the string that starts at 1:1"),
    JSONRejection("[\"丰城\\", at: 1, 6, "ends inside the string that starts at 1:2"),
  ])
  func rejectsBadStringContentAtItsPosition(rejection: JSONRejection) { check(rejection) }

  @Test(arguments: [
    JSONRejection("{} {}", at: 1, 4, "expected the end of the file after the top-level value", "exactly one value"),
    JSONRejection("1 2", at: 1, 3, "found '2'"),
    JSONRejection("[1]]", at: 1, 4, "found ']'"),
    JSONRejection("nullx", at: 1, 5, "found 'x'"),
    JSONRejection(#""a""b""#, at: 1, 4, "exactly one value"),
    JSONRejection("{}\r\n\r\n}", at: 3, 1, "found '}'"),
  ])
  func rejectsTrailingContentAfterTheTopLevelValue(rejection: JSONRejection) { check(rejection) }

  @Test(arguments: [[], Array(" \n\t\r\n ".utf8), [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x20]])
  func reportsAnEmptyFile(bytes: [UInt8]) {
    let error = syntaxError(bytes)
    #expect(error?.position == SourcePosition(line: 1, column: 1))
    #expect(error?.message.hasPrefix("the file is empty") == true, "\(String(describing: error))")
  }

  @Test(arguments: [
    JSONRejection(
      bytes: Array("[\n  \"".utf8) + gbkFengcheng + Array("\"\n]".utf8), at: 2, 4, ["not valid UTF-8", "0xB7"]),
    JSONRejection(
      bytes: Array(#"{"地区":""#.utf8) + gbkFengcheng + Array(#""}"#.utf8), at: 1, 8, ["GBK", "save it again as UTF-8"]),
    JSONRejection(bytes: Array("[\"丰城市".utf8) + [0xFF, 0x22, 0x5D], at: 1, 6, ["0xFF"]),
    JSONRejection(bytes: [0x22, 0xC0, 0x80, 0x22], at: 1, 2, ["0xC0"]),  // overlong NUL
    JSONRejection(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], at: 1, 2, ["0xED"]),  // an encoded surrogate
    JSONRejection(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], at: 1, 2, ["0xF4"]),  // past U+10FFFF
    JSONRejection(bytes: [0x22, 0x61, 0xE4, 0xB8], at: 1, 3, ["0xE4"]),  // cut short at the end of the file
    JSONRejection(bytes: [0x22, 0xE4, 0xB8, 0x22], at: 1, 2, ["0xE4"]),  // cut short before the quote
    JSONRejection(bytes: [0x5B, 0x80, 0x5D], at: 1, 2, ["not valid UTF-8"]),  // outside a string
    JSONRejection(bytes: [0x5B, 0x31, 0x20, 0xB7, 0xE1, 0x5D], at: 1, 4, ["not valid UTF-8"]),
    JSONRejection(bytes: [0x22, 0x5C, 0xFF, 0x22], at: 1, 3, ["not valid UTF-8"]),  // after a backslash
  ])
  func rejectsInvalidUTF8AtItsPositionSuggestingGBK(rejection: JSONRejection) {
    check(rejection)
    #expect(syntaxError(rejection.bytes)?.message.contains("GBK") == true)
  }

  @Test(arguments: [[0xFF, 0xFE, 0x5B, 0x00, 0x5D, 0x00], [0xFE, 0xFF, 0x00, 0x5B, 0x00, 0x5D], [0xFF, 0xFE]])
  func rejectsUTF16WithAByteOrderMark(bytes: [UInt8]) {
    check(JSONRejection(bytes: bytes, at: 1, 1, ["UTF-16 is not supported", "save it as UTF-8"]))
  }

  @Test func rejectsUTF16WithoutAByteOrderMark() {
    check(JSONRejection(bytes: [0x5B, 0x00, 0x5D, 0x00], at: 1, 1, ["UTF-16 is not supported", "save it as UTF-8"]))
    check(JSONRejection(bytes: [0x00, 0x5B, 0x00, 0x5D], at: 1, 1, ["UTF-16"]))
    check(JSONRejection(bytes: [0x0D, 0x00], at: 2, 1, ["found the control character U+0000"]))
  }

  @Test func rejectsNestingBeyondTheLimitAtTheBracket() {
    let depth = JSONParser.defaultMaxDepth
    check(JSONRejection(String(repeating: "[", count: depth + 1), at: 1, depth + 1, "nested more than 512 levels deep"))
    check(JSONRejection(String(repeating: #"{"a":"#, count: depth + 1), at: 1, 5 * depth + 1, "nested more than 512"))
    #expect(syntaxError(Array("[[1]]".utf8), maxDepth: 1)?.position == SourcePosition(line: 1, column: 2))
  }

  @Test func survivesAMillionOpenBrackets() {
    #expect(syntaxError([UInt8](repeating: UInt8(ascii: "["), count: 1_000_000))?.message.contains("nested") == true)
    #expect(syntaxError(Array(String(repeating: "[1,", count: 100_000).utf8)) != nil)
  }
}
