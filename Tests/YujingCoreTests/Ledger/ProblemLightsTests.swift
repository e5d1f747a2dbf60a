import Foundation
import Testing

@testable import YujingCore

/// The lights of the 督办台账 as the default `thresholds/problems.yaml` gives them, from tables:
/// each boundary of each colour, the stopped clock of a request to close, and the calendar's
/// holidays.
@Suite struct ProblemLightsTests {
  static let thresholds: Thresholds = {
    let configuration = try! Configuration.embeddedDefault()
    return try! Thresholds.load(configuration: configuration)
  }()

  static func light(
    due: String, on day: String, state: ProblemState = .inProgress, returns: Int = 0, asked: String? = nil,
    assigned: String = "2020-11-02"
  ) throws -> ProblemLight {
    let problem = Problem(
      code: "T", title: "t", unit: "市发改委", level: .city, assigned: Day(assigned)!, due: Day(due)!, state: state)
    let standing = ProblemStanding(problem: problem, returns: returns, closeRequested: asked.flatMap(Day.init))
    return try ProblemLights.judge(
      [standing], on: Day(day)!, ruleSet: thresholds.ruleSet, calendar: thresholds.calendar)[0]
  }

  // 2020-12-18 is a Friday; the working days after it are 12-21 … 12-25, 12-28 … 12-31.
  @Test(arguments: [
    ("2020-12-18", "2020-12-14", Level.none),  // four working days left
    ("2020-12-18", "2020-12-15", Level.blue),  // three left: within three
    ("2020-12-18", "2020-12-18", Level.blue),  // the deadline itself: 0 left
    ("2020-12-18", "2020-12-20", Level.blue),  // the Sunday after it: not yet a working day overdue
    ("2020-12-18", "2020-12-21", Level.yellow),  // one working day overdue
    ("2020-12-18", "2020-12-25", Level.yellow),  // five: still yellow
    ("2020-12-18", "2020-12-28", Level.red),  // six: more than five
  ])
  func theColourFollowsTheWorkingDaysToOrPastTheDeadline(due: String, day: String, expected: Level) throws {
    #expect(try Self.light(due: due, on: day).level == expected, "due \(due), judged \(day)")
  }

  @Test func theDaysBeforeTheDeadlineCountOnlyWorkingDays() throws {
    // 2020-10-09 (Friday) with the National Day holiday before it: 10-01 … 10-08 are days off, and
    // 10-10 (a Saturday) is a make-up working day. From 09-29: 09-30 and 10-09 are the two working
    // days up to the deadline.
    let light = try Self.light(due: "2020-10-09", on: "2020-09-29", assigned: "2020-09-01")
    #expect(light.workingDaysLeft == 2)
    #expect(light.level == .blue)
    // 元旦 2021 (01-01 … 01-03): from 2020-12-31 to 2021-01-05 are two working days.
    #expect(try Self.light(due: "2021-01-05", on: "2020-12-31").workingDaysLeft == 2)
  }

  @Test func returnsColourAProblemWhateverItsDeadline() throws {
    #expect(try Self.light(due: "2021-03-01", on: "2020-12-01", returns: 1).level == .yellow)
    #expect(try Self.light(due: "2021-03-01", on: "2020-12-01", returns: 2).level == .red)
  }

  @Test func aRequestToCloseStopsTheClockOnTheDayItWasMade() throws {
    // Asked on the Thursday before a Friday deadline: judged as of that Thursday for as long as
    // the office has not decided, however late it is now.
    let waiting = try Self.light(due: "2020-12-25", on: "2021-01-20", state: .closeRequested, asked: "2020-12-24")
    #expect(waiting.level == .blue)
    #expect(waiting.workingDaysLeft == 1)
    #expect(waiting.workingDaysOverdue == 0)
    // Asked after the deadline: the days overdue stop growing there.
    let late = try Self.light(due: "2020-12-18", on: "2021-01-20", state: .closeRequested, asked: "2020-12-22")
    #expect(late.workingDaysOverdue == 2)
    #expect(late.level == .yellow)
  }

  @Test(arguments: [ProblemState.done, .closed])
  func aFinishedProblemHasNoLight(state: ProblemState) throws {
    #expect(try Self.light(due: "2020-06-30", on: "2020-12-31", state: state).level == .none)
  }

  @Test func aProblemNotYetAssignedHasNoLight() throws {
    #expect(try Self.light(due: "2020-12-18", on: "2020-10-30", assigned: "2020-11-02").level == .none)
  }

  @Test func theProblemRulesAreCheckedLikeEveryOtherRule() throws {
    // A measure of another kind of subject is refused where the rule is written.
    let yaml = """
      rules:
        - id: wrong
          title: t
          subjects: problems
          when: growth < 0
          level: red
      """
    let sink = DiagnosticSink(file: "problems.yaml")
    _ = RuleFileDecoder.decode(Data(yaml.utf8), file: "problems.yaml", configuration: nil, sink: sink)
    #expect(sink.diagnostics.contains { $0.message.contains("growth") }, "\(sink.diagnostics)")
  }
}
