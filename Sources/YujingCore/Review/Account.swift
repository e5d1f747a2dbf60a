import Foundation

/// Who may do what (docs/operate.md#who-may-do-what).
public enum Role: String, Sendable, Hashable, CaseIterable {
  /// The office's administrator: users, the configuration's view and exemptions. Reads what the
  /// office reads, but reviews nothing: the office's decisions on notices are the reviewers'.
  case admin
  /// The economic office: reviews, edits, approves and rejects notices, decides on reports; takes
  /// the 核稿 step of a notice's chain.
  case reviewer
  /// 签发人: a leader, or the office director acting for one, who takes the 签发 step of a
  /// notice's chain. Reads what the office reads; edits nothing.
  case signer
  /// One addressee (a county government, a department): reads its own notices, acknowledges
  /// them, submits its 整改 reports.
  case department
}

/// A person who signs in to the web UI or the API.
public struct Account: Sendable, Hashable {
  public var id: Int64
  public var name: String
  public var role: Role
  /// The addressee a department account speaks for, exactly as the configuration names it.
  public var addressee: String?
  /// The leader a signer signs for, as the configuration's `leaders` names them (a name, or the
  /// post when no name is given).
  public var leader: String?
  public var createdAt: Date

  public init(id: Int64, name: String, role: Role, addressee: String?, leader: String? = nil, createdAt: Date) {
    self.id = id
    self.name = name
    self.role = role
    self.addressee = addressee
    self.leader = leader
    self.createdAt = createdAt
  }

  /// Whether the account takes a step of a notice's chain: 核稿 the reviewer's, 签发 the signer's.
  public func holds(_ step: ApprovalStep) -> Bool { role == step.role }

  /// Whether this account may see a notice at all. A department sees only what has left the
  /// office (approved or later) and is addressed or copied to it; asking for anything else is
  /// answered as if it did not exist.
  public func maySee(_ notice: NoticeRecord) -> Bool {
    switch role {
    case .admin, .reviewer, .signer: return true
    case .department:
      guard let addressee, Account.visibleToAddressees.contains(notice.state) else { return false }
      return notice.addressee == addressee || notice.copies.contains(addressee)
    }
  }

  /// Whether this account answers for a notice: acknowledges it and submits its report.
  public func answersFor(_ notice: NoticeRecord) -> Bool {
    role == .department && maySee(notice) && notice.addressee == addressee
  }

  public static let visibleToAddressees: Set<NoticeRecord.State> = [.approved, .sent, .acknowledged, .closed]

  /// Reviews notices: 核稿, edits, approves, rejects.
  public var mayReview: Bool { role == .reviewer }

  /// Reads the office's pages: the dashboard, cases, feeds, deliveries, the audit log, reports.
  public var isOffice: Bool { role == .admin || role == .reviewer || role == .signer }

  /// Creates and ends exemptions.
  public var mayManageExemptions: Bool { role == .admin }
}

extension ApprovalStep {
  /// The role that takes the step.
  public var role: Role {
    switch self {
    case .check: .reviewer
    case .sign: .signer
    }
  }
}

/// Why an account could not be added or changed, in words the admin can act on.
public struct AccountError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
