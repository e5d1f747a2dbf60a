import Foundation

/// The office's decision on a 整改 report or an appeal, as it reaches the addressee: kept with the
/// decision, in its transaction, and queued to the addressee's delivery targets like a notice
/// (docs/operate.md#delivery). The generic webhook carries it as an event of its `type`; the
/// robots as a short message.
public struct DecisionEvent: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case reportAccepted = "report.accepted"
    case reportReturned = "report.returned"
    case appealGranted = "appeal.granted"
    case appealDenied = "appeal.denied"

    /// The message's heading, as the department reads it in its group.
    public var heading: String {
      switch self {
      case .reportAccepted: "整改报告审核通过"
      case .reportReturned: "整改报告被退回"
      case .appealGranted: "申诉成立"
      case .appealDenied: "申诉不成立"
      }
    }

    public static func of(_ report: ReportReview.State) -> Kind? {
      switch report {
      case .accepted: .reportAccepted
      case .returned: .reportReturned
      case .submitted: nil
      }
    }

    public static func of(_ appeal: AppealReview.State) -> Kind? {
      switch appeal {
      case .granted: .appealGranted
      case .denied: .appealDenied
      case .pending: nil
      }
    }
  }

  public var id: Int64
  public var kind: Kind
  public var noticeID: Int64
  /// The report's id for a report's event, the appeal's for an appeal's.
  public var objectID: Int64
  /// The comment of an acceptance, or the reason of a return, a grant or a denial.
  public var note: String?
  /// The day a returned report is due again.
  public var resubmitDue: Day?
  /// The subjects an appeal named.
  public var subjects: [Subject]
  /// The report or the appeal as decided (`DecisionJSON`), kept as it stood then: a later
  /// resubmission does not change what a retried delivery of this event says.
  public var payload: String
  public var createdAt: Date

  public init(
    id: Int64, kind: Kind, noticeID: Int64, objectID: Int64, note: String?, resubmitDue: Day?, subjects: [Subject],
    payload: String, createdAt: Date
  ) {
    self.id = id
    self.kind = kind
    self.noticeID = noticeID
    self.objectID = objectID
    self.note = note
    self.resubmitDue = resubmitDue
    self.subjects = subjects
    self.payload = payload
    self.createdAt = createdAt
  }

  /// The event of a report's decision; nil while it awaits one.
  public static func of(_ report: StoredReport, at instant: Date) -> DecisionEvent? {
    Kind.of(report.state).map { kind in
      DecisionEvent(
        id: 0, kind: kind, noticeID: report.noticeID, objectID: report.id, note: report.note,
        resubmitDue: report.resubmitDue, subjects: [], payload: DecisionJSON.report(report), createdAt: instant)
    }
  }

  /// The event of an appeal's decision; nil while it awaits one.
  public static func of(_ appeal: StoredAppeal, at instant: Date) -> DecisionEvent? {
    Kind.of(appeal.state).map { kind in
      DecisionEvent(
        id: 0, kind: kind, noticeID: appeal.noticeID, objectID: appeal.id, note: appeal.decisionReason,
        resubmitDue: nil, subjects: appeal.subjects, payload: DecisionJSON.appeal(appeal), createdAt: instant)
    }
  }

  public var isAboutAReport: Bool { kind == .reportAccepted || kind == .reportReturned }
}
