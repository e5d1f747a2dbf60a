import Foundation
import Hummingbird
import YujingCore

/// What an account may do on the 督办台账 (docs/ledger.md): the office reads every problem and
/// decides a request to close it; a department reads the problems it handles (主办 or 协办) and,
/// for those it leads (主办), reports progress and asks to close. A problem a department does not
/// handle does not exist for it.
extension ReviewActions {
  /// The problems the account may read, each with its light today.
  func problems() throws -> [(standing: ProblemStanding, light: ProblemLight)] {
    let standings = try store.problemStandings().filter(mayRead)
    let thresholds = current.thresholds
    let lights = try ProblemLights.judge(
      standings, on: today, ruleSet: thresholds.ruleSet, calendar: thresholds.calendar)
    return Array(zip(standings, lights))
  }

  /// One problem the account may read, with its light today; 404 otherwise.
  func problem(_ code: String) throws -> (standing: ProblemStanding, light: ProblemLight) {
    guard let standing = try store.problemStanding(code: code), mayRead(standing) else {
      throw HTTPError(.notFound, message: "there is no problem \(code)")
    }
    let thresholds = current.thresholds
    let light = try ProblemLights.judge(
      [standing], on: today, ruleSet: thresholds.ruleSet, calendar: thresholds.calendar)[0]
    return (standing, light)
  }

  /// A step of the problem's life: progress and a request to close by its 主办 unit, the close and
  /// the return by a reviewer.
  @discardableResult
  func stepProblem(_ code: String, _ action: ProblemLifecycle.Action) throws -> ProblemLifecycle.Change {
    let (standing, _) = try problem(code)
    switch action {
    case .progress, .requestClose:
      guard leads(standing) else { throw HTTPError(.forbidden, message: "only the 主办 unit reports on a problem") }
    case .close, .sendBack:
      try requireReviewer()
    }
    return try store.applyProblemAction(
      action, code: code, day: today, actor: account.name, at: clock(), calendar: current.thresholds.calendar)
  }

  /// A reviewer adds a problem or revises one from its fields by name (as the file's columns are
  /// named), checked as a file's row is. Says whether it was new.
  @discardableResult
  func saveProblem(_ fields: [String: String], code fixed: String? = nil) throws -> (code: String, added: Bool) {
    try requireReviewer()
    let read = ProblemCSV.problem(
      { name in
        (name == "code" ? fixed ?? fields[name] : fields[name])?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
      },
      units: ProblemCSV.Units(configuration: configuration), calendar: current.thresholds.calendar)
    let (problem, state) = try read.get()
    let added = try store.saveProblem(problem, state: state, day: today, actor: account.name, at: clock())
    return (problem.code, added)
  }

  func mayRead(_ standing: ProblemStanding) -> Bool {
    if account.isOffice { return true }
    guard account.role == .department, let unit = account.addressee else { return false }
    return standing.problem.unit == unit || standing.problem.coUnits.contains(unit)
  }

  /// The account is the problem's 主办 unit.
  func leads(_ standing: ProblemStanding) -> Bool {
    account.role == .department && account.addressee == standing.problem.unit
  }

  var today: Day { Day.today(clock, in: configuration.city.timeZone) }
}
