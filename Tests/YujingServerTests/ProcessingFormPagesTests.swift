import Foundation
import Testing

@testable import YujingCore

/// The 发文稿纸 on the pages: the office opens it beside the document, as a page to print and as a
/// Word file, with the steps the notice took; a department is not shown the link.
@Suite struct ProcessingFormPagesTests {
  @Test func theOfficePrintsTheFormWithItsStepsAndADepartmentIsNotOffered() async throws {
    let office = try await Office.make()
    let talk = office.approved
    let number = try #require(talk.number)
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      let page = try await reviewer.get("/notices/\(talk.id)").body
      #expect(
        page.contains("href=\"/notices/\(talk.id)/form\"") && page.contains("href=\"/notices/\(talk.id)/form.docx\""))
      let form = try await reviewer.get("/notices/\(talk.id)/form")
      #expect(form.status == 200 && form.header("Content-Type")?.hasPrefix("text/html") == true)
      #expect(form.body.contains("发文稿纸") && form.body.contains(number), "\(form.body.prefix(600))")
      #expect(form.body.contains(talk.addressee) && form.body.contains("拟稿") && form.body.contains("签发"))
      // The page frames nothing and runs nothing.
      #expect(form.header("Content-Security-Policy")?.contains("sandbox") == true)
      let docx = try await reviewer.get("/notices/\(talk.id)/form.docx")
      #expect(docx.status == 200 && docx.body.hasPrefix("PK"))
      #expect(docx.header("Content-Disposition")?.contains("notice-\(talk.id)-form.docx") == true)
      let department = try await browser("fengcheng")
      #expect(!(try await department.get("/notices/\(talk.id)").body.contains("/form\"")))
    }
  }
}
