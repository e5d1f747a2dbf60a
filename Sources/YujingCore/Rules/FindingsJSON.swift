/// The JSON of `evaluate` (docs/operate.md#commands), written by hand so that it is the same, byte for byte,
/// for the same findings: keys in a fixed order (values by name), figures as published decimals,
/// absent measures as null. Keys may be added, never renamed or removed.
public enum FindingsJSON {
  public static func document(period: Period, findings: [Finding]) -> String {
    var out = JSONBytes()
    out.raw("{\"period\": ")
    out.string(period.description)
    out.raw(", \"findings\": [")
    for (position, finding) in findings.enumerated() {
      if position > 0 { out.raw(", ") }
      write(finding, to: &out)
    }
    out.raw("]}")
    return out.text
  }

  public static func finding(_ finding: Finding) -> String {
    var out = JSONBytes()
    write(finding, to: &out)
    return out.text
  }

  static func write(_ finding: Finding, to out: inout JSONBytes) {
    out.raw("{\"subject\": ")
    subject(finding.subject, to: &out)
    out.raw(", \"level\": ")
    out.string(finding.level.name)
    out.raw(", \"rules\": [")
    for (position, rule) in finding.rules.enumerated() {
      if position > 0 { out.raw(", ") }
      out.string(rule.rule)
    }
    out.raw("], \"exempted\": ")
    out.raw(finding.exempted ? "true" : "false")
    out.raw(", \"values\": ")
    values(finding, to: &out)
    out.raw("}")
  }

  public static func subject(_ subject: Subject) -> String {
    var out = JSONBytes()
    self.subject(subject, to: &out)
    return out.text
  }

  static func subject(_ subject: Subject, to out: inout JSONBytes) {
    switch subject {
    case .indicator(let indicator, let region):
      out.raw("{\"kind\": \"indicator\", \"indicator\": ")
      out.string(indicator)
      out.raw(", \"region\": ")
      out.string(region)
    case .project(let code):
      out.raw("{\"kind\": \"project\", \"project\": ")
      out.string(code)
    case .feed(let name):
      out.raw("{\"kind\": \"feed\", \"feed\": ")
      out.string(name)
    }
    out.raw("}")
  }

  /// Every measure of the subject's kind, by name; null when absent.
  public static func values(_ finding: Finding) -> String {
    var out = JSONBytes()
    values(finding, to: &out)
    return out.text
  }

  static let namesByKind: [SubjectKind: [String]] = Dictionary(
    uniqueKeysWithValues: SubjectKind.allCases.map { ($0, Measures.names(for: $0).sorted()) })

  static func values(_ finding: Finding, to out: inout JSONBytes) {
    evidence(finding.values, kind: finding.subject.subjectKind, to: &out)
  }

  static func evidence(_ evidence: Evidence, kind: SubjectKind, to out: inout JSONBytes) {
    // Both the names and the evidence are sorted by name: one walk through each.
    let entries = evidence.entries
    var next = 0
    out.raw("{")
    for (position, name) in namesByKind[kind]!.enumerated() {
      if position > 0 { out.raw(", ") }
      out.string(name)
      out.raw(": ")
      while next < entries.count && entries[next].name < name { next += 1 }
      guard next < entries.count, entries[next].name == name else {
        out.raw("null")
        continue
      }
      switch entries[next].value {
      case .number(let figure): figure.write(to: &out.bytes)
      case .boolean(let flag): out.raw(flag ? "true" : "false")
      case .text(let text): out.string(text)
      }
    }
    out.raw("}")
  }

  /// A JSON string literal (RFC 8259 escapes).
  public static func string(_ text: String) -> String {
    var out = JSONBytes()
    out.string(text)
    return out.text
  }
}

/// A JSON text being written, as UTF-8 bytes.
struct JSONBytes {
  var bytes: [UInt8] = []

  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  mutating func string(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0x00..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [
          UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
        ])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  var text: String { String(decoding: bytes, as: UTF8.self) }
}

extension Fixed {
  /// Appends the shortest exact text (as `description`) without building a String.
  func write(to bytes: inout [UInt8]) {
    if units < 0 { bytes.append(UInt8(ascii: "-")) }
    let magnitude = units.magnitude
    let whole = magnitude / UInt64(Fixed.scale)
    var fraction = magnitude % UInt64(Fixed.scale)
    var digits: [UInt8] = []
    var rest = whole
    repeat {
      digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    bytes.append(contentsOf: digits.reversed())
    guard fraction > 0 else { return }
    bytes.append(UInt8(ascii: "."))
    var divisor = UInt64(Fixed.scale) / 10
    while fraction > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
      fraction %= divisor
      divisor /= 10
    }
  }
}
