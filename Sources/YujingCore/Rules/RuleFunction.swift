/// The functions of the rule language (docs/rules.md#warning-rules), each with everything the
/// language needs of it: its shape for messages, its type check, its compiled form, and how many
/// earlier periods it reads. Every `switch` here is exhaustive: a new function is a compile error
/// until it is checked, compiled and its history depth said. A call names its function by the
/// word the analyst wrote; the type checker refuses a word that is not one of these.
enum RuleFunction: String, CaseIterable, Sendable {
  case consecutive, previous, present, abs, min, max

  /// Its shape, for the messages that quote it.
  var shape: String {
    switch self {
    case .consecutive: "consecutive(n, condition): the condition held in this period and the n − 1 before it"
    case .previous: "previous(expression): the expression's value in the period before, in the subject's own sequence"
    case .present: "present(measure): whether the measure has a value"
    case .abs: "abs(number)"
    case .min: "min(number, number)"
    case .max: "max(number, number)"
    }
  }

  /// The call's type, or nil when it has an error; each mistake is reported to `checker`.
  func check(_ arguments: [Expression], range: SourceRange, in checker: inout TypeChecker) -> ValueType? {
    func arity(_ count: Int) -> Bool {
      guard arguments.count == count else {
        checker.fail(range, "\(rawValue) takes \(count) argument(s), given \(arguments.count): \(shape)")
        return false
      }
      return true
    }
    switch self {
    case .consecutive:
      guard arity(2) else { return .boolean }
      guard case .number(let count, _) = arguments[0], count.units % Fixed.scale == 0,
        (1...24).contains(count.units / Fixed.scale)
      else {
        checker.fail(
          arguments[0].range,
          "consecutive needs a whole number of periods from 1 to 24 first, as in consecutive(2, gap < 0)")
        _ = checker.infer(arguments[1])
        return .boolean
      }
      checker.checkCondition(arguments[1])
      return .boolean
    case .previous:
      guard arity(1) else { return nil }
      return checker.infer(arguments[0])
    case .present:
      guard arity(1) else { return .boolean }
      guard case .measure = arguments[0] else {
        checker.fail(arguments[0].range, "present takes a measure, as in present(province_growth)")
        return .boolean
      }
      _ = checker.infer(arguments[0])
      return .boolean
    case .abs, .min, .max:
      guard arity(self == .abs ? 1 : 2) else { return .number }
      for argument in arguments {
        if let type = checker.infer(argument), type != .number {
          checker.fail(argument.range, "\(rawValue) needs numbers, not \(type.article)")
        }
      }
      return .number
    }
  }

  /// How many periods before the evaluated one the call reads, given the depth of an argument,
  /// so that the evaluation loads them (`Evaluator.lookback`).
  func historyDepth(_ arguments: [Expression], depth: (Expression) -> Int) -> Int {
    switch self {
    case .consecutive:
      guard case .number(let count, _) = arguments[0] else { return 0 }
      return Int(count.units / Fixed.scale) - 1 + depth(arguments[1])
    case .previous: return 1 + depth(arguments[0])
    case .present, .abs, .min, .max: return arguments.map(depth).max() ?? 0
    }
  }
}
