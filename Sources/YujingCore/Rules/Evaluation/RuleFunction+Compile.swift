/// A rule function compiled: kept apart from its type check, which the rule fuzz target builds
/// without the evaluator.
extension RuleFunction {
  /// The call compiled for one kind of subject; the arguments have passed `check`.
  func compile(_ arguments: [Expression], kind: SubjectKind) throws(ExpressionError) -> Compiler.Code {
    switch self {
    case .consecutive:
      guard case .number(let count, _) = arguments[0] else { preconditionFailure("checked: a literal count") }
      let periods = Int(count.units / Fixed.scale)
      let code = try Compiler.condition(arguments[1], kind: kind)
      // Held in this period and each of the periods before it, in the subject's own sequence; a
      // period without data, or not loaded, breaks the run.
      return .condition { frame, slot in
        var current: Frame? = frame
        for _ in 0..<periods {
          guard let here = current, here.hasData[slot], code(here, slot) == .yes else { return .no }
          current = here.previous(slot)
        }
        return .yes
      }
    case .previous:
      switch try Compiler.compile(arguments[0], kind: kind) {
      case .number(let code):
        return .number { frame, slot in frame.previous(slot).map { code($0, slot) } ?? absent }
      case .condition(let code):
        return .condition { frame, slot in frame.previous(slot).map { code($0, slot) } ?? .unknown }
      case .level(let code):
        return .level { frame, slot in frame.previous(slot).flatMap { code($0, slot) } }
      case .text(let code):
        return .text { frame, slot in frame.previous(slot).flatMap { code($0, slot) } }
      }
    case .present:
      switch try Compiler.compile(arguments[0], kind: kind) {
      case .number(let code): return .condition { frame, slot in Tri(code(frame, slot) != absent) }
      case .condition(let code): return .condition { frame, slot in Tri(code(frame, slot) != .unknown) }
      case .level(let code): return .condition { frame, slot in Tri(code(frame, slot) != nil) }
      case .text(let code): return .condition { frame, slot in Tri(code(frame, slot) != nil) }
      }
    case .abs:
      let code = try Compiler.number(arguments[0], kind)
      return .number { frame, slot in
        let value = code(frame, slot)
        return value == absent ? absent : Swift.abs(value)
      }
    case .min, .max:
      let (a, b) = (try Compiler.number(arguments[0], kind), try Compiler.number(arguments[1], kind))
      let isMin = self == .min
      return .number { frame, slot in
        let x = a(frame, slot)
        let y = b(frame, slot)
        guard x != absent, y != absent else { return absent }
        return isMin ? Swift.min(x, y) : Swift.max(x, y)
      }
    }
  }

}
