import Foundation
import GRDB

/// A configuration a database was worked with, from when it was first used.
public struct ConfigurationRecord: Sendable, Hashable {
  public var id: Int64
  public var recordedAt: Date
  /// The command that recorded it (`demo`, `evaluate`, `serve`, `serve (reload)`).
  public var recordedBy: String
  public var fingerprint: ConfigurationFingerprint
  public var digest: String
}

extension Store {
  /// The configurations recorded, oldest first; the last is the database's configuration now.
  public func configurationRecords() throws -> [ConfigurationRecord] {
    try writer.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM configuration_fingerprint ORDER BY id").map(Self.configurationRecord)
    }
  }

  /// The configuration the database was last worked with, nil before any was recorded.
  public func currentConfiguration() throws -> ConfigurationRecord? {
    try writer.read { db in try Self.latestConfiguration(db) }
  }

  /// Records `fingerprint` as the database's configuration unless it already is (the same files
  /// with the same contents, wherever they are); returns the one before, if any. One transaction, so two processes never both record a change.
  @discardableResult
  public func recordConfiguration(_ fingerprint: ConfigurationFingerprint, by command: String, at instant: Date)
    throws -> (recorded: Bool, previous: ConfigurationRecord?)
  {
    try writer.write { db in
      let previous = try Self.latestConfiguration(db)
      let digest = fingerprint.digest
      if previous?.digest == digest {
        return (false, previous)
      }
      let files = String(
        decoding: try JSONSerialization.data(withJSONObject: fingerprint.files, options: [.sortedKeys]), as: UTF8.self)
      try db.execute(
        sql: """
          INSERT INTO configuration_fingerprint (recorded_at, source, digest, files, recorded_by)
          VALUES (?, ?, ?, ?, ?)
          """,
        arguments: [Timestamp.string(instant), fingerprint.source, digest, files, command])
      return (true, previous)
    }
  }

  private static func latestConfiguration(_ db: Database) throws -> ConfigurationRecord? {
    try Row.fetchOne(db, sql: "SELECT * FROM configuration_fingerprint ORDER BY id DESC LIMIT 1").map(
      configurationRecord)
  }

  private static func configurationRecord(_ row: Row) -> ConfigurationRecord {
    let text: String = row["files"]
    let files = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: String] ?? [:]
    return ConfigurationRecord(
      id: row["id"], recordedAt: Timestamp.date(row["recorded_at"]) ?? .distantPast, recordedBy: row["recorded_by"],
      fingerprint: ConfigurationFingerprint(source: row["source"], files: files), digest: row["digest"])
  }
}
