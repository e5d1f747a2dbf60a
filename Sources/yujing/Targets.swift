import ArgumentParser
import Foundation
import YujingCore

struct Targets: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Annual targets.", subcommands: [Import.self])

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import targets (year,region,indicator,target_growth,target_value); replaces each target given.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The targets CSV, or - for standard input.")
    var file: String

    func run() throws {
      let workspace = try global.openWorkspace()
      let input = try Ingest.read(file)
      let summary: TargetImportSummary
      do {
        summary = try Ingestion(workspace: workspace, clock: { Date() }).importTargets(input)
      } catch let error as FeedReadError {
        throw CommandFailure("\(file): \(error); nothing was imported")
      }
      print(
        "imported \(summary.imported) new target(s), replaced \(summary.replaced), rejected \(summary.rejections.count)"
      )
      for note in summary.notes { print("note: \(note)") }
      for rejection in summary.rejections { print("  \(file): \(rejection)") }
      try UnjudgedTargetsReport.print(workspace, targets: summary.targets)
      if summary.imported + summary.replaced == 0 && !summary.rejections.isEmpty { throw ExitCode.failure }
    }
  }
}
