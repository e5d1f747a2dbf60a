import Foundation

/// A configuration and its database, opened together: what every command and the daemon work on.
public struct Workspace: Sendable {
  public let configuration: Configuration
  public let store: Store
  /// The notice templates: the embedded ones, with the configuration's overrides.
  public let templates: NoticeTemplates

  /// Opens the database (creating it if needed), brings its catalogue in step with the
  /// configuration, and seeds the published 2020 targets into a database that the embedded
  /// default creates (docs/operate.md#configuration).
  public static func open(configuration: Configuration, databasePath: String, now: Date) throws -> Workspace {
    let templates = try NoticeTemplates.load(configuration: configuration)
    let existed = FileManager.default.fileExists(atPath: databasePath)
    let store = try Store(path: databasePath)
    try store.syncCatalogue(configuration)
    if !existed && configuration.isEmbeddedDefault {
      try seedDefaultTargets(store, configuration: configuration, now: now)
    }
    return Workspace(configuration: configuration, store: store, templates: templates)
  }

  public init(configuration: Configuration, store: Store, templates: NoticeTemplates) {
    self.configuration = configuration
    self.store = store
    self.templates = templates
  }

  static let defaultTargetsFile = "default/targets-2020.csv"

  static func seedDefaultTargets(_ store: Store, configuration: Configuration, now: Date) throws {
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
