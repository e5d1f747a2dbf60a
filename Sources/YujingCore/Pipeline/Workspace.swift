import Foundation

/// A configuration and its database, opened together: what every command and the daemon work on.
public struct Workspace: Sendable {
  public let configuration: Configuration
  public let store: Store
  /// The notice templates: the embedded ones, with the configuration's overrides.
  public let templates: NoticeTemplates
  /// Set when the database had been worked with another configuration than this one: what it was
  /// and which files differ (recorded as the database's from now on unless `opening` said not to).
  public var configurationChange: ConfigurationChanged?

  /// How a database is opened.
  public struct Opening: Sendable {
    /// Whether a missing database file is created; when not, opening it fails with `DatabaseMissing`.
    public var mayCreate: Bool
    /// What happens when the database was worked with another configuration.
    public var configurationChange: ConfigurationPolicy
    /// Who records the configuration, for its record: the command's name.
    public var recordedBy: String

    public init(
      mayCreate: Bool = true, configurationChange: ConfigurationPolicy = .record, recordedBy: String = "yujing"
    ) {
      self.mayCreate = mayCreate
      self.configurationChange = configurationChange
      self.recordedBy = recordedBy
    }
  }

  /// What opening a database with another configuration than the one it records does.
  public enum ConfigurationPolicy: Sendable {
    /// Stop with `ConfigurationChanged`, before anything is written.
    case refuse
    /// Record the new configuration as the database's from now on.
    case record
    /// Go on with it, recording nothing (a dry run, `yujing check`).
    case leaveUnrecorded
  }

  /// Opens the database (creating it if needed and allowed), checks which configuration it was
  /// worked with, brings its catalogue in step with the configuration, and seeds the published
  /// 2020 targets into a database that the embedded default creates (docs/operate.md#configuration).
  public static func open(
    configuration: Configuration, databasePath: String, now: Date, opening: Opening = Opening()
  ) throws -> Workspace {
    let templates = try NoticeTemplates.load(configuration: configuration)
    let existed = FileManager.default.fileExists(atPath: databasePath)
    if !existed && !opening.mayCreate { throw DatabaseMissing(path: databasePath) }
    let store = try Store(path: databasePath)
    let fingerprint = try ConfigurationFingerprint.of(configuration)
    var change: ConfigurationChanged?
    if let recorded = try store.currentConfiguration(), recorded.digest != fingerprint.digest {
      change = ConfigurationChanged(recorded: recorded, current: fingerprint)
      if opening.configurationChange == .refuse { throw change! }
    }
    if opening.configurationChange != .leaveUnrecorded {
      try store.recordConfiguration(fingerprint, by: opening.recordedBy, at: now)
    }
    try store.syncCatalogue(configuration)
    if !existed && configuration.isEmbeddedDefault {
      try seedDefaultTargets(store, configuration: configuration, now: now)
    }
    var workspace = Workspace(configuration: configuration, store: store, templates: templates)
    workspace.configurationChange = change
    return workspace
  }

  public init(configuration: Configuration, store: Store, templates: NoticeTemplates) {
    self.configuration = configuration
    self.store = store
    self.templates = templates
  }

  static let defaultTargetsFile = "default/targets-2020.csv"

  /// The published 2020 targets of 宜春 (FACTS §3), as the embedded default seeds them.
  public static func seedDefaultTargets(_ store: Store, configuration: Configuration, now: Date) throws {
    let data = try EmbeddedFiles.data(defaultTargetsFile)
    let batch = try data.withFeedBytes { bytes throws(FeedReadError) in
      try TargetCSV.parse(bytes, catalogue: FeedCatalogue(configuration: configuration))
    }
    precondition(batch.rejections.isEmpty, "the embedded targets must match the embedded configuration")
    _ = try store.importTargets(batch, source: "published 2020 targets of 宜春 (embedded default)", at: now)
  }
}

/// Where the database is (docs/operate.md#configuration): `--db`, else the configuration's `database`, else
/// `$STATE_DIRECTORY/yujing.sqlite` under systemd, else `./yujing.sqlite`.
public enum DatabaseLocation {
  public static func resolve(
    flag: String?, configuration: Configuration, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    if let flag { return flag }
    if let configured = configuration.database {
      guard !configured.hasPrefix("/"), !configuration.isEmbeddedDefault else { return configured }
      // A relative path in a configuration file is relative to that file, not to wherever the
      // command happens to run.
      return URL(fileURLWithPath: configuration.source).deletingLastPathComponent()
        .appendingPathComponent(configured).path
    }
    if let state = environment["STATE_DIRECTORY"]?.split(separator: ":").first {
      return "\(state)/yujing.sqlite"
    }
    return "yujing.sqlite"
  }
}

/// A command that reads or changes a database was pointed at a file that is not there: a
/// mistyped `--db` must not quietly become a new, empty database.
public struct DatabaseMissing: Error, CustomStringConvertible {
  public var path: String

  public init(path: String) { self.path = path }

  public var description: String {
    "there is no database at \(path): check --db (or the configuration's `database`). A new database is made by "
      + "`yujing init --dir DIR --db PATH`, `yujing ingest`, `yujing targets import`, `yujing serve` or `yujing demo`."
  }
}

/// The database was worked with another configuration than the one given now: the embedded
/// default instead of the office's file, or rule files edited since.
public struct ConfigurationChanged: Error, CustomStringConvertible {
  /// The configuration the database records.
  public var recorded: ConfigurationRecord
  /// The one given now.
  public var current: ConfigurationFingerprint

  public var differences: [ConfigurationFingerprint.Difference] { current.differences(from: recorded.fingerprint) }

  /// The file the database's configuration came from, as it would be passed to `--config`.
  public var recordedSource: String {
    recorded.fingerprint.source == Configuration.embeddedSource
      ? "the embedded default (no --config)" : recorded.fingerprint.source
  }

  public var currentSource: String {
    current.source == Configuration.embeddedSource ? "the embedded default (no --config)" : current.source
  }

  /// Which files differ, in one line.
  public var summary: String { differences.map(\.description).joined(separator: "; ") }

  public var description: String {
    let again =
      recorded.fingerprint.source == Configuration.embeddedSource
      ? "run it again without --config to use the database's configuration"
      : "run it again with --config \(recorded.fingerprint.source) to use the database's configuration"
    return """
      this database was worked with another configuration than this command's.
        the database's: \(recordedSource), recorded \(Timestamp.string(recorded.recordedAt)) by `\(recorded.recordedBy)`
        this command's: \(currentSource)
        what differs: \(summary)
      Nothing was done: \(again), or add --accept-config to go on with this one and record it as the database's from now on.
      """
  }
}
