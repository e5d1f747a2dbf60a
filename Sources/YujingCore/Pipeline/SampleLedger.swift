import Foundation

/// The sample's 督办台账 (Sources/YujingResources/sample/problems.csv) and the steps its units and
/// the office take in the last months of 2020 (problems-events.csv), for the demo and the tests.
public struct SampleLedger: Sendable {
  /// One step of the sample: `code,day,action,text,due`.
  public struct Step: Sendable, Hashable {
    public var code: String
    public var day: Day
    public var action: ProblemLifecycle.Action
  }

  public let steps: [Step]
  public let file: Data

  public init() throws {
    file = try EmbeddedFiles.data("sample/problems.csv")
    let events = try EmbeddedFiles.data("sample/problems-events.csv")
    var steps: [Step] = []
    _ = try events.withFeedBytes { bytes throws(FeedReadError) in
      try ProjectCSV.forEachRow(bytes, required: ["code", "day", "action", "text", "due"], kind: "ledger step") {
        field, _, _, _ in
        guard let code = field("code"), let day = field("day").flatMap(Day.init) else { return }
        let text = field("text") ?? ""
        let action: ProblemLifecycle.Action? =
          switch field("action") {
          case "progress": .progress(text: text)
          case "request_close": .requestClose(text: text)
          case "close": .close(comment: text)
          case "return": .sendBack(reason: text, due: field("due").flatMap(Day.init))
          default: nil
          }
        if let action { steps.append(Step(code: code, day: day, action: action)) }
      }
    }
    self.steps = steps.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
  }

  /// Imports the ledger as of `imported` and takes every step up to and including `through`.
  @discardableResult
  public func replay(
    into workspace: Workspace, calendar: WorkingCalendar, imported: Day, through: Day,
    instant: (Day) -> Date
  ) throws -> ProblemImportSummary {
    let batch = try ProblemFile.read(
      file, isWorkbook: false, units: ProblemCSV.Units(configuration: workspace.configuration), calendar: calendar)
    let summary = try workspace.store.importProblems(
      batch, day: imported, actor: "sample", at: instant(imported))
    for step in steps where step.day <= through {
      try workspace.store.applyProblemAction(
        step.action, code: step.code, day: step.day, actor: "sample", at: instant(step.day), calendar: calendar)
    }
    return summary
  }
}
