import Foundation
import Testing

@testable import YujingCore

/// `/api/v1/openapi.json` (docs/operate.md#the-web-ui-and-api): a valid OpenAPI 3 document, checked by
/// `openapi-spec-validator`; and `schemathesis` (both from PyPI) runs every described operation
/// against a real server with a signed-in reviewer without finding a server error, an undescribed
/// status or an answer that breaks its schema.
@Suite(.serialized) struct OpenAPITests {
  @Test(.needs(.openAPISpecValidator)) func theDocumentIsValidOpenAPIAndDescribesTheRoutesServed() throws {
    guard let python = Python.with(module: "openapi_spec_validator", package: "openapi-spec-validator") else { return }
    let office = try ServedOffice()
    let client = try office.client("rev")
    let answer = try client.get("/api/v1/openapi.json")
    #expect(answer.status == 200)
    let directory = try TemporaryDirectory()
    let file = directory.path("openapi.json")
    try answer.body.write(toFile: file, atomically: true, encoding: .utf8)
    let checked = try ExternalTools.run(
      python,
      [
        "-c",
        "import sys, json; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1]))); print('valid')",
        file,
      ])
    #expect(checked?.contains("valid") == true)

    // Every described operation is answered (not 404 or 405) by the server.
    let document = try #require(answer.json)
    let paths = try #require(document["paths"] as? [String: [String: Any]])
    #expect(paths.count == 21)
    // A report and an appeal of the issued notice, for the paths that name one.
    let store = office.harness.store
    try store.recordFeedback(
      noticeID: office.approved.id, text: "整改措施", fileName: nil, file: nil, actor: "fengcheng", at: fixedNow,
      day: Day("2020-05-14")!)
    let report = try #require(try store.reports(noticeID: office.approved.id).first).id
    let appeal = try store.fileAppeal(
      noticeID: office.approved.id, subjects: [try #require(office.approved.subjects.first).subject], reason: "数据已修订",
      day: Day("2020-05-14")!, actor: "fengcheng", at: fixedNow, calendar: office.harness.thresholds.calendar,
      workingDays: 3
    ).id
    // And a problem on the ledger, for the paths that name one.
    let batch = try ProblemFile.read(
      Data(Self.problemCSV.utf8), isWorkbook: false,
      units: ProblemCSV.Units(configuration: office.harness.workspace.configuration),
      calendar: office.harness.thresholds.calendar)
    #expect(batch.rejections.isEmpty)
    _ = try store.importProblems(batch, day: Day("2020-05-14")!, actor: "test", at: fixedNow)
    let reviewer = try office.client("rev")
    for (path, operations) in paths where !path.hasSuffix("/session") {
      for method in operations.keys {
        let id =
          path.hasPrefix("/api/v1/reports/") ? report : path.hasPrefix("/api/v1/appeals/") ? appeal : office.draft.id
        let concrete = path.replacingOccurrences(of: "{id}", with: "\(id)").replacingOccurrences(
          of: "{code}", with: "D2020-01")
        let status = try reviewer.send(method.uppercased(), concrete, json: method == "post" ? [:] : nil).status
        #expect(![404, 405].contains(status), "\(method) \(path) → \(status)")
      }
    }
    #expect(office.serve.stop() == 0)
  }

  static let problemCSV = """
    code,title,description,source,unit,co_units,leader,level,assigned,due,state
    D2020-01,丰城市工业园区用地报批滞后,,省重点难题清单,丰城市人民政府,市工信局,,city,2020-04-01,2020-05-08,
    """

  @Test(.needs(.schemathesis)) func schemathesisFindsNoServerErrorAndNoAnswerOutsideTheDocument() throws {
    guard let python = Python.with(module: "schemathesis", package: "schemathesis") else { return }
    let office = try ServedOffice()
    let reviewer = try office.client("rev")
    let cookie = try #require(reviewer.cookie)
    let csrf = try #require(reviewer.csrf)
    // The session operations are left out: a generated sign-out would end the run's session, and
    // generated sign-ins under a name seen in an answer would lock that account (as they should).
    let output = try ExternalTools.run(
      python,
      [
        "-c",
        "import sys; from schemathesis.cli import schemathesis; sys.argv[0] = 'schemathesis'; sys.exit(schemathesis())",
        "run", "http://\(office.serve.address)/api/v1/openapi.json",
        "--header", "Cookie: yujing_session=\(cookie)", "--header", "X-CSRF-Token: \(csrf)",
        "--exclude-path", "/api/v1/session", "--max-examples", "25", "--seed", "20201231",
        "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
      ])
    #expect(output?.contains("passed") == true, "\(output ?? "")")
    #expect(office.serve.stop() == 0)
  }
}
