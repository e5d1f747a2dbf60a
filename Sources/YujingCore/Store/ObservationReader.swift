import GRDB

/// A stored figure with its provenance: which revision it is, and which feed run brought it.
public struct StoredObservation: Sendable, Hashable {
  public var observation: Observation
  public var revision: Int
  public var feedRunID: Int64
}

extension Store {
  /// The current figure of one key, if any.
  public func observation(_ key: Observation.Key) throws -> StoredObservation? {
    try writer.read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT period, region, indicator, value, growth, published_rank, revision, feed_run_id
          FROM observation WHERE period = ? AND region = ? AND indicator = ?
          """,
        arguments: [key.period.description, key.region, key.indicator]
      ).map(Self.storedObservation)
    }
  }

  /// Every earlier revision of one key, oldest first (the current one is not among them).
  public func observationRevisions(_ key: Observation.Key) throws -> [StoredObservation] {
    try writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT period, region, indicator, value, growth, published_rank, revision, feed_run_id
          FROM observation_revision WHERE period = ? AND region = ? AND indicator = ? ORDER BY revision
          """,
        arguments: [key.period.description, key.region, key.indicator]
      ).map(Self.storedObservation)
    }
  }

  /// The current figures of one period.
  public func observations(period: Period) throws -> [Observation] {
    try writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT period, region, indicator, value, growth, published_rank, revision, feed_run_id
          FROM observation WHERE period = ? ORDER BY region, indicator
          """,
        arguments: [period.description]
      ).map { Self.storedObservation($0).observation }
    }
  }

  public func observationCount() throws -> Int {
    try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM observation") ?? 0 }
  }

  /// The annual targets of one year.
  public func targets(year: Int) throws -> [Target] {
    try writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT year, region, indicator, target_growth, target_value FROM target WHERE year = ?
          ORDER BY region, indicator
          """,
        arguments: [year]
      ).map { row in
        Target(
          year: row["year"], region: row["region"], indicator: row["indicator"],
          growth: (row["target_growth"] as Double?).flatMap(Fixed.init),
          value: (row["target_value"] as Double?).flatMap(Fixed.init))
      }
    }
  }

  static func storedObservation(_ row: Row) -> StoredObservation {
    StoredObservation(
      observation: Observation(
        period: Period(row["period"] as String)!, region: row["region"], indicator: row["indicator"],
        value: (row["value"] as Double?).flatMap(Fixed.init), growth: (row["growth"] as Double?).flatMap(Fixed.init),
        publishedRank: row["published_rank"]),
      revision: row["revision"], feedRunID: row["feed_run_id"])
  }
}
