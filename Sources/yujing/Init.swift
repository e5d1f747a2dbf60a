import ArgumentParser
import Foundation
import YujingCore

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write an editable configuration (yujing.yaml) and a copy of the default thresholds.")

  @Option(name: .long, help: "The directory to write into (created if needed).")
  var dir: String

  @Flag(name: .long, help: "Overwrite files that already exist.")
  var force = false

  @Option(
    name: .long,
    help: "Also create the database here, recording the configuration just written as the one it is worked with.")
  var db: String?

  func run() throws {
    if let db, FileManager.default.fileExists(atPath: db) {
      throw CommandFailure("\(db) already exists; init creates a new database only, choose another --db")
    }
    let written = try ConfigurationTemplate.write(into: dir, overwrite: force)
    print("wrote \(written.count) file(s) into \(dir):")
    for file in written { print("  \(file)") }
    if let db {
      let configuration = try ConfigurationDecoder.load(path: "\(dir)/yujing.yaml")
      _ = try Workspace.open(
        configuration: configuration, databasePath: db, now: Date(),
        opening: Workspace.Opening(recordedBy: "yujing init"))
      print("created the database \(db) for \(dir)/yujing.yaml")
      print(
        "(once the configuration is edited, the first command on it takes --accept-config; `yujing serve` records it itself)"
      )
    }
    print(
      """

      Next: edit \(dir)/yujing.yaml for your city, then check it:
        yujing check --config \(dir)/yujing.yaml
      """)
  }
}
