import Foundation
import GRDB

/// The latest runs of one feed: what `/healthz`, the scheduler and `STATUS=` need.
public struct FeedRunTimes: Sendable, Hashable {
  public var feed: String
  /// When the latest run started, whatever its outcome: the scheduler's "last run".
  public var lastStarted: Date
  public var lastStatus: FeedRunSummary.Status
  /// When the latest run that took rows (or found nothing new) finished.
  public var lastSuccess: Date?
}

/// Counts of what the database holds, read in one transaction for `/metrics` and the dashboard.
public struct StoreCounts: Sendable, Hashable {
  /// Runs by feed and status.
  public var feedRuns: [Labelled] = []
  /// Rows by feed and result (inserted, revised, unchanged, rejected), summed over every run.
  public var feedRows: [Labelled] = []
  /// The findings of the latest evaluation of the latest evaluated period, exemptions left out.
  public var findingsPeriod: Period?
  public var findings: [Labelled] = []
  /// Open cases by stage.
  public var cases: [Labelled] = []
  public var notices: [Labelled] = []
  public var deliveries: [Labelled] = []
  public var observations = 0

  /// One count under its label values, in the order the metric names them.
  public struct Labelled: Sendable, Hashable {
    public var labels: [String]
    public var value: Int
  }

  public var openCases: Int { cases.reduce(0) { $0 + $1.value } }
}

extension Store {
  /// The latest run of every feed that has run, and its latest successful one.
  public func feedRunTimes() throws -> [String: FeedRunTimes] {
    try writer.read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT r.feed, r.started_at, r.status,
                 (SELECT max(finished_at) FROM feed_run s WHERE s.feed = r.feed AND s.status IN ('ok', 'partial'))
                   AS last_success
          FROM feed_run r
          WHERE r.id = (SELECT max(id) FROM feed_run l WHERE l.feed = r.feed)
          """)
      var times: [String: FeedRunTimes] = [:]
      for row in rows {
        let feed: String = row["feed"]
        times[feed] = FeedRunTimes(
          feed: feed, lastStarted: Timestamp.date(row["started_at"]) ?? .distantPast,
          lastStatus: FeedRunSummary.Status(rawValue: row["status"]) ?? .failed,
          lastSuccess: (row["last_success"] as String?).flatMap(Timestamp.date))
      }
      return times
    }
  }

  /// Whether the database answers a query: the health check's first question.
  public func ping() throws {
    _ = try writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
  }

  public func counts() throws -> StoreCounts {
    try writer.read { db in
      func labelled(_ sql: String, labels: Int) throws -> [StoreCounts.Labelled] {
        try Row.fetchAll(db, sql: sql).map { row in
          StoreCounts.Labelled(labels: (0..<labels).map { row[$0] as String }, value: row[labels])
        }
      }
      var counts = StoreCounts()
      counts.feedRuns = try labelled(
        "SELECT feed, status, count(*) FROM feed_run GROUP BY feed, status ORDER BY feed, status", labels: 2)
      counts.feedRows = try Row.fetchAll(
        db,
        sql: """
          SELECT feed, sum(inserted), sum(revised), sum(unchanged), sum(rejected)
          FROM feed_run GROUP BY feed ORDER BY feed
          """
      ).flatMap { row -> [StoreCounts.Labelled] in
        let feed: String = row[0]
        return ["inserted", "revised", "unchanged", "rejected"].enumerated().map { index, result in
          StoreCounts.Labelled(labels: [feed, result], value: row[index + 1])
        }
      }
      if let latest = try Row.fetchOne(
        db, sql: "SELECT id, period FROM evaluation ORDER BY period DESC, id DESC LIMIT 1")
      {
        counts.findingsPeriod = Period(latest["period"] as String)
        counts.findings = try Row.fetchAll(
          db,
          sql: """
            SELECT level, count(*) FROM finding WHERE evaluation_id = ? AND exempted = 0
            GROUP BY level ORDER BY level
            """, arguments: [latest["id"] as Int64]
        ).map { StoreCounts.Labelled(labels: [$0[0]], value: $0[1]) }
      }
      counts.cases = try labelled(
        "SELECT stage, count(*) FROM case_file WHERE closed_period IS NULL GROUP BY stage ORDER BY stage", labels: 1)
      counts.notices = try labelled("SELECT state, count(*) FROM notice GROUP BY state ORDER BY state", labels: 1)
      counts.deliveries = try labelled(
        "SELECT state, count(*) FROM delivery GROUP BY state ORDER BY state", labels: 1)
      counts.observations = try Int.fetchOne(db, sql: "SELECT count(*) FROM observation") ?? 0
      return counts
    }
  }
}

extension Store {
  /// Cases not yet closed, for the daemon's `STATUS=` line.
  public func openCaseCount() throws -> Int {
    try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM case_file WHERE closed_period IS NULL") ?? 0
    }
  }
}
