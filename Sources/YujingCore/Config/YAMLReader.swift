import Foundation
import Yams

/// Reads a YAML document strictly, keeping positions for messages: an unknown key is an error
/// (with a suggestion when it looks like a known one), a missing required key is an error at its
/// mapping, a value of the wrong type is an error at the value. Nothing stops at the first
/// problem: every diagnostic is collected in `sink`.
final class DiagnosticSink {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []
  /// Each mapping read, by its path (`regions[3]`, `feeds[0].xlsx`; the document's is ""), so
  /// that checks made after decoding can still point at a line. A key's position is looked up
  /// only when a message asks for it: a national configuration has 15,000 keys and no message.
  private var mappings: [String: Node] = [:]

  /// For each list whose elements did not all decode (`regions`), the document's index of each
  /// element that did: checks made after decoding count the decoded ones.
  private var decodedIndices: [String: [Int]] = [:]

  func record(mapping node: Node, at path: String) { mappings[path] = node }

  func record(list path: String, decodedIndices indices: [Int]) {
    if indices != Array(indices.indices) { decodedIndices[path] = indices }
  }

  /// The path of a list's element by its index among the decoded elements: `regions[4]` for the
  /// fourth decoded region when one before it did not decode.
  func element(_ list: String, _ index: Int) -> String {
    "\(list)[\(decodedIndices[list]?[index] ?? index)]"
  }

  /// Where the value at `path` (`indicators[3].lead_department`, `regions[5]`) was read: the
  /// value, else its key.
  func position(_ path: String) -> SourcePosition? {
    if let node = mappings[path] { return SourcePosition(node) }
    let dot = path.lastIndex(of: ".")
    let parent = dot.map { String(path[..<$0]) } ?? ""
    let key = dot.map { path[path.index(after: $0)...] } ?? path[...]
    guard case .mapping(let mapping)? = mappings[parent],
      let entry = mapping.first(where: { $0.key.scalar.map { $0.string == key } ?? false })
    else { return nil }
    return SourcePosition(entry.value) ?? SourcePosition(entry.key)
  }

  init(file: String) { self.file = file }

  func error(_ message: String, at position: SourcePosition?) {
    diagnostics.append(Diagnostic(file: file, position: position, message: message))
  }

  func warning(_ message: String, at position: SourcePosition?) {
    diagnostics.append(Diagnostic(file: file, position: position, message: message, severity: .warning))
  }

  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

enum YAMLDocument {
  /// Parses the text into a node tree, or records why it cannot be parsed.
  static func compose(_ data: Data, sink: DiagnosticSink) -> Node? {
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
      sink.error("the file is UTF-16; save it as UTF-8", at: SourcePosition(line: 1, column: 1))
      return nil
    }
    guard var text = String(validating: data, as: UTF8.self) else {
      let position = TextDecoding.firstInvalidUTF8Position(in: data)
      sink.error(TextDecoding.notUTF8AdviceForYAML, at: position)
      return nil
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    do {
      // No tag resolution: every reader here takes scalars as written (`isNull` is its own), and
      // the default resolver runs up to seven regular expressions on every scalar that Yams hashes
      // to check a mapping for duplicate keys: a third of reading a 3,000-region configuration.
      return try Yams.compose(yaml: text, .basic)
    } catch let error as YamlError {
      switch error {
      case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
        .composer(_, let problem, let mark, _):
        sink.error("not valid YAML: \(problem)", at: SourcePosition(mark, inside: text))
      case .duplicatedKeysInMapping(let duplicates, let context):
        sink.error(
          "duplicate key \(duplicates.joined(separator: ", ")) in one mapping",
          at: SourcePosition(context.mark))
      default:
        sink.error("not valid YAML: \(error)", at: nil)
      }
      return nil
    } catch {
      sink.error("not valid YAML: \(error)", at: nil)
      return nil
    }
  }
}

extension SourcePosition {
  init(_ mark: Mark) { self.init(line: mark.line, column: mark.column) }

  /// An error's place in `text`. libyaml ends a stream that lacks a final line break by moving to
  /// the next line, past the end of the file; an error there is shown at the end of the last line.
  init(_ mark: Mark, inside text: String) {
    var lines = 1
    var lastLength = 0
    var previousCR = false
    for scalar in text.unicodeScalars {
      defer { previousCR = scalar == "\r" }
      if scalar == "\n" && previousCR { continue }
      if scalar == "\n" || scalar == "\r" {
        lines += 1
        lastLength = 0
      } else {
        lastLength += 1
      }
    }
    if mark.line > lines {
      self.init(line: lines, column: lastLength + 1)
    } else {
      self.init(mark)
    }
  }

  init?(_ node: Node) {
    guard let mark = node.mark else { return nil }
    self.init(mark)
  }
}

/// A YAML mapping read against a list of allowed keys.
struct YAMLMap {
  let node: Node
  /// Where this mapping is in the document, for messages: `regions[3]`, `feeds[0].xlsx`.
  let context: String
  let sink: DiagnosticSink
  /// The allowed keys present, in order: a handful a mapping, so a scan beats hashing.
  private let entries: [(name: String, key: Node, value: Node)]

  /// Reads `node` as a mapping; reports a wrong type, unknown keys and duplicate keys.
  init?(_ node: Node, context: String, allowed: [String], sink: DiagnosticSink) {
    guard case .mapping(let mapping) = node else {
      sink.error(
        "\(context.isEmpty ? "the configuration" : context) must be a mapping (key: value), found \(node.kindName)",
        at: SourcePosition(node))
      return nil
    }
    sink.record(mapping: node, at: context)
    self.node = node
    self.context = context
    self.sink = sink
    var entries: [(name: String, key: Node, value: Node)] = []
    entries.reserveCapacity(mapping.count)
    let label = context.isEmpty ? "the configuration" : context
    for (key, value) in mapping {
      guard let name = key.scalar?.string else {
        sink.error("keys in \(label) must be plain words", at: SourcePosition(key))
        continue
      }
      if entries.contains(where: { $0.name == name }) {
        sink.error("key '\(name)' appears twice in \(label)", at: SourcePosition(key))
        continue
      }
      if !allowed.contains(name) {
        let hint = Suggestion.closest(to: name, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
        sink.error(
          "unknown key '\(name)' in \(label)\(hint) (allowed: \(allowed.joined(separator: ", ")))",
          at: SourcePosition(key))
        continue
      }
      entries.append((name, key, value))
    }
    self.entries = entries
  }

  var position: SourcePosition? { SourcePosition(node) }

  /// The mapping's name in messages.
  var label: String { context.isEmpty ? "the configuration" : context }

  /// The path of one of its keys: `city.code`, `regions[3].kind`.
  func path(_ key: String) -> String { context.isEmpty ? key : "\(context).\(key)" }

  private func entry(_ name: String) -> (name: String, key: Node, value: Node)? {
    entries.first { $0.name == name }
  }

  func has(_ key: String) -> Bool { entry(key).map { !$0.value.isNull } ?? false }

  func node(_ key: String) -> Node? {
    guard let value = entry(key)?.value, !value.isNull else { return nil }
    return value
  }

  func position(of key: String) -> SourcePosition? {
    entry(key).flatMap { SourcePosition($0.value) ?? SourcePosition($0.key) } ?? position
  }

  private func missing(_ key: String) {
    sink.error("\(label) needs '\(key)'", at: position)
  }

  /// A scalar as text; numbers and booleans are taken as written (`code: 360900` is "360900").
  func string(_ key: String, required: Bool = false) -> String? {
    guard let value = node(key) else {
      if required { missing(key) }
      return nil
    }
    guard let scalar = value.scalar else {
      sink.error("\(path(key)) must be a single value, found \(value.kindName)", at: SourcePosition(value))
      return nil
    }
    let text = scalar.string.trimmingSpaces.detached
    if text.isEmpty && required {
      sink.error("\(path(key)) must not be empty", at: SourcePosition(value))
      return nil
    }
    return text
  }

  func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = false)
    -> E? where E.RawValue == String
  {
    guard let text = string(key, required: required) else { return nil }
    if let value = E(rawValue: text) { return value }
    let allowed = E.allCases.map(\.rawValue)
    let hint = Suggestion.closest(to: text, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
    sink.error(
      "\(path(key)): '\(text)' is not one of \(allowed.joined(separator: ", "))\(hint)",
      at: position(of: key))
    return nil
  }

  /// `true` or `false` (YAML 1.2's core schema; `yes` and `no` are not booleans there).
  func boolean(_ key: String) -> Bool? {
    guard let text = string(key) else { return nil }
    switch text {
    case "true": return true
    case "false": return false
    default:
      sink.error("\(path(key)): '\(text)' must be true or false", at: position(of: key))
      return nil
    }
  }

  func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
    guard let text = string(key, required: required) else { return nil }
    guard let value = Int(text), range.contains(value) else {
      sink.error(
        "\(path(key)): '\(text)' must be a whole number from \(range.lowerBound) to \(range.upperBound)",
        at: position(of: key))
      return nil
    }
    return value
  }

  func figure(_ key: String, required: Bool = false) -> Fixed? {
    guard let text = string(key, required: required) else { return nil }
    do {
      return try Fixed(parsing: text)
    } catch {
      sink.error("\(path(key)): \(error)", at: position(of: key))
      return nil
    }
  }

  /// A sequence's elements; a single scalar is not promoted to a list.
  func sequence(_ key: String, required: Bool = false) -> [Node]? {
    guard let value = node(key) else {
      if required { missing(key) }
      return nil
    }
    guard case .sequence(let sequence) = value else {
      sink.error("\(path(key)) must be a list, found \(value.kindName)", at: SourcePosition(value))
      return nil
    }
    return Array(sequence)
  }

  func strings(_ key: String) -> [String]? {
    guard let nodes = sequence(key) else { return nil }
    return nodes.enumerated().compactMap { index, node in
      guard let scalar = node.scalar else {
        sink.error("\(path(key))[\(index)] must be a single value", at: SourcePosition(node))
        return nil
      }
      return scalar.string
    }
  }

  func map(_ key: String, allowed: [String], required: Bool = false) -> YAMLMap? {
    guard let value = node(key) else {
      if required { missing(key) }
      return nil
    }
    return YAMLMap(value, context: "\(path(key))", allowed: allowed, sink: sink)
  }

  /// A mapping from free-form names to values (`indicators: {规模以上工业增加值: industry_va}`).
  func dictionary(_ key: String) -> [(key: String, value: String, position: SourcePosition?)]? {
    guard let value = node(key) else { return nil }
    guard case .mapping(let mapping) = value else {
      sink.error("\(path(key)) must be a mapping, found \(value.kindName)", at: SourcePosition(value))
      return nil
    }
    return mapping.compactMap { entry in
      guard let name = entry.key.scalar?.string, let target = entry.value.scalar?.string else {
        sink.error("\(path(key)): each entry must be 'name: value'", at: SourcePosition(entry.key))
        return nil
      }
      return (name, target, SourcePosition(entry.key))
    }
  }
}

extension Node {
  var isNull: Bool {
    guard case .scalar(let scalar) = self else { return false }
    guard scalar.style == .plain else { return false }
    switch scalar.string {
    case "", "~", "null", "Null", "NULL": return true
    default: return false
    }
  }

  var kindName: String {
    switch self {
    case .scalar: isNull ? "nothing" : "a single value"
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }
}

extension String {
  /// The same text in storage of its own. A value kept from the node tree (a region's addressee)
  /// would keep the storage the parser made for it, one small block among the tree's; a 3,000-region
  /// configuration then left 3,000 such blocks spread over the 6 MB the freed tree had used, so that
  /// none of its pages could go back to the system (3.5 MB more resident memory, measured).
  var detached: String {
    // Short strings live inline and allocate nothing.
    guard utf8.count > 15 else { return self }
    return String(unsafeUninitializedCapacity: utf8.count) { buffer in
      buffer.initialize(fromContentsOf: utf8)
    }
  }

  /// As `trimmingCharacters(in: .whitespaces)` (spaces of every kind and tabs), returning the
  /// string itself when there is nothing to trim: the common case, and Foundation copies anyway.
  var trimmingSpaces: String {
    func isSpace(_ scalar: Unicode.Scalar) -> Bool {
      scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }
    guard let first = unicodeScalars.first, let last = unicodeScalars.last, isSpace(first) || isSpace(last) else {
      return self
    }
    return trimmingCharacters(in: .whitespaces)
  }
}
