import Foundation
import GRDB

/// What one feed run did, as stored in `feed_run` and printed by `yujing ingest`.
public struct FeedRunSummary: Sendable, Hashable {
  public enum Status: String, Sendable, Hashable {
    /// Every row was taken.
    case ok
    /// Some rows were rejected; the good ones were taken.
    case partial
    /// The file was unreadable, or no row could be taken: nothing was applied.
    case failed
  }

  public var id: Int64
  public var feed: String
  public var source: String
  public var status: Status
  public var inserted: Int
  public var revised: Int
  public var unchanged: Int
  public var rejected: Int
  /// The periods whose figures this run added or changed: the periods to evaluate again.
  public var periods: [Period]
  public var rejections: [Rejection]
  public var notes: [String]
  public var message: String?

  public var accepted: Int { inserted + revised + unchanged }
}

/// The header fields of a run, whatever its kind.
public struct FeedRunInfo: Sendable {
  public var feed: String
  public var kind: String
  public var source: String
  public var format: String?
  public var startedAt: Date
  public var finishedAt: Date
  /// The daemon evaluates what this run changes (a scheduled feed's run): its periods wait in
  /// `evaluation_due` until an evaluation has escalated them.
  public var awaitsEvaluation = false

  public init(feed: String, kind: String, source: String, format: String?, startedAt: Date, finishedAt: Date) {
    self.feed = feed
    self.kind = kind
    self.source = source
    self.format = format
    self.startedAt = startedAt
    self.finishedAt = finishedAt
  }
}

extension Store {
  /// Writes one indicator feed run in one transaction: the run, its accepted rows (new ones
  /// inserted, changed ones revised with the old figure kept), its rejected rows with reasons.
  ///
  /// A figure the file leaves empty never erases a stored one: a correction replaces a figure,
  /// an omission does not delete it.
  public func recordIndicatorRun(_ info: FeedRunInfo, batch: IndicatorBatch) throws -> FeedRunSummary {
    var pending: IndicatorBatch? = batch
    return try recordIndicatorRun(info) {
      defer { pending = nil }
      return pending
    }
  }

  /// The same, with the rows arriving in chunks while the transaction is open: `nextChunk` is
  /// called until it returns nil (a reader on another thread fills it as it parses).
  public func recordIndicatorRun(_ info: FeedRunInfo, chunks nextChunk: () -> IndicatorBatch?) throws
    -> FeedRunSummary
  {
    try writer.write { db in
      let runID = try insertRun(db, info)
      var counts = (inserted: 0, revised: 0, unchanged: 0)
      var periods = Set<Period>()
      var rejections: [Rejection] = []
      var notes: [String] = []
      // A period never stored before cannot conflict: its rows go in by plain INSERT. Rows of
      // a period already stored are upserted, and RETURNING tells a new row from a revision.
      var known: [Period: Bool] = [:]
      let insert = try RawStatement(
        db,
        sql: """
          INSERT INTO observation (period, region, indicator, value, growth, published_rank, revision, feed_run_id)
          VALUES (?, ?, ?, ?, ?, ?, 1, ?)
          """)
      let upsert = try RawStatement(
        db,
        sql: """
          INSERT INTO observation (period, region, indicator, value, growth, published_rank, revision, feed_run_id)
          VALUES (?, ?, ?, ?, ?, ?, 1, ?)
          ON CONFLICT (period, region, indicator) DO UPDATE SET
            value = coalesce(excluded.value, observation.value),
            growth = coalesce(excluded.growth, observation.growth),
            published_rank = coalesce(excluded.published_rank, observation.published_rank),
            revision = observation.revision + 1,
            feed_run_id = excluded.feed_run_id
          WHERE (excluded.value IS NOT NULL AND excluded.value IS NOT observation.value)
             OR (excluded.growth IS NOT NULL AND excluded.growth IS NOT observation.growth)
             OR (excluded.published_rank IS NOT NULL AND excluded.published_rank IS NOT observation.published_rank)
          RETURNING revision
          """)
      var periodText: [Period: String] = [:]
      // A period new to the store gets its snapshot from the rows as they go in, while they come
      // in key order (a file sorted as the table is); any other changed period is read back.
      var fresh: [Period: FreshSnapshot] = [:]
      while let batch = nextChunk() {
        rejections += batch.rejections
        notes += batch.notes
        for observation in batch.observations {
          let isStored = try known[observation.period] ?? isStored(db, observation.period)
          known[observation.period] = isStored
          let statement = isStored ? upsert : insert
          let period = periodText[observation.period] ?? observation.period.description
          periodText[observation.period] = period
          statement.bind(1, period)
          statement.bind(2, observation.region)
          statement.bind(3, observation.indicator)
          statement.bind(4, observation.value)
          statement.bind(5, observation.growth)
          statement.bind(6, observation.publishedRank.map(Int64.init))
          statement.bind(7, runID)
          let revision = try statement.step()
          if !isStored { fresh[observation.period, default: FreshSnapshot()].add(observation) }
          switch (isStored, revision) {
          case (true, nil): counts.unchanged += 1
          case (true, let revision?) where revision > 1:
            counts.revised += 1
            periods.insert(observation.period)
          default:
            counts.inserted += 1
            periods.insert(observation.period)
          }
        }
      }
      for period in periods {
        if let snapshot = fresh[period]?.snapshot {
          try writeSnapshot(db, period: period, snapshot)
        } else {
          try refreshSnapshot(db, period: period)
        }
      }
      return try finishRun(
        db, runID: runID, info: info, counts: counts, periods: periods, rejections: rejections, notes: notes)
    }
  }

  /// Writes one project feed run: projects (latest attributes), progress per period, milestones.
  public func recordProjectRun(_ info: FeedRunInfo, batch: ProjectBatch) throws -> FeedRunSummary {
    try writer.write { db in
      let runID = try insertRun(db, info)
      var counts = (inserted: 0, revised: 0, unchanged: 0)
      var periods = Set<Period>()
      // The project row carries the attributes of the latest period seen, so that a late
      // correction of an old period does not roll back this year's plan.
      let upsertProject = try db.cachedStatement(
        sql: """
          INSERT INTO project (code, name, region, department, leader, total_investment, annual_plan, planned_start,
            planned_completion, last_period)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (code) DO UPDATE SET name = excluded.name, region = excluded.region,
            department = excluded.department, leader = excluded.leader, total_investment = excluded.total_investment,
            annual_plan = excluded.annual_plan, planned_start = excluded.planned_start,
            planned_completion = excluded.planned_completion, last_period = excluded.last_period
          WHERE excluded.last_period >= project.last_period
          """)
      let upsertProgress = try db.cachedStatement(
        sql: """
          INSERT INTO project_progress (period, project, name, region, department, leader, total_investment,
            annual_plan, completed_ytd, status, planned_start, actual_start, planned_completion, registered,
            revision, feed_run_id)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
          ON CONFLICT (period, project) DO UPDATE SET name = excluded.name, region = excluded.region,
            department = excluded.department, leader = excluded.leader, total_investment = excluded.total_investment,
            annual_plan = excluded.annual_plan, completed_ytd = excluded.completed_ytd, status = excluded.status,
            planned_start = excluded.planned_start, actual_start = excluded.actual_start,
            planned_completion = excluded.planned_completion, registered = excluded.registered,
            revision = project_progress.revision + 1, feed_run_id = excluded.feed_run_id
          WHERE (excluded.name, excluded.region, excluded.department, excluded.leader, excluded.total_investment,
              excluded.annual_plan, excluded.completed_ytd, excluded.status, excluded.planned_start,
              excluded.actual_start, excluded.planned_completion, excluded.registered)
            IS NOT (project_progress.name, project_progress.region, project_progress.department,
              project_progress.leader, project_progress.total_investment, project_progress.annual_plan,
              project_progress.completed_ytd, project_progress.status, project_progress.planned_start,
              project_progress.actual_start, project_progress.planned_completion, project_progress.registered)
          RETURNING revision
          """)
      for (project, progress) in zip(batch.projects, batch.progress) {
        let common: [(any DatabaseValueConvertible)?] = [
          project.name, project.region, project.department, project.leader, project.totalInvestment.doubleValue,
          project.annualPlan.doubleValue,
        ]
        upsertProject.setUncheckedArguments(
          StatementArguments(
            [project.code] + common + [
              project.plannedStart?.description, project.plannedCompletion?.description,
              progress.period.description,
            ]))
        try upsertProject.execute()
        upsertProgress.setUncheckedArguments(
          StatementArguments(
            [progress.period.description, project.code] + common + [
              progress.completedYearToDate.doubleValue, progress.status.rawValue, project.plannedStart?.description,
              progress.actualStart?.description, project.plannedCompletion?.description,
              progress.registered?.description, runID,
            ]))
        switch try Int.fetchOne(upsertProgress) {
        case nil: counts.unchanged += 1
        case 1:
          counts.inserted += 1
          periods.insert(progress.period)
        default:
          counts.revised += 1
          periods.insert(progress.period)
        }
      }
      let upsertMilestone = try db.cachedStatement(
        sql: """
          INSERT INTO milestone (project, stage, due, done, revision, feed_run_id) VALUES (?, ?, ?, ?, 1, ?)
          ON CONFLICT (project, stage) DO UPDATE SET due = excluded.due, done = excluded.done,
            revision = milestone.revision + 1, feed_run_id = excluded.feed_run_id
          WHERE (excluded.due, excluded.done) IS NOT (milestone.due, milestone.done)
          RETURNING revision
          """)
      for milestone in batch.milestones {
        upsertMilestone.setUncheckedArguments([
          milestone.project, milestone.stage, milestone.due.description, milestone.done?.description, runID,
        ])
        switch try Int.fetchOne(upsertMilestone) {
        case nil: counts.unchanged += 1
        case 1: counts.inserted += 1
        default: counts.revised += 1
        }
      }
      return try finishRun(
        db, runID: runID, info: info, counts: counts, periods: periods, rejections: batch.rejections,
        notes: batch.notes)
    }
  }

  /// Records a run whose file could not be read at all: the failure is kept, no data changes.
  public func recordFailedRun(_ info: FeedRunInfo, error: FeedReadError) throws -> FeedRunSummary {
    try writer.write { db in
      let runID = try insertRun(db, info)
      try db.execute(
        sql: "UPDATE feed_run SET status = 'failed', message = ? WHERE id = ?",
        arguments: [error.description, runID])
      return FeedRunSummary(
        id: runID, feed: info.feed, source: info.source, status: .failed, inserted: 0, revised: 0, unchanged: 0,
        rejected: 0, periods: [], rejections: [], notes: [], message: error.description)
    }
  }

  /// Whether the period has figures stored already (before this run).
  private func isStored(_ db: Database, _ period: Period) throws -> Bool {
    try Bool.fetchOne(db, sql: "SELECT 1 FROM observation WHERE period = ? LIMIT 1", arguments: [period.description])
      ?? false
  }

  func insertRun(_ db: Database, _ info: FeedRunInfo) throws -> Int64 {
    try db.execute(
      sql: """
        INSERT INTO feed_run (feed, kind, source, format, started_at, finished_at, status)
        VALUES (?, ?, ?, ?, ?, ?, 'ok')
        """,
      arguments: [
        info.feed, info.kind, info.source, info.format, Timestamp.string(info.startedAt),
        Timestamp.string(info.finishedAt),
      ])
    return db.lastInsertedRowID
  }

  func finishRun(
    _ db: Database, runID: Int64, info: FeedRunInfo, counts: (inserted: Int, revised: Int, unchanged: Int),
    periods: Set<Period>, rejections: [Rejection], notes: [String]
  ) throws -> FeedRunSummary {
    let accepted = counts.inserted + counts.revised + counts.unchanged
    let status: FeedRunSummary.Status =
      rejections.isEmpty ? .ok : (accepted == 0 ? .failed : .partial)
    var notes = notes
    if accepted == 0 && rejections.isEmpty {
      // A header and nothing under it is a valid file, but rarely the one meant.
      notes.insert("the file holds no rows: nothing was taken", at: 0)
    }
    // A run that took nothing says why in its own message, not only in its rejections' table.
    var said = notes
    if status == .failed {
      said.insert(
        "no row could be taken (\(rejections.count) rejected, the first at \(rejections[0])); nothing was applied",
        at: 0)
    }
    let message = said.isEmpty ? nil : said.joined(separator: "\n")
    let sortedPeriods = periods.sorted()
    try db.execute(
      sql: """
        UPDATE feed_run SET status = ?, inserted = ?, revised = ?, unchanged = ?, rejected = ?, periods = ?,
          message = ?
        WHERE id = ?
        """,
      arguments: [
        status.rawValue, counts.inserted, counts.revised, counts.unchanged, rejections.count,
        sortedPeriods.map(\.description).joined(separator: ","), message, runID,
      ])
    if info.awaitsEvaluation {
      for period in sortedPeriods {
        try db.execute(
          sql: """
            INSERT INTO evaluation_due (period, feed_run_id) VALUES (?, ?)
            ON CONFLICT (period) DO UPDATE SET feed_run_id = excluded.feed_run_id
            """,
          arguments: [period.description, runID])
      }
    }
    let insertRejection = try db.cachedStatement(
      sql: "INSERT INTO feed_run_rejection (feed_run_id, location, field, reason, raw) VALUES (?, ?, ?, ?, ?)")
    for rejection in rejections {
      try insertRejection.execute(arguments: [
        runID, rejection.location.description, rejection.field, rejection.reason, rejection.raw,
      ])
    }
    return FeedRunSummary(
      id: runID, feed: info.feed, source: info.source, status: status, inserted: counts.inserted,
      revised: counts.revised, unchanged: counts.unchanged, rejected: rejections.count, periods: sortedPeriods,
      rejections: rejections, notes: notes, message: message)
  }
}

/// Instants are stored as ISO 8601 text in UTC, readable in `sqlite3` and sortable as text.
public enum Timestamp {
  public static func string(_ date: Date) -> String {
    date.formatted(.iso8601)
  }

  public static func date(_ text: String) -> Date? {
    try? Date(text, strategy: .iso8601)
  }
}
