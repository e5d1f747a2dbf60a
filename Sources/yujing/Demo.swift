import ArgumentParser
import Foundation
import YujingCore

struct Demo: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the embedded 宜春 sample (invented data) end to end in a fresh directory.")

  @Option(
    name: .long,
    help:
      "The directory for the demo's configuration, database and files (default: a new ./yujing-demo-… directory); a demo's directory already is served again."
  )
  var dir: String?

  @Flag(name: .long, help: "Do not serve the UI afterwards; print a summary and exit.")
  var once = false

  @Option(help: "HOST:PORT for the review UI (port 0 picks a free one).")
  var listen = "127.0.0.1:8080"

  func run() async throws {
    if let dir, !once, DemoDirectory.holdsDemo(dir) {
      return try await serveAgain(URL(fileURLWithPath: dir).standardizedFileURL)
    }
    let directory = URL(fileURLWithPath: try DemoDirectory.create(dir)).standardizedFileURL.path
    let root = URL(fileURLWithPath: directory)
    print("yujing demo: 宜春 sample (invented figures, for demonstration only)")
    print("directory: \(directory)")
    // The demo's own configuration file: the embedded one with the sample's thresholds beside it
    // and the database named, so that every later command reads what the demo ran with.
    let configurationPath = try DemoDirectory.writeConfiguration(into: root)
    let thresholdsDirectory = root.appendingPathComponent("thresholds")
    try SampleReplay.writeThresholds(into: thresholdsDirectory)
    let configuration = try ConfigurationDecoder.load(path: configurationPath)
    let workspace = try Workspace.open(
      configuration: configuration, databasePath: "\(directory)/yujing.sqlite", now: Date(),
      opening: Workspace.Opening(recordedBy: "yujing demo"))
    try Workspace.seedDefaultTargets(workspace.store, configuration: configuration, now: Date())
    let replay = SampleReplay(workspace: workspace)
    let baseline = try replay.loadBaseline()
    print("targets: \(baseline.targets.imported) sample target(s) added, \(baseline.targets.replaced) replaced")
    print("history 2017–2019: \(baseline.history.accepted) figures (run \(baseline.history.id))")

    let thresholds = try Thresholds.load(configuration: configuration)
    print("configuration: \(configurationPath)")
    print("rules: \(thresholdsDirectory.path) — the default rule set and the sample's epidemic rules (2020-02…06)")
    print("")
    print("2020 day by day: files are ingested the day they arrive and their month evaluated; the office approves")
    print("the drafts the next working day, except those about November and December, left for you to review;")
    print("most addressees report on time, a few late, one never:")
    var findingsByPeriod: [Period: (day: Day, findings: Int)] = [:]
    let office = SampleOffice(workspace: workspace, thresholds: thresholds, review: .lastMonthLeft)
    try office.run { entry in
      for ingested in entry.ingested {
        findingsByPeriod[ingested.arrival.period] = (entry.day, ingested.findings)
        let feed = ingested.arrival.feed.padding(toLength: 8, withPad: " ", startingAt: 0)
        print(
          "  \(entry.day)  \(ingested.arrival.period) \(feed) \(ingested.run.status.rawValue), \(ingested.run.inserted) new, "
            + "\(ingested.run.revised) revised, \(ingested.run.rejected) rejected → \(ingested.findings) finding(s)")
      }
      for escalation in entry.overdue {
        print(
          "  \(entry.day)  整改 report overdue: case \(escalation.caseID) \(escalation.from.rawValue) → \(escalation.to.rawValue)"
        )
      }
      let drafted = entry.drafted.filter { $0.state == .draft || $0.state == .superseded }
      if !drafted.isEmpty {
        let names = drafted.map { "\($0.kind.rawValue) \($0.addressee)" }
        print("  \(entry.day)  drafted \(drafted.count): \(names.joined(separator: "; "))")
      }
    }
    try printFindings(workspace, findingsByPeriod: findingsByPeriod)
    try printNotices(workspace)
    try compareWithoutEpidemicRules(workspace: workspace, findingsByPeriod: findingsByPeriod)
    try DemoLedger.run(workspace, thresholds: thresholds, replay: replay)
    try writeDocuments(workspace, thresholds: thresholds, into: root.appendingPathComponent("documents"))
    print("")
    print("database: \(directory)/yujing.sqlite (\(try workspace.store.observationCount()) figures)")
    let logins = try DemoServe.accounts(workspace)
    try DemoReview(office: office, configurationPath: configurationPath).print(logins: logins, serving: !once)
    guard !once else { return }
    try await DemoServe.serve(workspace, thresholds: thresholds, listen: listen, logins: logins)
  }

  /// A demo run before, served again: its drafts as they are now, the same accounts with new
  /// passwords.
  private func serveAgain(_ root: URL) async throws {
    let configurationPath = root.appendingPathComponent("yujing.yaml").path
    let configuration = try ConfigurationDecoder.load(path: configurationPath)
    let workspace: Workspace
    do {
      workspace = try Workspace.open(
        configuration: configuration, databasePath: root.appendingPathComponent("yujing.sqlite").path, now: Date(),
        opening: Workspace.Opening(mayCreate: false, configurationChange: .refuse, recordedBy: "yujing demo"))
    } catch let changed as ConfigurationChanged {
      throw CommandFailure(changed.description)
    }
    let thresholds = try Thresholds.load(configuration: configuration)
    print("yujing demo: serving the demo in \(root.path) again")
    let office = SampleOffice(workspace: workspace, thresholds: thresholds, review: .lastMonthLeft)
    let logins = try DemoServe.accounts(workspace)
    try DemoReview(office: office, configurationPath: configurationPath).print(logins: logins, serving: true)
    try await DemoServe.serve(workspace, thresholds: thresholds, listen: listen, logins: logins)
  }

  /// The findings of each month by level, as of its last evaluation.
  private func printFindings(_ workspace: Workspace, findingsByPeriod: [Period: (day: Day, findings: Int)]) throws {
    print("")
    print("findings by level, as of the last evaluation of each month:")
    print("  period   red orange yellow blue  exempted  as of")
    for (period, entry) in findingsByPeriod.sorted(by: { $0.key < $1.key }) {
      let findings = try workspace.store.currentFindings(period: period)
      let counts = [Level.red, .orange, .yellow, .blue].map { level in
        findings.filter { $0.level == level && !$0.exempted }.count
      }
      let exempted = findings.filter(\.exempted).count
      print(
        "  \(period)  \(pad(counts[0], 3)) \(pad(counts[1], 6)) \(pad(counts[2], 6)) \(pad(counts[3], 4))  \(pad(exempted, 8))  \(entry.day)"
      )
    }
  }

  /// The notices of the year by period and kind, in their final state.
  private func printNotices(_ workspace: Workspace) throws {
    let notices = try workspace.store.notices().filter { $0.state != .superseded }
    print("")
    print("notices by period (superseded drafts left out): kind, addressee, number, state")
    for (period, group) in Dictionary(grouping: notices, by: \.period).sorted(by: { $0.key < $1.key }) {
      print("  \(period)")
      for notice in group {
        let subjects = notice.subjects.map { subject -> String in
          let stage = subject.stage.map { " \($0.rawValue)" } ?? ""
          return "\(subject.subject.notation)\(stage)"
        }.joined(separator: ", ")
        print(
          "    \(notice.kind.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) \(notice.addressee)  \(notice.number ?? "—")  \(notice.state.rawValue)  [\(subjects)]"
        )
      }
    }
    // 预协调 (docs/rules.md#precoordination): the latest letter, with what its projection says; December has none,
    // since its figure is the year's outcome.
    if let latest = notices.filter({ $0.kind == .precoordination }).max(by: { $0.period < $1.period }) {
      print("precoordination (预协调, forecast-based), the latest: \(latest.period) to \(latest.addressee)")
      for line in latest.body.split(separator: "\n") where line.hasPrefix("按目前态势测算") { print("  \(line)") }
      print("  how far to trust it: \(DemoReview.binary) forecast backtest --config \(workspace.configuration.source)")
    }
    let cases = try workspace.store.cases()
    let open = cases.filter { $0.closedPeriod == nil }
    let stages = Dictionary(grouping: open, by: \.stage).map { "\($0.key.rawValue) \($0.value.count)" }.sorted()
    print("cases: \(cases.count) in all, \(open.count) open at the year's end (\(stages.joined(separator: ", ")))")
  }

  /// The year's notices as the office would print and send them, and the last month's dispatch
  /// summary, issued a week after the month's figures were evaluated.
  private func writeDocuments(_ workspace: Workspace, thresholds: Thresholds, into directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let notices = try workspace.store.notices().filter { $0.state != .superseded && $0.state != .rejected }
    for notice in notices {
      let document = NoticeDocument.make(notice, configuration: workspace.configuration)
      for format in [DocumentFormat.html, .docx] {
        let name = "notice-\(notice.id)-\(notice.period)-\(notice.kind.rawValue).\(format.fileExtension)"
        try DocumentExport.write(
          try DocumentExport.data(document, format: format), to: directory.appendingPathComponent(name).path)
      }
    }
    print("")
    print("documents: \(directory.path)")
    print("  \(notices.count) notices as HTML (A4, print from a browser) and DOCX (WPS, Word, LibreOffice)")
    guard let period = try workspace.store.evaluatedPeriods().last,
      let evaluated = try workspace.store.latestEvaluation(period: period)
    else { return }
    let report = SummaryReport(workspace: workspace, thresholds: thresholds)
    let issued = try report.issue(
      period: period, date: thresholds.calendar.adding(workingDays: 5, to: evaluated.asOf), actor: "demo",
      at: Date())
    let document = try report.document(period: period, asOf: evaluated.asOf)
    for format in [DocumentFormat.html, .docx, .xlsx, .md] {
      let name = "summary-\(period).\(format.fileExtension)"
      try DocumentExport.write(
        try DocumentExport.data(document, format: format), to: directory.appendingPathComponent(name).path)
    }
    print("  the dispatch summary of \(period), \(issued.number ?? ""): summary-\(period).html, .docx, .xlsx, .md")
  }

  /// What the office would have faced in the epidemic months with the default rules alone.
  private func compareWithoutEpidemicRules(
    workspace: Workspace, findingsByPeriod: [Period: (day: Day, findings: Int)]
  ) throws {
    let defaults = try Thresholds.load(
      configuration: workspace.configuration, directory: EmbeddedFiles.url("thresholds"))
    let plain = PeriodEvaluation(workspace: workspace, thresholds: defaults, clock: { Date() })
    print("")
    print("why the epidemic rules: red findings on indicators, Feb–Jun 2020, default rules alone vs with them")
    for month in 2...6 {
      let period = Period(year: 2020, month: month)!
      guard let entry = findingsByPeriod[period] else { continue }
      let without = try plain.run(period: period, asOf: entry.day, dryRun: true).findings
      let with = try workspace.store.currentFindings(period: period)
      func reds(_ findings: [Finding]) -> (count: Int, regions: Int) {
        let red = findings.filter { $0.level == .red }.compactMap { finding -> String? in
          guard case .indicator(_, let region) = finding.subject else { return nil }
          return region
        }
        return (red.count, Set(red).count)
      }
      let (a, b) = (reds(without), reds(with))
      print(
        "  \(period): \(a.count) red in \(a.regions) regions without them; \(b.count) red in \(b.regions) with them")
    }
  }

  private func pad(_ number: Int, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - String(number).count)) + String(number)
  }
}

enum DemoDirectory {
  /// The directory the demo works in: the one given (created if needed), or a new one here.
  static func create(_ requested: String?) throws -> String {
    let fileManager = FileManager.default
    if let requested {
      try fileManager.createDirectory(atPath: requested, withIntermediateDirectories: true)
      if fileManager.fileExists(atPath: "\(requested)/yujing.sqlite") {
        throw CommandFailure(
          "\(requested) already holds a demo database; choose an empty directory"
            + (holdsDemo(requested) ? ", or leave out --once to serve this one again" : ""))
      }
      return requested
    }
    let stamp = Date().formatted(.iso8601.year().month().day().dateSeparator(.omitted))
    var candidate = "yujing-demo-\(stamp)"
    var suffix = 2
    while fileManager.fileExists(atPath: candidate) {
      candidate = "yujing-demo-\(stamp)-\(suffix)"
      suffix += 1
    }
    try fileManager.createDirectory(atPath: candidate, withIntermediateDirectories: true)
    return candidate
  }

  /// Whether a directory holds a demo run before: its configuration and its database.
  static func holdsDemo(_ directory: String) -> Bool {
    ["yujing.yaml", "yujing.sqlite"].allSatisfy { FileManager.default.fileExists(atPath: "\(directory)/\($0)") }
  }

  /// Writes the demo's `yujing.yaml`: the embedded configuration, its thresholds (`thresholds`,
  /// beside it) and its database (`yujing.sqlite`, beside it). Returns its path.
  static func writeConfiguration(into root: URL) throws -> String {
    var text = String(decoding: try EmbeddedFiles.data("default/yujing.yaml"), as: UTF8.self)
    let commented = "# database: /var/lib/yujing/yujing.sqlite"
    let line = "database: yujing.sqlite    # the demo's, beside this file"
    if text.contains(commented) {
      text = text.replacingOccurrences(of: commented, with: line)
    } else {
      text += "\n\(line)\n"
    }
    let path = root.appendingPathComponent("yujing.yaml").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }
}
