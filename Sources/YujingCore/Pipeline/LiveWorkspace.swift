import Foundation

/// The configuration, thresholds and templates the daemon works with right now, replaced as a
/// whole by a reload (SIGHUP) and only when the new ones are valid. Every round of every service
/// takes `current` once at its start, so one round never mixes an old rule set with a new
/// configuration.
public final class LiveWorkspace: @unchecked Sendable {
  public struct Current: Sendable {
    public var workspace: Workspace
    public var thresholds: Thresholds
  }

  public enum ReloadOutcome: Sendable, Equatable {
    /// Applied; the text says what was loaded.
    case applied(String)
    /// Refused; the old ones stay, the text says why (with file:line:col where there is one).
    case refused(String)
  }

  private let lock = NSLock()
  private var value: Current

  public init(workspace: Workspace, thresholds: Thresholds) {
    value = Current(workspace: workspace, thresholds: thresholds)
  }

  public var current: Current { lock.withLock { value } }

  public var store: Store { current.workspace.store }

  /// Reads the configuration with `load`, then its thresholds and templates; applies them only if
  /// every one is valid. The database stays open: a changed `database` path needs a restart, and
  /// the outcome says so.
  public func reload(load: () throws -> Configuration, now: () -> Date = { Date() }) -> ReloadOutcome {
    let old = current
    let configuration: Configuration
    let thresholds: Thresholds
    let templates: NoticeTemplates
    let fingerprint: ConfigurationFingerprint
    do {
      configuration = try load()
      thresholds = try Thresholds.load(configuration: configuration)
      templates = try NoticeTemplates.load(configuration: configuration)
      fingerprint = try ConfigurationFingerprint.of(configuration)
      // New regions or indicators must be in the catalogue before a feed names them; this is
      // one transaction, so a refusal here changes nothing.
      try old.workspace.store.syncCatalogue(configuration)
    } catch {
      return .refused("\(error)")
    }
    var notes = ["\(thresholds.ruleSet.rules.count) rules from \(thresholds.directory.path)"]
    // A reload is the office changing its configuration on purpose: the database records the new
    // one, so that commands run afterwards are checked against it.
    do {
      let recorded = try old.workspace.store.recordConfiguration(fingerprint, by: "serve (reload)", at: now())
      if recorded.recorded {
        let changed = recorded.previous.map { fingerprint.differences(from: $0.fingerprint) } ?? []
        notes.append(
          "recorded as the database's configuration"
            + (changed.isEmpty ? "" : ": \(changed.map(\.description).joined(separator: "; "))"))
      }
    } catch {
      notes.append("not recorded as the database's configuration (\(error)): commands will see it as changed")
    }
    if let database = configuration.database, database != old.workspace.configuration.database {
      notes.append("the database path changed to \(database): restart to use it")
    }
    let workspace = Workspace(configuration: configuration, store: old.workspace.store, templates: templates)
    lock.withLock { value = Current(workspace: workspace, thresholds: thresholds) }
    return .applied("\(configuration.source): " + notes.joined(separator: "; "))
  }
}
