/// A recursive-descent parser for rule expressions. Precedence, loosest first: `or`, `and`,
/// `not`, comparison (at most one, no chaining), `+ -`, `* /`, unary minus.
public enum ExpressionParser {
  /// Far more than any condition needs. The parser recurses once per level of parentheses,
  /// calls, `not` and minus signs, and every later pass recurses once per level of the tree,
  /// so a deeper expression could overflow the stack instead of getting an error.
  static let maximumNesting = 64
  /// Bounds the tree's depth along chains such as `a + a + … + a`, which the parser builds in
  /// a loop but the type checker and evaluator walk recursively.
  static let maximumTokens = 1_000

  public static func parse(_ text: String) throws(ExpressionError) -> Expression {
    let tokens = try Lexer.tokens(text)
    // The last token is the end marker.
    if tokens.count - 1 > maximumTokens {
      throw ExpressionError(
        offset: tokens[maximumTokens].offset,
        message:
          "the expression is longer than \(maximumTokens) numbers, names and operators; split it into several rules")
    }
    var parser = State(tokens: tokens)
    guard parser.peek.kind != .end else { throw ExpressionError(offset: 0, message: "the expression is empty") }
    let expression = try parser.parseOr()
    guard parser.peek.kind == .end else {
      throw ExpressionError(
        offset: parser.peek.offset, message: "unexpected \(parser.peek.describe) after a complete expression")
    }
    return expression
  }

  static let keywords: Set<String> = ["and", "or", "not", "true", "false"]

  struct State {
    let tokens: [Lexer.Token]
    var position = 0
    var nesting = 0

    /// Enters one more level of nesting, opened at `offset`, or fails past the limit.
    mutating func nest(at offset: Int) throws(ExpressionError) {
      nesting += 1
      guard nesting <= ExpressionParser.maximumNesting else {
        throw ExpressionError(
          offset: offset,
          message:
            "the expression nests more than \(ExpressionParser.maximumNesting) levels deep (parentheses, calls, not, minus signs); write it more simply"
        )
      }
    }

    var peek: Lexer.Token { tokens[position] }

    mutating func advance() -> Lexer.Token {
      let token = tokens[position]
      if position < tokens.count - 1 { position += 1 }
      return token
    }

    func isWord(_ word: String) -> Bool { peek.kind == .identifier(word) }
    func isSymbol(_ symbol: String) -> Bool { peek.kind == .symbol(symbol) }

    mutating func parseOr() throws(ExpressionError) -> Expression {
      var left = try parseAnd()
      while isWord("or") {
        _ = advance()
        let right = try parseAnd()
        left = .binary(.or, left, right, left.range.merged(with: right.range))
      }
      return left
    }

    mutating func parseAnd() throws(ExpressionError) -> Expression {
      var left = try parseNot()
      while isWord("and") {
        _ = advance()
        let right = try parseNot()
        left = .binary(.and, left, right, left.range.merged(with: right.range))
      }
      return left
    }

    mutating func parseNot() throws(ExpressionError) -> Expression {
      guard isWord("not") else { return try parseComparison() }
      try nest(at: peek.offset)
      defer { nesting -= 1 }
      let token = advance()
      let operand = try parseNot()
      return .unary(.not, operand, token.range.merged(with: operand.range))
    }

    mutating func parseComparison() throws(ExpressionError) -> Expression {
      let left = try parseAdditive()
      guard case .symbol(let symbol) = peek.kind, let op = BinaryOperator(rawValue: symbol), op.isComparison else {
        return left
      }
      _ = advance()
      let right = try parseAdditive()
      if case .symbol(let next) = peek.kind, BinaryOperator(rawValue: next)?.isComparison == true {
        throw ExpressionError(
          offset: peek.offset, message: "comparisons do not chain; write 'a < b and b < c'")
      }
      return .binary(op, left, right, left.range.merged(with: right.range))
    }

    mutating func parseAdditive() throws(ExpressionError) -> Expression {
      var left = try parseMultiplicative()
      while isSymbol("+") || isSymbol("-") {
        let op: BinaryOperator = advance().kind == .symbol("+") ? .plus : .minus
        let right = try parseMultiplicative()
        left = .binary(op, left, right, left.range.merged(with: right.range))
      }
      return left
    }

    mutating func parseMultiplicative() throws(ExpressionError) -> Expression {
      var left = try parseUnary()
      while isSymbol("*") || isSymbol("/") {
        let op: BinaryOperator = advance().kind == .symbol("*") ? .times : .divided
        let right = try parseUnary()
        left = .binary(op, left, right, left.range.merged(with: right.range))
      }
      return left
    }

    mutating func parseUnary() throws(ExpressionError) -> Expression {
      guard isSymbol("-") else { return try parsePrimary() }
      try nest(at: peek.offset)
      defer { nesting -= 1 }
      let token = advance()
      let operand = try parseUnary()
      // Fold a negative literal, so that `-1.0` is one number, as the analyst wrote it.
      if case .number(let value, let range) = operand {
        return .number(-value, token.range.merged(with: range))
      }
      return .unary(.negate, operand, token.range.merged(with: operand.range))
    }

    mutating func parsePrimary() throws(ExpressionError) -> Expression {
      let token = advance()
      switch token.kind {
      case .number(let literal):
        do {
          return .number(try Fixed(parsing: literal), token.range)
        } catch {
          throw ExpressionError(offset: token.offset, message: "\(error)")
        }
      case .text(let text):
        return .text(text, token.range)
      case .identifier(let word):
        switch word {
        case "true": return .boolean(true, token.range)
        case "false": return .boolean(false, token.range)
        case "and", "or", "not":
          throw ExpressionError(offset: token.offset, message: "'\(word)' needs something on its left")
        default: break
        }
        if let level = Level(name: word) { return .level(level, token.range) }
        guard isSymbol("(") else { return .measure(word, token.range) }
        try nest(at: token.offset)
        defer { nesting -= 1 }
        _ = advance()
        var arguments: [Expression] = []
        if !isSymbol(")") {
          arguments.append(try parseOr())
          while isSymbol(",") {
            _ = advance()
            arguments.append(try parseOr())
          }
        }
        guard isSymbol(")") else {
          throw ExpressionError(
            offset: peek.offset, message: "expected ',' or ')' in the call of \(word), found \(peek.describe)")
        }
        let close = advance()
        return .call(word, arguments, token.range.merged(with: close.range))
      case .symbol("("):
        try nest(at: token.offset)
        defer { nesting -= 1 }
        let inner = try parseOr()
        guard isSymbol(")") else {
          throw ExpressionError(
            offset: peek.offset,
            message: "expected ')' to close the '(' at character \(token.offset + 1), found \(peek.describe)")
        }
        _ = advance()
        return inner
      case .end:
        throw ExpressionError(
          offset: token.offset, message: "the expression ends too early: something is missing after the last operator")
      case .symbol(let symbol):
        throw ExpressionError(
          offset: token.offset, message: "unexpected '\(symbol)': expected a number, a measure or '('")
      }
    }
  }
}

extension Lexer.Token {
  var describe: String {
    switch kind {
    case .number(let literal): "the number \(literal)"
    case .identifier(let word): "'\(word)'"
    case .text(let text): "the text \"\(text)\""
    case .symbol(let symbol): "'\(symbol)'"
    case .end: "the end of the expression"
    }
  }
}
