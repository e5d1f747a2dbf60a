import Foundation
import GRDB

/// What a targets import did.
public struct TargetImportSummary: Sendable, Hashable {
  public var imported: Int
  public var replaced: Int
  public var rejections: [Rejection]
  public var notes: [String]
  /// The feed run that records the import (with its rejected rows), when it was made as one.
  public var run: FeedRunSummary?
  /// The targets imported or replaced.
  public var targets: [Target] = []
}

extension Store {
  /// Replaces the whole target of every (year, region, indicator) in the batch (docs/operate.md#configuration), in
  /// one transaction: a target given only as growth loses a stored amount target, as the file
  /// says the target is now.
  public func importTargets(_ batch: TargetBatch, source: String, at date: Date) throws -> TargetImportSummary {
    try writer.write { db in try writeTargets(db, batch, source: source, at: date) }
  }

  /// The same, recorded as a feed run of kind `targets`: the run, its counts and its rejected rows,
  /// in the transaction that writes the targets. A file whose every row is rejected is a failed
  /// run, as for any feed.
  public func recordTargetRun(_ info: FeedRunInfo, batch: TargetBatch) throws -> TargetImportSummary {
    try writer.write { db in
      let runID = try insertRun(db, info)
      var summary = try writeTargets(db, batch, source: info.source, at: info.finishedAt)
      summary.run = try finishRun(
        db, runID: runID, info: info, counts: (summary.imported, summary.replaced, 0), periods: [],
        rejections: batch.rejections, notes: batch.notes)
      return summary
    }
  }

  private func writeTargets(_ db: Database, _ batch: TargetBatch, source: String, at date: Date) throws
    -> TargetImportSummary
  {
    var imported = 0
    var replaced = 0
    for target in batch.targets {
      let existed =
        try Bool.fetchOne(
          db, sql: "SELECT 1 FROM target WHERE year = ? AND region = ? AND indicator = ?",
          arguments: [target.year, target.region, target.indicator]) ?? false
      try db.execute(
        sql: """
          INSERT INTO target (year, region, indicator, target_growth, target_value, source, imported_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (year, region, indicator) DO UPDATE SET target_growth = excluded.target_growth,
            target_value = excluded.target_value, source = excluded.source, imported_at = excluded.imported_at
          """,
        arguments: [
          target.year, target.region, target.indicator, target.growth?.doubleValue, target.value?.doubleValue,
          source, Timestamp.string(date),
        ])
      if existed { replaced += 1 } else { imported += 1 }
    }
    return TargetImportSummary(
      imported: imported, replaced: replaced, rejections: batch.rejections, notes: batch.notes,
      targets: batch.targets)
  }
}
