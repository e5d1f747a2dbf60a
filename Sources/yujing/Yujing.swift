import ArgumentParser
import Foundation
import YujingCore

/// The command line (docs/operate.md#commands), a stable contract that scripts and tests use.
@main
struct Yujing: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "yujing",
    abstract: "预警: economic-indicator early warning, graded reminders and talks, for a city's economic office.",
    discussion: """
      Without --config, every command uses the embedded default configuration (宜春, 360900); without
      --db, the database is ./yujing.sqlite (or the configuration's `database`, or
      $STATE_DIRECTORY/yujing.sqlite under systemd).
      """,
    version: "0.1.0",
    subcommands: [
      Demo.self, Init.self, Check.self, Ingest.self, Targets.self, Evaluate.self, TestRules.self, Notices.self,
      Exemptions.self, Escalate.self, Report.self, Webhooks.self, Deliveries.self, Users.self, Serve.self, Backup.self,
      Forecast.self,
    ]
  )
}

/// The options every command takes.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help:
      "The configuration file (yujing.yaml). Default: $CONFIGURATION_DIRECTORY/yujing.yaml, else the embedded 宜春 one.")
  var config: String?

  @Option(name: .long, help: "The SQLite database. Default: the configuration's, else ./yujing.sqlite.")
  var db: String?

  func loadConfiguration() throws -> Configuration {
    guard let path = config ?? Self.systemdConfiguration() else { return try Configuration.embeddedDefault() }
    return try ConfigurationDecoder.load(path: path)
  }

  /// Under systemd, `$CONFIGURATION_DIRECTORY/yujing.yaml` when it exists (docs/operate.md#configuration), so that a
  /// command run inside the service's environment reads the office's configuration, not the
  /// embedded sample.
  static func systemdConfiguration(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    guard let directory = environment["CONFIGURATION_DIRECTORY"]?.split(separator: ":").first else { return nil }
    let path = "\(directory)/yujing.yaml"
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }

  func openWorkspace(now: Date = Date()) throws -> Workspace {
    let configuration = try loadConfiguration()
    let path = DatabaseLocation.resolve(flag: db, configuration: configuration)
    return try Workspace.open(configuration: configuration, databasePath: path, now: now)
  }
}

/// A failure the user can act on: printed as one line, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Standard error, for messages that must not mix into a command's output.
enum Console {
  static func error(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
