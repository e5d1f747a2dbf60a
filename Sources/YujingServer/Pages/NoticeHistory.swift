import YujingCore

/// The history table of a notice's page. The office sees its working history: who edited, what
/// the text was before, who approved. A department sees what was issued to it: when the notice
/// was issued, sent, acknowledged and closed, by the office or by the addressee, when its reports
/// went in, and nothing of the drafts before — the audit log keeps those for the office. Times
/// are the city's.
enum NoticeHistory {
  static func rows(
    _ notice: NoticeRecord, for account: Account, store: Store, configuration: Configuration,
    reports: [(text: String, day: Day, onTime: Bool)]
  ) throws -> HTML {
    let timeZone = configuration.city.timeZone
    let events = try store.noticeHistory(id: notice.id)
    guard !account.isOffice else {
      let rows = events.map { event -> HTML in
        let change =
          event.from == event.to
          ? "\(Glossary.state(code: event.to))（未变）"
          : "\(Glossary.state(code: event.from)) → \(Glossary.state(code: event.to))"
        return """
          <tr><td class="date">\(Glossary.time(stamp: event.at, timeZone))</td><td>\(event.actor == "yujing" ? "系统" : event.actor)</td>
          <td>\(change)</td><td class="note">\(Glossary.historyNote(event.note))</td></tr>
          """
      }
      return "<table><tr><th>时间</th><th>操作人</th><th>状态</th><th>说明</th></tr>\(rows)</table>"
    }
    let issued = Set(Account.visibleToAddressees.map(\.rawValue))
    var rows = events.filter { issued.contains($0.to) && $0.from != $0.to }.map { event -> (String, HTML) in
      let by =
        event.to == NoticeRecord.State.acknowledged.rawValue
        ? notice.addressee : configuration.documents.dispatchOffice
      let when = Glossary.time(stamp: event.at, timeZone)
      return (when, "<tr><td class=\"date\">\(when)</td><td>\(by)</td><td>\(Glossary.state(code: event.to))</td></tr>")
    }
    for report in reports {
      let when = report.day.description
      rows.append(
        (
          when + " 24:00",
          "<tr><td class=\"date\">\(when)</td><td>\(notice.addressee)</td><td>报送\(Glossary.report)（\(report.onTime ? "按时" : "逾期")）</td></tr>"
        ))
    }
    let sorted = rows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    return "<table><tr><th>时间</th><th>办理单位</th><th>办理情况</th></tr>\(sorted)</table>"
  }
}
