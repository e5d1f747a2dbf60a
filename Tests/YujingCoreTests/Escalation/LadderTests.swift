import Testing

@testable import YujingCore

/// The ladder (docs/rules.md#the-ladder) as a table: a sequence of period levels in, the stage after each
/// period out. `_` is a break (no figure, or an exemption); `-` is a period back on target.
@Suite struct LadderTests {
  static func levels(_ text: String) -> [Ladder.PeriodLevel] {
    text.split(separator: " ").map { word in
      switch word {
      case "_": .breaks
      case "-": .level(.none)
      case "b": .level(.blue)
      case "y": .level(.yellow)
      case "o": .level(.orange)
      default: .level(.red)
      }
    }
  }

  /// The stage after each period; `.` for no open case, `x` for lifted (the case closes).
  static func run(_ text: String, ladder: Ladder = Ladder()) -> String {
    var state = Ladder.State()
    var out: [String] = []
    for level in levels(text) {
      let (next, transition) = ladder.step(state, level)
      state = next
      if transition?.to == .lifted {
        out.append("x")
      } else if !state.isOpen {
        out.append(".")
      } else {
        let letter: String =
          switch state.stage {
          case .none: "n"
          case .reminder: "R"
          case .talkDeputy: "D"
          case .talkMayor: "M"
          case .lifted: "x"
          }
        out.append(letter)
      }
    }
    return out.joined(separator: " ")
  }

  @Test(arguments: [
    // none → reminder: yellow or orange at once; blue twice running.
    ("y", "R", "a yellow finding opens a reminder"),
    ("o", "R", "an orange finding opens a reminder"),
    ("b", "n", "one blue is watched, nothing more"),
    ("b b", "n R", "blue in two consecutive periods opens a reminder"),
    ("b - b", "n n n", "blue twice, not running, is only watched"),
    ("b _ b", "n n n", "a period without a figure breaks the run of blues"),
    // none or reminder → talk_deputy: red; at reminder, yellow or worse twice running.
    ("r", "D", "red goes straight to the deputy mayor's talk"),
    ("y r", "R D", "red at reminder"),
    ("y y", "R D", "yellow twice running at reminder"),
    ("y o", "R D", "yellow then orange at reminder"),
    ("b y y", "n R D", "the second of two yellows-or-worse counts the period that opened the reminder"),
    ("b b y", "n R R", "blues that opened a reminder are not yellows"),
    ("y b y", "R R R", "a blue between yellows breaks the run toward the talk"),
    ("y _ y", "R R R", "a missing period breaks the run toward the talk"),
    // talk_deputy → talk_mayor: red twice running.
    ("r r", "D M", "red twice running"),
    ("r y r", "D D D", "red, yellow, red is not twice running"),
    ("y r r", "R D M", "at most one stage a period: reminder, then deputy, then mayor"),
    // lifted: no finding at all in two consecutive periods, from any open stage.
    ("y - -", "R R x", "two clean periods lift a reminder"),
    ("r r - -", "D M M x", "two clean periods lift even the mayor's talk"),
    ("y - _ -", "R R R R", "a missing period breaks the clean run too"),
    ("y - b -", "R R R R", "a blue between clean periods breaks the clean run"),
    ("b - -", "n n .", "a case that never reached reminder closes silently"),
    ("y - - y", "R R x R", "after a lift a new case opens"),
    // stages never go down.
    ("r b b b b", "D D D D D", "a blue run does not lower a talk"),
    ("b b b b b b", "n R R R R R", "a subject that stays blue stays at reminder: no oscillation"),
  ])
  func stagesFollowTheLadder(levels: String, stages: String, why: String) {
    #expect(Self.run(levels) == stages, "\(why)")
  }

  @Test func theNumbersComeFromTheSettings() {
    var settings = LadderSettings()
    settings.bluePeriods = 3
    settings.cleanPeriods = 3
    let ladder = Ladder(settings: settings)
    #expect(Self.run("b b b", ladder: ladder) == "n n R")
    #expect(Self.run("y - - -", ladder: ladder) == "R R R x")
  }

  @Test func anOverdueReportClimbsOneStageFromTheStageItWasAskedAt() {
    let ladder = Ladder()
    var state = Ladder.State()
    state = ladder.step(state, .level(.yellow)).0
    #expect(state.stage == .reminder)
    let (escalated, transition) = ladder.overdueReport(state, enteredAt: .reminder)
    #expect(escalated.stage == .talkDeputy)
    #expect(transition?.reason.contains("未按期报送整改报告") == true)
    // The reminder's report is irrelevant once the case has moved on by its figures.
    let moved = ladder.step(state, .level(.red)).0
    #expect(ladder.overdueReport(moved, enteredAt: .reminder).1 == nil)
    // At the mayor's talk there is no stage above: the overdue report only shows.
    var top = Ladder.State()
    top.isOpen = true
    top.stage = .talkMayor
    #expect(ladder.overdueReport(top, enteredAt: .talkMayor).1 == nil)
  }

  /// For random level sequences: a stage only rises until a lift; at most one stage a period.
  @Test func randomSequencesOnlyClimbUntilALift() {
    var generator = SystemRandomNumberGenerator()
    var seed = UInt64.random(in: 0...UInt64.max, using: &generator)
    let choices: [Ladder.PeriodLevel] = [
      .breaks, .level(.none), .level(.blue), .level(.yellow), .level(.orange), .level(.red),
    ]
    let ladder = Ladder()
    for _ in 0..<2_000 {
      var state = Ladder.State()
      for _ in 0..<24 {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let level = choices[Int(seed >> 33) % choices.count]
        let (next, transition) = ladder.step(state, level)
        if let transition {
          if transition.to == .lifted {
            #expect(next.stage == .none && !next.isOpen)
          } else {
            #expect(transition.from == state.stage)
            #expect(transition.to > transition.from, "a stage only rises: \(transition)")
            // One step at a time from none may skip to the deputy's talk on red, never further.
            #expect(!(transition.from == .none && transition.to == .talkMayor))
          }
        } else if state.isOpen && next.isOpen {
          #expect(next.stage == state.stage)
        }
        state = next
      }
    }
  }
}

@Suite struct NoticeReconcilerTests {
  typealias Existing = NoticeReconciler.Existing
  static let g = NoticeKey.stage("丰城", Period("2020-08")!)
  static let h = NoticeKey.lift("丰城", Period("2020-08")!)

  @Test func aFirstEvaluationDraftsOneNoticeUnderTheGroupsKey() {
    let plan = NoticeReconciler.plan(
      group: NoticeKey("stage|丰城|2020-08")!, desired: ["a": "1", "b": "2"], existing: [])
    #expect(plan == [.draft(key: NoticeKey("stage|丰城|2020-08")!, subjects: ["a", "b"], corrects: nil)])
  }

  @Test func theSameFactsAgainChangeNothing() {
    let draft = Existing(id: 1, key: Self.g, state: .draft, corrects: nil, facts: ["a": "1"])
    #expect(NoticeReconciler.plan(group: Self.g, desired: ["a": "1"], existing: [draft]).isEmpty)
    let issued = Existing(id: 1, key: Self.g, state: .approved, corrects: nil, facts: ["a": "1"])
    #expect(NoticeReconciler.plan(group: Self.g, desired: ["a": "1"], existing: [issued]).isEmpty)
  }

  @Test func revisedFactsSupersedeADraft() {
    let draft = Existing(id: 1, key: Self.g, state: .draft, corrects: nil, facts: ["a": "1"])
    #expect(
      NoticeReconciler.plan(group: Self.g, desired: ["a": "9"], existing: [draft])
        == [.supersede(1), .draft(key: Self.g.supplement(2), subjects: ["a"], corrects: nil)])
  }

  @Test func revisedFactsOfAnIssuedNoticeDraftACorrection() {
    let issued = Existing(id: 1, key: Self.g, state: .sent, corrects: nil, facts: ["a": "1", "b": "2"])
    #expect(
      NoticeReconciler.plan(group: Self.g, desired: ["a": "9", "b": "2"], existing: [issued])
        == [.draft(key: Self.g, subjects: ["a", "b"], corrects: 1)])
  }

  @Test func anIssuedNoticeNoLongerWarrantedIsWithdrawnByACorrection() {
    let issued = Existing(id: 1, key: Self.g, state: .approved, corrects: nil, facts: ["a": "1"])
    #expect(
      NoticeReconciler.plan(group: Self.g, desired: [:], existing: [issued]) == [
        .draft(key: Self.g, subjects: [], corrects: 1)
      ])
    // A draft no longer warranted is superseded.
    let draft = Existing(id: 2, key: Self.h, state: .draft, corrects: nil, facts: ["a": "1"])
    #expect(NoticeReconciler.plan(group: Self.h, desired: [:], existing: [draft]) == [.supersede(2)])
  }

  @Test func aSubjectNewToAnIssuedGroupGetsASupplement() {
    let issued = Existing(id: 1, key: Self.g, state: .approved, corrects: nil, facts: ["a": "1"])
    #expect(
      NoticeReconciler.plan(group: Self.g, desired: ["a": "1", "b": "2"], existing: [issued])
        == [.draft(key: Self.g.supplement(2), subjects: ["b"], corrects: nil)])
  }

  @Test func aRejectedSubjectIsNotDraftedAgainUnlessItsFactsChange() {
    let rejected = Existing(id: 1, key: Self.g, state: .rejected, corrects: nil, facts: ["a": "1"])
    #expect(NoticeReconciler.plan(group: Self.g, desired: ["a": "1"], existing: [rejected]).isEmpty)
    #expect(
      NoticeReconciler.plan(group: Self.g, desired: ["a": "2"], existing: [rejected])
        == [.draft(key: Self.g.supplement(2), subjects: ["a"], corrects: nil)])
  }

  @Test func anIssuedCorrectionStandsForTheNoticeItCorrected() {
    let original = Existing(id: 1, key: Self.g, state: .sent, corrects: nil, facts: ["a": "1"])
    let correction = Existing(id: 2, key: Self.g, state: .approved, corrects: 1, facts: ["a": "9"])
    #expect(NoticeReconciler.plan(group: Self.g, desired: ["a": "9"], existing: [original, correction]).isEmpty)
  }

  @Test func aPendingCorrectionIsKeptWhileItStillSaysWhatIsNeeded() {
    let issued = Existing(id: 1, key: Self.g, state: .sent, corrects: nil, facts: ["a": "1"])
    let pending = Existing(id: 2, key: Self.g, state: .draft, corrects: 1, facts: ["a": "9"])
    #expect(NoticeReconciler.plan(group: Self.g, desired: ["a": "9"], existing: [issued, pending]).isEmpty)
    // Back to the issued notice's own facts: the correction is no longer needed.
    #expect(NoticeReconciler.plan(group: Self.g, desired: ["a": "1"], existing: [issued, pending]) == [.supersede(2)])
  }
}

/// The notice key as the database stores it: written and read back to the same key, ordered as
/// its text, and with the range that finds a group's supplements.
@Suite struct NoticeKeyTests {
  @Test(arguments: [
    "stage|丰城市人民政府|2020-08", "stage|丰城市人民政府|2020-08|2", "lift|宜丰县人民政府|2020-01|11",
    "data_overdue|stats|2020-05", "precoordination|市工信局|2020-07", "overdue|丰城市人民政府|2020-08|2020-09-14",
    "overdue|丰城市人民政府|2020-08|2020-09-14|3", "summary|2020-09",
  ])
  func aStoredKeyReadsBackAsItWasWritten(text: String) throws {
    #expect(try #require(NoticeKey(text)).description == text)
  }

  @Test(arguments: [
    "", "g", "stage", "stage|丰城", "stage|丰城|2020-13", "stage|丰城|2020-08|1", "stage|丰城|2020-08|x",
    "overdue|丰城|2020-08", "summary|丰城|2020-08", "reminder|丰城|2020-08", "stage|丰城|2020-08|2|3",
  ])
  func textThatIsNotAKeyIsRefused(text: String) {
    #expect(NoticeKey(text) == nil)
  }

  @Test func aGroupsRangeHoldsItsSupplementsAndNoOtherGroup() throws {
    let group = NoticeKey.stage("丰城市人民政府", Period("2020-08")!)
    let range = group.supplementRange
    for supplement in [2, 9, 10, 123] {
      let text = group.supplement(supplement).description
      #expect(range.above < text && text < range.below, "\(text)")
      #expect(group.supplement(supplement).groupKey == group)
    }
    for other in ["stage|丰城市人民政府|2020-09", "stage|丰城市人民政府|2020-08", "stage|丰城市人民政府一|2020-08"] {
      #expect(!(range.above < other && other < range.below), "\(other)")
    }
    let kinds = NoticeKey.range(of: .stage)
    #expect(kinds.above < group.description && group.description < kinds.below)
    #expect(!(kinds.above < "summary|2020-08" && "summary|2020-08" < kinds.below))
    #expect(group < group.supplement(2) && group.supplement(2) < NoticeKey.stage("丰城市人民政府", Period("2020-09")!))
  }
}

@Suite struct WorkingCalendarTests {
  let calendar = try! Thresholds.load(configuration: try! Configuration.embeddedDefault()).calendar

  @Test(arguments: [
    ("2020-09-29", "2020-10-13", "across National Day: 09-30, then 10-09, the make-up Saturday 10-10, 10-12, 10-13"),
    (
      "2020-01-20", "2020-02-04",
      "across the Spring Festival, extended to 02-02 by the epidemic: 01-21, 22, 23, 02-03, 04"
    ),
    ("2020-04-30", "2020-05-11", "across 劳动节: the make-up Saturday 05-09 counts"),
    ("2021-02-05", "2021-02-18", "across 2021's Spring Festival: the make-up Sunday 02-07, 08, 09, 10, then 18"),
    ("2026-09-24", "2026-10-09", "across 2026's 中秋 and 国庆: the make-up Sunday 09-20 is before, 10-10 after"),
  ])
  func theReportIsDueOnTheFifthWorkingDay(from: String, due: String, why: String) {
    #expect(calendar.adding(workingDays: 5, to: Day(from)!) == Day(due)!, "\(why)")
  }

  @Test func aYearWithoutItsFileCountsWeekendsOnlyAndSaysSo() throws {
    let thresholds = try Thresholds.load(configuration: try Configuration.embeddedDefault())
    #expect(!thresholds.calendar.knows(year: 2023))
    #expect(thresholds.calendar.adding(workingDays: 1, to: Day("2023-09-29")!) == Day("2023-10-02")!)
    let warnings = thresholds.missingCalendarYears([2023, 2020])
    #expect(warnings.count == 1)
    #expect(warnings[0].message.hasPrefix("no holiday calendar for 2023"))
  }
}
