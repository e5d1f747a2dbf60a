import Foundation
import Testing

/// An independent checker some tests run: a Python package or a program that shares no code with
/// yujing, so that a file or a message is judged by something other than the code that made it.
enum Checker: String, CaseIterable, Sendable {
  case python3
  case pythonDocx = "python-docx"
  case openpyxl
  case xlwt
  case standardwebhooks
  case openAPISpecValidator = "openapi-spec-validator"
  case schemathesis
  case soffice
  case chromium
  case pdftotext
  case pdftoppm
  case systemdAnalyze = "systemd-analyze"

  /// The module to import, for a Python package; nil for a program.
  var module: String? {
    switch self {
    case .pythonDocx: "docx"
    case .openpyxl, .xlwt, .standardwebhooks, .schemathesis: rawValue
    case .openAPISpecValidator: "openapi_spec_validator"
    case .python3, .soffice, .chromium, .pdftotext, .pdftoppm, .systemdAnalyze: nil
    }
  }

  /// Whether it is installed here. Looked at once per test run: every program on the PATH, and
  /// every module imported by one python3 process (an import, not a lookup, so that a package
  /// whose own dependencies are missing counts as missing, as it would fail its test).
  var isInstalled: Bool { Self.installed.contains(self) }

  private static let installed: Set<Checker> = {
    var found = Set(allCases.filter { $0.module == nil && ExternalTools.find($0.rawValue) != nil })
    guard found.contains(.python3), let python = ExternalTools.find("python3") else { return found }
    let modules = allCases.compactMap(\.module)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments =
      [
        "-c",
        """
        import importlib, sys
        for name in sys.argv[1:]:
            try:
                importlib.import_module(name)
                print(name)
            except Exception:
                pass
        """,
      ] + modules
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      let imported = Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
      found.formUnion(allCases.filter { $0.module.map(imported.contains) ?? false })
    } catch {}
    return found
  }()

  /// Whether a test that needs `checkers` should run: always on CI, where .ci/run installs every
  /// checker and a missing one must fail the test loudly rather than pass it quietly; elsewhere
  /// only when each is installed.
  static func runnable(_ checkers: [Checker]) -> Bool {
    ExternalTools.onCI || checkers.allSatisfy(\.isInstalled)
  }
}

extension Trait where Self == ConditionTrait {
  /// The test runs only where the checkers are installed, and always on CI (`CI=true`); elsewhere a
  /// missing checker is reported as a skip that names it. The test keeps its own
  /// `ExternalTools.require` or `Python.with`, which on CI turns a missing checker into a failure.
  static func needs(_ checkers: Checker..., sourceLocation: SourceLocation = #_sourceLocation) -> Self {
    let names = checkers.map(\.rawValue).joined(separator: ", ")
    return .enabled(
      if: Checker.runnable(checkers),
      Comment(rawValue: "needs \(names); not all are installed here (.ci/run installs them)"),
      sourceLocation: sourceLocation)
  }
}
