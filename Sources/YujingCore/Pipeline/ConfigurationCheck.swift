import Foundation

/// `yujing check`: every diagnostic of the configuration (and, as they arrive, the thresholds).
public struct ConfigurationCheck: Sendable {
  public var diagnostics: [Diagnostic]
  public var summary: [String]

  public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
  public var isValid: Bool { errorCount == 0 }

  /// Checks the configuration, then its thresholds (rule files and calendars) and templates; `years` are the
  /// years whose holiday calendars should be there.
  public static func run(configurationPath: String?, years: [Int] = []) -> ConfigurationCheck {
    var check = configuration(configurationPath: configurationPath)
    guard check.isValid, let loaded = check.configuration else { return check }
    do {
      let thresholds = try Thresholds.load(configuration: loaded)
      check.diagnostics += thresholds.missingCalendarYears(years)
      check.summary.append(
        "ok: \(thresholds.directory.path): \(thresholds.ruleSet.rules.count) rules in \(thresholds.ruleSet.files.count) files, "
          + "calendars for \(thresholds.calendar.years.keys.sorted().map(String.init).joined(separator: ", "))")
    } catch {
      check.diagnostics += error.diagnostics
      check.summary = []
    }
    do {
      let templates = try NoticeTemplates.load(configuration: loaded)
      let overridden = templates.overridden
      check.summary.append(
        overridden.isEmpty
          ? "ok: \(NoticeTemplates.names.count) notice templates, all embedded"
          : "ok: \(NoticeTemplates.names.count) notice templates, \(overridden.joined(separator: ", ")) from "
            + (loaded.templates ?? ""))
    } catch {
      check.diagnostics += error.diagnostics
    }
    if !check.isValid { check.summary = [] }
    return check
  }

  /// The configuration found valid, if it was.
  public var configuration: Configuration?

  static func configuration(configurationPath: String?) -> ConfigurationCheck {
    let loaded: Configuration
    var diagnostics: [Diagnostic] = []
    do {
      if let configurationPath {
        guard let data = FileManager.default.contents(atPath: configurationPath) else {
          return ConfigurationCheck(
            diagnostics: [
              Diagnostic(file: configurationPath, position: nil, message: "cannot read the file (does it exist?)")
            ],
            summary: [])
        }
        let sink = DiagnosticSink(file: configurationPath)
        let decoded = ConfigurationDecoder.decode(data, sink: sink)
        diagnostics += sink.diagnostics
        guard let decoded, !sink.hasErrors else { return ConfigurationCheck(diagnostics: diagnostics, summary: []) }
        loaded = decoded
      } else {
        loaded = try Configuration.embeddedDefault()
      }
    } catch let error as DiagnosticsError {
      return ConfigurationCheck(diagnostics: error.diagnostics, summary: [])
    } catch {
      return ConfigurationCheck(
        diagnostics: [
          Diagnostic(file: configurationPath ?? Configuration.embeddedSource, position: nil, message: "\(error)")
        ],
        summary: [])
    }
    let counts =
      "\(loaded.regions.count) regions, \(loaded.departments.count) departments, "
      + "\(loaded.indicators.count) indicators, \(loaded.feeds.count) feeds"
    return ConfigurationCheck(
      diagnostics: diagnostics, summary: ["ok: \(loaded.source): \(counts)"], configuration: loaded)
  }
}
