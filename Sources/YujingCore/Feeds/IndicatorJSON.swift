import Foundation

/// The canonical JSON forms (docs/operate.md#feeds): an array of objects with the CSV's fields.
enum FeedJSON {
  /// Parses the document and returns its top-level array.
  static func array(_ data: Data, kind: String) throws(FeedReadError) -> [JSONNode] {
    let root: JSONNode
    do {
      root = try JSONParser.parse(data)
    } catch {
      throw FeedReadError("not valid JSON: \(error.message)", at: error.position)
    }
    guard case .array(let elements) = root.value else {
      throw FeedReadError(
        "a \(kind) JSON file is an array of objects ([{…}, {…}]), found \(root.kindName)", at: root.position)
    }
    return elements
  }

  /// A field as text: numbers as written, strings as they are; null and absent are nil.
  /// Returns a reason when the field has a type no row field can have.
  static func text(_ node: JSONNode?, field: String) -> Result<String?, Rejection.Reason> {
    guard let node else { return .success(nil) }
    switch node.value {
    case .null: return .success(nil)
    case .number(let literal): return .success(literal)
    case .string(let string): return .success(string.trimmingCharacters(in: .whitespaces))
    default: return .failure(Rejection.Reason(field: field, text: "\(field) is \(node.kindName), not a number or text"))
    }
  }

  static func location(_ node: JSONNode, index: Int) -> RowLocation {
    RowLocation(line: node.position.line, column: node.position.column, record: index + 1)
  }

  /// The object's members, with a rejection reason for anything that is not an object.
  static func members(_ node: JSONNode) -> [JSONMember]? {
    guard case .object(let members) = node.value else { return nil }
    return members
  }

  /// Keys that a row does not use, collected once per file for a note.
  static func unknownKeys(_ members: [JSONMember], known: Set<String>) -> [String] {
    members.map(\.key).filter { !known.contains($0) }
  }
}

extension Rejection {
  /// A field-level reason, before the row's location is known.
  struct Reason: Error {
    var field: String
    var text: String
  }
}

enum IndicatorJSON {
  static func parse(_ data: Data, catalogue: FeedCatalogue) throws(FeedReadError) -> IndicatorBatch {
    let elements = try FeedJSON.array(data, kind: "indicator")
    var batch = IndicatorBatch()
    var checker = IndicatorRowChecker(catalogue: catalogue)
    var ignored = Set<String>()
    for (index, element) in elements.enumerated() {
      let location = FeedJSON.location(element, index: index)
      guard let members = FeedJSON.members(element) else {
        batch.rejections.append(
          Rejection(location: location, reason: "the element is \(element.kindName), not an object {…}"))
        continue
      }
      if let duplicate = duplicateKey(members) {
        batch.rejections.append(
          Rejection(location: location, field: duplicate, reason: "the key '\(duplicate)' appears twice"))
        continue
      }
      ignored.formUnion(FeedJSON.unknownKeys(members, known: IndicatorCSV.known))
      var texts: [String: String] = [:]
      var failure: Rejection.Reason?
      for field in ["period", "region", "indicator", "value", "growth", "rank"] {
        switch FeedJSON.text(element[field], field: field) {
        case .success(let text): texts[field] = text
        case .failure(let reason): failure = failure ?? reason
        }
      }
      if let failure {
        batch.rejections.append(Rejection(location: location, field: failure.field, reason: failure.text))
        continue
      }
      let fields = IndicatorRowChecker.Fields(
        period: texts["period"], region: texts["region"], indicator: texts["indicator"], value: texts["value"],
        growth: texts["growth"], rank: texts["rank"])
      switch checker.check(fields, at: location, raw: nil) {
      case .success(let observation): batch.observations.append(observation)
      case .failure(let rejection): batch.rejections.append(rejection)
      }
    }
    if !ignored.isEmpty {
      batch.notes.append("ignored the key(s) \(ignored.sorted().joined(separator: ", ")): not part of an indicator row")
    }
    if let note = checker.names.takeNote() { batch.notes.append(note) }
    return batch
  }

  static func duplicateKey(_ members: [JSONMember]) -> String? {
    var seen = Set<String>()
    for member in members where !seen.insert(member.key).inserted { return member.key }
    return nil
  }
}
