import Foundation
import GRDB

/// A feed run as stored, for `demo`, the feeds page and the timeliness rule.
public struct FeedRunRecord: Sendable, Hashable {
  public var id: Int64
  public var feed: String
  public var kind: String
  public var source: String
  public var startedAt: Date
  public var finishedAt: Date
  public var status: FeedRunSummary.Status
  public var inserted, revised, unchanged, rejected: Int
  public var periods: [Period]
  public var message: String?
}

extension Store {
  /// The runs of a feed (or of every feed), newest first.
  public func feedRuns(feed: String? = nil, limit: Int = 100) throws -> [FeedRunRecord] {
    try writer.read { db in
      let filter = feed == nil ? "" : "WHERE feed = ?"
      let arguments: StatementArguments = feed.map { [$0, limit] } ?? [limit]
      return try Row.fetchAll(
        db, sql: "SELECT * FROM feed_run \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments
      ).map { row in
        FeedRunRecord(
          id: row["id"], feed: row["feed"], kind: row["kind"], source: row["source"],
          startedAt: Timestamp.date(row["started_at"]) ?? .distantPast,
          finishedAt: Timestamp.date(row["finished_at"]) ?? .distantPast,
          status: FeedRunSummary.Status(rawValue: row["status"]) ?? .failed, inserted: row["inserted"],
          revised: row["revised"], unchanged: row["unchanged"], rejected: row["rejected"],
          periods: (row["periods"] as String).split(separator: ",").compactMap { Period($0) },
          message: row["message"])
      }
    }
  }

  /// The rejected rows of one run, as stored.
  public func rejections(ofRun id: Int64) throws -> [(location: String, field: String?, reason: String)] {
    try writer.read { db in
      try Row.fetchAll(
        db, sql: "SELECT location, field, reason FROM feed_run_rejection WHERE feed_run_id = ? ORDER BY id",
        arguments: [id]
      ).map { ($0["location"], $0["field"], $0["reason"]) }
    }
  }
}
