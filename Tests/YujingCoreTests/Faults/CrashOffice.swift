import Foundation
import GRDB
import Testing

@testable import YujingCore

/// The office the crash loop works on: the sample office of `yujing init` with its targets, a
/// reviewer, a generic webhook target for every addressee (taking copies) at the robot receiver,
/// and the statistics bureau's whole series since 1990 already stored (feed `history`, by
/// `yujing ingest`). Each month of 2020 then arrives as a feed of its own (`m01` … `m12`, a
/// file:// url scheduled daily, so that the daemon catches it up at start) whose file repeats the
/// whole series before the month's figures, as bureaus do: its run reads tens of thousands of rows
/// in its one transaction, and adds and evaluates one period.
struct CrashOffice: @unchecked Sendable {
  static let months = 12
  static let reviewer = (name: "crash-reviewer", password: "crash-loop-password-1")
  /// Signs (签发) what a leader signs, for the mayor of `yujing init`'s configuration.
  static let signer = (name: "crash-signer", password: "crash-loop-password-2")
  let directory: TemporaryDirectory
  let configPath: String
  let database: String
  /// The series every month's file repeats, without its header.
  let history: String
  let historyRows: Int
  /// Each addressee's target: its id and the path the receiver sees.
  let targets: [(addressee: String, path: String)]
  private let reader: DatabaseQueue

  var arguments: [String] { ["--config", configPath, "--db", database] }

  init(receiver: RobotReceiver) throws {
    directory = try TemporaryDirectory()
    configPath = directory.path("etc/yujing.yaml")
    database = directory.path("yujing.sqlite")
    try Self.run(["init", "--dir", directory.path("etc")])
    try Self.addFeed("  - name: history\n    kind: indicators\n", to: configPath)
    let arguments = ["--config", configPath, "--db", database]
    let sample = ExternalTools.repository.appendingPathComponent("Sources/YujingResources/sample")
    try Self.run(["targets", "import", sample.appendingPathComponent("targets-sample.csv").path] + arguments)

    // 1990–2016 repeat 2017's figures: a long series, of which the rules read only the last years.
    let stored = try String(contentsOf: sample.appendingPathComponent("indicators-history.csv"), encoding: .utf8)
    let lines = stored.split(separator: "\n").dropFirst()
    var series = ""
    for year in 1990...2016 {
      for line in lines where line.hasPrefix("2017-") { series += "\(year)\(line.dropFirst(4))\n" }
    }
    for line in lines { series += line + "\n" }
    history = series
    historyRows = series.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    let historyFile = directory.path("history.csv")
    try ("period,region,indicator,value,growth\n" + series).write(
      toFile: historyFile, atomically: true, encoding: .utf8)
    try Self.run(["ingest", "--feed", "history", historyFile] + arguments)

    setenv("YUJING_BCRYPT_COST", "10", 1)
    try Self.run(
      ["users", "add", Self.reviewer.name, "--role", "reviewer", "--password-stdin"] + arguments,
      stdin: Self.reviewer.password + "\n")
    try Self.run(
      ["users", "add", Self.signer.name, "--role", "signer", "--leader", "赵××", "--password-stdin"] + arguments,
      stdin: Self.signer.password + "\n")
    let addressees = try ConfigurationDecoder.load(path: configPath).addressees
    var targets: [(String, String)] = []
    for (index, addressee) in addressees.enumerated() {
      // `slow`: 100 ms an answer, so that a kill can land among deliveries in flight.
      let path = "/generic/slow/t\(index)"
      try Self.run(
        [
          "webhooks", "add", "--addressee", addressee, "--format", "generic", "--url",
          receiver.url(path).absoluteString,
          "--secret", RobotReceiver.secrets["generic"]!, "--copies", "--per-minute", "600",
        ] + arguments)
      targets.append((addressee, path))
    }
    self.targets = targets
    var configuration = GRDB.Configuration()
    configuration.readonly = true
    reader = try DatabaseQueue(path: database, configuration: configuration)
  }

  static func feed(_ month: Int) -> String { month < 10 ? "m0\(month)" : "m\(month)" }
  static func period(_ month: Int) -> String { month < 10 ? "2020-0\(month)" : "2020-\(month)" }

  /// Writes month `month`'s file and adds its feed to the configuration (with the daemon down).
  /// Returns how many rows of the file are the month's own.
  @discardableResult
  func addMonth(_ month: Int) throws -> Int {
    let sample = ExternalTools.repository.appendingPathComponent("Sources/YujingResources/sample")
    let monthFile = sample.appendingPathComponent("indicators-\(Self.period(month)).csv")
    let rows = try String(contentsOf: monthFile, encoding: .utf8).split(separator: "\n").dropFirst()
    let file = directory.url.appendingPathComponent("\(Self.feed(month)).csv")
    let text = "period,region,indicator,value,growth\n" + history + rows.joined(separator: "\n") + "\n"
    try text.write(to: file, atomically: true, encoding: .utf8)
    try Self.addFeed(
      "  - name: \(Self.feed(month))\n    kind: indicators\n    url: \(file.absoluteString)\n"
        + "    schedule: \"0 3 * * *\"\n", to: configPath)
    return rows.count
  }

  /// Puts a feed before `stats` in the configuration's list of feeds.
  static func addFeed(_ entry: String, to path: String) throws {
    var text = try String(contentsOfFile: path, encoding: .utf8)
    // At the start of a line: the commented example above the feeds names `stats` too.
    let anchor = "\n  - name: stats\n"
    guard let range = text.range(of: anchor) else { throw CrashOfficeError("no stats feed in \(path)") }
    text.replaceSubrange(range, with: "\n" + entry + String(anchor.dropFirst()))
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  static func run(_ arguments: [String], stdin: String? = nil) throws {
    let result = try YujingCommand.run(arguments, stdin: stdin)
    guard result.status == 0 else {
      throw CrashOfficeError("yujing \(arguments.prefix(2).joined(separator: " ")) failed: \(result.err)")
    }
  }

  /// Each issued notice that asks for a 整改 report and has none gets one, as its addressee would
  /// send it (with the daemon down): the reports the office then decides. Returns how many.
  @discardableResult
  func submitReports() throws -> Int {
    let store = try Store(path: database)
    var count = 0
    for notice in try store.notices() where notice.kind.asksForReport && notice.corrects == nil {
      guard [.approved, .sent, .acknowledged].contains(notice.state), try store.reports(noticeID: notice.id).isEmpty
      else { continue }
      try store.recordFeedback(
        noticeID: notice.id, text: "已分析原因，制定整改措施。", fileName: nil, file: nil, actor: notice.addressee, at: Date(),
        day: notice.reportDue ?? Day("2020-12-31")!)
      count += 1
    }
    return count
  }

  /// Reads the database read-only, whether the daemon is up, down or just killed.
  func read<T>(_ work: (Database) throws -> T) throws -> T { try reader.read(work) }
}

struct CrashOfficeError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
