/// Three-valued truth: a comparison with an absent figure is unknown, not false, so that
/// `not (growth < province_growth)` does not fire when the province's figure is missing. A rule
/// fires only on true (docs/rules.md#warning-rules: a missing province figure makes that clause false).
enum Tri: UInt8, Sendable {
  case no
  case yes
  case unknown

  init(_ flag: Bool) { self = flag ? .yes : .no }

  static prefix func ! (value: Tri) -> Tri {
    switch value {
    case .no: .yes
    case .yes: .no
    case .unknown: .unknown
    }
  }

  static func && (lhs: Tri, rhs: @autoclosure () -> Tri) -> Tri {
    if lhs == .no { return .no }
    let right = rhs()
    if right == .no { return .no }
    return lhs == .yes && right == .yes ? .yes : .unknown
  }

  static func || (lhs: Tri, rhs: @autoclosure () -> Tri) -> Tri {
    if lhs == .yes { return .yes }
    let right = rhs()
    if right == .yes { return .yes }
    return lhs == .no && right == .no ? .no : .unknown
  }
}
