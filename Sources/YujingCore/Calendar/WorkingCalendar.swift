import Foundation
import Yams

/// Working days by the calendar of the People's Republic of China (docs/rules.md#deadlines): weekends, public
/// holidays and the make-up working days (调休), one data file per year under
/// `thresholds/calendar/`. A year without its file counts weekends only, and says so.
public struct WorkingCalendar: Sendable {
  public struct Year: Sendable, Hashable {
    public var year: Int
    public var holidays: [(name: String, days: ClosedRange<Day>)]
    public var workdays: Set<Day>

    public static func == (lhs: Year, rhs: Year) -> Bool {
      lhs.year == rhs.year && lhs.workdays == rhs.workdays
        && lhs.holidays.map(\.name) == rhs.holidays.map(\.name) && lhs.holidays.map(\.days) == rhs.holidays.map(\.days)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(year) }
  }

  public private(set) var years: [Int: Year]

  public init(years: [Year] = []) {
    self.years = Dictionary(years.map { ($0.year, $0) }) { first, _ in first }
  }

  public func isWorkingDay(_ day: Day) -> Bool {
    guard let year = years[day.year] else { return !day.isWeekend }
    if year.workdays.contains(day) { return true }
    if year.holidays.contains(where: { $0.days.contains(day) }) { return false }
    return !day.isWeekend
  }

  /// The day itself if it is a working day, else the next working day.
  public func workingDay(onOrAfter day: Day) -> Day {
    var candidate = day
    while !isWorkingDay(candidate) { candidate = candidate.adding(days: 1) }
    return candidate
  }

  /// The `count`-th working day after `day` (docs/rules.md#the-ladder: the fifth working day after the 成文日期).
  public func adding(workingDays count: Int, to day: Day) -> Day {
    var candidate = day
    var remaining = count
    while remaining > 0 {
      candidate = candidate.adding(days: 1)
      if isWorkingDay(candidate) { remaining -= 1 }
    }
    return candidate
  }

  /// Working days strictly after `start` up to and including `end`.
  public func workingDays(after start: Day, through end: Day) -> Int {
    guard end > start else { return 0 }
    var count = 0
    var day = start.adding(days: 1)
    while day <= end {
      if isWorkingDay(day) { count += 1 }
      day = day.adding(days: 1)
    }
    return count
  }

  /// Whether the year has its file; without it, only weekends are days off.
  public func knows(year: Int) -> Bool { years[year] != nil }

  /// Reads every `YYYY.yaml` of a calendar directory; diagnostics for what is wrong.
  public static func load(directory: URL) throws(DiagnosticsError) -> WorkingCalendar {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
    var diagnostics: [Diagnostic] = []
    var years: [Year] = []
    for name in names {
      let path = directory.appendingPathComponent(name).path
      let sink = DiagnosticSink(file: path)
      if let data = FileManager.default.contents(atPath: path), let year = decode(data, sink: sink) {
        if "\(year.year).yaml" != name {
          sink.error("the file for year \(year.year) must be named \(year.year).yaml", at: nil)
        } else {
          years.append(year)
        }
      }
      diagnostics += sink.diagnostics
    }
    guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
    return WorkingCalendar(years: years)
  }

  static func decode(_ data: Data, sink: DiagnosticSink) -> Year? {
    guard let root = YAMLDocument.compose(data, sink: sink),
      let map = YAMLMap(root, context: "", allowed: ["year", "holidays", "workdays"], sink: sink),
      let year = map.integer("year", in: 1900...2999, required: true)
    else { return nil }
    func day(_ text: String?, _ what: String, _ position: SourcePosition?) -> Day? {
      guard let text else { return nil }
      guard let day = Day(text) else {
        sink.error("\(what): '\(text)' is not a date YYYY-MM-DD", at: position)
        return nil
      }
      if day.year != year { sink.error("\(what): \(day) is not in \(year)", at: position) }
      return day
    }
    var holidays: [(name: String, days: ClosedRange<Day>)] = []
    for (index, node) in (map.sequence("holidays") ?? []).enumerated() {
      guard let entry = YAMLMap(node, context: "holidays[\(index)]", allowed: ["name", "from", "to"], sink: sink),
        let name = entry.string("name", required: true),
        let from = day(entry.string("from", required: true), "holidays[\(index)].from", entry.position(of: "from")),
        let to = day(entry.string("to", required: true), "holidays[\(index)].to", entry.position(of: "to"))
      else { continue }
      guard from <= to else {
        sink.error("holidays[\(index)] (\(name)) ends before it begins", at: entry.position(of: "to"))
        continue
      }
      holidays.append((name, from...to))
    }
    let workdays = (map.strings("workdays") ?? []).compactMap { day($0, "workdays", map.position(of: "workdays")) }
    for workday in workdays where !workday.isWeekend {
      sink.warning(
        "workdays: \(workday) is a weekday already; only weekend days need listing", at: map.position(of: "workdays"))
    }
    return Year(year: year, holidays: holidays, workdays: Set(workdays))
  }
}
