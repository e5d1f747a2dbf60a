/// The canonical 督办台账 CSV (docs/ledger.md#the-file):
/// `code,title,description,source,unit,co_units,leader,level,assigned,due,state`.
///
/// Each row is checked on its own: a good row is kept, a bad one is listed with its line, field and
/// reason. `due` is a date or a number of working days after `assigned`; `state` may be left empty
/// (a new problem is 交办, a known one keeps its state).
public enum ProblemCSV {
  public static let required = ["code", "title", "unit", "level", "assigned", "due"]
  public static let optional = ["description", "source", "co_units", "leader", "state"]

  /// A problem as a row gives it; `state` is nil where the row left it empty.
  public struct Row: Sendable, Hashable {
    public var problem: Problem
    public var state: ProblemState?
    public var location: RowLocation
  }

  public struct Batch: Sendable {
    public var rows: [Row] = []
    public var rejections: [Rejection] = []
    public var notes: [String] = []
  }

  /// The units a row may name: an addressee of the configuration, or a department's code.
  public struct Units: Sendable {
    let names: [String]
    let byCode: [String: String]

    public init(configuration: Configuration) {
      names = configuration.addressees
      byCode = Dictionary(
        configuration.departments.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    public init(names: [String], byCode: [String: String] = [:]) {
      self.names = names
      self.byCode = byCode
    }

    func resolve(_ text: String) -> Result<String, Refusal> {
      if names.contains(text) { return .success(text) }
      if let name = byCode[text] { return .success(name) }
      let hint = Suggestion.closest(to: text, among: names).map { "; did you mean '\($0)'?" } ?? ""
      return .failure(Refusal("'\(text)' is not an addressee of the configuration\(hint)"))
    }
  }

  struct Refusal: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
  }

  /// Why a problem's fields were refused: the field at fault and the reason.
  public struct FieldRefusal: Error, Sendable, Hashable {
    public var field: String
    public var reason: String
    init(_ field: String, _ reason: String) {
      self.field = field
      self.reason = reason
    }
  }

  /// One problem from its fields by name, trimmed (a row of the file, or the office's form): the
  /// problem and the state it gives (nil when left empty), or the field at fault and why.
  public static func problem(_ text: (String) -> String, units: Units, calendar: WorkingCalendar)
    -> Result<(Problem, ProblemState?), FieldRefusal>
  {
    let code = text("code")
    guard !code.isEmpty else {
      return .failure(FieldRefusal("code", "code is empty: every problem needs its own code"))
    }
    guard code.count <= 64, !code.contains(where: \.isNewline) else {
      return .failure(FieldRefusal("code", "code '\(code.prefix(64))…' is longer than 64 characters"))
    }
    let title = text("title")
    guard !title.isEmpty else { return .failure(FieldRefusal("title", "title is empty")) }
    let unit: String
    switch units.resolve(text("unit")) {
    case .success(let name): unit = name
    case .failure(let refusal): return .failure(FieldRefusal("unit", "unit \(refusal.reason)"))
    }
    var coUnits: [String] = []
    for name in text("co_units").split(whereSeparator: { $0 == ";" || $0 == "；" }) {
      let name = String(name).trimmingSpaces
      guard !name.isEmpty else { continue }
      switch units.resolve(name) {
      case .success(let resolved) where resolved != unit && !coUnits.contains(resolved): coUnits.append(resolved)
      case .success: continue
      case .failure(let refusal): return .failure(FieldRefusal("co_units", "co_units: \(refusal.reason)"))
      }
    }
    guard let level = CoordinationLevel(rawValue: text("level").lowercased()) else {
      return .failure(FieldRefusal("level", "level '\(text("level"))' is not one of county, city, province"))
    }
    guard let assigned = Day(text("assigned")) else {
      return .failure(FieldRefusal("assigned", "assigned '\(text("assigned"))' is not a date YYYY-MM-DD"))
    }
    let due: Day
    switch ProblemDue.parse(text("due"), assigned: assigned, calendar: calendar) {
    case .success(let day): due = day
    case .failure(let refusal): return .failure(FieldRefusal("due", refusal.reason))
    }
    var state: ProblemState?
    let stateText = text("state")
    if !stateText.isEmpty {
      guard let parsed = ProblemState(name: stateText) else {
        return .failure(
          FieldRefusal(
            "state",
            "state '\(stateText)' is not one of \(ProblemState.allCases.map(\.rawValue).joined(separator: "、"))"))
      }
      state = parsed
    }
    let problem = Problem(
      code: code, title: title, description: text("description"), source: text("source"), unit: unit,
      coUnits: coUnits, leader: text("leader"), level: level, assigned: assigned, due: due, state: state ?? .assigned)
    return .success((problem, state))
  }

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, units: Units, calendar: WorkingCalendar)
    throws(FeedReadError) -> Batch
  {
    var batch = Batch()
    var seen: [String: RowLocation] = [:]
    let problems = try ProjectCSV.forEachRow(bytes, required: required, optional: optional, kind: "problem") {
      field, location, raw, locate in
      func reject(_ name: String?, _ reason: String) {
        batch.rejections.append(locate(Rejection(location: location, field: name, reason: reason, raw: raw())))
      }
      func text(_ name: String) -> String { field(name)?.trimmingSpaces ?? "" }
      let problem: Problem
      let state: ProblemState?
      switch Self.problem(text, units: units, calendar: calendar) {
      case .success(let read): (problem, state) = read
      case .failure(let refusal): return reject(refusal.field, refusal.reason)
      }
      let code = problem.code
      if let first = seen[code] { return reject("code", "duplicate of \(first): the problem \(code) appears twice") }
      seen[code] = location
      batch.rows.append(Row(problem: problem, state: state, location: location))
    }
    batch.rejections += problems.rejections
    batch.notes += problems.notes
    return batch
  }
}

/// A deadline as the office writes it: a date, or a number of working days after the problem was
/// assigned (`10`, `10个工作日`, `10 working days`).
public enum ProblemDue {
  static func parse(_ text: String, assigned: Day, calendar: WorkingCalendar) -> Result<Day, ProblemCSV.Refusal> {
    if let day = Day(text) {
      guard day >= assigned else {
        return .failure(.init("due \(day) is before the day the problem was assigned (\(assigned))"))
      }
      return .success(day)
    }
    var number = Substring(text)
    for suffix in ["个工作日", "工作日", "working days", "working day"] where number.hasSuffix(suffix) {
      number = number.dropLast(suffix.count)
      break
    }
    guard let count = Int(String(number).trimmingSpaces), count > 0, count <= 1000 else {
      return .failure(
        .init(
          "due '\(text)' is neither a date YYYY-MM-DD nor a number of working days after assigned (such as 10)"))
    }
    return .success(calendar.adding(workingDays: count, to: assigned))
  }
}
