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
    let rows = notices.map { notice -> HTML in
      let box: HTML =
        reviewer && notice.state == .draft && notice.kind != .talk
        ? "<input type=\"checkbox\" name=\"id\" value=\"\(notice.id)\" form=\"bulk\" aria-label=\"选择 \(notice.id)\">"
        : ""
      let level = notice.subjects.compactMap(\.level).max()
      let levelCell: HTML = level.map { "<span class=\"level-\($0.name)\">\($0.chineseName)</span>" } ?? ""
      return """
        <tr><td>\(box)</td><td><a href="/notices/\(notice.id)">\(notice.id)</a></td><td>\(notice.number ?? "—")</td>
        <td>\(Layout.kindName(notice.kind))</td><td><a href="/notices/\(notice.id)">\(notice.title)</a></td>
        <td>\(notice.addressee)</td><td>\(notice.period.description)</td><td>\(levelCell)</td>
        <td><span class="badge \(notice.state.rawValue)">\(Layout.stateName(notice.state))</span></td>
        <td>\(notice.reportDue?.description ?? "")</td></tr>
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
      <table><tr><th></th><th>编号</th><th>文号</th><th>类别</th><th>标题</th><th>主送</th><th>期别</th><th>等级</th><th>状态</th><th>整改截止</th></tr>
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
    let addressee: HTML =
      account.role == .department
      ? ""
      : """
      <div><label for="addressee">主送</label><select id="addressee" name="addressee">\(options(configuration.addressees, selected: filter.addressee, name: { $0 }, raw: { $0 }))</select></div>
      """
    return """
      <form class="filters" method="get" action="/notices">
      <div><label for="period">期别</label><input id="period" name="period" placeholder="2020-05" value="\(filter.period?.description)" size="8"></div>
      <div><label for="kind">类别</label><select id="kind" name="kind">\(options(NoticeKind.allCases, selected: filter.kind, name: Layout.kindName, raw: \.rawValue))</select></div>
      <div><label for="state">状态</label><select id="state" name="state">\(options(NoticeRecord.State.allCases, selected: filter.state, name: Layout.stateName, raw: \.rawValue))</select></div>
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
    _ notice: NoticeRecord, context: WebContext, current: LiveWorkspace.Current, account: Account, message: HTML? = nil
  ) throws -> Response {
    let store = current.workspace.store
    let timeZone = current.workspace.configuration.city.timeZone
    let session = context.session!
    let history = try NoticeHistory.rows(
      notice, for: account, store: store, configuration: current.workspace.configuration)
    let readsReports = ReviewActions(current: current, account: account).mayReadReports(notice)
    let reports = try (readsReports ? store.feedback(noticeID: notice.id) : []).map { report -> HTML in
      "<tr><td>\(report.day.chinese)</td><td>\(report.onTime ? "按时" : "逾期")</td><td>\(report.text)</td></tr>"
    }
    let deliveries: HTML = account.isOffice ? try deliveryLog(notice, store: store) : ""
    let attachments = try (readsReports ? store.feedbackAttachments(noticeID: notice.id) : []).map { file -> HTML in
      "<li><a href=\"/notices/\(notice.id)/attachments/\(file.id)\">\(file.fileName)</a>（\(max(1, file.bytes / 1024)) KB）</li>"
    }
    let attachmentList: HTML = attachments.isEmpty ? "" : "<p>附件：</p><ul>\(attachments)</ul>"
    let reportSection: HTML =
      readsReports
      ? """
      <h2>整改报告</h2>
      <table><tr><th>提交日期</th><th>是否按时</th><th>内容</th></tr>\(reports)</table>
      \(attachmentList)
      """ : ""
    var actions: [HTML] = []
    if account.mayReview && notice.state == .draft {
      let today = Day.today({ Date() }, in: timeZone).description
      let talk: HTML =
        notice.kind == .talk
        ? """
        <label for="talk_at">约谈时间（YYYY-MM-DD HH:MM）</label><input id="talk_at" name="talk_at" required pattern="\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}" placeholder="2020-06-18 09:00">
        <label for="place">约谈地点</label><input id="place" name="place" required>
        """ : ""
      actions.append(
        """
        <form method="post" action="/notices/\(notice.id)/approve">\(Layout.csrfField(session))
        <label for="date">成文日期</label><input id="date" name="date" type="date" value="\(today)" required>
        \(talk)<button>签发</button></form>
        """)
      actions.append(
        """
        <form method="post" action="/notices/\(notice.id)/reject">\(Layout.csrfField(session))
        <label for="reason">退回理由</label><input id="reason" name="reason" required>
        <button class="danger">退回</button></form>
        """)
    }
    if account.answersFor(notice) {
      if notice.state == .approved || notice.state == .sent {
        actions.append(
          """
          <form method="post" action="/notices/\(notice.id)/acknowledge">\(Layout.csrfField(session))
          <button>签收</button></form>
          """)
      }
      if [.approved, .sent, .acknowledged].contains(notice.state) {
        let due: HTML = notice.reportDue.map { "<p>整改报告截止：\($0.chinese)</p>" } ?? ""
        actions.append(
          """
          <form method="post" action="/notices/\(notice.id)/feedback" enctype="multipart/form-data">\(Layout.csrfField(session))\(due)
          <label for="report">整改报告</label><textarea id="report" name="text" required></textarea>
          <label for="file">附件（可选，20 MB 以内；文件名 \(UploadQuota.maximumNameCharacters) 字以内；每件通知的整改报告共可附 \(current.workspace.configuration.server.uploadsPerNotice) 个文件）</label><input id="file" name="file" type="file">
          <button>提交整改报告</button></form>
          """)
      }
    }
    let edit: HTML =
      account.mayReview && notice.state == .draft
      ? """
      <h2>修改正文</h2>
      <form method="post" action="/notices/\(notice.id)/edit">\(Layout.csrfField(session))
      <label for="title">标题</label><input id="title" name="title" value="\(notice.title)" style="width:100%">
      <label for="body">正文</label><textarea id="body" name="body">\(notice.body)</textarea>
      <button class="secondary">保存并预览</button></form>
      """ : ""
    let alert: HTML = message.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
    return Layout.page(
      notice.title, context: context, active: "notices",
      """
      \(alert)
      <dl class="facts">
        <dt>编号</dt><dd>\(notice.id)</dd><dt>文号</dt><dd>\(notice.number ?? "（签发时编号）")</dd>
        <dt>类别</dt><dd>\(Layout.kindName(notice.kind))</dd><dt>主送</dt><dd>\(notice.addressee)</dd>
        <dt>抄送</dt><dd>\(notice.copies.joined(separator: "、"))</dd><dt>期别</dt><dd>\(notice.period.description)</dd>
        <dt>状态</dt><dd><span class="badge \(notice.state.rawValue)">\(Layout.stateName(notice.state))</span></dd>
        <dt>成文日期</dt><dd>\(notice.documentDate?.chinese ?? "—")</dd>
      </dl>
      <div class="actions">\(actions)</div>
      <h2>文件 <a href="/notices/\(notice.id)/docx" class="badge">下载 Word 版</a></h2>
      <iframe class="document" sandbox src="/notices/\(notice.id)/document" title="\(notice.title)"></iframe>
      \(edit)
      \(deliveries)
      \(reportSection)
      <h2>办理记录</h2>
      \(history)
      """)
  }

  /// Where the notice went: one row per webhook target, with its last answer.
  static func deliveryLog(_ notice: NoticeRecord, store: Store) throws -> HTML {
    let deliveries = try store.deliveries(notice: notice.id)
    guard !deliveries.isEmpty else { return "" }
    let rows = try deliveries.map { delivery -> HTML in
      let last = try store.deliveryAttempts(delivery: delivery.id).last
      let answer = last.map { "\($0.httpStatus.map(String.init) ?? "—") \($0.outcome): \($0.answer)" }
      return """
        <tr><td>\(delivery.id)</td><td>\(delivery.role)</td><td>\(delivery.state.rawValue)</td>
        <td class="number">\(delivery.attempts)</td><td>\(answer ?? delivery.lastError ?? "")</td></tr>
        """
    }
    return "<h2>投递</h2><table><tr><th>投递</th><th>身份</th><th>状态</th><th>尝试</th><th>最后回应</th></tr>\(rows)</table>"
  }

  /// The notice as its official document, for the frame on its page; styles inline, no scripts.
  static func document(_ notice: NoticeRecord, current: LiveWorkspace.Current) throws -> Response {
    Response(
      status: .ok,
      headers: [
        .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
        .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
      ],
      body: .init(byteBuffer: ByteBuffer(string: HTMLRenderer.render(try officialDocument(notice, current: current)))))
  }

  /// The notice as a Word file, as the office prints and files it.
  static func docx(_ notice: NoticeRecord, current: LiveWorkspace.Current) throws -> Response {
    let data = try DocumentExport.data(try officialDocument(notice, current: current), format: .docx)
    let name = "notice-\(notice.id).docx"
    return Response(
      status: .ok,
      headers: [
        .contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store",
      ],
      body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  static func officialDocument(_ notice: NoticeRecord, current: LiveWorkspace.Current) throws -> OfficialDocument {
    let workspace = current.workspace
    let document: OfficialDocument
    if notice.kind == .summary {
      let today = Day.today({ Date() }, in: workspace.configuration.city.timeZone)
      document = try SummaryReport(workspace: workspace, thresholds: current.thresholds).document(
        period: notice.period, asOf: notice.documentDate ?? today)
    } else {
      document = NoticeDocument.make(notice, configuration: workspace.configuration)
    }
    return document
  }
}
