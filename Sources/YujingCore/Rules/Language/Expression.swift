/// The expression language of rule files (docs/rules.md#warning-rules): comparisons, arithmetic, `and`/`or`/`not`,
/// parentheses, decimal literals, measures, levels, text, and functions over the history.
///
///     gap <= -1.0 or growth < province_growth
///     regions_below <= 1 and gap < 0 and group_size >= 3
///     consecutive(2, regions_below == 0 and gap < 0)
///     projected_growth < target_growth - 0.5 and level <= blue
public indirect enum Expression: Sendable, Hashable {
  case number(Fixed, SourceRange)
  case boolean(Bool, SourceRange)
  case level(Level, SourceRange)
  case text(String, SourceRange)
  case measure(String, SourceRange)
  case unary(UnaryOperator, Expression, SourceRange)
  case binary(BinaryOperator, Expression, Expression, SourceRange)
  case call(String, [Expression], SourceRange)

  public var range: SourceRange {
    switch self {
    case .number(_, let range), .boolean(_, let range), .level(_, let range), .text(_, let range),
      .measure(_, let range), .unary(_, _, let range), .binary(_, _, _, let range), .call(_, _, let range):
      range
    }
  }
}

public enum UnaryOperator: String, Sendable, Hashable {
  case negate = "-"
  case not = "not"
}

public enum BinaryOperator: String, Sendable, Hashable {
  case or, and
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case equal = "=="
  case notEqual = "!="
  case plus = "+"
  case minus = "-"
  case times = "*"
  case divided = "/"

  var isComparison: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual].contains(self) }
  var isArithmetic: Bool { [.plus, .minus, .times, .divided].contains(self) }
  var isLogical: Bool { self == .and || self == .or }
}

/// Where a piece of an expression is, as character offsets into the expression's text.
public struct SourceRange: Sendable, Hashable {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    self.start = start
    self.end = end
  }

  func merged(with other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }
}

/// A mistake in an expression, at a character offset of its text.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
  public var offset: Int
  public var message: String

  public init(offset: Int, message: String) {
    self.offset = offset
    self.message = message
  }

  public var description: String { "character \(offset + 1): \(message)" }
}
