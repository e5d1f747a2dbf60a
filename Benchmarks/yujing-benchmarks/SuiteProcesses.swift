import Foundation

/// The benchmark suites, in the order `all` runs them.
enum Suite: String, CaseIterable {
  case ingest, evaluate, render, dispatch, daemon, weblist, path

  func run(arguments: Arguments) async throws -> [BenchmarkResult] {
    switch self {
    case .ingest: try IngestBenchmark(arguments: arguments).run()
    case .evaluate: try EvaluateBenchmark(arguments: arguments).run()
    case .render: try RenderBenchmark(arguments: arguments).run()
    case .dispatch: try await DispatchBenchmark(arguments: arguments).run()
    case .daemon: try DaemonBenchmark(arguments: arguments).run()
    case .weblist: try await WebListBenchmark(arguments: arguments).run()
    case .path: try await PathBenchmark(arguments: arguments).run()
    }
  }
}

/// Runs each suite in a child process of this same binary, so that the peak memory reported for a
/// suite is its own and not the high-water mark of the suites before it. The child's progress goes
/// straight to this terminal; its results come back in a JSON file.
struct SuiteProcesses {
  let arguments: Arguments

  func run(_ suites: [String]) throws -> [BenchmarkResult] {
    let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    let reports = try scratchDirectory("yujing-bench-reports", arguments: arguments)
    var results: [BenchmarkResult] = []
    for suite in suites {
      let report = reports.appendingPathComponent("\(suite).json")
      let process = Process()
      process.executableURL = executable
      process.arguments = [suite, "--report", report.path] + arguments.optionWords
      try process.run()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        throw BenchmarkFailure("the \(suite) benchmark failed (exit status \(process.terminationStatus)); see above")
      }
      results += try JSONDecoder().decode([BenchmarkResult].self, from: Data(contentsOf: report))
    }
    return results
  }

  /// Results as JSON, each carrying the peak memory of the process that measured it: a child's
  /// own, or the one each child reported when `all` writes them all.
  static func write(_ results: [BenchmarkResult], to path: String) throws {
    let peak = processPeakMemory()
    let stamped = results.map { result in
      var result = result
      result.peakMemory = result.peakMemory ?? peak
      return result
    }
    try JSONEncoder().encode(stamped).write(to: URL(fileURLWithPath: path))
  }
}
