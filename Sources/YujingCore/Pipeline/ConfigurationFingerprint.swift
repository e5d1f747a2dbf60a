import Crypto
import Foundation

/// What a database was made with: the SHA-256 of every file of the configuration as it is loaded
/// (the configuration file, the rule files, escalation ladder and holiday calendars of its
/// thresholds, and the office's templates when it names a directory of them). The database keeps
/// the fingerprint of the configuration that made it, so that a command run with another one,
/// the embedded default instead of the office's file for instance, is caught before it
/// evaluates with rules the office never used.
public struct ConfigurationFingerprint: Sendable, Hashable {
  /// The configuration file's path, or `Configuration.embeddedSource`.
  public var source: String
  /// The file's name → its SHA-256, hex: `yujing.yaml`, `thresholds/indicators.yaml`,
  /// `thresholds/calendar/2020.yaml`, `templates/talk.mustache`.
  public var files: [String: String]

  public init(source: String, files: [String: String]) {
    self.source = source
    self.files = files
  }

  /// One SHA-256 over the files' names and hashes: equal digests, equal configurations.
  public var digest: String {
    var hasher = SHA256()
    for (name, hash) in files.sorted(by: { $0.key < $1.key }) {
      hasher.update(data: Data("\(name) \(hash)\n".utf8))
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }

  /// The name the configuration file is known by, whatever it is called on disk.
  public static let configurationFile = "yujing.yaml"

  /// The fingerprint of a configuration as it would be loaded now: its own file (the embedded
  /// default's when it is that) and the files of its thresholds and templates directories.
  public static func of(_ configuration: Configuration) throws -> ConfigurationFingerprint {
    var files: [String: String] = [:]
    // A configuration built in memory (tests) has no file to read: its thresholds still count.
    let configurationData =
      configuration.isEmbeddedDefault
      ? try EmbeddedFiles.data("default/yujing.yaml") : FileManager.default.contents(atPath: configuration.source)
    if let configurationData { files[configurationFile] = hash(configurationData) }
    let thresholds = Thresholds.directory(for: configuration)
    for url in RuleSet.ruleFiles(in: thresholds) + [thresholds.appendingPathComponent("escalation.yaml")] {
      if let data = FileManager.default.contents(atPath: url.path) {
        files["thresholds/\(url.lastPathComponent)"] = hash(data)
      }
    }
    for (name, data) in yamlFiles(in: thresholds.appendingPathComponent("calendar")) {
      files["thresholds/calendar/\(name)"] = hash(data)
    }
    if let templates = NoticeTemplates.directory(for: configuration) {
      for name in NoticeTemplates.names {
        if let data = FileManager.default.contents(atPath: templates.appendingPathComponent("\(name).mustache").path) {
          files["templates/\(name).mustache"] = hash(data)
        }
      }
    }
    return ConfigurationFingerprint(source: configuration.source, files: files)
  }

  /// How another fingerprint's files differ from this one's, file by file, in name order.
  public func differences(from earlier: ConfigurationFingerprint) -> [Difference] {
    Set(files.keys).union(earlier.files.keys).sorted().compactMap { name in
      switch (earlier.files[name], files[name]) {
      case (nil, .some): Difference(file: name, change: .added)
      case (.some, nil): Difference(file: name, change: .removed)
      case (.some(let old), .some(let new)) where old != new: Difference(file: name, change: .changed)
      default: nil
      }
    }
  }

  public struct Difference: Sendable, Hashable, CustomStringConvertible {
    public enum Change: String, Sendable {
      case added, removed, changed
    }

    public var file: String
    public var change: Change

    public var description: String {
      switch change {
      case .added: "\(file) is new (the database's configuration has no such file)"
      case .removed: "\(file) is missing (the database's configuration has it)"
      case .changed: "\(file) differs"
      }
    }
  }

  static func hash(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
  }

  private static func yamlFiles(in directory: URL) -> [(String, Data)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { name in
      FileManager.default.contents(atPath: directory.appendingPathComponent(name).path).map { (name, $0) }
    }
  }
}
