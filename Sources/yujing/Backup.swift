import ArgumentParser
import Foundation
import YujingCore

struct Backup: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write an online, consistent copy of the database (safe while yujing serve runs).")

  @OptionGroup var global: GlobalOptions
  @Option(help: "The copy's path; it must not exist.") var out: String

  func run() throws {
    // A copy of the file, whatever configuration it was worked with: a backup from cron must not
    // stop because the configuration was edited.
    let path = DatabaseLocation.resolve(flag: global.db, configuration: try global.loadConfiguration())
    guard FileManager.default.fileExists(atPath: path) else {
      throw CommandFailure(DatabaseMissing(path: path).description)
    }
    let store = try Store(path: path)
    do {
      try store.backup(to: out)
    } catch let error as Store.BackupError {
      throw CommandFailure(error.description)
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
    print("backup: \(out) (\(size / 1024) KB), integrity ok")
  }
}
