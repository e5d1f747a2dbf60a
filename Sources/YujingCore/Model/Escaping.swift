/// One escaper per language yujing writes, so that each language's rules are written once: the
/// texts come from feeds, configurations and reviewers, and any of them may hold markup, quotes or
/// control characters. Each escaper's table test is in `EscapingTests`.
///
/// HTML: the pages of the review UI and the documents' HTML.
public enum HTMLText {
  /// `text` for element content and quoted attribute values alike.
  public static func escaped(_ text: some StringProtocol) -> String {
    guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
      return String(text)
    }
    var html = ""
    escape(Substring(text), into: &html)
    return html
  }

  /// Appends `text` escaped (see the `Substring` form).
  public static func escape(_ text: String, into html: inout String, lineBreaks: Bool = false) {
    escape(text[...], into: &html, lineBreaks: lineBreaks)
  }

  /// Appends `text` escaped: the five characters that matter in text and in attribute values,
  /// quoted either way. Runs that need no escape are appended whole, so that most text is a
  /// single copy.
  /// - Parameter lineBreaks: line breaks become `<br>` (a title or mark set in several lines).
  public static func escape(_ text: Substring, into html: inout String, lineBreaks: Bool = false) {
    let bytes = text.utf8
    var pending = bytes.startIndex
    var index = pending
    while index != bytes.endIndex {
      let replacement: String
      switch bytes[index] {
      case UInt8(ascii: "&"): replacement = "&amp;"
      case UInt8(ascii: "<"): replacement = "&lt;"
      case UInt8(ascii: ">"): replacement = "&gt;"
      case UInt8(ascii: "\""): replacement = "&quot;"
      case UInt8(ascii: "'"): replacement = "&#39;"
      case UInt8(ascii: "\n") where lineBreaks: replacement = "<br>"
      case UInt8(ascii: "\r") where lineBreaks:
        let next = bytes.index(after: index)
        replacement = next != bytes.endIndex && bytes[next] == UInt8(ascii: "\n") ? "" : "<br>"
      default:
        index = bytes.index(after: index)
        continue
      }
      html.append(contentsOf: text[pending..<index])
      html += replacement
      index = bytes.index(after: index)
      pending = index
    }
    html.append(contentsOf: text[pending..<index])
  }
}

/// XML 1.0: the parts of DOCX and XLSX files, and the SVG charts.
enum XMLText {
  static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

  /// Whether XML 1.0 allows the character at all, escaped or not (§2.2 Char). Swift strings hold
  /// no surrogates, so only the C0 controls and U+FFFE, U+FFFF are left to refuse.
  static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: true
    case 0x20...0xFFFD: scalar.value != 0xFFFE
    case 0x10000...: true
    default: false
    }
  }

  /// The text without the characters XML 1.0 forbids: they cannot be written even as `&#1;`,
  /// and a reader that meets one refuses the whole part.
  static func allowed(_ text: String) -> String {
    if text.unicodeScalars.allSatisfy(isAllowed) { return text }
    var kept = String.UnicodeScalarView()
    kept.append(contentsOf: text.unicodeScalars.filter(isAllowed))
    return String(kept)
  }

  /// Character data of an element.
  static func text(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars where isAllowed(scalar) {
      switch scalar {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      // A bare CR would be read back as LF (§2.11).
      case "\r": escaped += "&#13;"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }

  /// The value of an attribute in double quotes. Tabs and line ends are written as references
  /// because a reader normalizes literal ones to spaces (§3.3.3).
  static func attribute(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars where isAllowed(scalar) {
      switch scalar {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "\t": escaped += "&#9;"
      case "\n": escaped += "&#10;"
      case "\r": escaped += "&#13;"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }
}

/// CommonMark and GitHub-flavoured Markdown: the documents' Markdown.
enum MarkdownText {
  /// A text that renders as itself in CommonMark and GFM, on one line. At a line's start it also
  /// defuses what would open a block there: indentation (a code block), `-`, `+`, `=`, `>` and `1.`.
  static func escaped(_ text: some StringProtocol, atLineStart: Bool = true) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    var scalars = Substring(text).unicodeScalars[...]
    if atLineStart {
      while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
      switch scalars.first {
      case "-", "+", "=", ">":
        out += "\\"
      case .some("0"..."9"):
        let digits = scalars.prefix { ("0"..."9").contains($0) }
        let after = scalars.dropFirst(digits.count).first
        if after == "." || after == ")" {
          out.unicodeScalars.append(contentsOf: digits)
          out += "\\"
          scalars = scalars.dropFirst(digits.count)
        }
      default: break
      }
    }
    for scalar in scalars {
      switch scalar {
      case "\\", "`", "*", "_", "[", "]", "<", "|", "#", "~", "&":
        out += "\\"
        out.unicodeScalars.append(scalar)
      case "\n": out += " "
      case "\r": break
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

/// The Prometheus text exposition format: `/metrics`.
enum PrometheusLabel {
  /// A label's value, inside its double quotes: backslash, double quote and line feed are
  /// escaped; everything else, Chinese included, is written as UTF-8.
  static func value(_ value: String) -> String {
    var escaped = ""
    for character in value {
      switch character {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
