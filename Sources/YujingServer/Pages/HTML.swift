/// Markup that is safe to send: every interpolated `String` is escaped, and only `HTML` values —
/// built the same way — go in as they are. Escaping is the default, so a page cannot forget it
/// (docs/operate.md#who-may-do-what); there is no way to interpolate raw text by accident.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
  public private(set) var markup: String

  public init(stringLiteral value: String) { markup = value }

  public init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }

  public var description: String { markup }

  public struct Interpolation: StringInterpolationProtocol {
    var markup = ""

    public init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity * 2) }

    public mutating func appendLiteral(_ literal: String) { markup += literal }

    public mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }

    public mutating func appendInterpolation(_ text: String?) { markup += HTML.escape(text ?? "") }

    public mutating func appendInterpolation(_ number: Int) { markup += String(number) }

    public mutating func appendInterpolation(_ number: Int64) { markup += String(number) }

    public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }

    public mutating func appendInterpolation(_ parts: [HTML]) {
      for part in parts { markup += part.markup }
    }
  }

  /// Escapes the five characters that matter in text and in quoted attribute values.
  public static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
      return text
    }
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }

  /// Joins fragments.
  public static func join(_ parts: [HTML], separator: HTML = "") -> HTML {
    HTML(markupUnchecked: parts.map(\.markup).joined(separator: separator.markup))
  }

  /// For markup yujing produced itself and escaped already (a rendered notice document).
  init(markupUnchecked markup: String) { self.markup = markup }
}
