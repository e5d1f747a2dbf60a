/// A step of a notice's 签发 chain (docs/review.md#签发流程): 核稿, the office's check of the
/// draft, and 签发, a leader's signature for issue. A kind's chain is configured in yujing.yaml
/// (`approval:`); the number and the 成文日期 are fixed at its last step.
public enum ApprovalStep: String, Sendable, Hashable, CaseIterable, Codable {
  case check
  case sign

  public var chineseName: String {
    switch self {
    case .check: "核稿"
    case .sign: "签发"
    }
  }

  /// A kind's chain when the configuration gives none (`NoticeKind.defaultApprovalChain`).
  public static func defaultChain(_ kind: NoticeKind) -> [ApprovalStep] { kind.defaultApprovalChain }

  /// The step names, for help texts and messages: `check, sign`.
  public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
