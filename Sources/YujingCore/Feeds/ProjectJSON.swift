import Foundation

/// The canonical project JSON (docs/operate.md#feeds): the CSV's fields plus `"milestones": [{"stage": …,
/// "due": …, "done": …}]` inside each project.
enum ProjectJSON {
  static let known = Set(ProjectCSV.projectColumns + ["milestones"])

  static func parse(_ data: Data, catalogue: FeedCatalogue, knownProjects: Set<String>) throws(FeedReadError)
    -> ProjectBatch
  {
    let elements = try FeedJSON.array(data, kind: "project")
    var batch = ProjectBatch()
    var checker = ProjectRowChecker(catalogue: catalogue, knownProjects: knownProjects)
    var ignored = Set<String>()
    for (index, element) in elements.enumerated() {
      let location = FeedJSON.location(element, index: index)
      guard let members = FeedJSON.members(element) else {
        batch.rejections.append(
          Rejection(location: location, reason: "the element is \(element.kindName), not an object {…}"))
        continue
      }
      if let duplicate = IndicatorJSON.duplicateKey(members) {
        batch.rejections.append(
          Rejection(location: location, field: duplicate, reason: "the key '\(duplicate)' appears twice"))
        continue
      }
      ignored.formUnion(FeedJSON.unknownKeys(members, known: known))
      guard let texts = strings(element, ProjectCSV.projectColumns, location: location, batch: &batch) else {
        continue
      }
      let fields = ProjectRowChecker.Fields(
        period: texts["period"], project: texts["project"], name: texts["name"], region: texts["region"],
        department: texts["department"], leader: texts["leader"], totalInvestment: texts["total_investment"],
        annualPlan: texts["annual_plan"], completedYearToDate: texts["completed_ytd"], status: texts["status"],
        plannedStart: texts["planned_start"], actualStart: texts["actual_start"],
        plannedCompletion: texts["planned_completion"], registered: texts["registered"])
      switch checker.check(fields, at: location, raw: nil) {
      case .success(let (project, progress)):
        batch.projects.append(project)
        batch.progress.append(progress)
      case .failure(let rejection):
        batch.rejections.append(rejection)
        continue
      }
      guard let milestones = element["milestones"], milestones.value != .null else { continue }
      guard case .array(let items) = milestones.value else {
        batch.rejections.append(
          Rejection(
            location: FeedJSON.location(milestones, index: index), field: "milestones",
            reason: "milestones is \(milestones.kindName), not an array"))
        continue
      }
      for item in items {
        let itemLocation = RowLocation(line: item.position.line, column: item.position.column, record: index + 1)
        guard FeedJSON.members(item) != nil else {
          batch.rejections.append(
            Rejection(
              location: itemLocation, field: "milestones", reason: "a milestone is \(item.kindName), not an object"))
          continue
        }
        guard var values = strings(item, ["stage", "due", "done"], location: itemLocation, batch: &batch) else {
          continue
        }
        values["project"] = project(of: element)
        let fields = ProjectRowChecker.MilestoneFields(
          project: values["project"], stage: values["stage"], due: values["due"], done: values["done"])
        switch checker.check(fields, at: itemLocation, raw: nil) {
        case .success(let milestone): batch.milestones.append(milestone)
        case .failure(let rejection): batch.rejections.append(rejection)
        }
      }
    }
    if !ignored.isEmpty {
      batch.notes.append("ignored the key(s) \(ignored.sorted().joined(separator: ", ")): not part of a project row")
    }
    if let note = checker.names.takeNote() { batch.notes.append(note) }
    return batch
  }

  private static func project(of element: JSONNode) -> String? {
    guard case .string(let code)? = element["project"]?.value else { return nil }
    return code
  }

  private static func strings(
    _ node: JSONNode, _ fields: [String], location: RowLocation, batch: inout ProjectBatch
  ) -> [String: String]? {
    var texts: [String: String] = [:]
    for field in fields {
      switch FeedJSON.text(node[field], field: field) {
      case .success(let text): texts[field] = text
      case .failure(let reason):
        batch.rejections.append(Rejection(location: location, field: reason.field, reason: reason.text))
        return nil
      }
    }
    return texts
  }
}
