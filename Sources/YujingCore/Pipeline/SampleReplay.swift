import Foundation

/// The embedded 宜春 sample (invented data) replayed through the real feed path: history first,
/// then each month's files on the day they reach the office (`sample/arrivals.csv`), so that
/// every run carries the date it would have had.
public struct SampleReplay: Sendable {
  public let workspace: Workspace

  public init(workspace: Workspace) {
    self.workspace = workspace
  }

  /// One file of the sample, due to arrive on a given day.
  public struct Arrival: Sendable, Hashable {
    public var period: Period
    public var feed: String
    public var day: Day
  }

  /// The monthly arrivals, in order of arrival.
  public static func arrivals() throws -> [Arrival] {
    let text = String(decoding: try EmbeddedFiles.data("sample/arrivals.csv"), as: UTF8.self)
    return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
      let fields = line.split(separator: ",").map(String.init)
      guard fields.count == 3, let period = Period(fields[0]), let day = Day(fields[2]) else { return nil }
      return Arrival(period: period, feed: fields[1], day: day)
    }.sorted { ($0.day, $0.feed) < ($1.day, $1.feed) }
  }

  /// The instant of a day's arrival: 10:00 in the city's time zone.
  public func instant(of day: Day, hour: Int = 10) -> Date {
    var components = DateComponents()
    (components.year, components.month, components.day, components.hour) = (day.year, day.month, day.day, hour)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = workspace.configuration.city.timeZone
    return calendar.date(from: components)!
  }

  /// Imports the sample's own targets and the history, as of the first of January 2020.
  public func loadBaseline() throws -> (targets: TargetImportSummary, history: FeedRunSummary) {
    let start = instant(of: Day(year: 2020, month: 1, day: 2)!)
    let ingestion = Ingestion(workspace: workspace, clock: { start })
    let targets = try ingestion.importTargets(try input("sample/targets-sample.csv"))
    let history = try ingestion.run(feed: "stats", input: try input("sample/indicators-history.csv"))
    return (targets, history)
  }

  /// Ingests one month's file of one feed, stamped with its arrival.
  public func ingest(_ arrival: Arrival) throws -> FeedRunSummary {
    let moment = instant(of: arrival.day)
    let ingestion = Ingestion(workspace: workspace, clock: { moment })
    let month = arrival.period.description
    switch arrival.feed {
    case "projects":
      return try ingestion.run(
        feed: "projects", input: try input("sample/projects-\(month).csv"),
        milestones: try input("sample/milestones-\(month).csv"))
    default:
      return try ingestion.run(feed: arrival.feed, input: try input("sample/indicators-\(month).csv"))
    }
  }

  /// Writes the thresholds the demo runs with into `directory`: the default rule set and the
  /// sample's date-limited rules for the 2020 epidemic months.
  public static func writeThresholds(into directory: URL) throws {
    let fileManager = FileManager.default
    if fileManager.fileExists(atPath: directory.path) { try fileManager.removeItem(at: directory) }
    try fileManager.copyItem(at: EmbeddedFiles.url("thresholds"), to: directory)
    try fileManager.copyItem(
      at: EmbeddedFiles.url("sample/thresholds/epidemic-2020.yaml"),
      to: directory.appendingPathComponent("epidemic-2020.yaml"))
  }

  private func input(_ path: String) throws -> Ingestion.Input {
    Ingestion.Input(source: "sample:\(path.dropFirst("sample/".count))", data: try EmbeddedFiles.data(path))
  }
}
