import Foundation
import Hummingbird
import YujingCore

/// `/audit`: who did what — approvals, rejections, edits, exemptions, sign-ins and failed ones.
enum AuditPage {
  static func render(context: WebContext, store: Store) throws -> Response {
    let rows = try store.auditLog(limit: 500).map { entry -> HTML in
      "<tr><td>\(entry.at)</td><td>\(entry.actor)</td><td>\(entry.action)</td><td>\(entry.object ?? "")</td><td>\(entry.detail ?? "")</td></tr>"
    }
    return Layout.page(
      "审计日志", context: context, active: "audit",
      """
      <p>最近 500 条。</p>
      <table><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>说明</th></tr>\(rows)</table>
      """)
  }
}
