import Foundation
import Testing

@testable import YujingCore

/// What a department reads and attaches on a notice, served in process: its reports' quota and
/// file names, the notice as issued without the office's edits, and a copied unit kept from the
/// addressee's reports.
@Suite struct NoticeReadingTests {
  @Test func aNoticesReportsAttachAtMostTheirQuotaWithShortNames() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let department = try await browser("fengcheng")
      let id = office.approved.id
      func upload(_ name: String) async throws -> Browser.Answer {
        let (body, type) = department.multipart(
          fields: [("text", "整改情况见附件")], files: [("file", name, Data("整改报告".utf8))])
        return try await department.sendRaw(.post, "/notices/\(id)/feedback", body: body, contentType: type)
      }
      let long = try await upload(String(repeating: "长", count: 200) + ".pdf")
      #expect(long.status == 422)
      #expect(long.body.contains("rename it to 120 or fewer"), "\(long.body.prefix(400))")
      for index in 1...3 { #expect(try await upload("报告\(index).pdf").status == 303) }
      let fourth = try await upload("报告4.pdf")
      #expect(fourth.status == 422)
      #expect(fourth.body.contains("the most its reports and appeals may attach"))
      #expect(fourth.body.contains("本通知的整改报告和申诉附件已达上限"))
      #expect(try office.store.feedbackAttachments(noticeID: id).count == 3)
      // The form says so.
      #expect(try await department.get("/notices/\(id)").body.contains("共可附 3 个文件"))
    }
  }

  @Test func aDepartmentSeesTheNoticeAsIssuedWithoutTheOfficesEdits() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let reviewer = try await browser("rev")
      let id = office.draft.id
      let before = office.draft.title
      let edited = try await reviewer.send(
        .post, "/notices/\(id)/edit", form: ["title": "经核实后的新标题", "body": "修改后的正文。"])
      #expect(edited.status == 303)
      #expect(try await reviewer.send(.post, "/notices/\(id)/approve", form: ["date": "2020-05-13"]).status == 303)
      #expect(try await reviewer.get("/notices/\(id)").body.contains("修改了标题或正文。修改前："))
      let addressee = try await browser("zhangshu")
      let page = try await addressee.get("/notices/\(id)")
      #expect(page.status == 200)
      #expect(!page.body.contains("text edited") && !page.body.contains("修改前"))
      #expect(page.body.contains("经核实后的新标题"))
      #expect(!page.body.contains(HTMLText.escaped(before)))
      #expect(!page.body.contains("<td>rev</td>"))
      #expect(page.body.contains("已签发"))
    }
  }

  @Test func aUnitCopiedOnANoticeReadsNeitherItsReportsNorTheirFiles() async throws {
    let office = try await Office.make()
    try await office.serve { browser in
      let id = office.approved.id
      let addressee = try await browser("fengcheng")
      let (body, type) = addressee.multipart(
        fields: [("text", "已完成整改，详见附件")], files: [("file", "整改报告.pdf", Data("%PDF-1.4 报告".utf8))])
      #expect(
        try await addressee.sendRaw(.post, "/notices/\(id)/feedback", body: body, contentType: type).status == 303)
      let file = try #require(try office.store.feedbackAttachments(noticeID: id).first)
      #expect(try await addressee.get("/notices/\(id)/attachments/\(file.id)").status == 200)
      #expect(try await browser("rev").get("/notices/\(id)/attachments/\(file.id)").status == 200)
      let copied = try await browser("gongxin")
      #expect(try await copied.get("/notices/\(id)").status == 200)
      #expect(try await copied.get("/notices/\(id)/attachments/\(file.id)").status == 404)
      let page = try await copied.get("/notices/\(id)").body
      #expect(!page.contains("已完成整改") && !page.contains("整改报告.pdf"))
    }
  }
}
