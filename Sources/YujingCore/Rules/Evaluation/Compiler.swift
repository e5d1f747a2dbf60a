/// Turns a checked expression into closures over a frame and a slot, so that evaluating a rule
/// for 120,000 subjects walks no syntax tree and looks up no names.
///
/// Numbers are the `Fixed` units of a figure (`absent` when missing); conditions are `Tri`.
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

  static func condition(_ expression: Expression, kind: SubjectKind) -> ConditionCode {
    guard case .condition(let code) = compile(expression, kind: kind) else {
      preconditionFailure("the type checker admits only conditions here")
    }
    return code
  }

  static func compile(_ expression: Expression, kind: SubjectKind) -> Code {
    let layout = MeasureLayout.of(kind)
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
    case .measure("level", _):
      return .level { frame, slot in frame.level(slot) }
    case .measure(let name, _):
      if let column = layout.numberIndex[name] { return .number { frame, slot in frame.numbers[column][slot] } }
      if let column = layout.booleanIndex[name] { return .condition { frame, slot in frame.booleans[column][slot] } }
      if let column = layout.textIndex[name] { return .text { frame, slot in frame.texts[column][slot] } }
      preconditionFailure("unknown measure \(name) passed the type checker")
    case .unary(.negate, let operand, _):
      let code = number(operand, kind)
      return .number { frame, slot in
        let value = code(frame, slot)
        return value == absent ? absent : -value
      }
    case .unary(.not, let operand, _):
      let code = condition(operand, kind: kind)
      return .condition { frame, slot in !code(frame, slot) }
    case .binary(let op, let left, let right, _):
      return binary(op, left, right, kind)
    case .call(let name, let arguments, _):
      return call(name, arguments, kind)
    }
  }

  static func number(_ expression: Expression, _ kind: SubjectKind) -> NumberCode {
    guard case .number(let code) = compile(expression, kind: kind) else {
      preconditionFailure("the type checker admits only numbers here")
    }
    return code
  }

  private static func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, _ kind: SubjectKind) -> Code
  {
    switch op {
    case .and:
      let (a, b) = (condition(left, kind: kind), condition(right, kind: kind))
      return .condition { frame, slot in a(frame, slot) && b(frame, slot) }
    case .or:
      let (a, b) = (condition(left, kind: kind), condition(right, kind: kind))
      return .condition { frame, slot in a(frame, slot) || b(frame, slot) }
    case .plus, .minus, .times, .divided:
      let (a, b) = (number(left, kind), number(right, kind))
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
      return comparison(op, compile(left, kind: kind), compile(right, kind: kind))
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

  private static func call(_ name: String, _ arguments: [Expression], _ kind: SubjectKind) -> Code {
    guard let function = RuleFunction(rawValue: name) else {
      preconditionFailure("unknown function \(name) passed the type checker")
    }
    return function.compile(arguments, kind: kind)
  }
}
