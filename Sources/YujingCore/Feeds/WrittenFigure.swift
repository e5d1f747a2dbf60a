/// Figures as people type them into a table or a CSV: `7.9%` or `7.9％` in a growth column,
/// full-width digits and minus (－３.２), thousands separators (1,322.5), a leading `+`. Each is
/// read only where the column makes its meaning certain: a growth is in percent, so a `%` on it
/// says what the column already says; on a level or a rank it would say something else, and is
/// refused.
enum WrittenFigure {
  enum Column {
    /// A cumulative level (总量) or an amount.
    case level
    /// A growth in percent (增速).
    case growth
    /// A published rank (位次).
    case rank

    var name: String {
      switch self {
      case .level: "a level (总量)"
      case .growth: "a growth"
      case .rank: "a rank (位次)"
      }
    }
  }

  /// Why a written figure cannot be read, in words for a rejection.
  struct Problem: Error, CustomStringConvertible {
    var description: String
  }

  /// The plain decimal the text stands for; nil when the text uses none of these habits (so the
  /// plain parser's own error stands), or why it is refused.
  static func plain(_ text: String, column: Column) -> Result<String, Problem>? {
    var scalars: [Unicode.Scalar] = []
    var changed = false
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xFF10...0xFF19:
        scalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
        changed = true
      case 0xFF0E:
        scalars.append(".")
        changed = true
      case 0xFF0D, 0x2212:
        scalars.append("-")
        changed = true
      case 0xFF0B:
        scalars.append("+")
        changed = true
      case 0xFF05:
        scalars.append("%")
        changed = true
      default:
        scalars.append(scalar)
      }
    }
    var body = String(String.UnicodeScalarView(scalars))
    body = body.trimmingCharacters(in: .whitespaces.union(["\u{3000}"]))
    var isPercentage = false
    if body.hasSuffix("%") {
      isPercentage = true
      body.removeLast()
      body = body.trimmingCharacters(in: .whitespaces.union(["\u{3000}"]))
    }
    if body.hasPrefix("+"), body.dropFirst().first.map({ $0.isASCII && ($0.isNumber || $0 == ".") }) == true {
      body.removeFirst()
      changed = true
    }
    if body.contains(",") {
      guard body.wholeMatch(of: /-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?/) != nil else {
        return .failure(
          Problem(
            description:
              "\"\(text)\" has a comma that does not separate thousands (groups of three digits before the decimal point); write the figure without it"
          ))
      }
      body.removeAll { $0 == "," }
      changed = true
    }
    guard changed || isPercentage else { return nil }
    if isPercentage && column != .growth {
      return .failure(
        Problem(
          description:
            "\"\(text)\" is a percentage, but this column holds \(column.name), not a percentage; only a growth may carry a % sign"
        ))
    }
    return .success(body)
  }
}
