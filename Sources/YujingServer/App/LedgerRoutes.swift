import Foundation
import HTTPTypes
import Hummingbird
import YujingCore

/// The 督办台账's pages and forms, for anyone signed in: `LedgerActions` decides who reads which
/// problem and who takes which step.
extension WebRoutes {
  func addLedgerPages(_ pages: RouterGroup<WebContext>) {
    pages.get("/problems") { _, context in
      try LedgerPages.list(context: context, actions: actions(try context.signedIn()))
    }
    pages.get("/problems/{code}") { _, context in
      try LedgerPages.show(
        try RequestNumbers.code(context, "code"), context: context, actions: actions(try context.signedIn()))
    }
    addProblemAction("progress", to: pages) { form in .progress(text: form["text"] ?? "") }
    addProblemAction("request-close", to: pages) { form in .requestClose(text: form["text"] ?? "") }
    addProblemAction("close", to: pages) { form in
      .close(comment: form["comment"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 })
    }
    addProblemAction("return", to: pages) { form in
      .sendBack(reason: form["reason"] ?? "", due: try RequestNumbers.day(form["due"], name: "due (新的办结期限)"))
    }
  }

  /// The office enters a problem, or corrects one: a reviewer's alone. A refused field shows the
  /// form again with what was entered and why.
  func addLedgerEntry(_ review: RouterGroup<WebContext>) {
    review.post("/problems") { request, context in
      let actions = actions(try context.signedIn())
      var request = request
      let form = try await BodyReader.sessionForm(&request, context: context).fields
      do {
        let saved = try actions.saveProblem(form.dictionary)
        return Response.redirect(to: "/problems/\(saved.code)")
      } catch let refusal as ProblemCSV.FieldRefusal {
        var response = try LedgerPages.list(
          context: context, actions: actions, message: LedgerPages.refusal(refusal), entered: form)
        response.status = .unprocessableContent
        return response
      }
    }
    review.post("/problems/{code}/edit") { request, context in
      let code = try RequestNumbers.code(context, "code")
      let actions = actions(try context.signedIn())
      _ = try actions.problem(code)
      var request = request
      let form = try await BodyReader.sessionForm(&request, context: context).fields
      do {
        try actions.saveProblem(form.dictionary, code: code)
        return Response.redirect(to: "/problems/\(code)")
      } catch let refusal as ProblemCSV.FieldRefusal {
        var response = try LedgerPages.show(
          code, context: context, actions: actions, message: LedgerPages.refusal(refusal))
        response.status = .unprocessableContent
        return response
      }
    }
  }

  /// A step on one problem: on success back to its page; on a refusal its page again, saying why.
  /// The body is read only once the account may read the problem at all.
  func addProblemAction(
    _ name: String, to pages: RouterGroup<WebContext>,
    _ action: @escaping @Sendable (FormFields) throws -> ProblemLifecycle.Action
  ) {
    pages.post("/problems/{code}/\(name)") { request, context in
      let code = try RequestNumbers.code(context, "code")
      let actions = actions(try context.signedIn())
      _ = try actions.problem(code)
      var request = request
      let form = try await BodyReader.sessionForm(&request, context: context)
      let status: HTTPResponse.Status
      let message: String
      do {
        try actions.stepProblem(code, try action(form.fields))
        return Response.redirect(to: "/problems/\(code)")
      } catch let refusal as ProblemLifecycle.Refusal {
        (status, message) = (.unprocessableContent, Glossary.refusal(refusal))
      } catch let refusal as RequestNumbers.OutOfRange {
        (status, message) = (.badRequest, Glossary.refusal(refusal.description))
      }
      var response = try LedgerPages.show(code, context: context, actions: actions, message: message)
      response.status = status
      return response
    }
  }
}
