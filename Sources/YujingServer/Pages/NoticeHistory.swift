import YujingCore

/// The history table of a notice's page. The office sees its working history: who edited, what
/// the text was before, who approved. A department sees what was issued to it: when the notice
/// was issued, sent, acknowledged and closed, by the office or by the addressee, and nothing of
/// the drafts before — the audit log keeps those for the office.
enum NoticeHistory {
  static func rows(_ notice: NoticeRecord, for account: Account, store: Store, configuration: Configuration) throws
    -> HTML
  {
    let events = try store.noticeHistory(id: notice.id)
    guard !account.isOffice else {
      let rows = events.map { event -> HTML in
        "<tr><td>\(event.at)</td><td>\(event.actor)</td><td>\(event.from ?? "")→\(event.to)</td><td>\(event.note ?? "")</td></tr>"
      }
      return "<table><tr><th>时间</th><th>操作人</th><th>状态</th><th>说明</th></tr>\(rows)</table>"
    }
    let issued = Set(Account.visibleToAddressees.map(\.rawValue))
    let rows = events.filter { issued.contains($0.to) && $0.from != $0.to }.map { event -> HTML in
      let state = NoticeRecord.State(rawValue: event.to).map(Layout.stateName) ?? event.to
      let by =
        event.to == NoticeRecord.State.acknowledged.rawValue
        ? notice.addressee : configuration.documents.dispatchOffice
      return "<tr><td>\(event.at)</td><td>\(by)</td><td>\(state)</td></tr>"
    }
    return "<table><tr><th>时间</th><th>办理单位</th><th>状态</th></tr>\(rows)</table>"
  }
}
