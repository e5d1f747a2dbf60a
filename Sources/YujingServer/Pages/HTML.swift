import YujingCore

/// Markup that is safe to send: every interpolated `String` is escaped (`HTMLText`), and only `HTML` values —
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

    public mutating func appendInterpolation(_ text: String) { markup += HTMLText.escaped(text) }

    public mutating func appendInterpolation(_ text: String?) { markup += HTMLText.escaped(text ?? "") }

    public mutating func appendInterpolation(_ number: Int) { markup += String(number) }

    public mutating func appendInterpolation(_ number: Int64) { markup += String(number) }

    public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }

    public mutating func appendInterpolation(_ parts: [HTML]) {
      for part in parts { markup += part.markup }
    }
  }

  /// Joins fragments.
  public static func join(_ parts: [HTML], separator: HTML = "") -> HTML {
    HTML(markupUnchecked: parts.map(\.markup).joined(separator: separator.markup))
  }

  /// For markup yujing produced itself and escaped already (a rendered notice document).
  init(markupUnchecked markup: String) { self.markup = markup }
}
