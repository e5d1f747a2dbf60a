import YujingCore

/// The review's refusals in the operator's words, with the flags that answer them.
enum RefusalWords {
  static func say(_ refusal: NoticeRefusal, notice id: Int64) -> String {
    switch refusal {
    case .noSuchNotice: "there is no notice \(id)"
    case .notADraft(let state, .approve):
      "notice \(id) is \(state.rawValue), not a draft: only a draft can be approved"
    case .notADraft(let state, let action): "notice \(id) is \(state.rawValue): only a draft can be \(past(action))"
    case .notApproved(let state):
      "notice \(id) is \(state.rawValue): only an approved notice can be marked sent"
    case .notSent(let state): "notice \(id) is \(state.rawValue): only a notice sent can be acknowledged"
    case .notAnswerable(let state): "notice \(id) is \(state.rawValue): a report answers an approved notice"
    case .talkNeedsTimeAndPlace:
      "notice \(id) is a 约谈通知书: give the talk's time and place (--talk-at \"YYYY-MM-DD HH:MM\" --place TEXT)"
    case .talkBeforeDocumentDate(let talk, let documentDate):
      "notice \(id): the talk (\(talk)) cannot come before the 成文日期 (\(documentDate)) that announces it"
        + " (give a later --talk-at or an earlier --date)"
    case .talkClash(let talkAt, let taken, let other):
      "notice \(id): at \(talkAt) \(taken) is already taken by the talk of \(other.number) (held by "
        + "\(other.holder ?? "?") in \(other.place)): choose another --talk-at or --place"
    case .emptyReason: "give the reason for rejecting notice \(id) (--reason TEXT)"
    case .emptyTitleOrBody: "a notice needs a title and a body"
    case .emptyReport: "the report is empty: give --text or a --file that holds it"
    case .alreadyIssued(let number, let notice): "this was issued already as \(number) (notice \(notice))"
    case .wrongRole(let step, .admin):
      "notice \(id) waits for its \(step.rawValue) (\(step.chineseName)): an admin takes no step of a notice"
    case .wrongRole(let step, let role):
      "notice \(id) waits for its \(step.rawValue) (\(step.chineseName)), a \(step.role.rawValue)'s step: "
        + "--as names a \(role.rawValue); give a \(step.role.rawValue)'s account (see yujing users list)"
    case .tookAnotherStep(let step):
      "notice \(id): this account took its \(step.rawValue) (\(step.chineseName)) already, and no account takes "
        + "two steps of one notice: give another account with --as"
    case .nothingToReturnTo:
      "notice \(id) waits for its first step: there is no step before to return it to (edit it, or reject it)"
    }
  }

  private static func past(_ action: ReviewAction) -> String {
    switch action {
    case .approve: "approved"
    case .reject: "rejected"
    case .edit: "edited"
    case .acknowledge: "acknowledged"
    case .markSent: "marked sent"
    case .report: "answered"
    case .check: "checked"
    case .sendBack: "returned"
    }
  }
}
