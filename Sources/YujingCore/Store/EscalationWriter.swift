import Foundation
import GRDB

/// A case file's identity as stored: one per addressee, subject and opening period.
struct CaseFileKey: Hashable {
  var addressee: String
  var kind: String
  var subject: String
  var opened: String

  init(addressee: String, kind: String, subject: String, opened: String) {
    self.addressee = addressee
    self.kind = kind
    self.subject = subject
    self.opened = opened
  }

  init(_ update: CaseUpdate) {
    self.init(
      addressee: update.addressee, kind: update.subject.kind, subject: update.subject.key,
      opened: update.opened.description)
  }
}

/// What the ladder concluded for one case at one period.
public struct CaseUpdate: Sendable {
  public var addressee: String
  public var subject: Subject
  public var opened: Period
  public var stageAfter: Stage
  public var closed: Bool
  public var transitions: [(from: Stage, to: Stage, level: Level?, reason: String)]

  public init(
    addressee: String, subject: Subject, opened: Period, stageAfter: Stage, closed: Bool,
    transitions: [(from: Stage, to: Stage, level: Level?, reason: String)]
  ) {
    self.addressee = addressee
    self.subject = subject
    self.opened = opened
    self.stageAfter = stageAfter
    self.closed = closed
    self.transitions = transitions
  }
}

/// What became of the notices of a period.
public struct NoticeChanges: Sendable, Hashable {
  public var drafted: [Int64] = []
  public var superseded: [Int64] = []
  public var corrections: [Int64] = []

  public var isEmpty: Bool { drafted.isEmpty && superseded.isEmpty && corrections.isEmpty }
}

extension Store {
  /// Writes one period's escalation in one transaction (docs/architecture.md#the-data-path): the cases' new stages and
  /// events, and the notices of the period reconciled subject by subject with those already there
  /// (`NoticeReconciler`): nothing issued is silently changed.
  ///
  /// `intents` are the notices the period calls for now, one per group (`NoticeKey`);
  /// `groupKinds` are the kinds of group the period owns, so that a group no longer called for is
  /// reconciled too. `draft` writes a notice's text.
  @discardableResult
  public func applyEscalation(
    period: Period, day: Day, at instant: Date, cases: [CaseUpdate], intents: [NoticeIntent],
    groupKinds: [NoticeKey.Group],
    draft: (NoticeIntent, _ corrects: NoticeRecord?) -> NoticeDraft
  ) throws -> NoticeChanges {
    try writer.write { db in
      var changes = NoticeChanges()
      try db.execute(sql: "DELETE FROM evaluation_due WHERE period = ?", arguments: [period.description])
      let wanted = Dictionary(intents.map { ($0.key, $0) }) { first, _ in first }
      var groups = Set(wanted.keys)
      for kind in groupKinds {
        let range = NoticeKey.range(of: kind)
        for key in try String.fetchAll(
          db, sql: "SELECT DISTINCT notice_key FROM notice WHERE period = ? AND notice_key > ? AND notice_key < ?",
          arguments: [period.description, range.above, range.below])
        {
          if let key = NoticeKey(key) { groups.insert(key.groupKey) }
        }
      }
      // In the order of the key index; each key's text made once, not at every comparison.
      for group in groups.map({ (text: $0.description, key: $0) }).sorted(by: { $0.text < $1.text }).map(\.key) {
        let existing = try Row.fetchAll(
          db.cachedStatement(sql: Store.groupNoticesSQL + " ORDER BY id"), arguments: Store.groupArguments(group)
        ).map(Store.noticeRecord)
        let intent = wanted[group]
        let desired = Dictionary((intent?.subjects ?? []).map { ($0.subject.notation, $0.factsHash) }) { first, _ in
          first
        }
        let talks = Set((intent?.subjects ?? []).filter { $0.stage?.isTalk == true }.map(\.subject.notation))
        let plan = NoticeReconciler.plan(
          group: group, desired: desired, talks: talks,
          existing: existing.compactMap { notice in
            NoticeKey(notice.key).map {
              NoticeReconciler.Existing(
                id: notice.id, key: $0, state: notice.state, corrects: notice.corrects, facts: notice.subjectFacts,
                isTalk: notice.kind == .talk)
            }
          })
        for action in plan {
          switch action {
          case .supersede(let id):
            try Store.setNoticeState(
              db, id, from: .draft, to: .superseded, actor: "yujing", at: instant,
              note: "replaced after the evaluation of \(period) on \(day)")
            changes.superseded.append(id)
          case .draft(let key, let subjects, let corrects):
            let corrected = try corrects.flatMap { try Store.notice(db, id: $0) }
            let template =
              intent ?? corrected.flatMap(Store.intent)
              ?? NoticeIntent(
                kind: .reminder, addressee: "", copies: [], period: period, key: key, subjects: [])
            var part = template
            part.key = key
            part.subjects = template.subjects.filter { subjects.contains($0.subject.notation) }
            if let corrected {
              // A correction is the corrected notice's organ's own document, to the same units.
              part.kind = corrected.kind
              part.copies = corrected.copies
            } else if part.kind == .reminder || part.kind == .talk {
              // A notice holding only some of the group's subjects is a talk only if one of them is.
              part.kind = part.subjects.contains { $0.stage?.isTalk == true } ? .talk : .reminder
            }
            let written = draft(part, corrected)
            let id = try Store.insertNotice(
              db, written, at: instant,
              note: corrected.map {
                "corrects \($0.number ?? "notice \($0.id)") after the evaluation of \(period) on \(day)"
              }
                ?? "drafted by the evaluation of \(period) on \(day)")
            if corrected == nil { changes.drafted.append(id) } else { changes.corrections.append(id) }
          }
        }
      }
      // The period's transitions are recomputed as a whole: those it no longer has must not stay.
      let touched = Set(
        try Int64.fetchAll(
          db, sql: "SELECT DISTINCT case_id FROM case_event WHERE period = ? AND cause = 'level' AND superseded = 0",
          arguments: [period.description]))
      try db.execute(
        sql: "UPDATE case_event SET superseded = 1 WHERE period = ? AND cause = 'level' AND superseded = 0",
        arguments: [period.description])
      var updated = Set<Int64>()
      // The live notices of a group, newest first, read once however many of its cases moved.
      var live: [NoticeKey: [NoticeRecord]] = [:]
      // Every case the updates may name, read at once: a national period updates tens of
      // thousands of open cases, most of which stay where they were and need no write.
      var known = try Store.casesOpened(db, from: cases.map(\.opened).min())
      for update in cases {
        let key = CaseFileKey(update)
        let caseID: Int64
        if let stored = known[key] {
          caseID = stored.id
        } else {
          caseID = try Store.caseID(db, addressee: update.addressee, subject: update.subject, opened: update.opened)
          known[key] = (caseID, Stage.none.rawValue, nil)
        }
        updated.insert(caseID)
        for transition in update.transitions {
          let group: NoticeKey =
            transition.to == .lifted ? .lift(update.addressee, period) : .stage(update.addressee, period)
          if live[group] == nil { live[group] = try Store.liveNotices(db, group: group) }
          let notice = live[group]?.first { $0.subjectFacts[update.subject.notation] != nil }?.id
          try db.cachedStatement(
            sql: """
              INSERT INTO case_event (case_id, period, day, cause, from_stage, to_stage, level, reason, notice_id)
              VALUES (?, ?, ?, 'level', ?, ?, ?, ?, ?)
              """
          ).execute(
            arguments: [
              caseID, period.description, day.description, transition.from.rawValue, transition.to.rawValue,
              transition.level.map(\.name), transition.reason, notice,
            ])
        }
        let stage = update.stageAfter.rawValue
        let closed = update.closed ? period.description : nil
        if known[key]?.stage != stage || known[key]?.closed != closed {
          try db.cachedStatement(sql: "UPDATE case_file SET stage = ?, closed_period = ? WHERE id = ?")
            .execute(arguments: [stage, closed, caseID])
        }
      }
      // A case that lost its events here stands where its remaining events leave it.
      for caseID in touched.subtracting(updated) { try Store.restage(db, caseID: caseID) }
      return changes
    }
  }

  /// The cases opened in a period from `start` on, by addressee, subject and opening period.
  static func casesOpened(_ db: Database, from start: Period?) throws -> [CaseFileKey: (
    id: Int64, stage: String, closed: String?
  )] {
    guard let start else { return [:] }
    var cases: [CaseFileKey: (id: Int64, stage: String, closed: String?)] = [:]
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT id, addressee, subject_kind, subject, opened_period, stage, closed_period FROM case_file
        WHERE opened_period >= ?
        """,
      arguments: [start.description])
    while let row = try rows.next() {
      cases[CaseFileKey(addressee: row[1], kind: row[2], subject: row[3], opened: row[4])] = (row[0], row[5], row[6])
    }
    return cases
  }

  /// Sets a case's stage from its live events: the last one's stage, closed when it was a lift.
  static func restage(_ db: Database, caseID: Int64) throws {
    let last = try Row.fetchOne(
      db,
      sql:
        "SELECT period, to_stage FROM case_event WHERE case_id = ? AND superseded = 0 ORDER BY period DESC, id DESC LIMIT 1",
      arguments: [caseID])
    let stage: String = last?["to_stage"] ?? Stage.none.rawValue
    let closed: String? = stage == Stage.lifted.rawValue ? last?["period"] : nil
    try db.execute(
      sql: "UPDATE case_file SET stage = ?, closed_period = ? WHERE id = ?", arguments: [stage, closed, caseID])
  }

  /// The notices of a group that still stand: its key, and the keys of its supplements
  /// (`group|2` …), found by a range of the key index (a LIKE pattern would scan every notice,
  /// since SQLite's LIKE ignores case and cannot use the index).
  static let groupNoticesSQL =
    "SELECT * FROM notice WHERE (notice_key = ? OR (notice_key > ? AND notice_key < ?)) AND state != 'superseded'"

  static func groupArguments(_ group: NoticeKey) -> StatementArguments {
    [group.description, group.supplementRange.above, group.supplementRange.below]
  }

  /// The notices of a group that still stand (not superseded), newest first.
  static func liveNotices(_ db: Database, group: NoticeKey) throws -> [NoticeRecord] {
    try Row.fetchAll(
      db.cachedStatement(sql: Store.groupNoticesSQL + " ORDER BY id DESC"), arguments: Store.groupArguments(group)
    ).map(Store.noticeRecord)
  }

  /// The number of the last issued reminder or talk notice (not a correction) of an addressee that
  /// named a subject, in a period up to `period`.
  public func latestStageNoticeNumber(addressee: String, subject: Subject, through period: Period) throws -> String? {
    try writer.read { db in
      try String.fetchOne(
        db,
        sql: """
          SELECT number FROM notice
          WHERE addressee = ? AND period <= ? AND number IS NOT NULL AND corrects IS NULL AND kind IN ('reminder', 'talk')
            AND instr(subject_facts, ?) > 0
          ORDER BY period DESC, id DESC LIMIT 1
          """,
        arguments: [addressee, period.description, FindingsJSON.string(subject.notation) + ":"])
    }
  }

  /// The intent a stored notice was written from, for a correction of it.
  static func intent(_ notice: NoticeRecord) -> NoticeIntent? {
    NoticeKey(notice.key).map {
      NoticeIntent(
        kind: notice.kind, addressee: notice.addressee, copies: notice.copies, period: notice.period, key: $0,
        subjects: [])
    }
  }

  /// Records overdue escalations (the daily check) and their talk notices, in one transaction.
  @discardableResult
  public func applyOverdueEscalations(
    _ escalations: [(
      caseID: Int64, period: Period, from: Stage, to: Stage, reason: String, overdueNotice: Int64, key: NoticeKey
    )],
    drafts: [NoticeDraft], day: Day, at instant: Date
  ) throws -> [Int64] {
    try writer.write { db in
      var ids: [NoticeKey: Int64] = [:]
      for draft in drafts {
        if let existing = try Store.latestNotice(db, key: draft.intent.key.description) {
          ids[draft.intent.key] = existing.id
          continue
        }
        ids[draft.intent.key] = try Store.insertNotice(
          db, draft, at: instant, note: "drafted by the daily check of \(day)")
      }
      for escalation in escalations {
        let already =
          try Bool.fetchOne(
            db,
            sql:
              "SELECT 1 FROM case_event WHERE cause = 'overdue' AND overdue_notice_id = ? AND case_id = ? AND superseded = 0",
            arguments: [escalation.overdueNotice, escalation.caseID]) ?? false
        guard !already else { continue }
        try db.execute(
          sql: """
            INSERT INTO case_event (case_id, period, day, cause, from_stage, to_stage, level, reason, notice_id, overdue_notice_id)
            VALUES (?, ?, ?, 'overdue', ?, ?, NULL, ?, ?, ?)
            """,
          arguments: [
            escalation.caseID, escalation.period.description, day.description, escalation.from.rawValue,
            escalation.to.rawValue, escalation.reason, ids[escalation.key], escalation.overdueNotice,
          ])
        try db.execute(
          sql: "UPDATE case_file SET stage = ? WHERE id = ? AND stage = ?",
          arguments: [escalation.to.rawValue, escalation.caseID, escalation.from.rawValue])
      }
      return drafts.compactMap { ids[$0.intent.key] }
    }
  }

  /// Approved notices whose 整改 report is overdue on `day` (no report on or before the deadline,
  /// which has passed), with the cases they put at a stage. A report sent back counts as none,
  /// and the deadline is then the day the return named; a report awaiting the office's decision
  /// counts as given, so that a case never climbs while the office reads.
  public func overdueReports(on day: Day) throws -> [(notice: NoticeRecord, cases: [(id: Int64, stage: Stage)])] {
    try writer.read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM notice WHERE report_due IS NOT NULL
            AND COALESCE(
              (SELECT max(resubmit_due) FROM feedback WHERE feedback.notice_id = notice.id AND feedback.state = 'returned'),
              report_due) < ?
            AND state IN ('approved', 'sent', 'acknowledged')
            AND NOT EXISTS (
              SELECT 1 FROM feedback
              WHERE feedback.notice_id = notice.id AND feedback.on_time = 1 AND feedback.state != 'returned')
          ORDER BY id
          """,
        arguments: [day.description])
      return try rows.map(Store.noticeRecord).map { notice in
        let cases = try Row.fetchAll(
          db,
          sql:
            "SELECT case_id, to_stage FROM case_event WHERE notice_id = ? AND superseded = 0 AND to_stage != 'lifted'",
          arguments: [notice.id]
        ).compactMap { row -> (Int64, Stage)? in
          guard let stage = Stage(rawValue: row[1]) else { return nil }
          return (row[0], stage)
        }
        return (notice, cases)
      }
    }
  }

  public func caseRecord(id: Int64) throws -> CaseRecord? {
    try writer.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM case_file WHERE id = ?", arguments: [id]).flatMap(Store.caseRecord)
    }
  }

  /// The latest attributes of every project.
  public func projects() throws -> [String: Project] {
    try writer.read { db in
      var result: [String: Project] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT * FROM project") {
        let project = Project(
          code: row["code"], name: row["name"], region: row["region"], department: row["department"],
          leader: row["leader"], totalInvestment: Fixed(row["total_investment"] as Double) ?? .zero,
          annualPlan: Fixed(row["annual_plan"] as Double) ?? .zero,
          plannedStart: (row["planned_start"] as String?).flatMap { Day($0) },
          plannedCompletion: (row["planned_completion"] as String?).flatMap { Day($0) })
        result[project.code] = project
      }
      return result
    }
  }
}
