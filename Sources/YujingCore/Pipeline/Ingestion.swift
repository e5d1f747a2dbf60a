import Foundation

/// One feed run from bytes already in hand (`yujing ingest`;
/// docs/architecture.md#feeds-and-ingestion): choose the parser, parse, check every row, and write
/// the run in one transaction. Stores only; evaluates nothing.
public struct Ingestion: Sendable {
  public let workspace: Workspace
  public let clock: @Sendable () -> Date

  public init(workspace: Workspace, clock: @escaping @Sendable () -> Date) {
    self.workspace = workspace
    self.clock = clock
  }

  public struct Input: Sendable {
    /// How the source is named in the run record: a path, a URL, or `-`.
    public var source: String
    public var data: Data

    public init(source: String, data: Data) {
      self.source = source
      self.data = data
    }
  }

  public enum Failure: Error, CustomStringConvertible {
    case unknownFeed(String, known: [String])
    case unknownFormat(source: String)
    case unsupported(String)

    public var description: String {
      switch self {
      case .unknownFeed(let name, let known):
        "there is no feed '\(name)' in the configuration (feeds: \(known.joined(separator: ", ")))"
      case .unknownFormat(let source):
        "cannot tell the format of \(source): name the file .csv, .json, .xlsx or .xls, or set the feed's format"
      case .unsupported(let message): message
      }
    }
  }

  /// Runs one feed; an unreadable file is recorded as a failed run and changes nothing else.
  ///
  /// `encoding` is the text files' encoding when given (`--encoding`), else the feed's own.
  public func run(feed name: String, input: Input, milestones: Input? = nil, encoding: TextEncoding? = nil) throws
    -> FeedRunSummary
  {
    let configuration = workspace.configuration
    guard let feed = configuration.feed(name) else {
      throw Failure.unknownFeed(name, known: configuration.feeds.map(\.name))
    }
    let startedAt = clock()
    let format = try Ingestion.format(of: input.source, feed: feed)
    let catalogue = FeedCatalogue(configuration: configuration)
    func info() -> FeedRunInfo {
      var info = FeedRunInfo(
        feed: feed.name, kind: feed.kind.rawValue, source: input.source, format: format.rawValue,
        startedAt: startedAt, finishedAt: clock())
      // A scheduled feed is the daemon's to evaluate, however its run came in.
      info.awaitsEvaluation = feed.schedule != nil
      return info
    }
    let declared = encoding ?? feed.encoding ?? .utf8
    do {
      if declared != .utf8 && format != .csv {
        throw FeedReadError(
          "the encoding \(declared.rawValue) applies to CSV files, and this file is read as \(format.rawValue); drop the encoding for it"
        )
      }
      let data = try TextEncoding.utf8Data(input.data, declared: declared)
      switch feed.kind {
      case .indicators:
        if milestones != nil {
          throw Failure.unsupported("--milestones belongs to a project feed; \(feed.name) is an indicator feed")
        }
        if format == .csv {
          return try PipelinedIngest.run(data, catalogue: catalogue, store: workspace.store, info: info)
        }
        let batch = try IndicatorParsing.parse(data, format: format, mapping: feed.xlsx, catalogue: catalogue)
        return try workspace.store.recordIndicatorRun(info(), batch: batch)
      case .projects:
        let known = try workspace.store.projectCodes()
        let milestoneData: Data?
        do {
          milestoneData = try milestones.map { milestones throws(FeedReadError) in
            try TextEncoding.utf8Data(milestones.data, declared: declared)
          }
        } catch {
          throw FeedReadError("the milestones file: \(error.message)", at: error.position)
        }
        let batch = try ProjectParsing.parse(
          data, format: format, milestones: milestoneData, catalogue: catalogue, knownProjects: known)
        return try workspace.store.recordProjectRun(info(), batch: batch)
      }
    } catch let error as FeedReadError {
      return try workspace.store.recordFailedRun(info(), error: error)
    }
  }

  /// A file's format (`FeedConfiguration.format(of:)`), or the failure that names the extensions.
  static func format(of source: String, feed: FeedConfiguration) throws -> FeedFormat {
    guard let format = feed.format(of: source) else { throw Failure.unknownFormat(source: source) }
    return format
  }

  /// Imports an annual targets file (docs/operate.md#configuration) in one transaction.
  ///
  /// The import is a feed run of kind `targets`, kept with its rejected rows. A file that cannot
  /// be read is recorded as a failed run and its error thrown: nothing of it is imported.
  public func importTargets(_ input: Input, encoding: TextEncoding = .utf8) throws -> TargetImportSummary {
    let catalogue = FeedCatalogue(configuration: workspace.configuration)
    let startedAt = clock()
    func info() -> FeedRunInfo {
      FeedRunInfo(
        feed: "targets", kind: "targets", source: input.source, format: FeedFormat.csv.rawValue, startedAt: startedAt,
        finishedAt: clock())
    }
    let batch: TargetBatch
    do {
      batch = try TextEncoding.utf8Data(input.data, declared: encoding).withFeedBytes { bytes throws(FeedReadError) in
        try TargetCSV.parse(bytes, catalogue: catalogue)
      }
    } catch {
      _ = try workspace.store.recordFailedRun(info(), error: error)
      throw error
    }
    return try workspace.store.recordTargetRun(info(), batch: batch)
  }
}

/// A canonical CSV read on one thread while the rows already read are written on another, in one
/// transaction: on two cores a million-row file takes about as long as the writing alone.
enum PipelinedIngest {
  static let chunkRows = 50_000

  static func run(
    _ data: Data, catalogue: FeedCatalogue, store: Store, info: () -> FeedRunInfo
  ) throws -> FeedRunSummary {
    try data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      // Everything that makes the file unreadable is found here, before the transaction begins.
      let reader = try IndicatorCSV.Reader(bytes, catalogue: catalogue)
      let channel = ChunkChannel<IndicatorBatch>()
      let done = DispatchSemaphore(value: 0)
      let work = ReaderWork(reader: reader, channel: channel)
      Thread {
        work.run()
        done.signal()
      }.start()
      // The reader must stop before the bytes go out of scope, whatever the writer does.
      defer {
        channel.cancel()
        done.wait()
      }
      return try store.recordIndicatorRun(info(), chunks: channel.receive)
    }
  }

  /// The reading side, handed to its thread. The reader points into bytes that the calling
  /// function keeps alive until the thread has signalled.
  final class ReaderWork: @unchecked Sendable {
    var reader: IndicatorCSV.Reader
    let channel: ChunkChannel<IndicatorBatch>

    init(reader: IndicatorCSV.Reader, channel: ChunkChannel<IndicatorBatch>) {
      self.reader = reader
      self.channel = channel
    }

    func run() {
      while let chunk = reader.next(rows: PipelinedIngest.chunkRows) {
        guard channel.send(chunk) else { return }
      }
      channel.finish()
    }
  }
}

/// Chooses the indicator parser for a format.
public enum IndicatorParsing {
  static func parse(_ data: Data, format: FeedFormat, mapping: XLSXMapping?, catalogue: FeedCatalogue)
    throws(FeedReadError) -> IndicatorBatch
  {
    switch format {
    case .csv:
      return try data.withFeedBytes { bytes throws(FeedReadError) in
        try IndicatorCSV.parse(bytes, catalogue: catalogue)
      }
    case .json:
      return try IndicatorJSON.parse(data, catalogue: catalogue)
    case .xlsx:
      return try BureauTable.parse(data, mapping: mapping, catalogue: catalogue)
    case .xls:
      return try BureauTable.parseXLS(data, mapping: mapping, catalogue: catalogue)
    }
  }
}

/// Chooses the project parser for a format.
enum ProjectParsing {
  static func parse(
    _ data: Data, format: FeedFormat, milestones: Data?, catalogue: FeedCatalogue, knownProjects: Set<String>
  ) throws(FeedReadError) -> ProjectBatch {
    switch format {
    case .csv:
      return try data.withFeedBytes { projects throws(FeedReadError) in
        guard let milestones else {
          return try ProjectCSV.parse(projects, milestones: nil, catalogue: catalogue, knownProjects: knownProjects)
        }
        return try milestones.withFeedBytes { milestoneBytes throws(FeedReadError) in
          try ProjectCSV.parse(
            projects, milestones: milestoneBytes, catalogue: catalogue,
            knownProjects: knownProjects)
        }
      }
    case .json:
      if milestones != nil {
        throw FeedReadError("a JSON project file carries its milestones inside each project; drop --milestones")
      }
      return try ProjectJSON.parse(data, catalogue: catalogue, knownProjects: knownProjects)
    case .xlsx, .xls:
      throw FeedReadError("project feeds are read as CSV or JSON; export the project table as CSV (UTF-8)")
    }
  }
}

extension IndicatorParsing {
  /// For the benchmarks: the CSV parse and row checks alone.
  public static func parseForBenchmark(_ data: Data, catalogue: FeedCatalogue) throws -> IndicatorBatch {
    try parse(data, format: .csv, mapping: nil, catalogue: catalogue)
  }
}
