import Foundation
import GRDB

extension Store {
  /// An online, consistent copy of the database (`yujing backup`, docs/operate.md#backup), safe while the
  /// daemon runs: `VACUUM INTO` reads one snapshot and writes a compact file, which appears under
  /// its name only when complete. Refuses to overwrite.
  public func backup(to destination: String) throws {
    let fileManager = FileManager.default
    guard !fileManager.fileExists(atPath: destination) else {
      throw BackupError("\(destination) exists already: choose another name or remove it first")
    }
    let partial = destination + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
    try? fileManager.removeItem(atPath: partial)
    do {
      try writer.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [partial]) }
      // The copy is checked before it takes the name: a backup that cannot be read is no backup.
      let copy = try DatabaseQueue(path: partial)
      let verdict = try copy.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
      try copy.close()
      guard verdict == "ok" else { throw BackupError("the copy failed its integrity check: \(verdict ?? "no answer")") }
      try fileManager.moveItem(atPath: partial, toPath: destination)
    } catch {
      try? fileManager.removeItem(atPath: partial)
      throw error
    }
  }

  public struct BackupError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
  }
}
