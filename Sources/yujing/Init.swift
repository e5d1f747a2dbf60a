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

  func run() throws {
    let written = try ConfigurationTemplate.write(into: dir, overwrite: force)
    print("wrote \(written.count) file(s) into \(dir):")
    for file in written { print("  \(file)") }
    print(
      """

      Next: edit \(dir)/yujing.yaml for your city, then check it:
        yujing check --config \(dir)/yujing.yaml
      """)
  }
}
