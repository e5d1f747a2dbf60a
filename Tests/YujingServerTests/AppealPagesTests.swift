import Foundation
import Testing

@testable import YujingCore

/// 申诉 on the pages: the addressee appeals subjects of an issued notice while its window is open;
/// a reviewer grants it on the notice's page (the subject set aside for the period, a withdrawal
/// drafted) or denies it; nobody else may, and the window closes on its last working day.
@Suite struct AppealPagesTests {
  @Test func theAddresseeAppealsAndAReviewerGrantsItWhichDraftsTheWithdrawal() async throws {
    let office = try await Office.make()
    let talk = office.approved
    let subject = try #require(talk.subjects.first).subject
    try await office.serve { browser in
      let department = try await browser("fengcheng")
      var page = try await department.get("/notices/\(talk.id)").body
      #expect(page.contains("action=\"/notices/\(talk.id)/appeal\"") && page.contains(subject.notation), "\(page)")
      // A unit the notice is copied to reads it but may not appeal it; nor may the office.
      #expect(!(try await browser("gongxin").get("/notices/\(talk.id)").body.contains("/appeal\"")))
      let form = ["subject": subject.notation, "reason": "统计局已修订为8.3%"]
      #expect(try await browser("gongxin").send(.post, "/notices/\(talk.id)/appeal", form: form).status == 403)
      #expect(try await browser("zhangshu").send(.post, "/notices/\(talk.id)/appeal", form: form).status == 404)
      let reviewer = try await browser("rev")
      #expect(try await reviewer.send(.post, "/notices/\(talk.id)/appeal", form: form).status == 403)

      let empty = try await department.send(.post, "/notices/\(talk.id)/appeal", form: ["subject": subject.notation])
      #expect(empty.status == 422 && empty.body.contains("请写明申诉或处理的理由"), "\(empty.body)")
      let foreign = try await department.send(
        .post, "/notices/\(talk.id)/appeal", form: ["subject": "retail@360983", "reason": "x"])
      #expect(foreign.status == 422 && foreign.body.contains("所选事项不在本通知中"), "\(foreign.body)")
      #expect(try office.store.appeals().isEmpty)

      #expect(try await department.send(.post, "/notices/\(talk.id)/appeal", form: form).status == 303)
      let appeal = try #require(try office.store.appeals().first)
      #expect(appeal.state == .pending && appeal.subjects == [subject] && appeal.filedBy == "fengcheng")
      page = try await department.get("/notices/\(talk.id)").body
      #expect(page.contains("待处理") && !page.contains("grant-appeal"), "\(page)")
      let again = try await department.send(.post, "/notices/\(talk.id)/appeal", form: form)
      #expect(again.status == 422 && again.body.contains("不能重复申诉"), "\(again.body)")

      page = try await reviewer.get("/notices/\(talk.id)").body
      #expect(page.contains("action=\"/notices/\(talk.id)/grant-appeal\""), "\(page)")
      #expect(try await reviewer.get("/appeals").body.contains("统计局已修订为8.3%"))
      let grant = ["appeal": String(appeal.id), "reason": "核实数据已修订"]
      let path = "/notices/\(talk.id)/grant-appeal"
      #expect(try await department.send(.post, path, form: grant).status == 403)
      #expect(try await browser("admin").send(.post, path, form: grant).status == 403)
      #expect(try await reviewer.send(.post, path, form: grant, withCSRF: false).status == 403)
      #expect(try await reviewer.send(.post, "/notices/\(office.draft.id)/grant-appeal", form: grant).status == 404)
      #expect(try office.store.appeal(id: appeal.id)?.state == .pending)

      #expect(try await reviewer.send(.post, path, form: grant).status == 303)
      #expect(try office.store.appeal(id: appeal.id)?.state == .granted)
      // The finding is set aside for the period, and what the notice stated is withdrawn by a draft.
      let corrections = try office.store.notices().filter { $0.corrects == talk.id }
      #expect(corrections.count == 1 && corrections.first?.state == .draft, "\(corrections)")
      page = try await department.get("/notices/\(talk.id)").body
      #expect(page.contains("申诉成立：核实数据已修订"), "\(page)")
      let decided = try await reviewer.send(.post, "/notices/\(talk.id)/deny-appeal", form: grant)
      #expect(decided.status == 422 && decided.body.contains("不能再次处理"), "\(decided.body)")
    }
  }

  @Test func theWindowClosesAfterItsWorkingDaysAndADenialChangesNoFinding() async throws {
    let office = try await Office.make()
    let talk = office.approved
    let subject = try #require(talk.subjects.first).subject
    try await office.serve { browser in
      let department = try await browser("fengcheng")
      let form = ["subject": subject.notation, "reason": "口径不同"]
      #expect(try await department.send(.post, "/notices/\(talk.id)/appeal", form: form).status == 303)
      let appeal = try #require(try office.store.appeals().first)
      let reviewer = try await browser("rev")
      let exemptions = try office.store.exemptions().count
      let denied = try await reviewer.send(
        .post, "/notices/\(talk.id)/deny-appeal", form: ["appeal": String(appeal.id), "reason": "数据未经修订"])
      #expect(denied.status == 303)
      #expect(try office.store.appeal(id: appeal.id)?.state == .denied)
      #expect(try office.store.exemptions().count == exemptions)
      #expect(try office.store.notices().allSatisfy { $0.corrects != talk.id })

      // 成文日期 Wednesday 2020-05-13: three working days end on Monday the 18th (signed in anew:
      // a session does not last days).
      office.clock.advance(seconds: 4 * 86_400)
      #expect(try await browser("fengcheng").get("/notices/\(talk.id)").body.contains("/appeal\""))
      office.clock.advance(seconds: 86_400)
      let tuesday = try await browser("fengcheng")
      #expect(!(try await tuesday.get("/notices/\(talk.id)").body.contains("/appeal\"")))
      let late = try await tuesday.send(.post, "/notices/\(talk.id)/appeal", form: form)
      #expect(late.status == 422 && late.body.contains("2020年5月18日"), "\(late.body)")
    }
  }
}

extension AppealPagesTests {
  @Test func anAppealCarriesItsFileWhichOnlyTheAddresseeAndTheOfficeMayDownload() async throws {
    let office = try await Office.make()
    let talk = office.approved
    let subject = try #require(talk.subjects.first).subject
    let table = Data("地区,指标,增速\n丰城市,规模以上工业增加值,8.3\n".utf8)
    try await office.serve { browser in
      let department = try await browser("fengcheng")
      let (body, type) = department.multipart(
        fields: [("subject", subject.notation), ("reason", "统计局已修订，见附表")],
        files: [("file", "修订表<1>.csv", table)])
      #expect(
        try await department.sendRaw(.post, "/notices/\(talk.id)/appeal", body: body, contentType: type).status == 303)
      let appeal = try #require(try office.store.appeals().first)
      #expect(appeal.fileName == "修订表<1>.csv")
      let link = "/notices/\(talk.id)/appeals/\(appeal.id)/attachment"
      let page = try await browser("rev").get("/notices/\(talk.id)").body
      // Named on the page, escaped, and linked.
      #expect(page.contains("href=\"\(link)\">修订表&lt;1&gt;.csv</a>"), "\(page)")
      for reader in ["rev", "fengcheng"] {
        let file = try await browser(reader).get(link)
        #expect(file.status == 200 && file.body == String(decoding: table, as: UTF8.self), "\(reader)")
        #expect(file.header("Content-Disposition")?.hasPrefix("attachment;") == true)
      }
      // The unit the notice is copied to reads the notice, not its appeals; another unit not even that.
      #expect(try await browser("gongxin").get(link).status == 404)
      #expect(try await browser("zhangshu").get(link).status == 404)
      #expect(try await browser("rev").get("/notices/\(talk.id)/appeals/\(appeal.id + 1)/attachment").status == 404)
      // The file counts against the notice's quota with the reports' files.
      #expect(try office.store.attachmentCounts(noticeID: talk.id, addressee: talk.addressee) == (1, 1))
    }
  }
}
