import Foundation
import YujingCore

// yujing's benchmarks (DESIGN §11): each measures yujing side by side with a baseline in the same
// run and prints the ratio against the target.
//
//   swift run -c release yujing-benchmarks [ingest] [evaluate] [render] [dispatch] [daemon] [weblist]
//     [--rows N] [--regions N] [--renders N] [--targets N] [--repeat K] [--idle SECONDS] [--phases]
//     [--notices N] [--requests N] [--keep DIR]
//
// `daemon` and `weblist` are run only when named: they start the release binaries beside this one
// (yujing, yujing-bare-server), which `swift run` does not build — `swift build -c release` first.

let arguments = Arguments(CommandLine.arguments.dropFirst())
do {
  let suites = arguments.positional.isEmpty ? ["ingest", "evaluate", "render", "dispatch"] : arguments.positional
  var results: [BenchmarkResult] = []
  for suite in suites {
    switch suite {
    case "ingest": results += try IngestBenchmark(arguments: arguments).run()
    case "evaluate": results += try EvaluateBenchmark(arguments: arguments).run()
    case "render": results += try RenderBenchmark(arguments: arguments).run()
    case "dispatch": results += try await DispatchBenchmark(arguments: arguments).run()
    case "daemon": results += try DaemonBenchmark(arguments: arguments).run()
    case "weblist": results += try await WebListBenchmark(arguments: arguments).run()
    default:
      throw BenchmarkFailure(
        "unknown benchmark '\(suite)' (known: ingest, evaluate, render, dispatch, daemon, weblist)")
    }
  }
  print("")
  print(BenchmarkResult.table(results))
  print("machine: \(Machine.description)")
} catch {
  FileHandle.standardError.write(Data("yujing-benchmarks: \(error)\n".utf8))
  exit(1)
}
