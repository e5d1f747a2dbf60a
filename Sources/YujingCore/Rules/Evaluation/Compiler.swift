/// Turns a checked expression into closures over a frame and a slot, so that evaluating a rule
/// for 120,000 subjects walks no syntax tree and looks up no names.
///
/// Numbers are the `Fixed` units of a figure (`absent` when missing); conditions are `Tri`.
///
/// A measure's name is resolved to its column here, once. A name its subjects do not have is an
/// error at its character, as the type checker reports it: the checker refuses it first, so only a
/// rule that skipped the checks gets here, and it gets a message rather than a crash.
enum Compiler {
  typealias NumberCode = @Sendable (Frame, Int) -> Int64
  typealias ConditionCode = @Sendable (Frame, Int) -> Tri
  typealias LevelCode = @Sendable (Frame, Int) -> Level?
  typealias TextCode = @Sendable (Frame, Int) -> String?

  /// The compiled form of an expression, by its type.
  enum Code {
    case number(NumberCode)
    case condition(ConditionCode)
    case level(LevelCode)
    case text(TextCode)
  }

  static func condition(_ expression: Expression, kind: SubjectKind) throws(ExpressionError) -> ConditionCode {
    guard case .condition(let code) = try compile(expression, kind: kind) else {
      preconditionFailure("the type checker admits only conditions here")
    }
    return code
  }

  static func compile(_ expression: Expression, kind: SubjectKind) throws(ExpressionError) -> Code {
    switch expression {
    case .number(let value, _):
      let units = value.units
      return .number { _, _ in units }
    case .boolean(let flag, _):
      let value = Tri(flag)
      return .condition { _, _ in value }
    case .level(let level, _):
      return .level { _, _ in level }
    case .text(let text, _):
      return .text { _, _ in text }
    case .measure(let name, let range):
      return try measure(name, at: range, kind)
    case .unary(.negate, let operand, _):
      let code = try number(operand, kind)
      return .number { frame, slot in
        let value = code(frame, slot)
        return value == absent ? absent : -value
      }
    case .unary(.not, let operand, _):
      let code = try condition(operand, kind: kind)
      return .condition { frame, slot in !code(frame, slot) }
    case .binary(let op, let left, let right, _):
      return try binary(op, left, right, kind)
    case .call(let name, let arguments, _):
      return try call(name, arguments, kind)
    }
  }

  private static func measure(_ name: String, at range: SourceRange, _ kind: SubjectKind) throws(ExpressionError)
    -> Code
  {
    switch MeasureLayout.of(kind).column(named: name) {
    case .number(let column): return .number { frame, slot in frame.numbers[column][slot] }
    case .boolean(let column): return .condition { frame, slot in frame.booleans[column][slot] }
    case .text(let column): return .text { frame, slot in frame.texts[column][slot] }
    case .level: return .level { frame, slot in frame.level(slot) }
    case nil:
      throw ExpressionError(offset: range.start, message: "'\(name)' is not a measure of \(kind.rawValue)")
    }
  }

  static func number(_ expression: Expression, _ kind: SubjectKind) throws(ExpressionError) -> NumberCode {
    guard case .number(let code) = try compile(expression, kind: kind) else {
      preconditionFailure("the type checker admits only numbers here")
    }
    return code
  }

  private static func binary(
    _ op: BinaryOperator, _ left: Expression, _ right: Expression, _ kind: SubjectKind
  ) throws(ExpressionError) -> Code {
    switch op {
    case .and:
      let (a, b) = (try condition(left, kind: kind), try condition(right, kind: kind))
      return .condition { frame, slot in a(frame, slot) && b(frame, slot) }
    case .or:
      let (a, b) = (try condition(left, kind: kind), try condition(right, kind: kind))
      return .condition { frame, slot in a(frame, slot) || b(frame, slot) }
    case .plus, .minus, .times, .divided:
      let (a, b) = (try number(left, kind), try number(right, kind))
      return .number { frame, slot in
        let x = a(frame, slot)
        let y = b(frame, slot)
        guard x != absent, y != absent else { return absent }
        switch op {
        case .plus: return x + y
        case .minus: return x - y
        case .times: return Fixed(units: x).multiplied(by: Fixed(units: y))?.units ?? absent
        default: return Fixed(units: x).divided(by: Fixed(units: y))?.units ?? absent
        }
      }
    case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual:
      return comparison(op, try compile(left, kind: kind), try compile(right, kind: kind))
    }
  }

  private static func comparison(_ op: BinaryOperator, _ left: Code, _ right: Code) -> Code {
    @Sendable func compare<T: Comparable>(_ x: T, _ y: T) -> Tri {
      switch op {
      case .less: Tri(x < y)
      case .lessOrEqual: Tri(x <= y)
      case .greater: Tri(x > y)
      case .greaterOrEqual: Tri(x >= y)
      case .equal: Tri(x == y)
      default: Tri(x != y)
      }
    }
    switch (left, right) {
    case (.number(let a), .number(let b)):
      return .condition { frame, slot in
        let x = a(frame, slot)
        let y = b(frame, slot)
        return x == absent || y == absent ? .unknown : compare(x, y)
      }
    case (.level(let a), .level(let b)):
      return .condition { frame, slot in
        guard let x = a(frame, slot), let y = b(frame, slot) else { return .unknown }
        return compare(x, y)
      }
    case (.text(let a), .text(let b)):
      return .condition { frame, slot in
        guard let x = a(frame, slot), let y = b(frame, slot) else { return .unknown }
        return compare(x, y)
      }
    case (.condition(let a), .condition(let b)):
      return .condition { frame, slot in
        let x = a(frame, slot)
        let y = b(frame, slot)
        guard x != .unknown, y != .unknown else { return .unknown }
        return Tri((x == y) == (op == .equal))
      }
    default:
      preconditionFailure("the type checker admits only like with like")
    }
  }

  private static func call(_ name: String, _ arguments: [Expression], _ kind: SubjectKind) throws(ExpressionError)
    -> Code
  {
    guard let function = RuleFunction(rawValue: name) else {
      preconditionFailure("unknown function \(name) passed the type checker")
    }
    return try function.compile(arguments, kind: kind)
  }
}
