import Foundation

struct BenchmarkFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// `--name value` options, `--small`, and positional words.
struct Arguments {
  var positional: [String] = []
  var options: [String: String] = [:]
  /// The sizes of `smallSizes` instead of the national ones: a run of a minute or two that CI
  /// makes so that no benchmark rots; its timings say nothing about the targets.
  var small = false

  /// The small mode's sizes, by option name, for every option that sets a size.
  static let smallSizes = [
    "rows": 20_000, "regions": 60, "renders": 500, "targets": 1, "notices": 2_000, "requests": 100, "repeat": 1,
    "idle": 1,
  ]

  /// Every option a suite reads; anything else is refused before minutes of work are spent.
  static let known: Set = [
    "idle", "keep", "notices", "phases", "profile", "regions", "renders", "repeat", "report", "requests", "rows",
    "targets",
  ]

  /// Whether `--help` or `-h` was given: the usage is printed and nothing runs.
  var help = false

  init(_ words: ArraySlice<String>) throws(BenchmarkFailure) {
    var iterator = words.makeIterator()
    while let word = iterator.next() {
      if word == "--small" {
        small = true
      } else if word == "--help" || word == "-h" {
        help = true
      } else if word.hasPrefix("--") {
        let name = String(word.dropFirst(2))
        guard Self.known.contains(name) else {
          throw BenchmarkFailure(
            "unknown option '\(word)' (known: --small, \(Self.known.sorted().map { "--\($0)" }.joined(separator: ", ")))"
          )
        }
        guard let value = iterator.next() else { throw BenchmarkFailure("\(word) needs a value") }
        if Self.smallSizes[name] != nil, Int(value) == nil {
          throw BenchmarkFailure("\(word) needs a whole number, not '\(value)'")
        }
        options[name] = value
      } else {
        positional.append(word)
      }
    }
  }

  /// The option's value; else the small size in small mode; else `value`, the national size.
  func integer(_ name: String, default value: Int) -> Int {
    options[name].flatMap(Int.init) ?? (small ? Self.smallSizes[name] : nil) ?? value
  }

  /// The words that give these arguments again, without the positional ones and without
  /// `--report`: a suite run as a child writes its own report where its parent says.
  var optionWords: [String] {
    (small ? ["--small"] : [])
      + options.filter { $0.key != "report" }.sorted { $0.key < $1.key }.flatMap { ["--\($0.key)", $0.value] }
  }
}

/// One measured line: yujing against its baseline, and whether the target is met.
struct BenchmarkResult: Codable {
  var name: String
  var measured: String
  var baseline: String
  var ratio: Double?
  var target: String
  var met: Bool

  /// The peak resident memory of the process that measured it, when the suite ran on its own.
  var peakMemory: Int?

  /// A Markdown table; `judged` false (small mode) leaves the target column's verdict out.
  static func table(_ results: [BenchmarkResult], judged: Bool = true) -> String {
    let header = ["benchmark", "yujing", "baseline", "ratio", "target", "met", "peak RSS"]
    let rows = results.map { result in
      [
        result.name, result.measured, result.baseline, result.ratio.map { String(format: "%.2f×", $0) } ?? "—",
        result.target, judged ? (result.met ? "yes" : "NO") : "—",
        result.peakMemory.map { String(format: "%.0f MB", Double($0) / 1_048_576) } ?? "—",
      ]
    }
    let widths = header.indices.map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      "| "
        + cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
        .joined(separator: " | ") + " |"
    }
    return
      ([line(header), "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"]
      + rows.map(line)).joined(separator: "\n")
  }
}

/// Wall-clock seconds of a block: the median of `repeat` runs, after `prepare` before each.
func measure(repeat count: Int, prepare: () throws -> Void = {}, body: () throws -> Void) rethrows -> Double {
  var times: [Double] = []
  for _ in 0..<count {
    try prepare()
    let start = DispatchTime.now()
    try body()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
  }
  return times.sorted()[times.count / 2]
}

/// A small deterministic generator, so that every run measures the same data.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

enum Machine {
  static var description: String {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let memory = ProcessInfo.processInfo.physicalMemory / 1_073_741_824
    let model =
      (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
      .first { $0.hasPrefix("model name") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "?"
    return "\(model), \(cores) cores, \(memory) GiB"
  }
}

/// Runs a command and returns its standard output; throws with its standard error on failure.
@discardableResult
func shell(_ executable: String, _ arguments: [String], input: String? = nil) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let output = Pipe()
  let errors = Pipe()
  process.standardOutput = output
  process.standardError = errors
  let inputPipe = Pipe()
  if input != nil { process.standardInput = inputPipe }
  try process.run()
  if let input {
    inputPipe.fileHandleForWriting.write(Data(input.utf8))
    try inputPipe.fileHandleForWriting.close()
  }
  let data = output.fileHandleForReading.readDataToEndOfFile()
  let errorData = errors.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw BenchmarkFailure(
      "\(executable) \(arguments.joined(separator: " ")) failed: \(String(decoding: errorData, as: UTF8.self))")
  }
  return String(decoding: data, as: UTF8.self)
}

func which(_ name: String) -> String? {
  for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
    let path = "\(directory)/\(name)"
    if FileManager.default.isExecutableFile(atPath: path) { return path }
  }
  return nil
}

/// A fresh directory for one benchmark's files: under `--keep DIR` if given, else the temporary one.
func scratchDirectory(_ name: String, arguments: Arguments) throws -> URL {
  let directory = URL(fileURLWithPath: arguments.options["keep"] ?? NSTemporaryDirectory())
    .appendingPathComponent(name)
  try? FileManager.default.removeItem(at: directory)
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  return directory
}

/// This process's resource usage so far.
private func resourceUsage() -> rusage {
  var usage = rusage()
  #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  #else
    getrusage(RUSAGE_SELF, &usage)
  #endif
  return usage
}

/// The CPU time this process has used (user + system), in seconds: beside a wall time it tells a
/// slow result on a busy machine from a slow program.
func processCPUSeconds() -> Double {
  let usage = resourceUsage()
  let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
  let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
  return user + system
}

/// The peak resident memory of this process so far, in bytes (Linux reports kilobytes).
func processPeakMemory() -> Int { Int(resourceUsage().ru_maxrss) * 1024 }
