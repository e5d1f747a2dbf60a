import Foundation
import Hummingbird
import YujingCore

/// 申诉 on the pages (docs/review.md): on a notice's page the addressee appeals some of its subjects
/// while the window is open, and everyone who reads the notice's reports sees its appeals, which a
/// reviewer grants or denies there; `/appeals` lists them all for the office.
enum AppealPages {
  /// The notice's appeals, the addressee's form while it may still appeal, a reviewer's decisions.
  static func section(
    _ notice: NoticeRecord, actions: ReviewActions, session: SessionRecord, names: SubjectNames, now: Date
  ) throws -> HTML {
    let account = actions.account
    guard actions.mayReadReports(notice) else { return "" }
    let appeals = try actions.appeals(noticeID: notice.id)
    let today = Day.today({ now }, in: actions.configuration.city.timeZone)
    var form: HTML = ""
    if account.answersFor(notice), let lastDay = actions.appealDeadline(notice), today <= lastDay {
      let taken = Set(appeals.filter { $0.state != .denied }.flatMap(\.subjects))
      let open = notice.subjects.map(\.subject).filter { subject in
        if case .feed = subject { return false }
        return !taken.contains(subject)
      }
      if !open.isEmpty {
        let boxes = open.enumerated().map { index, subject -> HTML in
          """
          <label class="check"><input type="checkbox" name="subject" value="\(subject.notation)" id="appeal-subject-\(index)">\(names.name(subject))</label>
          """
        }
        form = """
          <details><summary>对本通知提出申诉（\(lastDay.chinese)前）</summary>
          <form method="post" action="/notices/\(notice.id)/appeal" enctype="multipart/form-data">\(Layout.csrfField(session))
          <fieldset><legend>申诉事项</legend>\(boxes)</fieldset>
          <label for="appeal-reason">申诉理由（如统计部门修正后的数据、适用的豁免）</label><textarea id="appeal-reason" name="reason" required></textarea>
          <label for="appeal-file">附件（可选，如统计部门的修正数据表；20 MB 以内，文件名 \(UploadQuota.maximumNameCharacters) 字以内）</label><input type="file" id="appeal-file" name="file">
          <button class="secondary">提交申诉</button></form></details>
          """
      }
    }
    guard !appeals.isEmpty || !form.markup.isEmpty else { return "" }
    let rows = appeals.map { appeal -> HTML in
      var decision: HTML = "\(appeal.state.chinese)"
      if let reason = appeal.decisionReason { decision = "\(decision)：\(reason)" }
      if appeal.state == .pending && account.mayReview {
        decision = "\(decision)\(decisionForms(appeal, session: session, back: "/notices/\(notice.id)"))"
      }
      return """
        <tr><td class="date">\(appeal.filedDay.chinese)</td><td>\(HTML.join(appeal.subjects.map(names.link), separator: "、"))</td><td class="note">\(appeal.reason)\(attachment(appeal))</td><td>\(decision)</td></tr>
        """
    }
    let table: HTML =
      appeals.isEmpty
      ? "" : "<table><tr><th>提出日期</th><th>申诉事项</th><th>理由</th><th>处理</th></tr>\(rows)</table>"
    return """
      <h2>申诉</h2>
      \(table)
      \(form)
      """
  }

  /// The link to an appeal's file, if it has one.
  static func attachment(_ appeal: StoredAppeal) -> HTML {
    guard let name = appeal.fileName else { return "" }
    return "<br>附件：<a href=\"/notices/\(appeal.noticeID)/appeals/\(appeal.id)/attachment\">\(name)</a>"
  }

  /// A reviewer's two answers to a pending appeal; `back` is where the forms post.
  static func decisionForms(_ appeal: StoredAppeal, session: SessionRecord, back: String) -> HTML {
    let id = String(appeal.id)
    return """
      <form method="post" action="\(back)/grant-appeal" class="inline">\(Layout.csrfField(session))<input type="hidden" name="appeal" value="\(id)"><label for="grant-\(id)">理由</label><input id="grant-\(id)" name="reason" required><button>申诉成立</button></form>
      <form method="post" action="\(back)/deny-appeal" class="inline">\(Layout.csrfField(session))<input type="hidden" name="appeal" value="\(id)"><label for="deny-\(id)">理由</label><input id="deny-\(id)" name="reason" required><button class="secondary">申诉不成立</button></form>
      """
  }

  /// `/appeals`: every appeal, the pending first, each with its notice; decided on the notice's page.
  static func list(context: WebContext, actions: ReviewActions) throws -> Response {
    let appeals = try actions.appeals()
    let names = try SubjectNames(configuration: actions.configuration, store: actions.store)
    let ordered = appeals.filter { $0.state == .pending } + appeals.filter { $0.state != .pending }
    let rows = ordered.map { appeal -> HTML in
      """
      <tr><td class="date">\(appeal.filedDay.chinese)</td><td><a href="/notices/\(appeal.noticeID)">\(appeal.noticeNumber ?? "通知 \(appeal.noticeID)")</a></td><td>\(appeal.addressee)</td><td>\(HTML.join(appeal.subjects.map(names.link), separator: "、"))</td><td class="note">\(appeal.reason)</td><td>\(appeal.state.chinese)\(appeal.decisionReason.map { "：\($0)" } ?? "")</td></tr>
      """
    }
    let pending = appeals.filter { $0.state == .pending }.count
    return Layout.page(
      "申诉", context: context, active: "appeals",
      appeals.isEmpty
        ? "<p>没有申诉。</p>"
        : """
        <p>待处理 \(pending) 件。申诉在通知页面处理：申诉成立的事项当期不再预警，系统重新评估后拟稿撤回或更正原通知。</p>
        <table><tr><th>提出日期</th><th>通知</th><th>申诉单位</th><th>申诉事项</th><th>理由</th><th>处理</th></tr>\(rows)</table>
        """)
  }
}
