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

    @Option(
      name: .long,
      help:
        "The file's character encoding: utf-8 (the default), or gb18030 (gbk), what Excel on a Chinese Windows saves."
    )
    var encoding: TextEncoding = .utf8

    func run() throws {
      let workspace = try global.openWorkspace(creating: true)
      let input = try Ingest.read(file)
      let summary: TargetImportSummary
      do {
        summary = try Ingestion(workspace: workspace, clock: { Date() }).importTargets(input, encoding: encoding)
      } catch let error as FeedReadError {
        throw CommandFailure("\(file): \(error); nothing was imported (the failed run is recorded)")
      }
      print(
        "imported \(summary.imported) new target(s), replaced \(summary.replaced), rejected \(summary.rejections.count)"
      )
      if let run = summary.run {
        print(FeedRunReport.text(run), terminator: "")
      } else {
        for note in summary.notes { print("note: \(note)") }
        for rejection in summary.rejections { print("  \(file): \(rejection)") }
      }
      try UnjudgedTargetsReport.print(workspace, targets: summary.targets)
      if summary.run?.status == .failed || summary.imported + summary.replaced == 0 && !summary.rejections.isEmpty {
        throw ExitCode.failure
      }
    }
  }
}
