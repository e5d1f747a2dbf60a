/// 预警级别 (docs/architecture.md#words): from 提示 (blue) to 红 (red). `none` is the absence of a warning; it
/// exists so that rules can say "the level is still none or blue" (docs/rules.md#precoordination).
public enum Level: Int, Sendable, Hashable, Comparable, CaseIterable, Codable {
  case none = 0
  case blue
  case yellow
  case orange
  case red

  public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

  public var name: String {
    switch self {
    case .none: "none"
    case .blue: "blue"
    case .yellow: "yellow"
    case .orange: "orange"
    case .red: "red"
    }
  }

  public init?(name: String) {
    guard let level = Level.allCases.first(where: { $0.name == name }) else { return nil }
    self = level
  }

  /// 蓝色预警 … as notices print it.
  public var chinese: String {
    switch self {
    case .none: "无"
    case .blue: "蓝色"
    case .yellow: "黄色"
    case .orange: "橙色"
    case .red: "红色"
    }
  }
}
