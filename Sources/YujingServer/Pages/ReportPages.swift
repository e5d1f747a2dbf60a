import Foundation
import Hummingbird
import YujingCore

/// `/reports`: the office's list of 整改 reports by where they stand — waiting for its review,
/// returned and not yet sent again, and returned ones whose new deadline has passed. Each is
/// reviewed on its notice's page.
enum ReportPages {
  /// Where the office's review of the reports stands on `today`: each notice counts once, by its latest report.
  struct Standing {
    var waiting: [StoredReport] = []
    var returned: [StoredReport] = []
    var overdue: [StoredReport] = []

    /// `reports` newest first, as the store lists them.
    init(_ reports: [StoredReport], today: Day) {
      var seen = Set<Int64>()
      for report in reports where seen.insert(report.noticeID).inserted {
        switch report.state {
        case .submitted: waiting.append(report)
        case .returned:
          if let due = report.resubmitDue, due < today { overdue.append(report) } else { returned.append(report) }
        case .accepted: break
        }
      }
    }
  }

  static func list(context: WebContext, actions: ReviewActions, now: Date) throws -> Response {
    let today = Day.today({ now }, in: actions.configuration.city.timeZone)
    let standing = Standing(try actions.reports(state: nil, noticeID: nil), today: today)
    func table(_ reports: [StoredReport], empty: String) -> HTML {
      guard !reports.isEmpty else { return "<p>\(empty)</p>" }
      let rows = reports.map { report -> HTML in
        let number = report.noticeNumber ?? "通知 \(report.noticeID)"
        let again: HTML = report.resubmitDue.map { "\($0.chinese)" } ?? "—"
        return """
          <tr><td><a href="/notices/\(report.noticeID)">\(number)</a></td><td>\(report.addressee)</td><td class="date">\(report.submittedDay.chinese)</td><td>\(report.onTime ? "按时" : "逾期")</td><td class="note">\(report.note ?? "")</td><td class="date">\(again)</td></tr>
          """
      }
      return """
        <table><tr><th>通知</th><th>报送单位</th><th>报送日期</th><th>是否按时</th><th>退回理由</th><th>重新报送期限</th></tr>\(rows)</table>
        """
    }
    return Layout.page(
      Glossary.report, context: context, active: "reports",
      """
      <h2 id="waiting">待审核（\(standing.waiting.count)）</h2>
      \(table(standing.waiting, empty: "没有待审核的\(Glossary.report)。"))
      <h2 id="overdue">退回后逾期未重新报送（\(standing.overdue.count)）</h2>
      \(table(standing.overdue, empty: "没有逾期未重新报送的\(Glossary.report)。"))
      <h2 id="returned">已退回、待重新报送（\(standing.returned.count)）</h2>
      \(table(standing.returned, empty: "没有待重新报送的\(Glossary.report)。"))
      """)
  }
}
