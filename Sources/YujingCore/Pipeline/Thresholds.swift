import Foundation

/// The rule set and the working-day calendar of a configuration's thresholds directory
/// (docs/rules.md#warning-rules, docs/rules.md#deadlines): the embedded default unless the
/// configuration names a directory.
public struct Thresholds: Sendable {
  public var directory: URL
  public var ruleSet: RuleSet
  public var calendar: WorkingCalendar
  public var ladder: LadderSettings

  public init(directory: URL, ruleSet: RuleSet, calendar: WorkingCalendar, ladder: LadderSettings = LadderSettings()) {
    self.directory = directory
    self.ruleSet = ruleSet
    self.calendar = calendar
    self.ladder = ladder
  }

  /// Where a configuration's thresholds are: its `thresholds` (relative to the file), or the
  /// embedded default.
  public static func directory(for configuration: Configuration) -> URL {
    guard !configuration.isEmbeddedDefault, let path = configuration.thresholds else {
      return EmbeddedFiles.url("thresholds")
    }
    if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
    return URL(fileURLWithPath: configuration.source).deletingLastPathComponent().appendingPathComponent(path)
  }

  /// Loads and checks the rule files and the calendar; throws every diagnostic at once.
  public static func load(configuration: Configuration, directory: URL? = nil) throws(DiagnosticsError) -> Thresholds {
    let directory = directory ?? Self.directory(for: configuration)
    var diagnostics: [Diagnostic] = []
    var ruleSet: RuleSet?
    do {
      ruleSet = try RuleSet.load(directory: directory, configuration: configuration)
    } catch {
      diagnostics += error.diagnostics
    }
    var calendar = WorkingCalendar()
    do {
      calendar = try WorkingCalendar.load(directory: directory.appendingPathComponent("calendar"))
    } catch {
      diagnostics += error.diagnostics
    }
    var ladder = LadderSettings()
    let escalation = directory.appendingPathComponent("escalation.yaml")
    if FileManager.default.fileExists(atPath: escalation.path) {
      do {
        ladder = try LadderSettings.load(file: escalation)
      } catch {
        diagnostics += error.diagnostics
      }
    }
    guard let ruleSet, !diagnostics.contains(where: { $0.severity == .error }) else {
      throw DiagnosticsError(diagnostics)
    }
    return Thresholds(directory: directory, ruleSet: ruleSet, calendar: calendar, ladder: ladder)
  }

  /// A loud word for each year in `years` without a calendar file: deadlines then count only
  /// weekends as days off.
  public func missingCalendarYears(_ years: [Int]) -> [Diagnostic] {
    years.filter { !calendar.knows(year: $0) }.map { year in
      Diagnostic(
        file: directory.appendingPathComponent("calendar/\(year).yaml").path, position: nil,
        message:
          "no holiday calendar for \(year): deadlines count only weekends as days off; add the State Council's schedule for \(year)",
        severity: .warning)
    }
  }
}
