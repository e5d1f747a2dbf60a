import Foundation
import YujingCore

/// Where a start's time goes before the server binds (`--phases`): the steps `yujing serve` takes
/// in order — read the configuration, open the workspace (templates, migrations, the catalogue
/// kept in step), load the thresholds — timed in this process, each the median of `repetitions`.
enum DaemonPhases {
  static func run(configurationFile: URL, database: URL, repetitions: Int) throws {
    for (name, load) in [
      ("national", { try ConfigurationDecoder.load(path: configurationFile.path) }),
      ("embedded", { try Configuration.embeddedDefault() }),
    ] as [(String, () throws -> Configuration)] {
      var configuration = try load()
      let decode = try measure(repeat: repetitions) { configuration = try load() }
      let open = try measure(repeat: repetitions) {
        _ = try Workspace.open(configuration: configuration, databasePath: database.path, now: Date())
      }
      // The part of the open that grows with the configuration: one upsert per region and indicator.
      let store = try Store(path: database.path)
      let sync = try measure(repeat: repetitions) { try store.syncCatalogue(configuration) }
      let thresholds = try measure(repeat: repetitions) { _ = try Thresholds.load(configuration: configuration) }
      print(
        String(
          format: "  %@ (%d regions): configuration %.0f ms, Workspace.open %.0f ms (of which syncCatalogue %.0f ms), "
            + "Thresholds.load %.0f ms",
          name, configuration.regions.count, decode * 1000, open * 1000, sync * 1000, thresholds * 1000))
    }
  }
}
