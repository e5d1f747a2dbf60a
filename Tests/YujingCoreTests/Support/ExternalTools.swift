import Foundation
import Testing

/// Outside programs that some tests use as independent checkers. A test that needs one carries
/// `.needs(…)` (Checkers.swift), so that on a developer's machine without it the test is reported
/// as skipped; on CI (`CI=true`) it runs anyway and `require` fails it, since a check that passes
/// by not running would hide a missing checker.
enum ExternalTools {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static var onCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  static func find(_ name: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let path = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  /// The tool's path, or nil after recording why the test cannot run.
  static func require(_ name: String, for purpose: String) -> String? {
    if let path = find(name) { return path }
    if onCI {
      Issue.record("\(name) is required on CI for \(purpose); .ci/run installs it")
    } else {
      print("skipped: \(name) is not installed (needed for \(purpose))")
    }
    return nil
  }

  /// Runs a program; returns its standard output, or records its failure.
  static func run(_ executable: String, _ arguments: [String]) throws -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      Issue.record("\(executable) \(arguments.joined(separator: " ")) failed: \(errorText)")
      return nil
    }
    return String(decoding: data, as: UTF8.self)
  }
}
