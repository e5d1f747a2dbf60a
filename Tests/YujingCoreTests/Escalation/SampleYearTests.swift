import Foundation
import Testing

@testable import YujingCore

/// The sample's year through the whole path — feeds, rules, ladder, notices — with the first half
/// exempted (the office suspends the ladder for the epidemic months), and the notices of the second
/// half compared with a table written out by hand. The table was read off the independent Python
/// implementation of the rules and the ladder (`Scripts/sample/check_coverage.py`, scenario B) and
/// checked against the stories of the sample's README; it is not computed by the code under test.
@Suite struct SampleYearTests {
  /// period, kind, addressee, subjects with the stage each entered.
  static let expected: [(String, NoticeKind, String, [String])] = [
    // 宜阳新区's 实际利用外资 and 袁州区's 一般公共预算收入 have a growth target besides their amount
    // target: their negative growth is red under the growth rules from July.
    ("2020-07", .talk, "宜阳新区管委会", ["fdi@3609A2 talk_deputy"]),
    ("2020-07", .reminder, "袁州区人民政府", ["fiscal_general@360902 reminder"]),
    ("2020-07", .dataOverdue, "市统计局", ["feed stats"]),
    (
      "2020-08", .reminder, "丰城市人民政府", ["fai@360981 reminder", "industry_va@360981 reminder", "retail@360981 reminder"]
    ),
    ("2020-08", .talk, "宜阳新区管委会", ["fdi@3609A2 talk_mayor"]),
    ("2020-08", .talk, "袁州区人民政府", ["fiscal_general@360902 talk_deputy"]),
    (
      "2020-09", .talk, "丰城市人民政府",
      ["fai@360981 talk_deputy", "industry_va@360981 talk_deputy", "retail@360981 talk_deputy"]
    ),
    ("2020-09", .talk, "袁州区人民政府", ["fiscal_general@360902 talk_mayor", "fiscal_total@360902 reminder"]),
    ("2020-09", .reminder, "铜鼓县人民政府", ["industry_va@360926 reminder"]),
    ("2020-10", .reminder, "上高县人民政府", ["retail@360923 reminder"]),
    ("2020-10", .talk, "丰城市人民政府", ["fai@360981 talk_mayor", "retail@360981 talk_mayor"]),
    ("2020-10", .reminder, "奉新县人民政府", ["fai@360921 reminder"]),
    ("2020-10", .talk, "袁州区人民政府", ["fiscal_total@360902 talk_deputy"]),
    ("2020-10", .talk, "铜鼓县人民政府", ["industry_va@360926 talk_deputy"]),
    ("2020-10", .reminder, "高安市人民政府", ["industry_va@360983 reminder"]),
    ("2020-11", .talk, "奉新县人民政府", ["fai@360921 talk_deputy"]),
    ("2020-11", .reminder, "市发改委", ["fai@360900 reminder"]),
    ("2020-11", .talk, "袁州区人民政府", ["fiscal_total@360902 talk_mayor"]),
    ("2020-11", .talk, "铜鼓县人民政府", ["industry_va@360926 talk_mayor"]),
    ("2020-11", .dataOverdue, "市发改委", ["feed projects"]),
    ("2020-12", .lift, "高安市人民政府", ["industry_va@360983 lifted"]),
    // 预协调 (docs/rules.md#precoordination): 宜丰县's retail is on target from July to November, but the seasonal
    // share of 2017–2019 (2019's year-end lift from a new shopping centre) projects a miss of more
    // than 0.5 points each month (the checker's precoordination list: 8.4, 8.5, 8.4, 8.4, 9.0
    // against 10). No case, no stage; none in December, when the figure is the outcome.
    ("2020-07", .precoordination, "宜丰县人民政府", ["retail@360924"]),
    ("2020-08", .precoordination, "宜丰县人民政府", ["retail@360924"]),
    ("2020-09", .precoordination, "宜丰县人民政府", ["retail@360924"]),
    ("2020-10", .precoordination, "宜丰县人民政府", ["retail@360924"]),
    ("2020-11", .precoordination, "宜丰县人民政府", ["retail@360924"]),
  ]

  @Test func theSecondHalfYearsNoticesAreThoseWrittenOutByHand() throws {
    let directory = try TemporaryDirectory()
    let workspace = try openDefaultWorkspace(directory)
    let replay = SampleReplay(workspace: workspace)
    _ = try replay.loadBaseline()
    for region in workspace.configuration.regions where region.kind != .province {
      try workspace.store.addExemption(
        Exemption(
          region: region.code, indicator: nil, project: nil, reason: "疫情期间暂停分级约谈", createdBy: "test",
          from: Day("2020-01-01")!, until: Day("2020-06-30")!), at: fixedNow)
    }
    let thresholds = try Thresholds.load(configuration: workspace.configuration)
    for arrival in try SampleReplay.arrivals() {
      _ = try replay.ingest(arrival)
      let moment = replay.instant(of: arrival.day)
      _ = try PeriodEvaluation(workspace: workspace, thresholds: thresholds, clock: { moment })
        .run(period: arrival.period, asOf: arrival.day, dryRun: false)
    }
    let notices = try workspace.store.notices().filter { notice in
      notice.state != .superseded && notice.period >= Period("2020-07")!
        && notice.subjects.allSatisfy { $0.subject.kind != "project" }
    }
    let actual = notices.map { notice in
      Row(
        period: notice.period.description, kind: notice.kind, addressee: notice.addressee,
        subjects: notice.subjects.map { "\($0.subject.notation)\($0.stage.map { " \($0.rawValue)" } ?? "")" }.sorted())
    }
    let wanted = Self.expected.map { Row(period: $0.0, kind: $0.1, addressee: $0.2, subjects: $0.3.sorted()) }
    #expect(
      Set(actual) == Set(wanted),
      "missing: \(Set(wanted).subtracting(actual)); unexpected: \(Set(actual).subtracting(wanted))")
    #expect(actual.count == wanted.count, "a notice is there twice")
    // One letter per addressee and period (docs/rules.md#the-ladder): never two stage notices, never two lifts.
    let letters = try workspace.store.notices().filter {
      $0.state != .superseded && [.reminder, .talk, .lift].contains($0.kind)
    }
    let groups = Dictionary(grouping: letters) { "\($0.period) \($0.addressee) \($0.kind == .lift ? "lift" : "stage")" }
    #expect(groups.values.allSatisfy { $0.count == 1 }, "\(groups.filter { $0.value.count > 1 }.keys)")
    // Nothing was approved, so nothing was corrected: every notice is a draft.
    #expect(notices.allSatisfy { $0.state == .draft && $0.corrects == nil })
    // A 预协调函 goes to the county, copied to the lead department, and says what the projection
    // is, how it was made and how far the method was off at this month before; it opens no case.
    let july = try #require(notices.first { $0.kind == .precoordination && $0.period == Period("2020-07")! })
    #expect(july.copies == ["市商务局"])
    #expect(july.body.contains("全年预计增长8.4%，低于年度目标（增长10.0%）1.6个百分点"), "\(july.body)")
    #expect(july.body.contains("季节比重法：以此前3年同期累计占全年总量的平均比重推算全年总量"), "\(july.body)")
    #expect(july.body.contains("该方法回测此前1年同期，测算与全年实际平均相差"), "\(july.body)")
    #expect(try workspace.store.cases().allSatisfy { $0.subject != .indicator(indicator: "retail", region: "360924") })
  }

  struct Row: Hashable, CustomStringConvertible {
    var period: String
    var kind: NoticeKind
    var addressee: String
    var subjects: [String]

    var description: String { "\(period) \(kind.rawValue) \(addressee) \(subjects)" }
  }
}
