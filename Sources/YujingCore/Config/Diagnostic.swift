/// One problem found in an input file, with where it is: `yujing.yaml:12:5: unknown key …`.
///
/// Configuration, rule files and rule tests all report through this type, so `yujing check`
/// prints every error of every file in one format, all at once.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable {
    case error
    case warning
  }

  public var file: String
  public var position: SourcePosition?
  public var message: String
  public var severity: Severity

  public init(file: String, position: SourcePosition?, message: String, severity: Severity = .error) {
    self.file = file
    self.position = position
    self.message = message
    self.severity = severity
  }

  public var description: String {
    let location = position.map { "\(file):\($0.line):\($0.column)" } ?? file
    return severity == .warning ? "\(location): warning: \(message)" : "\(location): \(message)"
  }
}

/// A file that could not be used, with every diagnostic found in it.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]

  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
