/// A problem of the 督办台账 with its light as JSON, the same for `yujing problems list --format
/// json` and `/api/v1/problems`: keys are added, never renamed or removed.
public enum LedgerJSON {
  public static func problem(_ standing: ProblemStanding, _ light: ProblemLight) -> String {
    let problem = standing.problem
    func string(_ text: String) -> String { FindingsJSON.string(text) }
    let fields: [(String, String)] = [
      ("code", string(problem.code)), ("title", string(problem.title)), ("state", string(problem.state.rawValue)),
      ("level", string(problem.level.rawValue)), ("unit", string(problem.unit)),
      ("co_units", "[" + problem.coUnits.map(string).joined(separator: ", ") + "]"),
      ("leader", string(problem.leader)), ("assigned", string(problem.assigned.description)),
      ("due", string(problem.due.description)), ("light", string(light.level.name)),
      ("rules", "[" + light.rules.map { string($0.rule) }.joined(separator: ", ") + "]"),
      ("working_days_left", light.workingDaysLeft.map(String.init) ?? "null"),
      ("working_days_overdue", String(light.workingDaysOverdue)), ("returns", String(standing.returns)),
    ]
    return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
  }
}
