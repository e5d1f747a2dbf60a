// The rule-language fuzz target: an expression is either refused with an error at a character of
// it, or parsed into a tree whose ranges lie inside the text and nest, that prints back to text
// that parses to the same tree; the type checker's errors point inside the text too.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRule(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let length = text.unicodeScalars.count
  let expression: Expression
  do throws(ExpressionError) {
    expression = try ExpressionParser.parse(text)
  } catch {
    require((0...length).contains(error.offset), "error at \(error.offset) outside 0...\(length)")
    require(!error.message.isEmpty, "an error without a message")
    return 0
  }
  checkRanges(expression, within: SourceRange(start: 0, end: length))
  // The fully parenthesised print nests deeper and is longer than the text it came from (each
  // operator gains a pair of parentheses); past either of the parser's limits it is rightly
  // refused, so only a print within both limits must parse again.
  guard printedNesting(expression) <= ExpressionParser.maximumNesting else { return 0 }
  let printed = show(expression)
  guard let printedTokens = try? Lexer.tokens(printed).count - 1,  // the last token is the end marker
    printedTokens <= ExpressionParser.maximumTokens
  else { return 0 }
  do throws(ExpressionError) {
    let again = try ExpressionParser.parse(printed)
    require(show(again) == printed, "'\(printed)' parses to '\(show(again))'")
  } catch {
    require(false, "'\(printed)', printed from '\(text)', does not parse: \(error)")
  }
  for subjects in SubjectKind.allCases {
    var checker = TypeChecker(subjects: subjects)
    checker.checkCondition(expression)
    for error in checker.errors {
      require((0..<length).contains(error.offset), "type error at \(error.offset) outside 0..<\(length)")
    }
  }
  return 0
}

private func checkRanges(_ expression: Expression, within outer: SourceRange) {
  let range = expression.range
  require(
    outer.start <= range.start && range.start < range.end && range.end <= outer.end,
    "range \(range.start)..<\(range.end) outside \(outer.start)..<\(outer.end)")
  switch expression {
  case .unary(_, let operand, _): checkRanges(operand, within: range)
  case .binary(_, let left, let right, _):
    checkRanges(left, within: range)
    checkRanges(right, within: range)
  case .call(_, let arguments, _):
    for argument in arguments { checkRanges(argument, within: range) }
  default: break
  }
}

/// How deep the parser nests when it reads `show(expression)` back: a parenthesis, a call, a
/// `not` or a minus sign is one level each.
private func printedNesting(_ expression: Expression) -> Int {
  switch expression {
  case .unary(_, let operand, _): 2 + printedNesting(operand)
  case .binary(_, let left, let right, _): 1 + max(printedNesting(left), printedNesting(right))
  case .call(_, let arguments, _): 1 + (arguments.map(printedNesting).max() ?? 0)
  default: 0
  }
}

/// The expression fully parenthesised, so that printing does not depend on precedence.
private func show(_ expression: Expression) -> String {
  switch expression {
  case .number(let value, _): "\(value)"
  case .boolean(let flag, _): "\(flag)"
  case .level(let level, _): level.name
  case .text(let text, _): text.contains("\"") ? "'\(text)'" : "\"\(text)\""
  case .measure(let name, _): name
  case .unary(let op, let operand, _): "(\(op.rawValue) \(show(operand)))"
  case .binary(let op, let left, let right, _): "(\(show(left)) \(op.rawValue) \(show(right)))"
  case .call(let name, let arguments, _): "\(name)(\(arguments.map(show).joined(separator: ", ")))"
  }
}
