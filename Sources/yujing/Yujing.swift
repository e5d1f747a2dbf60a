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
      Without --config, every command uses the embedded default configuration (宜春, 360900); without \
      --db, the database is ./yujing.sqlite (or the configuration's `database`, or \
      $STATE_DIRECTORY/yujing.sqlite under systemd).

      Only init --db, demo, serve, ingest, targets import and problems import create a database; every other command \
      refuses a path where there is none. A database records the configuration it is worked with \
      (the configuration file, its thresholds and templates); a command run with another one says \
      which files differ and stops, unless --accept-config (serve records a changed one itself).
      """,
    version: "0.1.0",
    subcommands: [
      Demo.self, Init.self, Check.self, Ingest.self, Targets.self, Evaluate.self, TestRules.self, Notices.self,
      Exemptions.self, Escalate.self, Report.self, Webhooks.self, Deliveries.self, Users.self, Serve.self, Backup.self,
      Forecast.self, Problems.self, Reports.self, Appeals.self,
    ]
  )

  /// Parses and runs the command, after looking for a misspelt command word.
  static func main() async {
    if let message = CommandSuggestion.message(for: Array(CommandLine.arguments.dropFirst()), root: Yujing.self) {
      exit(withError: ValidationError(message))
    }
    await main(nil)
  }
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

  @Flag(
    name: .customLong("accept-config"),
    help: ArgumentHelp(
      "Go on although the database was worked with another configuration, and record this one as the database's.",
      discussion:
        "Without it, a command whose configuration differs from the one the database records stops and says which files differ."
    ))
  var acceptConfig = false

  /// Opens the configuration and its database. Only the commands that bring data in (and `serve`)
  /// may create the database; the others refuse a missing file, so that a mistyped `--db` is not
  /// a new, empty database. A database worked with another configuration stops the command unless
  /// `--accept-config` (then the new one is recorded; `recording: false` records nothing).
  func openWorkspace(now: Date = Date(), creating: Bool = false, recording: Bool = true) throws -> Workspace {
    let configuration = try loadConfiguration()
    let path = DatabaseLocation.resolve(flag: db, configuration: configuration)
    let policy: Workspace.ConfigurationPolicy = !acceptConfig ? .refuse : recording ? .record : .leaveUnrecorded
    do {
      return try Workspace.open(
        configuration: configuration, databasePath: path, now: now,
        opening: Workspace.Opening(mayCreate: creating, configurationChange: policy, recordedBy: Self.commandName()))
    } catch let missing as DatabaseMissing {
      throw CommandFailure(missing.description)
    } catch let changed as ConfigurationChanged {
      throw CommandFailure(changed.description)
    }
  }

  /// The command as typed, without its options and arguments: `notices approve`.
  static func commandName(_ arguments: [String] = CommandLine.arguments) -> String {
    let words = arguments.dropFirst().prefix { word in word.first?.isLetter == true }.prefix(2)
    return (["yujing"] + words).joined(separator: " ")
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
