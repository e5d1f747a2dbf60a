import Foundation
import Mustache

/// The notice templates (docs/documents.md#templates): Mustache files, embedded, each of which a file of
/// the same name in the configuration's `templates` directory stands in for — so the office
/// changes its wording without a rebuild.
public struct NoticeTemplates: Sendable {
  let library: MustacheLibrary
  /// Where each template came from, for messages.
  public let sources: [String: String]
  /// The templates the configuration's directory stands in for, in `names`' order.
  public var overridden: [String] {
    let embedded = EmbeddedFiles.url("templates").path
    return Self.names.filter { sources[$0].map { !$0.hasPrefix(embedded) } ?? false }
  }

  /// Every template: each kind's, then the correction's, the withdrawal's and the dispatch summary's.
  public static let names: [String] = {
    var names: [String] = []
    for name in NoticeKind.allCases.map(\.template) + ["correction", "withdrawal", "summary"]
    where !names.contains(name) {
      names.append(name)
    }
    return names
  }()

  /// The embedded templates, with the overrides of a configuration's directory.
  public static func load(configuration: Configuration) throws(DiagnosticsError) -> NoticeTemplates {
    try load(override: directory(for: configuration))
  }

  /// The configuration's `templates` directory (relative to the file), if it names one.
  public static func directory(for configuration: Configuration) -> URL? {
    guard let path = configuration.templates, !configuration.isEmbeddedDefault else { return nil }
    return path.hasPrefix("/")
      ? URL(fileURLWithPath: path)
      : URL(fileURLWithPath: configuration.source).deletingLastPathComponent().appendingPathComponent(path)
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
      guard var text = try? String(contentsOf: file, encoding: .utf8) else {
        diagnostics.append(
          Diagnostic(file: file.path, position: nil, message: "cannot read the template (is it UTF-8?)"))
        continue
      }
      // Notices are plain text (the renderers escape for HTML): a template that forgot to say so
      // would turn 工信&商务 into 工信&amp;商务. Said on its first line, so that line numbers hold.
      if !text.hasPrefix(textContentType) { text = textContentType + text }
      do {
        library.register(try MustacheTemplate(string: text), named: name)
        sources[name] = file.path
      } catch let error as MustacheTemplate.ParserError {
        diagnostics.append(
          Diagnostic(
            file: file.path,
            position: SourcePosition(line: error.context.lineNumber, column: error.context.columnNumber),
            message: "not a valid Mustache template: \(explanation(error.error))"))
      } catch {
        diagnostics.append(
          Diagnostic(file: file.path, position: nil, message: "not a valid Mustache template: \(error)"))
      }
    }
    guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
    return NoticeTemplates(library: library, sources: sources)
  }

  static let textContentType = "{{% CONTENT_TYPE: TEXT}}"

  /// What the parser's error means, in the words of the templates' README.
  static func explanation(_ error: any Error) -> String {
    switch error as? MustacheTemplate.Error {
    case .sectionCloseNameIncorrect?: "a section is closed with another name than it was opened with ({{#x}} … {{/x}})"
    case .unfinishedName?: "a tag is not closed (write {{name}})"
    case .expectedSectionEnd?: "a section is opened and never closed (add {{/name}})"
    case .invalidSetDelimiter?, .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?:
      "a {{= … =}} or {{% … }} tag is malformed (keep the first line {{% CONTENT_TYPE: TEXT}})"
    default: "\(error)"
    }
  }

  /// The template's text for a context; nil when there is no such template.
  public func render(_ name: String, _ context: [String: Any]) -> String? {
    library.render(context, withTemplate: name)
  }
}
