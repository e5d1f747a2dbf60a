/// A problem on the 督办台账: a difficulty reported to the province, a major project's obstacle, a
/// county's matter, tracked from 交办 to 销号 (docs/ledger.md).
public struct Problem: Sendable, Hashable {
  public var code: String
  public var title: String
  public var description: String
  /// Where it came from: the provincial list, a project's code, a county, the office.
  public var source: String
  /// The 主办 unit, an addressee of the configuration.
  public var unit: String
  /// The 协办 units.
  public var coUnits: [String]
  /// The leader in charge (包抓领导).
  public var leader: String
  public var level: CoordinationLevel
  public var assigned: Day
  public var due: Day
  public var state: ProblemState

  public init(
    code: String, title: String, description: String = "", source: String = "", unit: String,
    coUnits: [String] = [], leader: String = "", level: CoordinationLevel, assigned: Day, due: Day,
    state: ProblemState = .assigned
  ) {
    self.code = code
    self.title = title
    self.description = description
    self.source = source
    self.unit = unit
    self.coUnits = coUnits
    self.leader = leader
    self.level = level
    self.assigned = assigned
    self.due = due
    self.state = state
  }
}

/// Who coordinates a problem (分级分类协调推进): the county, the city, or the province.
public enum CoordinationLevel: String, Sendable, Hashable, CaseIterable, Comparable {
  case county
  case city
  case province

  public var chinese: String {
    switch self {
    case .county: "县级"
    case .city: "市级"
    case .province: "省级"
    }
  }

  /// The level a red problem is raised to, if there is one above.
  public var above: CoordinationLevel? {
    switch self {
    case .county: .city
    case .city: .province
    case .province: nil
    }
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// Where a problem stands: 交办 → 办理中 → 申请办结 → 办结 → 销号, or 退回 from 申请办结 back to the
/// unit with a new deadline. The raw value is the office's word, as files and the JSON write it.
public enum ProblemState: String, Sendable, Hashable, CaseIterable {
  /// 交办: assigned, no progress reported yet.
  case assigned = "交办"
  /// 办理中: the unit has reported progress.
  case inProgress = "办理中"
  /// 申请办结: the unit asks to close it; the office decides.
  case closeRequested = "申请办结"
  /// 退回: the office sent the closing back, with a reason and a new deadline.
  case returned = "退回"
  /// 办结: the office accepted it as done.
  case done = "办结"
  /// 销号: struck off the ledger.
  case closed = "销号"

  /// Still being worked on: it has a light.
  public var isOpen: Bool { self != .done && self != .closed }

  /// The English names a file may use instead of the Chinese ones.
  static let aliases: [String: ProblemState] = [
    "assigned": .assigned, "in_progress": .inProgress, "close_requested": .closeRequested,
    "returned": .returned, "done": .done, "closed": .closed,
  ]

  /// Reads a state as a file writes it: the office's word or its English alias.
  public init?(name: String) {
    let trimmed = name.trimmingSpaces
    if let state = ProblemState(rawValue: trimmed) {
      self = state
    } else if let state = Self.aliases[trimmed.lowercased()] {
      self = state
    } else {
      return nil
    }
  }
}
