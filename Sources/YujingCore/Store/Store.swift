import Foundation
import GRDB

/// The single source of truth: one SQLite file in WAL mode (docs/architecture.md#the-data-path).
///
/// Every state change is one transaction; readers never block the writer. The store opens the
/// file, runs the migrations, and keeps the catalogue tables in step with the configuration so
/// that foreign keys can check every code a feed or a command writes.
public final class Store: Sendable {
  public let writer: any DatabaseWriter
  public let path: String

  /// Opens (creating if needed) the database at `path` and migrates it.
  public init(path: String) throws {
    var configuration = GRDB.Configuration()
    // Another yujing process (a CLI command while the daemon runs) may hold the write lock for a
    // moment; wait for it instead of failing at once.
    configuration.busyMode = .timeout(10)
    configuration.foreignKeysEnabled = true
    configuration.prepareDatabase { db in
      // Evaluations read a period's figures in one range (120,000 rows at national scale):
      // through the memory map, pages are read without a system call and a copy each.
      try db.execute(sql: "PRAGMA mmap_size = 268435456")
    }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    self.writer = try DatabasePool(path: path, configuration: configuration)
    self.path = path
    try Migrations.migrator.migrate(writer)
  }

  /// An in-memory store, for tests that do not need a file.
  public init(inMemory: Void = ()) throws {
    var configuration = GRDB.Configuration()
    configuration.foreignKeysEnabled = true
    self.writer = try DatabaseQueue(configuration: configuration)
    self.path = ":memory:"
    try Migrations.migrator.migrate(writer)
  }

  /// The names of the migrations applied to this database, in order.
  public func appliedMigrations() throws -> [String] {
    try writer.read { db in try Migrations.migrator.appliedMigrations(db) }
  }
}
