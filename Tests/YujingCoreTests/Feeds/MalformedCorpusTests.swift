import Foundation
import GRDB
import Hummingbird
import Testing

@testable import YujingCore
@testable import YujingServer

/// One file of `Fixtures/malformed` and what reading it must come to, from `manifest.json`.
struct CorpusCase: Decodable, Sendable, CustomTestStringConvertible {
  enum Kind: String, Decodable, Sendable {
    /// The `stats` feed, read by the file's extension (CSV, JSON or the bureau's XLSX table).
    case indicators
    /// The `projects` feed.
    case projects
    /// An annual targets file (`yujing targets import`).
    case targets
    /// A 督办台账 file (`yujing problems import`).
    case problems
    /// A rule file, alone in a thresholds directory (`yujing check`).
    case rules
    /// A configuration file (`yujing check`).
    case configuration
    /// A page's form body (`application/x-www-form-urlencoded`), within the pages' caps.
    case form
    /// The 整改 report's `multipart/form-data` body, boundary `yujing-corpus`, within its caps.
    case multipart
  }

  enum Outcome: String, Decodable, Sendable {
    /// Unreadable as a whole: nothing applied, the run recorded as failed with the message.
    case error
    /// Every row taken.
    case ok
    /// The good rows taken, each bad one reported with where it is.
    case partial
  }

  var file: String
  var kind: Kind
  var outcome: Outcome
  /// Rows taken (rules loaded, for a rule file; fields and files, for a body).
  var accepted: Int?
  var rejected: Int?
  /// Text the error (or, for a partial run, the rejections together) must contain: what is
  /// wrong, where it is, what to do.
  var says: [String]
  /// Why this outcome is the right one, for the reader of the manifest.
  var why: String
  /// The encoding the file is declared in (`--encoding`), when not UTF-8.
  var encoding: String?

  var declaredEncoding: TextEncoding? { encoding.flatMap(TextEncoding.init(name:)) }

  var testDescription: String { file }

  static let directory = Fixtures.url("malformed")

  static let all: [CorpusCase] = {
    do {
      let data = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
      return try JSONDecoder().decode([CorpusCase].self, from: data)
    } catch {
      // An unreadable manifest must fail the run, not shrink it to nothing.
      return [
        CorpusCase(
          file: "manifest.json", kind: .rules, outcome: .error, says: ["\(error)"], why: "unreadable", encoding: nil)
      ]
    }
  }()
}

/// The malformed-input corpus through the real path into a real SQLite store: each file gives a
/// clear error or a correct parse, never a crash and never a half-applied run.
@Suite struct MalformedCorpusTests {
  /// What a run may have changed, table by table.
  struct Snapshot: Equatable {
    var counts: [String: Int]

    static let tables = [
      "observation", "observation_revision", "project", "project_progress", "milestone", "target", "feed_run",
    ]

    init(_ store: Store) throws {
      counts = try store.writer.read { db in
        var counts: [String: Int] = [:]
        for table in Self.tables { counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
        return counts
      }
    }
  }

  @Test func theManifestNamesEveryFileOfTheCorpusOnce() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: CorpusCase.directory.path)
      .filter { $0 != "manifest.json" }
    let listed = CorpusCase.all.map(\.file)
    #expect(Set(listed).count == listed.count, "a file is listed twice")
    #expect(
      Set(files) == Set(listed),
      "unlisted: \(Set(files).subtracting(listed)); missing: \(Set(listed).subtracting(files))")
    #expect(listed.count >= 120)
    print("malformed corpus: \(listed.count) files")
  }

  @Test(arguments: CorpusCase.all)
  func eachFileIsReadOrRefusedWholeAsItsManifestSays(_ entry: CorpusCase) throws {
    let data = try Data(contentsOf: CorpusCase.directory.appendingPathComponent(entry.file))
    switch entry.kind {
    case .indicators, .projects: try ingest(entry, data)
    case .targets: try importTargets(entry, data)
    case .problems: try importProblems(entry, data)
    case .rules: try loadRules(entry, data)
    case .configuration: checkConfiguration(entry, data)
    case .form, .multipart: try readBody(entry, data)
    }
  }

  /// Feed files through the `yujing ingest` binary, as an operator runs it: exit 1 with "nothing
  /// was applied" for a file that gives nothing, 0 for a file read whole or in part, never a
  /// crash. One file of each feed, format and outcome (and every empty one): a process each,
  /// one after another, so not all 76.
  @Test func yujingIngestExitsAsTheManifestSaysForEachKindOfFile() throws {
    let directory = try TemporaryDirectory()
    var seen: Set<String> = []
    let chosen = CorpusCase.all.filter { entry in
      guard entry.kind == .indicators || entry.kind == .projects else { return false }
      let kind = "\(entry.kind) \(URL(fileURLWithPath: entry.file).pathExtension) \(entry.outcome)"
      return seen.insert(kind).inserted || entry.accepted == 0
    }
    #expect(chosen.count >= 12)
    for entry in chosen {
      let path = CorpusCase.directory.appendingPathComponent(entry.file).path
      let feed = entry.kind == .indicators ? "stats" : "projects"
      let result = try YujingCommand.run(
        ["ingest", "--db", directory.path("\(entry.file).sqlite"), "--feed", feed, path]
          + (entry.encoding.map { ["--encoding", $0] } ?? []))
      let failed = entry.outcome == .error || entry.accepted == 0 && (entry.rejected ?? 0) > 0
      #expect(result.status == (failed ? 1 : 0), "\(entry.file): \(result.out)\(result.err)")
      #expect(result.out.contains("from \(path): \(failed ? "failed" : entry.outcome.rawValue)"), "\(result.out)")
      if failed {
        #expect(result.out.contains("nothing was applied: "), "\(entry.file): \(result.out)")
      }
      if entry.outcome == .ok && entry.accepted == 0 {
        #expect(result.out.contains("note: the file holds no rows"), "\(entry.file): \(result.out)")
      }
    }
  }

  private func ingest(_ entry: CorpusCase, _ data: Data) throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let ingestion = Ingestion(workspace: workspace, clock: { fixedNow })
    // Figures already stored, so that "nothing applied" is a count that could have moved.
    _ = try ingestion.run(feed: "stats", input: .init(source: "seed.csv", data: Data(sampleRows.utf8)))
    let before = try Snapshot(workspace.store)
    let feed = entry.kind == .indicators ? "stats" : "projects"
    let summary = try ingestion.run(
      feed: feed, input: .init(source: entry.file, data: data), encoding: entry.declaredEncoding)
    let after = try Snapshot(workspace.store)
    let run = try #require(try workspace.store.feedRuns(feed: feed).first)
    let rejections = summary.rejections.map(\.description).joined(separator: "\n")
    switch entry.outcome {
    case .error:
      #expect(summary.status == .failed, "\(summary)")
      #expect(summary.accepted == 0)
      var expected = before
      expected.counts["feed_run", default: 0] += 1
      #expect(after == expected, "a failed run changed the store")
      #expect(run.status == .failed)
      let message = try #require(run.message, "the failed run has no message")
      for text in entry.says { #expect(message.contains(text), "'\(text)' not in: \(message)") }
    case .ok, .partial:
      #expect(summary.status == (entry.outcome == .ok ? .ok : .partial), "\(summary)")
      #expect(summary.accepted == entry.accepted, "\(summary)")
      #expect(summary.rejected == (entry.rejected ?? 0), "\(rejections)")
      if entry.kind == .indicators {
        #expect(after.counts["observation"] == before.counts["observation"]! + summary.inserted)
      }
      // Every bad row says where it is: a line, a JSON element, a row or a cell.
      for rejection in summary.rejections {
        let location = rejection.location
        #expect(location.line != nil || location.record != nil || location.cell != nil, "\(rejection)")
      }
      // What the run reports: each rejection with its place, and the run's own message.
      let reported = rejections + "\n" + (run.message ?? "")
      for text in entry.says { #expect(reported.contains(text), "'\(text)' not in: \(reported)") }
    }
  }

  private func importTargets(_ entry: CorpusCase, _ data: Data) throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let before = try Snapshot(workspace.store)
    let ingestion = Ingestion(workspace: workspace, clock: { fixedNow })
    switch entry.outcome {
    case .error:
      do {
        let summary = try ingestion.importTargets(
          .init(source: entry.file, data: data), encoding: entry.declaredEncoding ?? .utf8)
        Issue.record("imported: \(summary)")
      } catch let error as FeedReadError {
        for text in entry.says { #expect(error.description.contains(text), "'\(text)' not in: \(error)") }
      }
      var expected = before
      expected.counts["feed_run", default: 0] += 1
      #expect(try Snapshot(workspace.store) == expected, "a refused targets file changed more than its run")
      #expect(try workspace.store.feedRuns(feed: "targets").first?.status == .failed)
    case .ok, .partial:
      let summary = try ingestion.importTargets(
        .init(source: entry.file, data: data), encoding: entry.declaredEncoding ?? .utf8)
      #expect(summary.imported + summary.replaced == entry.accepted, "\(summary)")
      // The import is a feed run; one whose every row was refused has failed.
      let failed = entry.accepted == 0 && (entry.rejected ?? 0) > 0
      #expect(summary.run?.status == (failed ? .failed : entry.outcome == .ok ? .ok : .partial), "\(summary)")
      #expect(summary.rejections.count == (entry.rejected ?? 0), "\(summary.rejections)")
      let rejections = summary.rejections.map(\.description).joined(separator: "\n")
      for text in entry.says { #expect(rejections.contains(text), "'\(text)' not in: \(rejections)") }
    }
  }

  /// A ledger file is read whole or refused whole; a refused one stores nothing.
  private func importProblems(_ entry: CorpusCase, _ data: Data) throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let thresholds = try Thresholds.load(configuration: workspace.configuration)
    let read = {
      try ProblemFile.read(
        data, isWorkbook: entry.file.hasSuffix(".xlsx"), encoding: entry.declaredEncoding ?? .utf8,
        units: ProblemCSV.Units(configuration: workspace.configuration), calendar: thresholds.calendar)
    }
    switch entry.outcome {
    case .error:
      do {
        let batch = try read()
        Issue.record("read: \(batch.rows.count) rows, \(batch.rejections)")
      } catch let error as FeedReadError {
        for text in entry.says { #expect(error.description.contains(text), "'\(text)' not in: \(error)") }
      }
    case .ok, .partial:
      let batch = try read()
      let summary = try workspace.store.importProblems(batch, day: Day("2020-12-01")!, actor: "t", at: fixedNow)
      #expect(summary.added.count == entry.accepted, "\(summary.added)")
      #expect(try workspace.store.problemStandings().count == entry.accepted)
      #expect(summary.rejections.count == (entry.rejected ?? 0), "\(summary.rejections)")
      let rejections = summary.rejections.map(\.description).joined(separator: "\n")
      for text in entry.says { #expect(rejections.contains(text), "'\(text)' not in: \(rejections)") }
    }
  }

  private func loadRules(_ entry: CorpusCase, _ data: Data) throws {
    let directory = try TemporaryDirectory()
    try data.write(to: directory.url.appendingPathComponent("rules.yaml"))
    let configuration = try YujingCore.Configuration.embeddedDefault()
    switch entry.outcome {
    case .error:
      do {
        let rules = try RuleSet.load(directory: directory.url, configuration: configuration)
        Issue.record("loaded \(rules.rules.count) rule(s)")
      } catch {
        let text = error.description
        for expected in entry.says { #expect(text.contains(expected), "'\(expected)' not in: \(text)") }
      }
    case .ok, .partial:
      let rules = try RuleSet.load(directory: directory.url, configuration: configuration)
      #expect(rules.rules.count == entry.accepted)
    }
  }

  private func checkConfiguration(_ entry: CorpusCase, _ data: Data) {
    do {
      let configuration = try ConfigurationDecoder.decode(data, file: "yujing.yaml")
      #expect(entry.outcome == .ok, "\(entry.file) was read: \(configuration.regions.count) regions")
      if let accepted = entry.accepted { #expect(configuration.regions.count == accepted) }
    } catch {
      let text = error.diagnostics.map(\.description).joined(separator: "\n")
      #expect(entry.outcome == .error, "\(entry.file): \(text)")
      for expected in entry.says { #expect(text.contains(expected), "'\(expected)' not in: \(text)") }
    }
  }

  /// A body as a route reads it: refused whole past a cap (413), else its fields and files.
  private func readBody(_ entry: CorpusCase, _ data: Data) throws {
    let limits: BodyReader.Limits = entry.kind == .form ? .form : .upload
    do {
      guard data.count <= limits.bytes else {
        throw BodyReader.tooLarge("the body is \(data.count) bytes; this address takes at most \(limits.bytes)")
      }
      let count: Int
      if entry.kind == .form {
        count = try FormFields.parse(Array(data), maximumFields: limits.fields).count
      } else {
        let parsed = try Multipart.parse(Array(data), boundary: "yujing-corpus", limits: limits)
        count = parsed.fields.count + parsed.files.count
        for text in entry.says {
          let shown = parsed.files.values.map { $0.fileName } + [parsed.fields["text"] ?? ""]
          #expect(shown.contains(text), "'\(text)' not in \(shown)")
        }
      }
      #expect(entry.outcome == .ok, "\(entry.file) was read: \(count) field(s)")
      #expect(count == entry.accepted, "\(entry.file)")
    } catch let error as HTTPError {
      #expect(entry.outcome == .error, "\(entry.file): \(error)")
      #expect(error.status == .contentTooLarge)
      for text in entry.says { #expect((error.body ?? "").contains(text), "'\(text)' not in: \(error)") }
    }
  }

}
