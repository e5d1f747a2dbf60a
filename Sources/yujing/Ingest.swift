import ArgumentParser
import Foundation
import YujingCore

struct Ingest: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "One feed run from a file (- for standard input): stores only, evaluates nothing.",
    discussion: """
      Exit status: 0 when the run was stored (every row, or the good rows with the rejected ones
      listed); 1 when nothing could be applied (an unreadable file, or every row rejected).
      """)

  @OptionGroup var global: GlobalOptions

  @Option(name: .long, help: "The feed's name in the configuration (stats, projects …).")
  var feed: String

  @Argument(help: "The file to ingest, or - for standard input.")
  var file: String

  @Option(name: .long, help: "The milestones CSV of a project feed (project,stage,due,done).")
  var milestones: String?

  @Option(name: .long, help: "Output: text or json.")
  var format: OutputFormat = .text

  func run() throws {
    let workspace = try global.openWorkspace()
    let ingestion = Ingestion(workspace: workspace, clock: { Date() })
    let input = try Ingest.read(file)
    let milestoneInput = try milestones.map(Ingest.read)
    let summary = try ingestion.run(feed: feed, input: input, milestones: milestoneInput)
    switch format {
    case .json: print(try FeedRunReport.json(summary))
    case .text: print(FeedRunReport.text(summary), terminator: "")
    }
    if summary.status == .failed { throw ExitCode.failure }
  }

  static func read(_ source: String) throws -> Ingestion.Input {
    do {
      return Ingestion.Input(source: source, data: try FeedSource.readLocal(source))
    } catch {
      throw CommandFailure("cannot read \(source): \(error.message)")
    }
  }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
}
