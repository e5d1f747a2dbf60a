/// Text from feeds and users on its way to a terminal. A control character in a project's name
/// or a report (an ESC starting a terminal sequence, a bell, a carriage return that overwrites
/// the line) would act on the operator's terminal instead of being shown; each is shown as `�`.
/// Line feeds and tabs stay: the notice's body is laid out with them.
enum TerminalText {
  static func safe(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var shown = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      shown.append(isUnsafe(scalar) ? "\u{FFFD}" : scalar)
    }
    return String(shown)
  }

  static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    guard scalar != "\n" && scalar != "\t" else { return false }
    // C0, DEL and C1 (0x80–0x9F: 0x9B alone starts a sequence on many terminals).
    return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  /// `print` for what a command shows of stored text.
  static func print(_ line: String) { Swift.print(safe(line)) }
}
