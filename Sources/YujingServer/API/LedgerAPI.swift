import Foundation
import Hummingbird
import YujingCore

/// `/api/v1/problems`: the 督办台账 as the pages offer it (`LedgerActions`), in the JSON of
/// `yujing problems list --format json`: the office reads every problem and decides requests to
/// close; a department reads those it handles and reports on those it leads.
extension APIRoutes {
  struct ProblemTextBody: Decodable { var text: String }
  /// A problem as the office enters it, with the file's column names.
  struct ProblemBody: Decodable {
    var code: String
    var title: String
    var description: String?
    var source: String?
    var unit: String
    var coUnits: [String]?
    var leader: String?
    var level: String
    var assigned: String
    var due: String
    var state: String?

    enum CodingKeys: String, CodingKey {
      case code, title, description, source, unit, leader, level, assigned, due, state
      case coUnits = "co_units"
    }

    var fields: [String: String] {
      [
        "code": code, "title": title, "description": description ?? "", "source": source ?? "", "unit": unit,
        "co_units": (coUnits ?? []).joined(separator: ";"), "leader": leader ?? "", "level": level,
        "assigned": assigned, "due": due, "state": state ?? "",
      ]
    }
  }
  struct ProblemCloseBody: Decodable { var comment: String? }
  struct ProblemReturnBody: Decodable {
    var reason: String
    var due: String?
  }

  func addLedger(to api: RouterGroup<WebContext>) {
    api.get("/problems") { _, context in
      NoticesAPI.json(DecisionJSON.list(try actions(context).problems(), LedgerJSON.problem))
    }
    api.post("/problems") { request, context in
      let actions = try actions(context)
      try actions.requireReviewer()
      let body = try await request.decode(as: ProblemBody.self, context: context)
      let saved = try actions.saveProblem(body.fields)
      let (standing, light) = try actions.problem(saved.code)
      return NoticesAPI.json(LedgerJSON.problem(standing, light), status: saved.added ? .created : .ok)
    }
    api.get("/problems/{code}") { _, context in
      let (standing, light) = try actions(context).problem(try RequestNumbers.code(context, "code"))
      return NoticesAPI.json(LedgerJSON.problem(standing, light))
    }
    addProblemStep("progress", to: api, body: ProblemTextBody.self) { .progress(text: $0.text) }
    addProblemStep("request-close", to: api, body: ProblemTextBody.self) { .requestClose(text: $0.text) }
    addProblemStep("close", to: api, body: ProblemCloseBody.self) { .close(comment: $0.comment) }
    addProblemStep("return", to: api, body: ProblemReturnBody.self) {
      .sendBack(reason: $0.reason, due: try RequestNumbers.day($0.due, name: "due"))
    }
  }

  /// A step on one problem; the answer is the problem as it now stands.
  func addProblemStep<Body: Decodable & Sendable>(
    _ name: String, to api: RouterGroup<WebContext>, body: Body.Type,
    _ action: @escaping @Sendable (Body) throws -> ProblemLifecycle.Action
  ) {
    api.post("/problems/{code}/\(name)") { request, context in
      let actions = try actions(context)
      let code = try RequestNumbers.code(context, "code")
      _ = try actions.problem(code)
      let body = try await request.decode(as: Body.self, context: context)
      try actions.stepProblem(code, try action(body))
      let (standing, light) = try actions.problem(code)
      return NoticesAPI.json(LedgerJSON.problem(standing, light))
    }
  }

  /// A refused step's stable name, for programs (the `code` of the API's error).
  static func code(_ refusal: ProblemLifecycle.Refusal) -> String {
    switch refusal {
    case .alreadyClosed: "already_closed"
    case .notAwaitingDecision: "not_awaiting_decision"
    case .emptyText: "empty_text"
    case .dueBeforeDay: "due_before_day"
    }
  }
}
