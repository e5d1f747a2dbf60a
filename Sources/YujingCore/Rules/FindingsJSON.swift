import Foundation

/// The JSON of `evaluate` (DESIGN §9.1), written by hand so that it is the same, byte for byte,
/// for the same findings: keys in a fixed order, figures as published decimals, absent measures
/// as null. Keys may be added, never renamed or removed.
public enum FindingsJSON {
  public static func document(period: Period, findings: [Finding]) -> String {
    "{\"period\": \(string(period.description)), \"findings\": [" + findings.map(finding).joined(separator: ", ") + "]}"
  }

  public static func finding(_ finding: Finding) -> String {
    let rules = finding.rules.map { string($0.rule) }.joined(separator: ", ")
    return "{\"subject\": \(subject(finding.subject)), \"level\": \(string(finding.level.name)), "
      + "\"rules\": [\(rules)], \"exempted\": \(finding.exempted), \"values\": \(values(finding))}"
  }

  public static func subject(_ subject: Subject) -> String {
    switch subject {
    case .indicator(let indicator, let region):
      "{\"kind\": \"indicator\", \"indicator\": \(string(indicator)), \"region\": \(string(region))}"
    case .project(let code): "{\"kind\": \"project\", \"project\": \(string(code))}"
    case .feed(let name): "{\"kind\": \"feed\", \"feed\": \(string(name))}"
    }
  }

  /// Every measure of the subject's kind, in the catalogue's order; null when absent.
  static func values(_ finding: Finding) -> String {
    let kind: SubjectKind =
      switch finding.subject {
      case .indicator: .indicators
      case .project: .projects
      case .feed: .feeds
      }
    let names = Measures.names(for: kind)
    return "{" + names.map { "\(string($0)): \(value(finding.values[$0]))" }.joined(separator: ", ") + "}"
  }

  static func value(_ value: MeasureValue?) -> String {
    switch value {
    case nil: "null"
    case .number(let figure): figure.description
    case .boolean(let flag): flag ? "true" : "false"
    case .text(let text): string(text)
    }
  }

  /// A JSON string literal (RFC 8259 escapes).
  public static func string(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
