import ArgumentParser
import Foundation
import YujingCore

struct Ingest: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "One feed run from a file (- for standard input) or a URL: stores only, evaluates nothing.",
    discussion: """
      FILE is a path, - for standard input, a file:// URL, or an http(s):// URL. Without FILE the \
      feed's configured url is pulled. A pull from http(s) is what the daemon's schedule does: a \
      conditional request (an unchanged file answers 304 and is recorded as a run that applied \
      nothing), the feed's timeout_seconds per attempt, up to 3 attempts after network errors, \
      5xx and 429, and the feed's max_bytes as the size limit.

      Exit status: 0 when the run was stored (every row, or the good rows with the rejected ones \
      listed, or nothing because nothing changed); 1 when nothing could be applied (an unreadable \
      file or a failed download, or every row rejected).
      """)

  @OptionGroup var global: GlobalOptions

  @Option(name: .long, help: "The feed's name in the configuration (stats, projects …).")
  var feed: String

  @Argument(
    help: "The file to ingest, - for standard input, or an http(s):// URL; omitted: the feed's configured url.")
  var file: String?

  @Option(name: .long, help: "The milestones CSV of a project feed (project,stage,due,done).")
  var milestones: String?

  @Option(name: .long, help: "Output: text or json.")
  var format: OutputFormat = .text

  @Option(
    name: .long,
    help:
      "The CSV files' character encoding: utf-8, or gb18030 (gbk), what Excel on a Chinese Windows saves; default: the feed's encoding, else utf-8."
  )
  var encoding: TextEncoding?

  func run() async throws {
    // What is wrong with the command itself is said before the database is opened, so that a
    // command that cannot run never creates one.
    let configuration = try global.loadConfiguration()
    guard let configured = configuration.feed(feed) else {
      throw CommandFailure(Ingestion.Failure.unknownFeed(feed, known: configuration.feeds.map(\.name)).description)
    }
    if file == nil && configured.url == nil { throw CommandFailure(FeedPull.Failure.noURL(feed: feed).description) }
    let workspace = try global.openWorkspace(creating: true)
    let summary: FeedRunSummary
    var notModified = false
    if let file, !Ingest.isHTTP(file) {
      let ingestion = Ingestion(workspace: workspace, clock: { Date() })
      let input = try Ingest.read(file)
      let milestoneInput = try milestones.map(Ingest.read)
      summary = try ingestion.run(feed: feed, input: input, milestones: milestoneInput, encoding: encoding)
    } else {
      if milestones != nil {
        throw CommandFailure("--milestones needs the project file as a local FILE, not a pull from a URL")
      }
      if encoding != nil {
        throw CommandFailure(
          "--encoding applies to a local FILE; a pulled feed is read in the encoding its configuration declares")
      }
      do {
        let pulled = try await FeedPull(workspace: workspace, clock: { Date() }).run(feed: feed, url: file)
        summary = pulled.summary
        notModified = pulled.notModified
      } catch let failure as FeedPull.Failure {
        throw CommandFailure(failure.description)
      }
    }
    switch format {
    case .json: print(try FeedRunReport.json(summary, milestones: milestones))
    case .text:
      print(FeedRunReport.text(summary, milestones: milestones), terminator: "")
      if notModified, let message = summary.message { print("  \(message)") }
    }
    if summary.status == .failed { throw ExitCode.failure }
  }

  static func isHTTP(_ source: String) -> Bool {
    let lowered = source.lowercased()
    return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
  }

  static func read(_ source: String) throws -> Ingestion.Input {
    do {
      return Ingestion.Input(source: source, data: try FeedSource.readLocal(source))
    } catch {
      throw CommandFailure("cannot read \(source): \(error.message)")
    }
  }
}

extension TextEncoding: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }
  public static var allValueStrings: [String] { TextEncoding.names }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
}
