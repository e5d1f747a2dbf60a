/// The types of the rule language. Levels compare with levels only, text with text only, so
/// that `level >= 2` or `status == 3` is caught by `yujing check`, not at three in the morning.
public enum ValueType: String, Sendable, Hashable {
  case number
  case boolean
  case level
  case text

  var article: String {
    switch self {
    case .number: "a number"
    case .boolean: "true or false"
    case .level: "a level"
    case .text: "text"
    }
  }
}

/// What a rule looks at: indicator × region figures, a major project, a feed, or a problem of the
/// 督办台账 (docs/ledger.md).
public enum SubjectKind: String, Sendable, Hashable, CaseIterable {
  case indicators
  case projects
  case feeds
  case problems
}
