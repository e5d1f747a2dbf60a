import ArgumentParser
import Foundation
import YujingCore

struct Backup: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write an online, consistent copy of the database (safe while yujing serve runs).")

  @OptionGroup var global: GlobalOptions
  @Option(help: "The copy's path; it must not exist.") var out: String

  func run() throws {
    let store = try global.openWorkspace().store
    do {
      try store.backup(to: out)
    } catch let error as Store.BackupError {
      throw CommandFailure(error.description)
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
    print("backup: \(out) (\(size / 1024) KB), integrity ok")
  }
}
