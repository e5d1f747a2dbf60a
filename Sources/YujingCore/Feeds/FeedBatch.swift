/// Where a row of a feed came from, so that a rejection can say exactly where to look.
public struct RowLocation: Hashable, Sendable, CustomStringConvertible {
  /// The line in a text file where the row starts.
  public var line: Int?
  public var column: Int?
  /// The position of the record among the data rows (1 = the first after the header; the
  /// element index + 1 in a JSON array).
  public var record: Int?
  /// A cell of a spreadsheet, with its sheet.
  public var cell: String?
  public var sheet: String?

  public init(line: Int? = nil, column: Int? = nil, record: Int? = nil, cell: String? = nil, sheet: String? = nil) {
    self.line = line
    self.column = column
    self.record = record
    self.cell = cell
    self.sheet = sheet
  }

  /// `line 7` for a CSV row; `line 3, column 5, element 2` for a JSON object; `sheet 1-5月, cell
  /// B7` for a spreadsheet cell.
  public var description: String {
    var parts: [String] = []
    if let sheet { parts.append("sheet \(sheet)") }
    if let cell { parts.append("cell \(cell)") }
    if let line {
      parts.append("line \(line)")
      if let column {
        parts.append("column \(column)")
        if let record { parts.append("element \(record)") }
      }
    } else if let record, cell == nil {
      parts.append("row \(record)")
    }
    return parts.joined(separator: ", ")
  }
}

/// A row that was not taken, with the reason in words an operator can act on.
public struct Rejection: Error, Hashable, Sendable, CustomStringConvertible {
  public var location: RowLocation
  /// The field at fault (`growth`, `period`), when one is.
  public var field: String?
  public var reason: String
  /// The row as it was in the file (truncated), to show beside the reason.
  public var raw: String?

  public init(location: RowLocation, field: String? = nil, reason: String, raw: String? = nil) {
    self.location = location
    self.field = field
    self.reason = reason
    self.raw = raw.map { $0.count > 300 ? String($0.prefix(300)) + "…" : $0 }
  }

  public var description: String {
    let fieldText = field.map { " (\($0))" } ?? ""
    return "\(location)\(fieldText): \(reason)"
  }
}

/// A file that cannot be read at all: nothing of it is applied.
public struct FeedReadError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public var position: SourcePosition?

  public init(_ message: String, at position: SourcePosition? = nil) {
    self.message = message
    self.position = position
  }

  public var description: String {
    position.map { "line \($0.line), column \($0.column): \(message)" } ?? message
  }
}

/// The parsed content of one indicator file: the good rows and the rejected ones.
public struct IndicatorBatch: Sendable {
  public var observations: [Observation] = []
  public var rejections: [Rejection] = []
  /// Things worth saying that reject nothing: an ignored column, a published rank that differs.
  public var notes: [String] = []

  public init() {}
}

/// The parsed content of one project file (with its milestones file, if any).
public struct ProjectBatch: Sendable {
  public var projects: [Project] = []
  public var progress: [ProjectProgress] = []
  public var milestones: [Milestone] = []
  public var rejections: [Rejection] = []
  public var notes: [String] = []

  public init() {}
}

/// The parsed content of one targets file.
public struct TargetBatch: Sendable {
  public var targets: [Target] = []
  public var rejections: [Rejection] = []
  public var notes: [String] = []

  public init(targets: [Target] = []) { self.targets = targets }
}
