import Foundation
import Hummingbird
import YujingCore

/// `/api/v1/reports` and `/api/v1/appeals`: the 整改 reports and the appeals, as the pages offer
/// them (`ReviewActions`), in the JSON of `yujing reports|appeals list --format json`.
extension APIRoutes {
  struct AcceptReportBody: Decodable { var comment: String? }
  struct ReturnReportBody: Decodable {
    var reason: String
    var due: String?
  }
  struct AppealBody: Decodable {
    var subjects: [String]
    var reason: String
  }
  struct DecisionBody: Decodable { var reason: String }

  func addDecisions(to api: RouterGroup<WebContext>) {
    api.get("/reports") { request, context in
      let state = try Self.state(request, ReportReview.State.self)
      let notice = try RequestNumbers.query(request, "notice", range: 1...Int(Int64.max)).map(Int64.init)
      return NoticesAPI.json(
        DecisionJSON.list(try actions(context).reports(state: state, noticeID: notice), DecisionJSON.report))
    }
    api.post("/reports/{id}/accept") { request, context in
      let actions = try actions(context)
      let body = try await request.decode(as: AcceptReportBody.self, context: context)
      return NoticesAPI.json(
        DecisionJSON.report(try actions.decideReport(id: try id(context), .accept(comment: body.comment))))
    }
    api.post("/reports/{id}/return") { request, context in
      let actions = try actions(context)
      let body = try await request.decode(as: ReturnReportBody.self, context: context)
      let due = try RequestNumbers.day(body.due, name: "due")
      return NoticesAPI.json(
        DecisionJSON.report(try actions.decideReport(id: try id(context), .sendBack(reason: body.reason, due: due))))
    }
    api.get("/appeals") { request, context in
      let state = try Self.state(request, AppealReview.State.self)
      let notice = try RequestNumbers.query(request, "notice", range: 1...Int(Int64.max)).map(Int64.init)
      return NoticesAPI.json(
        DecisionJSON.list(try actions(context).appeals(state: state, noticeID: notice), DecisionJSON.appeal))
    }
    api.post("/notices/{id}/appeal") { request, context in
      let actions = try actions(context)
      let body = try await request.decode(as: AppealBody.self, context: context)
      let appeal = try actions.fileAppeal(try id(context), subjects: body.subjects, reason: body.reason)
      return NoticesAPI.json(DecisionJSON.appeal(appeal), status: .created)
    }
    api.post("/appeals/{id}/grant") { request, context in
      let actions = try actions(context)
      let body = try await request.decode(as: DecisionBody.self, context: context)
      return Self.decided(try actions.decideAppeal(try id(context), .grant(reason: body.reason)))
    }
    api.post("/appeals/{id}/deny") { request, context in
      let actions = try actions(context)
      let body = try await request.decode(as: DecisionBody.self, context: context)
      return Self.decided(try actions.decideAppeal(try id(context), .deny(reason: body.reason)))
    }
  }

  /// The appeal, and for a grant the notices the period's evaluation drafted or corrected.
  static func decided(_ outcome: AppealDecision.Outcome) -> Response {
    func ids(_ list: [Int64]) -> String { "[" + list.map(String.init).joined(separator: ", ") + "]" }
    return NoticesAPI.json(
      "{\"appeal\": \(DecisionJSON.appeal(outcome.appeal)), \"drafted\": \(ids(outcome.notices.drafted)), "
        + "\"corrections\": \(ids(outcome.notices.corrections))}")
  }

  /// The `state` query: absent, or one of the states' names.
  static func state<State: RawRepresentable & CaseIterable>(_ request: Request, _: State.Type) throws -> State?
  where State.RawValue == String {
    guard let text = request.uri.queryParameters.get("state"), !text.isEmpty else { return nil }
    guard let state = State(rawValue: text) else {
      throw HTTPError(
        .badRequest,
        message: "state must be one of \(State.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return state
  }

  /// A refused decision's stable name, for programs (the `code` of the API's error).
  static func code(_ refusal: ReportReview.Refusal) -> String {
    switch refusal {
    case .noSuchReport: "no_such_report"
    case .alreadyDecided: "already_decided"
    case .emptyReason: "empty_reason"
    case .dueBeforeDay: "due_before_day"
    }
  }

  static func code(_ refusal: AppealReview.Refusal) -> String {
    switch refusal {
    case .noSuchAppeal: "no_such_appeal"
    case .notIssued: "not_issued"
    case .kindNotAppealable: "kind_not_appealable"
    case .tooLate: "too_late"
    case .notASubjectOfTheNotice: "not_a_subject_of_the_notice"
    case .noSubject: "no_subject"
    case .notAppealable: "not_appealable"
    case .alreadyAppealed: "already_appealed"
    case .emptyReason: "empty_reason"
    case .alreadyDecided: "already_decided"
    }
  }
}
