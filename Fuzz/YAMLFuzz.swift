import Foundation

// The YAML fuzz target: the bytes as a configuration file and as a rule file (against a fixed
// configuration). A file is either taken or refused with diagnostics; it never crashes, and each
// diagnostic's position lies inside the file: a line that exists, a column at most one past that
// line's end (an error at the end of a line points just after it). Lines are counted as YAML
// counts them (LF, CR LF or a lone CR) or, for the position of bytes that are not UTF-8, found
// before any YAML is read, by LF alone.

let fuzzConfiguration: Configuration? = try? ConfigurationDecoder.decode(
  Data(
    """
    city: {code: "360900", name: 宜春市}
    regions:
      - {code: "360000", name: 江西省, kind: province}
      - {code: "360900", name: 宜春市, kind: city}
      - {code: "360981", name: 丰城市, kind: county, group: counties, addressee: 丰城市人民政府}
    departments:
      - {code: gxj, name: 市工信局}
    indicators:
      - {code: industry_va, name: 规模以上工业增加值, unit: "%", frequency: monthly, form: growth, lead_department: gxj}
    feeds:
      - {name: stats, kind: indicators, provider: gxj, due_day: 15}
    """.utf8), file: "yujing.yaml")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(UnsafeBufferPointer(start: data, count: size))
  require(fuzzConfiguration != nil, "the fixed configuration does not decode")
  let lines = [lineLengths(bytes, crEndsALine: true), lineLengths(bytes, crEndsALine: false)]
  do {
    _ = try ConfigurationDecoder.decode(bytes, file: "yujing.yaml")
  } catch {
    check(error.diagnostics, lines: lines, file: "yujing.yaml")
  }
  let sink = DiagnosticSink(file: "rules.yaml")
  _ = RuleFileDecoder.decode(bytes, file: "rules.yaml", configuration: fuzzConfiguration, sink: sink)
  check(sink.diagnostics, lines: lines, file: "rules.yaml")
  return 0
}

/// Each line's length in characters (as the diagnostics count columns), for a file read as
/// UTF-8; lines end at LF, CR LF or (with `crEndsALine`) a lone CR.
func lineLengths(_ bytes: Data, crEndsALine: Bool) -> [Int] {
  let text = String(decoding: bytes, as: UTF8.self)
  var lengths: [Int] = []
  var current = 0
  var previousCR = false
  for character in text.unicodeScalars {
    if character == "\n" && previousCR {
      previousCR = false
      continue
    }
    previousCR = crEndsALine && character == "\r"
    if character == "\n" || previousCR {
      lengths.append(current)
      current = 0
    } else {
      current += 1
    }
  }
  lengths.append(current)
  return lengths
}

func check(_ diagnostics: [Diagnostic], lines conventions: [[Int]], file: String) {
  for diagnostic in diagnostics {
    require(!diagnostic.message.isEmpty, "a diagnostic without a message")
    require(diagnostic.file == file, "a diagnostic of \(diagnostic.file), not \(file)")
    guard let position = diagnostic.position else { continue }
    let inside = conventions.contains { lines in
      (1...lines.count).contains(position.line) && (1...lines[position.line - 1] + 1).contains(position.column)
    }
    require(inside, "\(diagnostic) lies outside the file's lines \(conventions.map { $0.prefix(position.line) })")
  }
}
