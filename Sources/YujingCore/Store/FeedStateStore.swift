import Foundation
import GRDB

extension Store {
  /// The validators of the feed's last successful pull from `url`, if it was from that URL.
  public func feedValidators(feed: String, url: String) throws -> FeedValidators? {
    try writer.read { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT etag, last_modified FROM feed_state WHERE feed = ? AND url = ?", arguments: [feed, url])
      else { return nil }
      let validators = FeedValidators(etag: row["etag"], lastModified: row["last_modified"])
      return validators.isEmpty ? nil : validators
    }
  }

  /// Keeps what a successful pull answered, for the next one.
  public func saveFeedValidators(_ validators: FeedValidators, feed: String, url: String, run: Int64, at: Date)
    throws
  {
    try writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO feed_state (feed, url, etag, last_modified, feed_run_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (feed) DO UPDATE SET url = excluded.url, etag = excluded.etag,
            last_modified = excluded.last_modified, feed_run_id = excluded.feed_run_id,
            updated_at = excluded.updated_at
          """,
        arguments: [feed, url, validators.etag, validators.lastModified, run, Timestamp.string(at)])
    }
  }

  /// Records a pull that the server answered with 304: a run that applied nothing because there
  /// was nothing new, so that the feeds page shows the feed was asked.
  public func recordNotModifiedRun(_ info: FeedRunInfo) throws -> FeedRunSummary {
    let message = "not modified (304): the server has nothing newer than the last pull"
    let id = try writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO feed_run (feed, kind, source, format, started_at, finished_at, status, message)
          VALUES (?, ?, ?, ?, ?, ?, 'ok', ?)
          """,
        arguments: [
          info.feed, info.kind, info.source, info.format, Timestamp.string(info.startedAt),
          Timestamp.string(info.finishedAt), message,
        ])
      return db.lastInsertedRowID
    }
    return FeedRunSummary(
      id: id, feed: info.feed, source: info.source, status: .ok, inserted: 0, revised: 0, unchanged: 0, rejected: 0,
      periods: [], rejections: [], notes: [], message: message)
  }
}
