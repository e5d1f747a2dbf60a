import Crypto
import Foundation

/// The rule files of a thresholds directory, checked and ready to evaluate, with the hash that
/// findings are stored with (so that one can later tell which rules produced a finding).
public struct RuleSet: Sendable {
  public var rules: [Rule]
  /// SHA-256 over the files' names and bytes, hex.
  public var hash: String
  public var files: [String]

  public init(rules: [Rule], hash: String, files: [String]) {
    self.rules = rules
    self.hash = hash
    self.files = files
  }

  /// The rules in force for a period: active in it, and not replaced by another rule in force.
  public func rules(for period: Period) -> [Rule] {
    let active = rules.filter { $0.isActive(in: period) }
    let replaced = Set(active.flatMap(\.replaces))
    return active.filter { !replaced.contains($0.id) }
  }

  /// The rule files of a directory: every `*.yaml` at its top except `escalation.yaml`.
  public static func ruleFiles(in directory: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") && $0 != "escalation.yaml" }.sorted()
      .map { directory.appendingPathComponent($0) }
  }

  /// Loads and checks every rule file of a directory; throws all the diagnostics if any is wrong.
  public static func load(directory: URL, configuration: Configuration?) throws(DiagnosticsError) -> RuleSet {
    let files = ruleFiles(in: directory)
    guard !files.isEmpty else {
      throw DiagnosticsError([
        Diagnostic(file: directory.path, position: nil, message: "no rule files (*.yaml) in this thresholds directory")
      ])
    }
    var diagnostics: [Diagnostic] = []
    var rules: [Rule] = []
    var hasher = SHA256()
    for file in files {
      let name = file.path
      guard let data = FileManager.default.contents(atPath: name) else {
        diagnostics.append(Diagnostic(file: name, position: nil, message: "cannot read the rule file"))
        continue
      }
      hasher.update(data: Data(file.lastPathComponent.utf8))
      hasher.update(data: data)
      let sink = DiagnosticSink(file: name)
      rules += RuleFileDecoder.decode(data, file: name, configuration: configuration, sink: sink)
      diagnostics += sink.diagnostics
    }
    diagnostics += crossCheck(rules)
    // The checks above and the compiler resolve measures each their own way; a rule they
    // disagree on is refused here rather than when a period is evaluated. A rule already refused
    // would only be refused again.
    if !diagnostics.contains(where: { $0.severity == .error }) {
      for rule in rules {
        do throws(Diagnostic) { _ = try CompiledRule(rule, kind: rule.subjects) } catch { diagnostics.append(error) }
      }
    }
    guard !diagnostics.contains(where: { $0.severity == .error }) else { throw DiagnosticsError(diagnostics) }
    let hash = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    return RuleSet(rules: rules, hash: hash, files: files.map(\.lastPathComponent))
  }

  /// The embedded default thresholds (docs/rules.md#warning-rules).
  public static func embeddedDefault(configuration: Configuration?) throws(DiagnosticsError) -> RuleSet {
    try load(directory: EmbeddedFiles.url("thresholds"), configuration: configuration)
  }

  /// Checks across files: ids unique, replaced ids exist.
  static func crossCheck(_ rules: [Rule]) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var seen: [String: Rule] = [:]
    for rule in rules {
      if let first = seen[rule.id] {
        let firstPlace = "\(URL(fileURLWithPath: first.file).lastPathComponent):\(first.position?.line ?? 0)"
        diagnostics.append(
          Diagnostic(
            file: rule.file, position: rule.position,
            message:
              "rule id '\(rule.id)' is already used at \(firstPlace); to stand in for it in some months, give this rule another id and 'replaces: [\(rule.id)]'"
          ))
      } else {
        seen[rule.id] = rule
      }
    }
    for rule in rules {
      for replaced in rule.replaces where seen[replaced] == nil {
        let hint = Suggestion.closest(to: replaced, among: Array(seen.keys)).map { "; did you mean '\($0)'?" } ?? ""
        diagnostics.append(
          Diagnostic(
            file: rule.file, position: rule.position,
            message: "rule \(rule.id) replaces '\(replaced)', which is no rule\(hint)"))
      }
    }
    return diagnostics
  }
}
