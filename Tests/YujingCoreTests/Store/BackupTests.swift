import Foundation
import GRDB
import Testing

@testable import YujingCore

/// `yujing backup`: an online copy, consistent while feed runs keep landing.
struct BackupTests {
  @Test func aBackupTakenWhileFeedsLandHoldsOnlyWholeRunsAndPassesItsIntegrityCheck() throws {
    let harness = try EscalationHarness()
    try harness.industry(["2020-01": "7.0"])
    let before = try harness.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM feed_run")! }
    // Feed runs land while the copy is taken.
    let writing = DispatchGroup()
    let failure = LockedBox<(any Error)?>(nil)
    let workspace = harness.workspace
    DispatchQueue.global().async(group: writing) {
      do {
        for month in 2...12 {
          let rows =
            "period,region,indicator,value,growth\n2020-\(String(format: "%02d", month)),360981,industry_va,,7.0\n"
          _ = try Ingestion(workspace: workspace, clock: { fixedNow }).run(
            feed: "stats", input: .init(source: "x.csv", data: Data(rows.utf8)))
        }
      } catch { failure.set(error) }
    }
    let copy = harness.directory.path("backup.sqlite")
    try harness.store.backup(to: copy)
    writing.wait()
    if let error = failure.get() { throw error }

    let backup = try DatabaseQueue(path: copy)
    let (verdict, runs) = try backup.read { db in
      (
        try String.fetchOne(db, sql: "PRAGMA integrity_check"),
        try Row.fetchAll(
          db, sql: "SELECT r.id, (SELECT count(*) FROM observation o WHERE o.feed_run_id = r.id) AS n FROM feed_run r")
      )
    }
    #expect(verdict == "ok")
    #expect(runs.count >= before)
    // Every run in the copy is whole: as many figures as the run has in the live database.
    let live = try harness.store.writer.read { db in
      try Dictionary(
        uniqueKeysWithValues: Row.fetchAll(
          db, sql: "SELECT r.id, (SELECT count(*) FROM observation o WHERE o.feed_run_id = r.id) AS n FROM feed_run r"
        ).map { ($0["id"] as Int64, $0["n"] as Int) })
    }
    for run in runs { #expect(live[run["id"] as Int64] == run["n"] as Int) }

    #expect(throws: Store.BackupError.self) { try harness.store.backup(to: copy) }
    #expect(!FileManager.default.fileExists(atPath: copy + ".partial-\(ProcessInfo.processInfo.processIdentifier)"))
  }
}

/// A value shared with another thread.
final class LockedBox<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) { self.value = value }

  func get() -> Value { lock.withLock { value } }
  func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
