/// Why the review lifecycle refuses an action on a notice. It names the rule that refused and the
/// facts of the refusal, never the words: the command line says it in English with its flags, the
/// web UI in the office's Chinese, and the API gives `code` beside its message.
public enum NoticeRefusal: Error, Sendable, Hashable {
  case noSuchNotice
  /// Approve, reject and edit take a draft.
  case notADraft(NoticeRecord.State, action: ReviewAction)
  /// Only an approved notice is marked delivered by hand.
  case notApproved(NoticeRecord.State)
  /// Only an approved or sent notice is acknowledged.
  case notSent(NoticeRecord.State)
  /// A 整改 report answers an approved, sent or acknowledged notice.
  case notAnswerable(NoticeRecord.State)
  /// A talk notice is approved with the talk's time and place.
  case talkNeedsTimeAndPlace
  /// The talk cannot come before the 成文日期 that announces it.
  case talkBeforeDocumentDate(talk: Day, documentDate: Day)
  /// The time and place clash with a talk already set (see `TalkClash`): the same room held by
  /// other leaders, or one of the leaders elsewhere. `taken` is the room or the leaders.
  case talkClash(talkAt: String, taken: String, other: TalkClash.Talk)
  case emptyReason
  case emptyTitleOrBody
  case emptyReport
  /// The step the draft waits for is another role's (an admin takes none).
  case wrongRole(step: ApprovalStep, role: Role)
  /// The account took another step of this notice already: no account takes two.
  case tookAnotherStep(ApprovalStep)
  /// The draft waits for its first step: there is none before to send it back to.
  case nothingToReturnTo
  /// A document written outside escalation (the summary) was issued already.
  case alreadyIssued(number: String, notice: Int64)

  /// A stable name for programs (the API's `error.code`): snake case, never reworded.
  public var code: String {
    switch self {
    case .noSuchNotice: "no_such_notice"
    case .notADraft: "not_a_draft"
    case .notApproved: "not_approved"
    case .notSent: "not_sent"
    case .notAnswerable: "not_answerable"
    case .talkNeedsTimeAndPlace: "talk_needs_time_and_place"
    case .talkBeforeDocumentDate: "talk_before_document_date"
    case .talkClash: "talk_clash"
    case .emptyReason: "empty_reason"
    case .emptyTitleOrBody: "empty_title_or_body"
    case .emptyReport: "empty_report"
    case .alreadyIssued: "already_issued"
    case .wrongRole: "wrong_role"
    case .tookAnotherStep: "took_another_step"
    case .nothingToReturnTo: "nothing_to_return_to"
    }
  }
}

/// What a reader does to a notice in review.
public enum ReviewAction: String, Sendable, Hashable, CaseIterable {
  case approve, reject, edit, acknowledge
  case markSent = "mark-sent"
  case report
  /// A step of the chain before the last (核稿 of a notice a leader signs).
  case check
  /// 退回修改: back to the step before.
  case sendBack = "return"
}
