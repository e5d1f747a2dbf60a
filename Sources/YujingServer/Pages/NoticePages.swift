import Foundation
import Hummingbird
import YujingCore

/// `/notices` and `/notices/{id}`: the list with its filters, one notice with its document, its
/// history and the actions its reader may take (docs/operate.md#the-web-ui-and-api).
enum NoticePages {
  static let pageSize = 50
  /// Far past the pages that a city's notices fill; checked before the page is made an offset.
  static let maximumPage = 1_000_000

  /// The list's filters from the query string; a department's own addressee is forced.
  static func filter(_ request: Request, account: Account) throws -> NoticeFilter {
    let query = request.uri.queryParameters
    var filter = NoticeFilter(
      period: try RequestNumbers.period(query["period"].map(String.init), name: "period"),
      kind: query["kind"].flatMap { NoticeKind(rawValue: String($0)) },
      state: query["state"].flatMap { NoticeRecord.State(rawValue: String($0)) },
      addressee: query["addressee"].map(String.init).flatMap { $0.isEmpty ? nil : $0 })
    if account.role == .department { filter.visibleTo = account.addressee }
    return filter
  }

  static func list(_ request: Request, context: WebContext, current: LiveWorkspace.Current, account: Account) throws
    -> Response
  {
    let filter = try filter(request, account: account)
    let page = try RequestNumbers.query(request, "page", range: 1...maximumPage) ?? 1
    let (notices, total) = try current.workspace.store.noticePage(
      filter, limit: pageSize, offset: (page - 1) * pageSize)
    let reviewer = account.mayReview
    let store = current.workspace.store
    let rows = try notices.map { notice -> HTML in
      let box: HTML =
        reviewer && notice.state == .draft && notice.kind != .talk
        ? "<input type=\"checkbox\" name=\"id\" value=\"\(notice.id)\" form=\"bulk\" aria-label=\"选择 \(notice.id)\">"
        : ""
      let level = notice.subjects.compactMap(\.level).max()
      let levelCell: HTML = level.map { "<span class=\"level-\($0.name)\">\(Glossary.level($0))</span>" } ?? ""
      let state: HTML
      if account.answersFor(notice) {
        let progress = DepartmentProgress(notice, reports: try store.reports(noticeID: notice.id))
        state = "<span class=\"badge \(progress.badge)\">\(progress.name)</span>"
      } else {
        state = "<span class=\"badge \(notice.state.rawValue)\">\(Glossary.state(notice.state))</span>"
      }
      return """
        <tr><td>\(box)</td><td><a href="/notices/\(notice.id)">\(notice.id)</a></td><td class="number-text">\(notice.number ?? "—")</td>
        <td class="kind">\(Glossary.kind(notice.kind))</td><td class="title"><a href="/notices/\(notice.id)">\(notice.title)</a></td>
        <td>\(notice.addressee)</td><td class="date">\(Glossary.period(notice.period))</td><td class="level">\(levelCell)</td>
        <td class="state">\(state)</td><td class="date">\(notice.reportDue?.chinese ?? "")</td></tr>
        """
    }
    let bulk: HTML =
      reviewer && notices.contains { $0.state == .draft && $0.kind != .talk }
      ? """
      <form id="bulk" method="post" action="/notices/approve" class="inline">\(Layout.csrfField(context.session!))
      <button>批量签发所选（成文日期为今日）</button></form>
      """ : ""
    return Layout.page(
      account.role == .department ? "本单位通知" : "通知", context: context, active: "notices",
      """
      \(filters(filter, account: account, configuration: current.workspace.configuration))
      \(bulk)
      <table class="notices"><tr><th></th><th>编号</th><th>文号</th><th>类别</th><th>标题</th><th>主送</th><th>期别</th><th>等级</th><th>状态</th><th>整改截止</th></tr>
      \(rows)</table>
      \(pager(request, page: page, total: total))
      """)
  }

  static func filters(_ filter: NoticeFilter, account: Account, configuration: Configuration) -> HTML {
    func options<T>(_ values: [T], selected: T?, name: (T) -> String, raw: (T) -> String) -> HTML where T: Equatable {
      let items = values.map { value -> HTML in
        value == selected
          ? "<option value=\"\(raw(value))\" selected>\(name(value))</option>"
          : "<option value=\"\(raw(value))\">\(name(value))</option>"
      }
      return "<option value=\"\">全部</option>\(items)"
    }
    // A department is offered only the states its notices can be in: never a draft's.
    let department = account.role == .department
    let states = NoticeRecord.State.allCases.filter { !department || Account.visibleToAddressees.contains($0) }
    let kinds = NoticeKind.allCases
    let addressee: HTML =
      department
      ? ""
      : """
      <div><label for="addressee">主送</label><select id="addressee" name="addressee">\(options(configuration.addressees, selected: filter.addressee, name: { $0 }, raw: { $0 }))</select></div>
      """
    return """
      <form class="filters" method="get" action="/notices">
      <div><label for="period">期别</label><input id="period" name="period" type="month" placeholder="2020-05" value="\(filter.period?.description)"></div>
      <div><label for="kind">类别</label><select id="kind" name="kind">\(options(kinds, selected: filter.kind, name: Glossary.kind, raw: \.rawValue))</select></div>
      <div><label for="state">状态</label><select id="state" name="state">\(options(states, selected: filter.state, name: Glossary.state, raw: \.rawValue))</select></div>
      \(addressee)
      <button class="secondary">筛选</button></form>
      """
  }

  static func pager(_ request: Request, page: Int, total: Int) -> HTML {
    let pages = max(1, (total + pageSize - 1) / pageSize)
    func link(_ target: Int) -> String {
      var items = request.uri.queryParameters.filter { $0.key != "page" }.map { "\($0.key)=\($0.value)" }
      items.append("page=\(target)")
      return "/notices?" + items.joined(separator: "&")
    }
    let previous: HTML = page > 1 ? "<a href=\"\(link(page - 1))\">上一页</a>" : ""
    let next: HTML = page < pages ? "<a href=\"\(link(page + 1))\">下一页</a>" : ""
    return "<div class=\"pager\">\(previous)<span>第 \(page)/\(pages) 页，共 \(total) 件</span>\(next)</div>"
  }

  static func show(
    _ notice: NoticeRecord, context: WebContext, current: LiveWorkspace.Current, account: Account,
    message: String? = nil, now: Date
  ) throws -> Response {
    let store = current.workspace.store
    let configuration = current.workspace.configuration
    let timeZone = configuration.city.timeZone
    let session = context.session!
    let reader = ReviewActions(current: current, account: account, clock: { now })
    let readsReports = reader.mayReadReports(notice)
    let reports = try readsReports ? store.feedback(noticeID: notice.id) : []
    let history = try NoticeHistory.rows(
      notice, for: account, store: store, configuration: configuration, reports: reports)
    // The office sees each report's review, and a reviewer decides the ones still waiting.
    let reviewed = try readsReports ? store.reports(noticeID: notice.id).reversed() : []
    let reportRows = reviewed.map { report -> HTML in
      var review: HTML = "\(report.state.chinese)"
      if let note = report.note { review = "\(review)：\(note)" }
      if let again = report.resubmitDue { review = "\(review)（请于\(again.chinese)前重新报送）" }
      if report.state == .submitted && account.mayReview {
        review = """
          \(review)
          <form method="post" action="/notices/\(notice.id)/accept-report" class="inline">\(Layout.csrfField(session))<input type="hidden" name="report" value="\(String(report.id))"><label for="comment-\(String(report.id))">意见</label><input id="comment-\(String(report.id))" name="comment"><button>审核通过（销号）</button></form>
          <form method="post" action="/notices/\(notice.id)/return-report" class="inline">\(Layout.csrfField(session))<input type="hidden" name="report" value="\(String(report.id))"><label for="reason-\(String(report.id))">退回理由</label><input id="reason-\(String(report.id))" name="reason" required><label for="due-\(String(report.id))">重新报送期限</label><input id="due-\(String(report.id))" name="due" type="date"><button class="secondary">退回</button></form>
          """
      }
      return
        "<tr><td class=\"date\">\(report.submittedDay.chinese)</td><td>\(report.onTime ? "按时" : "逾期")</td><td class=\"note\">\(report.text)</td><td>\(review)</td></tr>"
    }
    let deliveries: HTML = account.isOffice ? try deliveryLog(notice, store: store) : ""
    let attachments = try (readsReports ? store.feedbackAttachments(noticeID: notice.id) : []).map { file -> HTML in
      "<li><a href=\"/notices/\(notice.id)/attachments/\(file.id)\">\(file.fileName)</a>（\(max(1, file.bytes / 1024)) KB）</li>"
    }
    let attachmentList: HTML = attachments.isEmpty ? "" : "<p>附件：</p><ul>\(attachments)</ul>"
    let progress = DepartmentProgress(notice, reports: try store.reports(noticeID: notice.id))
    let reportTable: HTML =
      reports.isEmpty
      ? "<p>尚未报送。</p>"
      : "<table><tr><th>报送日期</th><th>是否按时</th><th>内容</th><th>审核</th></tr>\(reportRows)</table>"
    let reportSection: HTML =
      readsReports && (progress.asksForReport || !reports.isEmpty)
      ? """
      <h2>\(Glossary.report)</h2>
      \(reportTable)
      \(attachmentList)
      """ : ""
    var actions: [HTML] = []
    let (chain, steps) = try reader.chain(notice)
    let pending = NoticeLifecycle.pendingStep(chain: chain, records: steps)
    if notice.state == .draft, let step = chain.indices.contains(pending) ? chain[pending] : nil, account.holds(step),
      !steps.contains(where: { $0.account.lowercased() == account.name.lowercased() && $0.step != step })
    {
      actions.append(
        stepForms(notice, chain: chain, pending: pending, session: session, timeZone: timeZone, now: now))
    }
    if account.mayReview && notice.state == .draft {
      actions.append(
        """
        <form method="post" action="/notices/\(notice.id)/reject">\(Layout.csrfField(session))
        <label for="reason">退回理由</label><input id="reason" name="reason" required>
        <button class="danger">退回</button></form>
        """)
    }
    var nextStep: HTML = ""
    if account.answersFor(notice) {
      nextStep = departmentSteps(notice, progress: progress, session: session, current: current)
    }
    let edit: HTML =
      account.mayReview && notice.state == .draft
      ? """
      <h2>修改正文</h2>
      <form method="post" action="/notices/\(notice.id)/edit" class="edit">\(Layout.csrfField(session))
      <label for="title">标题</label><textarea id="title" name="title" class="title" rows="2">\(notice.title)</textarea>
      <label for="body">正文</label><textarea id="body" name="body">\(notice.body)</textarea>
      <button class="secondary">保存并预览</button></form>
      """ : ""
    let alert: HTML = message.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
    var state: HTML =
      account.answersFor(notice)
      ? "<dt>办理状态</dt><dd><span class=\"badge \(progress.badge)\">\(progress.name)</span></dd>"
      : "<dt>状态</dt><dd><span class=\"badge \(notice.state.rawValue)\">\(Glossary.state(notice.state))</span></dd>"
    // The office sees where the addressee stands too: a report in does not change the state.
    if account.isOffice && Account.visibleToAddressees.contains(notice.state) {
      state = "\(state)<dt>主送单位办理情况</dt><dd>\(progress.name)</dd>"
    }
    let due: HTML =
      progress.asksForReport
      ? "<dt>\(Glossary.report)截止</dt><dd>\(notice.reportDue?.chinese ?? "签发时确定")</dd>" : ""
    let talk: HTML =
      notice.kind == .talk && notice.talkAt != nil
      ? "<dt>约谈时间</dt><dd>\(notice.talkAt)</dd><dt>约谈地点</dt><dd>\(notice.place)</dd>" : ""
    let names = try SubjectNames(configuration: configuration, store: store)
    let appeals = try AppealPages.section(
      notice, actions: reader, session: session, names: names, now: now)
    let subjects: HTML =
      account.isOffice && !notice.subjects.isEmpty
      ? "<dt>涉及事项</dt><dd>\(HTML.join(notice.subjects.map { names.link($0.subject) }, separator: "、"))</dd>" : ""
    return Layout.page(
      notice.title, context: context, active: "notices",
      """
      \(alert)
      \(nextStep)
      <dl class="facts">
        <dt>编号</dt><dd>\(notice.id)</dd><dt>文号</dt><dd>\(notice.number ?? "（签发时编号）")</dd>
        <dt>类别</dt><dd>\(Glossary.kind(notice.kind))</dd><dt>主送</dt><dd>\(notice.addressee)</dd>
        <dt>抄送</dt><dd>\(notice.copies.isEmpty ? "—" : notice.copies.joined(separator: "、"))</dd><dt>期别</dt><dd>\(Glossary.period(notice.period))</dd>
        \(state)
        <dt>成文日期</dt><dd>\(notice.documentDate?.chinese ?? "—")</dd>\(due)\(talk)\(subjects)
      </dl>
      <div class="actions">\(actions)</div>
      \(account.isOffice ? chainSection(chain: chain, pending: notice.state == .draft ? pending : nil, steps: steps, timeZone: timeZone) : "")
      <h2>文件 <a href="/notices/\(notice.id)/docx" class="badge">下载 Word 版</a>\(account.isOffice ? formLinks(notice) : "")</h2>
      <iframe class="document" sandbox src="/notices/\(notice.id)/document" title="\(notice.title)"></iframe>
      \(edit)
      \(deliveries)
      \(reportSection)
      \(appeals)
      <h2>办理记录</h2>
      \(history)
      """)
  }

  /// The forms of the step a draft waits for, for an account that holds it: pass it (the last step
  /// issues the notice: its 成文日期, and a talk's time and place), and send it back to the step
  /// before.
  static func stepForms(
    _ notice: NoticeRecord, chain: [ApprovalStep], pending: Int, session: SessionRecord, timeZone: TimeZone,
    now: Date
  ) -> HTML {
    let step = chain[pending]
    let last = pending == chain.count - 1
    let today = Day.today({ now }, in: timeZone).description
    let talk: HTML =
      notice.kind == .talk
      ? """
      <label for="talk_at">约谈时间（YYYY-MM-DD HH:MM）</label><input id="talk_at" name="talk_at" required pattern="\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}" placeholder="2020-06-18 09:00" value="\(notice.talkAt ?? "")">
      <label for="place">约谈地点</label><input id="place" name="place" required value="\(notice.place ?? "")">
      """ : ""
    let date: HTML =
      last
      ? "<label for=\"date\">成文日期</label><input id=\"date\" name=\"date\" type=\"date\" value=\"\(today)\" required>"
      : ""
    let button = last ? "签发" : "\(step.chineseName)通过，送\(chain[pending + 1].chineseName)"
    let back: HTML =
      pending > 0
      ? """
      <form method="post" action="/notices/\(notice.id)/return">\(Layout.csrfField(session))
      <label for="return_reason">退回\(chain[pending - 1].chineseName)的理由</label><input id="return_reason" name="reason" required>
      <button class="secondary">退回修改</button></form>
      """ : ""
    return """
      <form method="post" action="/notices/\(notice.id)/approve">\(Layout.csrfField(session))
      <p>当前环节：\(step.chineseName)</p>
      \(date)\(talk)<label for="opinion">\(step.chineseName)意见（可选）</label><input id="opinion" name="opinion">
      <button>\(button)</button></form>
      \(back)
      """
  }

  /// The notice's chain: each step taken (who, when, passed or sent back, the opinion) and, for a
  /// draft, the step it waits for.
  static func chainSection(chain: [ApprovalStep], pending: Int?, steps: [StepRecord], timeZone: TimeZone) -> HTML {
    let rows = steps.map { record -> HTML in
      let outcome = record.decision == .passed ? "通过" : "退回修改"
      let who = record.account + (record.leader.map { "（\($0)）" } ?? "")
      return
        "<tr><td>\(record.step.chineseName)</td><td>\(who)</td><td class=\"date\">\(Glossary.time(record.at, timeZone))</td><td>\(outcome)</td><td class=\"note\">\(record.opinion ?? "")</td></tr>"
    }
    let waiting: HTML =
      pending.flatMap { chain.indices.contains($0) ? chain[$0] : nil }.map {
        "<p>待\($0.chineseName)（由\(Glossary.role($0.role))办理）。</p>"
      } ?? ""
    let table: HTML =
      rows.isEmpty
      ? "" : "<table><tr><th>环节</th><th>办理人</th><th>时间</th><th>结果</th><th>意见</th></tr>\(rows)</table>"
    return """
      <h2>签发流程（\(chain.map(\.chineseName).joined(separator: " → "))）</h2>
      \(waiting)\(table)
      """
  }

  /// What the addressee must do next, and only that: sign for the notice, then (if the notice
  /// asks for one) send its 整改 report by the deadline; once the report is in, nothing — a
  /// further file may still be added, folded away.
  static func departmentSteps(
    _ notice: NoticeRecord, progress: DepartmentProgress, session: SessionRecord, current: LiveWorkspace.Current
  ) -> HTML {
    let due = notice.reportDue?.chinese
    let uploads = current.workspace.configuration.server.uploadsPerNotice
    func reportForm(_ button: String) -> HTML {
      """
      <form method="post" action="/notices/\(notice.id)/feedback" enctype="multipart/form-data">\(Layout.csrfField(session))
      <label for="report">\(Glossary.report)</label><textarea id="report" name="text" required></textarea>
      <label for="file">附件（可选，20 MB 以内；文件名 \(UploadQuota.maximumNameCharacters) 字以内；每件通知的整改报告和申诉共可附 \(uploads) 个文件）</label><input id="file" name="file" type="file">
      <button>\(button)</button></form>
      """
    }
    let body: HTML
    switch progress.step {
    case .acknowledge:
      let then: HTML =
        progress.asksForReport
        ? "<p>签收后，请于 <strong>\(due ?? "规定期限")</strong> 前报送\(Glossary.report)（\(Glossary.report)截止：\(due ?? "—")）。</p>"
        : "<p>本通知不要求报送\(Glossary.report)，签收后即办理完毕。</p>"
      body = """
        <p><strong>下一步：请签收本通知。</strong></p>\(then)
        <form method="post" action="/notices/\(notice.id)/acknowledge" class="inline">\(Layout.csrfField(session))<button>签收</button></form>
        """
    case .report:
      body = """
        <p><strong>下一步：请于 \(due ?? "规定期限") 前报送\(Glossary.report)。</strong>（\(Glossary.report)截止：\(due ?? "—")）</p>
        \(reportForm("提交\(Glossary.report)"))
        """
    case .resubmit(let reason, let again):
      body = """
        <p><strong>下一步：\(Glossary.report)已被退回，请修改后于 \(again?.chinese ?? "规定期限") 前重新报送。</strong></p>
        <p>退回理由：\(reason ?? "—")</p>
        \(reportForm("重新提交\(Glossary.report)"))
        """
    case .awaitingReview(let day, let onTime):
      body = """
        <p><strong>无需再办理。</strong>\(Glossary.report)已于 \(day.chinese) 报送（\(onTime ? "按时" : "逾期")），由市经济运行调度办公室审核。</p>
        <details><summary>补充整改材料</summary>\(reportForm("提交补充材料"))</details>
        """
    case .none:
      body =
        notice.state == .closed
        ? "<p><strong>本通知已办结，无需再办理。</strong></p>"
        : "<p><strong>无需再办理。</strong>本通知已签收，不要求报送\(Glossary.report)。</p>"
    }
    return "<section class=\"next-step\" aria-label=\"下一步\">\(body)</section>"
  }

  /// Where the notice went: one row per webhook target, with its last answer.
  static func deliveryLog(_ notice: NoticeRecord, store: Store) throws -> HTML {
    let deliveries = try store.deliveries(notice: notice.id)
    guard !deliveries.isEmpty else { return "" }
    let rows = try deliveries.map { delivery -> HTML in
      let last = try store.deliveryAttempts(delivery: delivery.id).last
      let answer = last.map(Glossary.deliveryAttempt)
      return """
        <tr><td>\(delivery.id)</td><td>\(Glossary.deliveryContent(delivery))</td><td>\(Glossary.deliveryRole(delivery.role))</td><td>\(Glossary.deliveryState(delivery.state))</td>
        <td class="number">\(delivery.attempts)</td><td>\(answer ?? delivery.lastError ?? "")</td></tr>
        """
    }
    return """
      <h2>投递</h2>
      <table><tr><th>投递</th><th>内容</th><th>送达方式</th><th>状态</th><th>尝试次数</th><th>最后回应（接收方原文）</th></tr>\(rows)</table>
      """
  }

  /// The notice as its official document, for the frame on its page; styles inline, no scripts.
  static func document(_ notice: NoticeRecord, current: LiveWorkspace.Current, now: Date) throws -> Response {
    Response(
      status: .ok,
      headers: [
        .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
        .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
      ],
      body: .init(
        byteBuffer: ByteBuffer(string: HTMLRenderer.render(try officialDocument(notice, current: current, now: now)))))
  }

  /// The office's links to the notice's 发文稿纸.
  static func formLinks(_ notice: NoticeRecord) -> HTML {
    """
     <a href="/notices/\(notice.id)/form" class="badge">发文稿纸</a> <a href="/notices/\(notice.id)/form.docx" class="badge">发文稿纸 Word 版</a>
    """
  }

  /// The notice's 发文稿纸 (发文处理笺): its number, title, addressees and the 拟稿 / 核稿 / 签发
  /// steps with names, dates and opinions, as a page to print or a Word file to file.
  static func processingForm(_ id: Int64, format: DocumentFormat, current: LiveWorkspace.Current, now: Date) throws
    -> Response
  {
    let workspace = current.workspace
    guard let notice = try workspace.store.notice(id: id),
      let processing = try workspace.store.processing(noticeID: id, configuration: workspace.configuration)
    else { throw HTTPError(.notFound, message: "there is no notice \(id)") }
    let sheet = processing.form(for: try officialDocument(notice, current: current, now: now))
    if format == .docx {
      return Response(
        status: .ok,
        headers: [
          .contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          .contentDisposition: "attachment; filename=\"notice-\(notice.id)-form.docx\"", .cacheControl: "no-store",
        ],
        body: .init(byteBuffer: ByteBuffer(bytes: try ProcessingFormDOCX.render(sheet))))
    }
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
        .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
      ],
      body: .init(byteBuffer: ByteBuffer(string: ProcessingFormHTML.render(sheet))))
  }

  /// The notice as a Word file, as the office prints and files it.
  static func docx(_ notice: NoticeRecord, current: LiveWorkspace.Current, now: Date) throws -> Response {
    let data = try DocumentExport.data(try officialDocument(notice, current: current, now: now), format: .docx)
    let name = "notice-\(notice.id).docx"
    return Response(
      status: .ok,
      headers: [
        .contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store",
      ],
      body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  static func officialDocument(_ notice: NoticeRecord, current: LiveWorkspace.Current, now: Date) throws
    -> OfficialDocument
  {
    let workspace = current.workspace
    let document: OfficialDocument
    if notice.kind == .summary {
      let today = Day.today({ now }, in: workspace.configuration.city.timeZone)
      document = try SummaryReport(workspace: workspace, thresholds: current.thresholds).document(
        period: notice.period, asOf: notice.documentDate ?? today)
    } else {
      document = NoticeDocument.make(notice, configuration: workspace.configuration)
    }
    return document
  }
}

/// Where a notice stands for its addressee, and what it is to do next: the state the office
/// records (已签发, 已签收) does not say whether the report is in.
struct DepartmentProgress {
  enum Step: Equatable {
    case acknowledge
    case report
    case awaitingReview(Day, onTime: Bool)
    /// The office sent the report back: why, and by when it is due again.
    case resubmit(reason: String?, due: Day?)
    case none
  }

  let asksForReport: Bool
  let step: Step
  let name: String
  let badge: String

  /// `reports` newest first, as the store lists them.
  init(_ notice: NoticeRecord, reports: [StoredReport]) {
    // A correction or a withdrawal asks for nothing new; a lift asks for nothing at all.
    asksForReport = notice.kind.asksForReport && notice.corrects == nil
    let received = Account.visibleToAddressees.contains(notice.state) && notice.state != .closed
    if received, asksForReport, let last = reports.first {
      if last.state == .returned {
        (step, name, badge) = (.resubmit(reason: last.note, due: last.resubmitDue), "\(Glossary.report)被退回", "draft")
        return
      }
      // A report sent answers the notice, whether or not it was signed for first.
      (step, name, badge) = (
        .awaitingReview(last.submittedDay, onTime: last.onTime), "\(Glossary.report)已报送", "acknowledged"
      )
      return
    }
    switch notice.state {
    case .closed:
      (step, name, badge) = (.none, "已办结", "closed")
    case .approved, .sent:
      (step, name, badge) = (.acknowledge, "待签收", "draft")
    case .acknowledged where asksForReport:
      (step, name, badge) = (.report, "待报送\(Glossary.report)", "draft")
    case .acknowledged:
      (step, name, badge) = (.none, "已签收", "acknowledged")
    case .draft, .rejected, .superseded:
      (step, name, badge) = (.none, Glossary.state(notice.state), notice.state.rawValue)
    }
  }
}
