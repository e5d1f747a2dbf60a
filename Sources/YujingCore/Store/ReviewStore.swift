import Foundation
import GRDB

/// What the review pages ask of the notices: a page of a filtered list, edits of a draft's text,
/// and an addressee's acknowledgement.
public struct NoticeFilter: Sendable, Hashable {
  public var period: Period?
  public var kind: NoticeKind?
  public var state: NoticeRecord.State?
  public var addressee: String?
  /// For a department: only what has left the office, addressed or copied to it.
  public var visibleTo: String?

  public init(
    period: Period? = nil, kind: NoticeKind? = nil, state: NoticeRecord.State? = nil, addressee: String? = nil,
    visibleTo: String? = nil
  ) {
    self.period = period
    self.kind = kind
    self.state = state
    self.addressee = addressee
    self.visibleTo = visibleTo
  }
}

extension Store {
  /// One page of notices, newest first, and how many match in all.
  ///
  /// At 100,000 notices (Benchmarks/README.md#the-targets: p99 ≤ 50 ms) the page is found by its ids first, through
  /// narrow indexes, and only its rows are read: an OFFSET over the table itself steps through
  /// every skipped row of ~2 KB, and one over an addressee's index sorted its whole rows (100 ms
  /// and more, the SQL alone). A department's list is built from its own notices alone —
  /// addressed to it, or copied to it (`notice_cc`) — never from json_each over every notice's
  /// cc (90–290 ms the SQL alone).
  public func noticePage(_ filter: NoticeFilter, limit: Int, offset: Int) throws -> (
    notices: [NoticeRecord], total: Int
  ) {
    var (conditions, arguments) = Store.equalityFilter([
      ("period", filter.period?.description), ("kind", filter.kind?.rawValue), ("state", filter.state?.rawValue),
      ("addressee", filter.addressee),
    ])
    var source = "notice"
    var id = "id"
    if let visibleTo = filter.visibleTo {
      let states = Account.visibleToAddressees.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
      // The copies addressed to the department itself are left out of the second half, so that
      // the two never overlap and need no de-duplication. CROSS JOIN keeps SQLite from starting
      // at an index of a filter, which may hold most of the table (state = closed).
      let visible = """
        SELECT id AS visible FROM notice WHERE addressee = ? AND state IN (\(states))
        UNION ALL
        SELECT notice_id FROM notice_cc CROSS JOIN notice ON notice.id = notice_id
        WHERE notice_cc.addressee = ? AND notice.addressee != ? AND notice.state IN (\(states))
        """
      source = "(\(visible))" + (conditions.isEmpty ? "" : " CROSS JOIN notice ON notice.id = visible")
      id = "visible"
      arguments = [visibleTo, visibleTo, visibleTo] + arguments
    }
    return try writer.read { db in
      let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(source) \(conditions)", arguments: arguments) ?? 0
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM notice WHERE id IN (
            SELECT \(id) FROM \(source) \(conditions) ORDER BY \(id) DESC LIMIT ? OFFSET ?)
          ORDER BY id DESC
          """,
        arguments: arguments + [max(1, limit), max(0, offset)])
      return (try rows.map(Store.noticeRecord), total)
    }
  }

  /// Counts of notices by state, for the dashboard.
  public func noticeCountsByState() throws -> [NoticeRecord.State: Int] {
    try writer.read { db in
      var counts: [NoticeRecord.State: Int] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT state, count(*) FROM notice GROUP BY state") {
        if let state = NoticeRecord.State(rawValue: row[0]) { counts[state] = row[1] }
      }
      return counts
    }
  }
}

extension Store {
  /// The attachments of a notice's 整改 reports: id and file name, in the order submitted.
  public func feedbackAttachments(noticeID: Int64) throws -> [(id: Int64, fileName: String, bytes: Int)] {
    try writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT id, file_name, length(file) AS bytes FROM feedback
          WHERE notice_id = ? AND file IS NOT NULL ORDER BY id
          """, arguments: [noticeID]
      ).map { ($0["id"], $0["file_name"] ?? "attachment", $0["bytes"]) }
    }
  }

  /// One attachment, if it belongs to that notice.
  public func feedbackFile(noticeID: Int64, feedbackID: Int64) throws -> (fileName: String, data: Data)? {
    try writer.read { db in
      try Row.fetchOne(
        db, sql: "SELECT file_name, file FROM feedback WHERE id = ? AND notice_id = ? AND file IS NOT NULL",
        arguments: [feedbackID, noticeID]
      ).map { ($0["file_name"] ?? "attachment", $0["file"]) }
    }
  }
}
