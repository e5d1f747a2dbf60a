import Foundation

// The JSON fuzz target: the parser, then the indicator and project readers on the same bytes.
// Whatever parses must be written back and parse again to the same value, with every position
// inside the file and in document order.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let lines = bytes.reduce(1) { $1 == 0x0A || $1 == 0x0D ? $0 + 1 : $0 }
  var elements: Int?
  do throws(JSONSyntaxError) {
    let root = try JSONParser.parse(bytes)
    checkPositions(root, after: SourcePosition(line: 1, column: 0), lines: lines)
    if case .array(let items) = root.value { elements = items.count }
    var written: [UInt8] = []
    write(root.value, to: &written)
    do throws(JSONSyntaxError) {
      let again = try JSONParser.parse(written)
      var rewritten: [UInt8] = []
      write(again.value, to: &rewritten)
      require(rewritten == written, "the value written back parses to another value")
    } catch {
      require(false, "the value written back does not parse: \(error)")
    }
  } catch {
    require(
      (1...lines).contains(error.position.line) && error.position.column >= 1,
      "syntax error at \(error.position) outside the file")
    require(!error.message.isEmpty, "a syntax error without a message")
  }
  let file = Data(bytes)
  do throws(FeedReadError) {
    let batch = try IndicatorJSON.parse(file, catalogue: fuzzCatalogue)
    // Every element is either taken or rejected.
    require(
      batch.observations.count + batch.rejections.count == elements,
      "indicator elements: \(batch.observations.count) + \(batch.rejections.count) rejected ≠ \(elements ?? -1)")
  } catch {
    require(elements == nil, "an array of \(elements ?? -1) elements refused as a whole: \(error)")
  }
  do throws(FeedReadError) {
    let batch = try ProjectJSON.parse(file, catalogue: fuzzCatalogue, knownProjects: ["P2019-007"])
    require(
      batch.projects.count <= elements ?? 0 && batch.projects.count == batch.progress.count,
      "project elements: \(batch.projects.count) projects from \(elements ?? -1) elements")
  } catch {
    require(elements == nil, "an array of \(elements ?? -1) elements refused as a whole: \(error)")
  }
  return 0
}

/// Checks that the node and everything in it start inside the file, each after what precedes it.
private func checkPositions(_ node: JSONNode, after previous: SourcePosition, lines: Int) {
  let position = node.position
  require(
    (1...lines).contains(position.line) && position.column >= 1, "a value at \(position) outside the file")
  require(previous < position, "a value at \(position) not after \(previous)")
  var last = position
  switch node.value {
  case .array(let elements):
    for element in elements {
      checkPositions(element, after: last, lines: lines)
      last = element.position
    }
  case .object(let members):
    for member in members {
      require(last < member.keyPosition, "a member name at \(member.keyPosition) not after \(last)")
      checkPositions(member.value, after: member.keyPosition, lines: lines)
      last = member.value.position
    }
  default:
    break
  }
}

/// Compact JSON, with only the escapes JSON requires.
private func write(_ value: JSONValue, to output: inout [UInt8]) {
  switch value {
  case .null: output += Array("null".utf8)
  case .bool(let flag): output += Array((flag ? "true" : "false").utf8)
  case .number(let literal): output += Array(literal.utf8)
  case .string(let text): write(text, to: &output)
  case .array(let elements):
    output.append(UInt8(ascii: "["))
    for (index, element) in elements.enumerated() {
      if index > 0 { output.append(UInt8(ascii: ",")) }
      write(element.value, to: &output)
    }
    output.append(UInt8(ascii: "]"))
  case .object(let members):
    output.append(UInt8(ascii: "{"))
    for (index, member) in members.enumerated() {
      if index > 0 { output.append(UInt8(ascii: ",")) }
      write(member.key, to: &output)
      output.append(UInt8(ascii: ":"))
      write(member.value.value, to: &output)
    }
    output.append(UInt8(ascii: "}"))
  }
}

private func write(_ text: String, to output: inout [UInt8]) {
  output.append(UInt8(ascii: "\""))
  for byte in text.utf8 {
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), byte]
    case ..<0x20: output += Array(String(format: "\\u%04X", byte).utf8)
    default: output.append(byte)
    }
  }
  output.append(UInt8(ascii: "\""))
}
