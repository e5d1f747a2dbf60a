/// The canonical project CSV and its milestones CSV (docs/operate.md#feeds).
enum ProjectCSV {
  static let projectColumns = [
    "period", "project", "name", "region", "department", "leader", "total_investment", "annual_plan",
    "completed_ytd", "status", "planned_start", "actual_start", "planned_completion", "registered",
  ]
  static let milestoneColumns = ["project", "stage", "due", "done"]

  static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, milestones: UnsafeBufferPointer<UInt8>?, catalogue: FeedCatalogue,
    knownProjects: Set<String>
  ) throws(FeedReadError) -> ProjectBatch {
    var batch = ProjectBatch()
    var checker = ProjectRowChecker(catalogue: catalogue, knownProjects: knownProjects)
    let problems = try forEachRow(bytes, required: projectColumns, kind: "project") { row, location, raw, locate in
      let fields = ProjectRowChecker.Fields(
        period: row("period"), project: row("project"), name: row("name"), region: row("region"),
        department: row("department"), leader: row("leader"), totalInvestment: row("total_investment"),
        annualPlan: row("annual_plan"), completedYearToDate: row("completed_ytd"), status: row("status"),
        plannedStart: row("planned_start"), actualStart: row("actual_start"),
        plannedCompletion: row("planned_completion"), registered: row("registered"))
      switch checker.check(fields, at: location, raw: raw()) {
      case .success(let (project, progress)):
        batch.projects.append(project)
        batch.progress.append(progress)
      case .failure(let rejection): batch.rejections.append(locate(rejection))
      }
    }
    batch.record(problems)
    if let note = checker.names.takeNote() { batch.notes.append(note) }
    if let milestones {
      do {
        let problems = try forEachRow(milestones, required: milestoneColumns, kind: "milestone") {
          row, location, raw, locate in
          let fields = ProjectRowChecker.MilestoneFields(
            project: row("project"), stage: row("stage"), due: row("due"), done: row("done"))
          switch checker.check(fields, at: location, raw: raw()) {
          case .success(let milestone): batch.milestones.append(milestone)
          case .failure(let rejection):
            var rejection = locate(rejection)
            rejection.reason = "milestones file: " + rejection.reason
            batch.rejections.append(rejection)
          }
        }
        batch.record(problems, prefix: "milestones file: ")
      } catch {
        throw FeedReadError("the milestones file: \(error.message)", at: error.position)
      }
    }
    return batch
  }

  /// Reads a canonical CSV whose rows are looked up by column name. Rows that are broken as rows
  /// (field count, unclosed quotes) never reach `body`: they come back as `RowProblems`.
  static func forEachRow(
    _ bytes: UnsafeBufferPointer<UInt8>, required: [String], optional: [String] = [], kind: String,
    _ body: (
      _ field: (String) -> String?, _ location: RowLocation, _ raw: () -> String,
      _ locate: (Rejection) -> Rejection
    ) -> Void
  ) throws(FeedReadError) -> RowProblems {
    var problems = RowProblems()
    try FeedText.check(bytes, expected: "CSV")
    var scanner = CSVScanner(bytes: bytes)
    var fields: [CSVScanner.Field] = []
    try scanner.header(into: &fields)
    let header = try CSVHeader(names: fields.map { scanner.string($0) })
    try header.require(required, kind: kind)
    let unused = header.unused(known: Set(required + optional))
    if !unused.isEmpty {
      problems.notes.append("ignored the column(s) \(unused.joined(separator: ", ")): not part of a \(kind) file")
    }
    var record = 0
    while let outcome = scanner.next(into: &fields) {
      record += 1
      guard case .record(let line) = outcome else {
        if case .unclosedQuote(let line) = outcome {
          problems.rejections.append(
            Rejection(
              location: RowLocation(line: line, record: record),
              reason: "a quoted field opened here is never closed; the rest of the file was read as part of it"))
        }
        continue
      }
      let location = RowLocation(line: line, record: record)
      guard fields.count == header.columns.count else {
        problems.rejections.append(
          Rejection(
            location: location,
            reason: "the row has \(fields.count) field(s) but the header has \(header.columns.count)",
            raw: scanner.rawText(from: fields)))
        continue
      }
      let current = fields
      body(
        { name in header.position(of: name).map { scanner.string(current[$0]) } }, location,
        { scanner.rawText(from: current) }, { $0.at(header.position(of:), in: current, of: scanner) })
    }
    return problems
  }
}

/// Rows a CSV reader refused before looking at their fields, and remarks about the file.
struct RowProblems {
  var rejections: [Rejection] = []
  var notes: [String] = []
}

extension ProjectBatch {
  mutating func record(_ problems: RowProblems, prefix: String = "") {
    rejections += problems.rejections.map { rejection in
      var rejection = rejection
      rejection.reason = prefix + rejection.reason
      return rejection
    }
    notes += problems.notes.map { prefix + $0 }
  }
}
