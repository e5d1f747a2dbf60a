import Foundation
import YujingCore

// yujing's benchmarks (Benchmarks/README.md#the-targets): each measures yujing side by side with a baseline in the same
// run and prints the ratio against the target (`--help` for the usage).
//
// `all` runs every suite, each in its own process so that its peak memory is its own, and prints one
// table. `--small` runs them at a fraction of the national sizes (CI does, so that none rots; its timings
// judge nothing). `--report FILE` writes the results as JSON too (instead of the table when one suite
// runs: that is how `all` hears from its children). `daemon` and `weblist` start the binaries built beside
// this one (yujing, yujing-bare-server), and so does `path`, which `swift run` does not build: `swift
// build` first.

let usage = """
  usage: yujing-benchmarks all [--small] [--report FILE]
         yujing-benchmarks [ingest] [evaluate] [render] [dispatch] [daemon] [weblist] [path]
           [--rows N] [--regions N] [--renders N] [--targets N] [--repeat K] [--idle SECONDS] [--phases 1]
           [--profile PERIOD] [--notices N] [--requests N] [--keep DIR] [--small] [--report FILE]
  With no suite named: ingest, evaluate, render and dispatch. Build with `swift build -c release` first.
  """
do {
  let arguments = try Arguments(CommandLine.arguments.dropFirst())
  if arguments.help {
    print(usage)
    exit(0)
  }
  var suites = arguments.positional.isEmpty ? ["ingest", "evaluate", "render", "dispatch"] : arguments.positional
  let results: [BenchmarkResult]
  if suites == ["all"] {
    suites = Suite.allCases.map(\.rawValue)
    results = try SuiteProcesses(arguments: arguments).run(suites)
  } else {
    var collected: [BenchmarkResult] = []
    for name in suites {
      guard let suite = Suite(rawValue: name) else {
        throw BenchmarkFailure(
          "unknown benchmark '\(name)' (known: all, \(Suite.allCases.map(\.rawValue).joined(separator: ", ")))")
      }
      collected += try await suite.run(arguments: arguments)
    }
    results = collected
  }
  if let report = arguments.options["report"] {
    try SuiteProcesses.write(results, to: report)
  }
  // A child of `all` only reports; its parent prints the table of every suite.
  if arguments.options["report"] == nil || suites.count > 1 {
    print("")
    if arguments.small { print("small mode: reduced sizes; the targets are for the national sizes and are not judged") }
    print(BenchmarkResult.table(results, judged: !arguments.small))
    print("machine: \(Machine.description)")
  }
} catch {
  FileHandle.standardError.write(Data("yujing-benchmarks: \(error)\n".utf8))
  exit(1)
}
