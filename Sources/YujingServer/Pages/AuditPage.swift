import Foundation
import Hummingbird
import YujingCore

/// `/audit`: who did what — approvals, rejections, edits, exemptions, sign-ins and failed ones —
/// in the office's words and the city's time.
enum AuditPage {
  static func render(context: WebContext, store: Store, timeZone: TimeZone) throws -> Response {
    let rows = try store.auditLog(limit: 500).map { entry -> HTML in
      """
      <tr><td class="date">\(Glossary.time(stamp: entry.at, timeZone))</td><td>\(entry.actor)</td>
      <td>\(Glossary.auditAction(entry.action))</td><td>\(Glossary.auditObject(entry.object))</td>
      <td>\(Glossary.auditDetail(action: entry.action, entry.detail))</td></tr>
      """
    }
    return Layout.page(
      "审计日志", context: context, active: "audit",
      """
      <p>最近 500 条，时间为本市时间。</p>
      <table><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>说明</th></tr>\(rows)</table>
      """)
  }
}
