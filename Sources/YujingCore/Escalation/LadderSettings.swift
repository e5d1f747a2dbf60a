import Foundation

/// The numbers of the ladder, from `thresholds/escalation.yaml` (docs/rules.md#the-ladder).
public struct LadderSettings: Sendable, Hashable {
  public var bluePeriods = 2
  public var yellowPeriods = 2
  public var redPeriods = 2
  public var cleanPeriods = 2
  public var reportWorkingDays = 5
  /// After a 整改 report is sent back (退回), the working days the unit has to send it again.
  public var returnedWorkingDays = 3
  /// How many working days after its 成文日期 a notice may be appealed (申诉).
  public var appealWorkingDays = 3

  public init() {}

  public static func load(file: URL) throws(DiagnosticsError) -> LadderSettings {
    let path = file.path
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DiagnosticsError([Diagnostic(file: path, position: nil, message: "cannot read the escalation file")])
    }
    let sink = DiagnosticSink(file: path)
    var settings = LadderSettings()
    if let root = YAMLDocument.compose(data, sink: sink),
      let top = YAMLMap(
        root, context: "", allowed: ["reminder", "talk_deputy", "talk_mayor", "lift", "report", "appeal"], sink: sink)
    {
      func number(_ section: String, _ key: String, _ range: ClosedRange<Int>) -> Int? {
        top.map(section, allowed: [key], required: true)?.integer(key, in: range, required: true)
      }
      settings.bluePeriods = number("reminder", "blue_periods", 1...12) ?? settings.bluePeriods
      settings.yellowPeriods = number("talk_deputy", "yellow_periods", 1...12) ?? settings.yellowPeriods
      settings.redPeriods = number("talk_mayor", "red_periods", 1...12) ?? settings.redPeriods
      settings.cleanPeriods = number("lift", "clean_periods", 1...12) ?? settings.cleanPeriods
      if let report = top.map("report", allowed: ["working_days", "returned_working_days"], required: true) {
        settings.reportWorkingDays =
          report.integer("working_days", in: 1...60, required: true) ?? settings.reportWorkingDays
        settings.returnedWorkingDays =
          report.integer("returned_working_days", in: 1...60) ?? settings.returnedWorkingDays
      }
      if let appeal = top.map("appeal", allowed: ["working_days"]) {
        settings.appealWorkingDays = appeal.integer("working_days", in: 1...60) ?? settings.appealWorkingDays
      }
    }
    guard !sink.hasErrors else { throw DiagnosticsError(sink.diagnostics) }
    return settings
  }
}
