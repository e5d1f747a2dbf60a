/// Text put into the XML parts of DOCX and XLSX files. The texts come from data feeds, so any
/// of them may hold markup, ampersands, quotes or control characters.
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
