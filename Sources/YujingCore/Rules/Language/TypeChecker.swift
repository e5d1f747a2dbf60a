/// Checks an expression against the measures of its rule's subjects: unknown measures,
/// mismatched types, functions with the wrong arguments. Reports every mistake, not just the first.
public struct TypeChecker {
  public let subjects: SubjectKind
  public private(set) var errors: [ExpressionError] = []

  public init(subjects: SubjectKind) { self.subjects = subjects }

  /// Checks a condition: it must be true or false.
  public mutating func checkCondition(_ expression: Expression) {
    guard let type = infer(expression), type != .boolean else { return }
    var hint = ""
    if type == .number, case .measure(let name, _) = expression { hint = "; did you mean '\(name) < 0'?" }
    errors.append(
      ExpressionError(
        offset: expression.range.start, message: "a condition must be true or false, this is \(type.article)\(hint)"))
  }

  /// The expression's type, or nil when it has an error (already reported).
  public mutating func infer(_ expression: Expression) -> ValueType? {
    switch expression {
    case .number: return .number
    case .boolean: return .boolean
    case .level: return .level
    case .text: return .text
    case .measure(let name, let range):
      if let measure = Measures.find(name, for: subjects) { return measure.type }
      if name == "level" {
        fail(range, "'level' is a word of the language (levels: none, blue, yellow, orange, red), not a measure here")
        return nil
      }
      let owners = SubjectKind.allCases.filter { Measures.find(name, for: $0) != nil }
      if let owner = owners.first {
        fail(range, "'\(name)' is a measure of \(owner.rawValue), but this rule's subjects are \(subjects.rawValue)")
      } else {
        let hint = Suggestion.closest(to: name, among: Measures.names(for: subjects)).map { "; did you mean '\($0)'?" }
        fail(
          range,
          "unknown measure '\(name)'\(hint ?? " (measures: \(Measures.names(for: subjects).joined(separator: ", ")))")")
      }
      return nil
    case .unary(.negate, let operand, let range):
      guard let type = infer(operand) else { return nil }
      guard type == .number else {
        fail(range, "'-' needs a number, not \(type.article)")
        return nil
      }
      return .number
    case .unary(.not, let operand, let range):
      guard let type = infer(operand) else { return nil }
      guard type == .boolean else {
        fail(range, "'not' needs true or false, not \(type.article)")
        return nil
      }
      return .boolean
    case .binary(let op, let left, let right, let range):
      let leftType = infer(left)
      let rightType = infer(right)
      guard let leftType, let rightType else { return op.isArithmetic ? .number : .boolean }
      if op.isLogical {
        for (side, type) in [(left, leftType), (right, rightType)] where type != .boolean {
          fail(side.range, "'\(op.rawValue)' joins conditions; this side is \(type.article)")
        }
        return .boolean
      }
      if op.isArithmetic {
        guard leftType == .number && rightType == .number else {
          fail(
            range, "'\(op.rawValue)' needs numbers on both sides, found \(leftType.article) and \(rightType.article)")
          return nil
        }
        return .number
      }
      guard leftType == rightType else {
        fail(range, "cannot compare \(leftType.article) with \(rightType.article)")
        return .boolean
      }
      if (leftType == .text || leftType == .boolean) && op != .equal && op != .notEqual {
        fail(range, "\(leftType.article) can only be compared with == or !=")
      }
      return .boolean
    case .call(let name, let arguments, let range):
      return inferCall(name, arguments, range)
    }
  }

  private mutating func inferCall(_ name: String, _ arguments: [Expression], _ range: SourceRange) -> ValueType? {
    if let function = RuleFunction(rawValue: name) { return function.check(arguments, range: range, in: &self) }
    let names = RuleFunction.allCases.map(\.rawValue)
    let hint = Suggestion.closest(to: name, among: names).map { "; did you mean '\($0)'?" } ?? ""
    fail(range, "unknown function '\(name)'\(hint) (functions: \(names.sorted().joined(separator: ", ")))")
    for argument in arguments { _ = infer(argument) }
    return nil
  }

  mutating func fail(_ range: SourceRange, _ message: String) {
    errors.append(ExpressionError(offset: range.start, message: message))
  }
}
