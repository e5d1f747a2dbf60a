import Foundation
import Mustache

/// The notice templates (DESIGN §6.2, issue 5): Mustache files, embedded, each of which a file of
/// the same name in the configuration's `templates` directory stands in for — so the office
/// changes its wording without a rebuild.
public struct NoticeTemplates: Sendable {
  let library: MustacheLibrary
  /// Where each template came from, for messages.
  public let sources: [String: String]

  public static let names = [
    "reminder", "talk", "lift", "data_overdue", "precoordination", "correction", "withdrawal", "summary",
  ]

  /// The embedded templates, with the overrides of a configuration's directory.
  public static func load(configuration: Configuration) throws(DiagnosticsError) -> NoticeTemplates {
    var override: URL?
    if let path = configuration.templates, !configuration.isEmbeddedDefault {
      override =
        path.hasPrefix("/")
        ? URL(fileURLWithPath: path)
        : URL(fileURLWithPath: configuration.source).deletingLastPathComponent().appendingPathComponent(path)
    }
    return try load(override: override)
  }

  public static func load(override: URL?) throws(DiagnosticsError) -> NoticeTemplates {
    var library = MustacheLibrary()
    var sources: [String: String] = [:]
    var diagnostics: [Diagnostic] = []
    for name in names {
      var file = EmbeddedFiles.url("templates/\(name).mustache")
      if let override {
        let candidate = override.appendingPathComponent("\(name).mustache")
        if FileManager.default.fileExists(atPath: candidate.path) { file = candidate }
      }
      guard let text = try? String(contentsOf: file, encoding: .utf8) else {
        diagnostics.append(
          Diagnostic(file: file.path, position: nil, message: "cannot read the template (is it UTF-8?)"))
        continue
      }
      do {
        library.register(try MustacheTemplate(string: text), named: name)
        sources[name] = file.path
      } catch {
        diagnostics.append(
          Diagnostic(file: file.path, position: nil, message: "not a valid Mustache template: \(error)"))
      }
    }
    guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
    return NoticeTemplates(library: library, sources: sources)
  }

  /// The template's text for a context; nil when there is no such template.
  public func render(_ name: String, _ context: [String: Any]) -> String? {
    library.render(context, withTemplate: name)
  }
}
