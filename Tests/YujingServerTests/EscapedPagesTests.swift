import Foundation
import Testing

@testable import YujingCore

/// Text from feeds, reviewers and departments is shown as text on every page each role opens:
/// markup in a project's name, a report, an edited draft and an exemption's reason never gets out
/// raw.
@Suite struct EscapedPagesTests {
  static let payloads = [
    "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "'><script>alert(2)</script>",
    "javascript:alert(3)//<a href=x>",
  ]

  @Test func markupIsEscapedOnEveryPageEachRoleOpens() async throws {
    let office = try await Office.make()
    let id = office.projectNotice.id
    try await office.serve { browser in
      // The project notice, issued, so that the departments' pages show it too.
      let reviewer = try await browser("rev")
      var approval = ["date": "2020-05-13"]
      if office.projectNotice.kind == .talk { approval.merge(["talk_at": "2020-05-20 09:00", "place": "三楼"]) { $1 } }
      let issued = try await reviewer.send(.post, "/notices/\(id)/approve", form: approval)
      #expect(issued.status == 303, "\(issued.body.prefix(500))")
      let approved = try #require(try office.store.notice(id: id))
      // A department's report carries the payloads; the office reads it on the notice's page.
      var readers = ["rev", "admin"]
      if let addressee = [("fengcheng", "丰城市人民政府"), ("zhangshu", "樟树市人民政府")].first(where: {
        $0.1 == approved.addressee
      }) {
        let department = try await browser(addressee.0)
        let report = try await department.send(
          .post, "/notices/\(id)/feedback", form: ["text": Self.payloads.joined(separator: " ")])
        #expect(report.status == 303)
        readers.append(addressee.0)
      }
      // The administrator's exemption and the reviewer's edited draft carry them too.
      let admin = try await browser("admin")
      let exemption = try await admin.send(
        .post, "/exemptions", form: ["region": "360982", "until": "2020-12-31", "reason": Self.payloads[1]])
      #expect(exemption.status == 303)
      let edited = try await reviewer.send(
        .post, "/notices/\(office.draft.id)/edit", form: ["title": Self.payloads[2], "body": Self.payloads[0]])
      #expect(edited.status == 303)
      let caseID = try #require(try office.store.cases().first).id
      var pages = 0
      for name in readers {
        let client = try await browser(name)
        for path in [
          "/", "/notices", "/notices/\(id)", "/notices/\(id)/document", "/notices/\(office.draft.id)",
          "/notices/\(office.draft.id)/document", "/audit", "/cases", "/cases/\(caseID)", "/feeds",
          "/findings?period=2020-04", "/findings?period=2020-03", "/subjects/project/P2020-901", "/exemptions",
        ] {
          let page = try await client.get(path)
          guard page.status == 200 else { continue }
          pages += 1
          for raw in Self.payloads + [Office.xss] {
            #expect(!page.body.contains(raw), "\(name) \(path) shows \(raw) raw")
          }
        }
      }
      #expect(pages > 25)
      // Shown, escaped, where the office reads it.
      let exemptions = try await admin.get("/exemptions")
      #expect(exemptions.body.contains(HTMLText.escaped(Self.payloads[1])))
      let findings = try await reviewer.get("/subjects/project/P2020-901")
      #expect(findings.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }
  }
}
