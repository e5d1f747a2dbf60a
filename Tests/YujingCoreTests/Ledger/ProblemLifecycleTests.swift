import Testing

@testable import YujingCore

/// The steps of a problem from 交办 to 销号, as a pure function: what each step changes and what it
/// refuses.
@Suite struct ProblemLifecycleTests {
  static let calendar = ProblemLightsTests.thresholds.calendar

  static func standing(_ state: ProblemState, returns: Int = 0, asked: Day? = nil) -> ProblemStanding {
    ProblemStanding(
      problem: Problem(
        code: "T", title: "t", unit: "市发改委", level: .county, assigned: Day("2020-11-02")!,
        due: Day("2020-12-18")!, state: state),
      returns: returns, closeRequested: asked)
  }

  static func apply(_ action: ProblemLifecycle.Action, _ standing: ProblemStanding, on day: String = "2020-12-10")
    -> Result<ProblemLifecycle.Change, ProblemLifecycle.Refusal>
  {
    ProblemLifecycle.apply(action, to: standing, on: Day(day)!, calendar: calendar)
  }

  @Test func aProgressReportPutsAnAssignedOrReturnedProblemInHandAndDatesTheLastReport() throws {
    for state in [ProblemState.assigned, .returned, .inProgress] {
      let change = try Self.apply(.progress(text: "进展"), Self.standing(state)).get()
      #expect(change.state == .inProgress)
      #expect(change.lastReport == Day("2020-12-10"))
    }
    // A report while the office decides on a request to close leaves the request standing.
    let asked = Self.standing(.closeRequested, asked: Day("2020-12-08"))
    let change = try Self.apply(.progress(text: "补充材料"), asked).get()
    #expect(change.state == .closeRequested)
    #expect(change.closeRequested == Day("2020-12-08"))
  }

  @Test func aReturnCountsSetsTheThirdWorkingDayAndClearsTheRequest() throws {
    let asked = Self.standing(.closeRequested, returns: 1, asked: Day("2020-12-08"))
    // Returned on Friday 2020-12-11: the third working day after it is Wednesday 12-16.
    let change = try Self.apply(.sendBack(reason: "未达办结条件", due: nil), asked, on: "2020-12-11").get()
    #expect(change.state == .returned)
    #expect(change.returns == 2)
    #expect(change.due == Day("2020-12-16"))
    #expect(change.closeRequested == nil)
    let named = try Self.apply(.sendBack(reason: "r", due: Day("2021-01-15")), asked).get()
    #expect(named.due == Day("2021-01-15"))
  }

  @Test func onlyARequestToCloseCanBeSentBack() {
    #expect(
      Self.apply(.sendBack(reason: "r", due: nil), Self.standing(.inProgress))
        == .failure(.notAwaitingDecision(.inProgress)))
    #expect(
      Self.apply(.sendBack(reason: "r", due: Day("2020-12-01")), Self.standing(.closeRequested))
        == .failure(.dueBeforeDay(due: Day("2020-12-01")!, day: Day("2020-12-10")!)))
    #expect(
      Self.apply(.sendBack(reason: "  ", due: nil), Self.standing(.closeRequested)) == .failure(.emptyText))
  }

  @Test func aClosedProblemTakesNoMoreSteps() {
    for state in [ProblemState.done, .closed] {
      for action in [
        ProblemLifecycle.Action.progress(text: "x"), .requestClose(text: "x"), .close(comment: nil),
        .sendBack(reason: "x", due: nil),
      ] {
        #expect(Self.apply(action, Self.standing(state)) == .failure(.alreadyClosed(state)))
      }
    }
  }

  @Test func closingStrikesItOffOnTheDay() throws {
    let change = try Self.apply(.close(comment: "同意销号"), Self.standing(.closeRequested, asked: Day("2020-12-02")))
      .get()
    #expect(change.state == .closed)
    #expect(change.closedOn == Day("2020-12-10"))
    #expect(change.closeRequested == nil)
  }
}
