import Foundation
import YujingCore

/// Evaluate one period at national scale (3,000 regions in groups of ten × 40
/// indicators) in at most 0.25 s and a third of the analyst's pandas script
/// (`Benchmarks/anchors/pandas_rules.py`, the same growth and rank rules over the same canonical
/// files), and a 12-period replay in a third of the script's replay.
struct EvaluateBenchmark {
  let directory: URL
  let repetitions: Int
  let regions: Int
  let arguments: Arguments

  init(arguments: Arguments) throws {
    self.arguments = arguments
    repetitions = arguments.integer("repeat", default: 3)
    regions = arguments.integer("regions", default: NationalDataset.regionCount)
    directory = URL(fileURLWithPath: arguments.options["keep"] ?? NSTemporaryDirectory())
      .appendingPathComponent("yujing-bench-evaluate")
    try? FileManager.default.removeItem(at: directory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func run() throws -> [BenchmarkResult] {
    let dataset = NationalDataset(regions: regions)
    print("evaluate: generating \(regions) regions × \(NationalDataset.indicatorCount) indicators × 12 periods …")
    let files = try dataset.writeEvaluationFiles(into: directory)
    let configuration = try ConfigurationDecoder.load(path: files.configuration.path)
    let database = directory.appendingPathComponent("yujing.sqlite").path
    let workspace = try Workspace.open(configuration: configuration, databasePath: database, now: Date())
    let ingestion = Ingestion(workspace: workspace, clock: { Date() })
    let run = try ingestion.run(
      feed: "stats", input: .init(source: files.observations.path, data: try Data(contentsOf: files.observations)))
    let targets = try ingestion.importTargets(
      .init(source: files.targets.path, data: try Data(contentsOf: files.targets)))
    guard run.rejected == 0, targets.rejections.isEmpty else {
      throw BenchmarkFailure(
        "the generated dataset was not taken whole: \(run.rejections.prefix(3)) \(targets.rejections.prefix(3))")
    }
    // Earlier years, stored apart from the year the pandas script reads: with them the rule set's
    // precoordination rule projects every subject of November (docs/rules.md#precoordination).
    let historyFile = try dataset.writeHistoryFile(into: directory)
    let history = try ingestion.run(
      feed: "stats", input: .init(source: historyFile.path, data: try Data(contentsOf: historyFile)))
    guard history.rejected == 0 else {
      throw BenchmarkFailure("the generated history was not taken whole: \(history.rejections.prefix(3))")
    }
    print(
      "evaluate: \(run.inserted) figures, \(history.inserted) of 2017–2019, \(targets.imported) targets stored; timing …"
    )
    let thresholds = try Thresholds.load(configuration: configuration)
    let evaluation = PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: { Date() })
    let last = NationalDataset.periods.last!
    let asOf = Day(year: 2021, month: 1, day: 20)!
    var findings = 0
    var cpu = processCPUSeconds()
    let one = try measure(repeat: repetitions) {
      findings = try evaluation.run(period: last, asOf: asOf, dryRun: true).findings.count
    }
    let oneCPU = (processCPUSeconds() - cpu) / Double(repetitions)
    // November has a projection for every subject (December, the outcome, has none).
    let november = Period(year: 2020, month: 11)!
    var projected = 0
    cpu = processCPUSeconds()
    let withProjections = try measure(repeat: repetitions) {
      projected = try evaluation.run(period: november, asOf: asOf, dryRun: true).findings.count
    }
    let projectedCPU = (processCPUSeconds() - cpu) / Double(repetitions)
    print(
      "  CPU per evaluation: \(last) " + String(format: "%.3f s", oneCPU) + ", \(november) with projections "
        + String(format: "%.3f s", projectedCPU))
    let replay = try measure(repeat: 1) {
      for period in NationalDataset.periods {
        _ = try evaluation.run(period: period, asOf: asOf, dryRun: true)
      }
    }
    // The same December with the dataset's major projects' progress stored beside the figures:
    // the project rules (docs/rules.md#warning-rules) join the indicator rules. The pandas script has no projects.
    let projectFile = try dataset.writeProjectFile(into: directory)
    let projectRun = try ingestion.run(
      feed: "projects", input: .init(source: projectFile.file.path, data: try Data(contentsOf: projectFile.file)))
    guard projectRun.rejected == 0 else {
      throw BenchmarkFailure("the generated projects were not taken whole: \(projectRun.rejections.prefix(3))")
    }
    // `--profile 2020-11`: only that period's dry run (the projects stored), `repeat` times, for a profiler to watch.
    if let profiled = arguments.options["profile"].flatMap({ Period($0) }) {
      let time = try measure(repeat: repetitions) { _ = try evaluation.run(period: profiled, asOf: asOf, dryRun: true) }
      print(String(format: "evaluate: %@ %.3f s (median of %d)", profiled.description, time, repetitions))
      return []
    }
    var withProjectFindings = 0
    let withProjects = try measure(repeat: repetitions) {
      withProjectFindings = try evaluation.run(period: last, asOf: asOf, dryRun: true).findings.count
    }
    print("evaluate: \(projectFile.projects) projects stored; \(withProjectFindings) findings in \(last) with them")
    if arguments.options["phases"] != nil {
      var input: EvaluationInput?
      let load = try measure(repeat: repetitions) { input = try evaluation.input(period: last, asOf: asOf) }
      let rules = try measure(repeat: repetitions) { _ = try Evaluator.evaluate(input!) }
      print(String(format: "  load %.3f s, rules %.3f s", load, rules))
    }
    print(
      "evaluate: \(findings) findings in \(last), \(projected) in \(november) (projected); running the pandas script …")
    let anchor = try Anchor.run(files: files)
    let oneRatio = one / anchor.onePeriod
    let replayRatio = replay / anchor.replay
    return [
      BenchmarkResult(
        name: "evaluate 1 period (\(regions * NationalDataset.indicatorCount) subjects, dry run)",
        measured: String(format: "%.3f s", one), baseline: String(format: "%.3f s pandas", anchor.onePeriod),
        ratio: oneRatio, target: "≤ 0.25 s and ≤ 0.33×", met: one <= 0.25 && oneRatio <= 1.0 / 3),
      BenchmarkResult(
        name: "evaluate 1 period with projections (\(november), 3 earlier years)",
        measured: String(format: "%.3f s", withProjections),
        baseline: String(format: "%.3f s pandas", anchor.onePeriod), ratio: withProjections / anchor.onePeriod,
        target: "≤ 0.25 s and ≤ 0.33×", met: withProjections <= 0.25 && withProjections / anchor.onePeriod <= 1.0 / 3),
      BenchmarkResult(
        name: "evaluate 1 period with \(projectFile.projects) projects' progress (\(last))",
        measured: String(format: "%.3f s", withProjects),
        baseline: String(format: "%.3f s pandas (no projects)", anchor.onePeriod),
        ratio: withProjects / anchor.onePeriod,
        target: "≤ 0.25 s and ≤ 0.33×", met: withProjects <= 0.25 && withProjects / anchor.onePeriod <= 1.0 / 3),
      BenchmarkResult(
        name: "evaluate 12-period replay", measured: String(format: "%.2f s", replay),
        baseline: String(format: "%.2f s pandas", anchor.replay), ratio: replayRatio, target: "≤ 0.33×",
        met: replayRatio <= 1.0 / 3),
    ]
  }

  /// The analyst's pandas script, run on the same files.
  enum Anchor {
    static func run(files: NationalDataset.EvaluationFiles) throws -> (onePeriod: Double, replay: Double) {
      guard let python = which("python3") else { throw BenchmarkFailure("the pandas anchor needs python3") }
      let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("anchors/pandas_rules.py").path
      let output = try shell(
        python,
        [
          script, "--obs", files.observations.path, "--targets", files.targets.path, "--groups", files.groups.path,
          "--province", NationalDataset.provinceCode,
        ])
      guard let line = output.split(separator: "\n").last,
        let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let one = json["one_period_s"] as? Double, let replay = json["replay_s"] as? Double
      else { throw BenchmarkFailure("the pandas script printed no timing: \(output)") }
      return (one, replay)
    }
  }
}
