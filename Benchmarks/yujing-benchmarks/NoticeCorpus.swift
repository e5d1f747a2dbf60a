import Foundation
import GRDB
import YujingCore

/// Years of notices of the embedded 宜春 configuration, written straight into the notice table in
/// one transaction (escalation would take hours to draft 100,000). Every column holds what yujing
/// writes there — subjects and facts as `Store.insertNotice` stores them, numbers and 成文日期 on
/// everything past draft — so the pages read and decode them as they would real ones.
struct NoticeCorpus {
  let configuration: YujingCore.Configuration
  let count: Int
  /// Periods, oldest first; the notices of a period follow those of the one before, as ids do.
  let periods: [Period]

  init(configuration: YujingCore.Configuration, count: Int) {
    self.configuration = configuration
    self.count = count
    periods = (2019...2026).flatMap { year in (1...12).compactMap { Period(year: year, month: $0) } }
  }

  var regions: [Region] { configuration.regions.filter { $0.addressee != nil } }

  /// Reminders most, then what the ladder and the feeds add; a summary now and then.
  static let kinds: [(NoticeKind, Int)] = [
    (.reminder, 50), (.talk, 10), (.lift, 14), (.precoordination, 10), (.dataOverdue, 15), (.summary, 1),
  ]
  /// The last two periods are still being reviewed; older ones have run their course.
  static let recentStates: [(NoticeRecord.State, Int)] = [
    (.draft, 55), (.approved, 15), (.sent, 20), (.acknowledged, 10),
  ]
  static let pastStates: [(NoticeRecord.State, Int)] = [
    (.closed, 55), (.acknowledged, 15), (.sent, 8), (.superseded, 12), (.rejected, 10),
  ]

  func write(to store: Store) throws {
    var random = SeededGenerator(seed: 20_200_630)
    var numbers: [String: Int] = [:]
    try store.writer.write { db in
      let insert = try db.makeStatement(
        sql: """
          INSERT INTO notice (kind, notice_key, number, addressee, cc, period, state, subjects, subject_facts,
            facts_hash, title, body, holder, created_at, document_date, report_due, talk_at, place)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      for index in 0..<count {
        let period = periods[index * periods.count / count]
        let recent = period >= periods[periods.count - 2]
        let kind = pick(Self.kinds, &random)
        let state = pick(recent ? Self.recentStates : Self.pastStates, &random)
        let notice = draft(kind: kind, period: period, serial: index, random: &random)
        var number: String?
        var documentDate: String?
        var reportDue: String?
        var talkAt: String?
        var place: String?
        if ![.draft, .rejected, .superseded].contains(state) {
          let next =
            period.month == 12
            ? Period(year: period.year + 1, month: 1)! : Period(year: period.year, month: period.month + 1)!
          let day = 10 + Int.random(in: 0..<15, using: &random)
          documentDate = String(format: "%04d-%02d-%02d", next.year, next.month, day)
          let prefix = configuration.numbering[kind] ?? kind.rawValue
          let key = "\(prefix)|\(next.year)"
          numbers[key, default: 0] += 1
          number = "\(prefix)〔\(next.year)〕\(numbers[key]!)号"
          if kind == .reminder || kind == .talk {
            reportDue = String(format: "%04d-%02d-%02d", next.year, next.month, min(28, day + 12))
          }
          if kind == .talk {
            talkAt = String(format: "%04d-%02d-%02d 09:30", next.year, next.month, min(28, day + 5))
            place = "市政府第三会议室"
          }
        }
        let created = Calendar(identifier: .gregorian).date(
          from: DateComponents(
            timeZone: configuration.city.timeZone, year: period.year, month: period.month, day: 28,
            hour: 9 + index % 8, minute: index % 60))!
        try insert.execute(arguments: [
          kind.rawValue, notice.key, number, notice.addressee, notice.cc, period.description, state.rawValue,
          notice.subjects, notice.facts, hex(&random), notice.title, notice.body, nil, Timestamp.string(created),
          documentDate, reportDue, talkAt, place,
        ])
      }
      // The numbering goes on after the last number given, as approval's would.
      for (key, last) in numbers {
        let parts = key.split(separator: "|")
        try db.execute(
          sql: "INSERT INTO notice_number (prefix, year, last) VALUES (?, ?, ?)",
          arguments: [String(parts[0]), Int(parts[1])!, last])
      }
    }
  }

  private struct Draft {
    var key: String
    var addressee: String
    var cc: String
    var subjects: String
    var facts: String
    var title: String
    var body: String
  }

  /// A notice of `kind`: a region's government for the figures, the provider for a late feed,
  /// the lead department copied on talks and some reminders, every county copied on a summary.
  private func draft(kind: NoticeKind, period: Period, serial: Int, random: inout SeededGenerator) -> Draft {
    let region = regions.randomElement(using: &random)!
    let shuffled = configuration.indicators.shuffled(using: &random)
    let indicators = shuffled.prefix(Int.random(in: 1...4, using: &random))
    let lead = configuration.department(indicators.first!.leadDepartment)?.name
    var addressee = region.addressee!
    var copies: [String] = []
    var subjects: [Subject] = indicators.map { Subject.indicator(indicator: $0.code, region: region.code) }
    switch kind {
    case .talk: copies = lead.map { [$0] } ?? []
    case .reminder, .lift: copies = Bool.random(using: &random) ? lead.map { [$0] } ?? [] : []
    case .dataOverdue:
      addressee = configuration.departments.randomElement(using: &random)!.name
      subjects = [.feed(configuration.feeds.randomElement(using: &random)?.name ?? "stats")]
    case .summary:
      addressee = configuration.departments[0].name
      copies = regions.compactMap(\.addressee)
    default: break  // precoordination, and any kind the corpus does not draw: a region's government, no copies
    }
    let levels = ["blue", "yellow", "orange", "red"]
    let stage = kind == .talk ? "talk_deputy" : kind == .lift ? "lifted" : "reminder"
    let items = subjects.map { subject in
      let level = levels.randomElement(using: &random)!
      let actual = Double(Int.random(in: -80...120, using: &random)) / 10
      let target = Double(Int.random(in: 40...90, using: &random)) / 10
      return """
        {"subject": \(FindingsJSON.subject(subject)), "stage": "\(stage)", "level": "\(level)", \
        "rules": ["growth_below_target"], "reason": "增速低于目标 \(target)%，差 \(String(format: "%.1f", target - actual)) 个百分点", \
        "values": {"actual": \(actual), "below_target": \(actual < target), "gap": \(String(format: "%.1f", actual - target)), \
        "rank": \(Int.random(in: 1...13, using: &random)), "regions_below": \(Int.random(in: 0...12, using: &random)), \
        "target": \(target)}}
        """
    }
    let facts = subjects.map { "\"\($0.notation)\": \"\(hex(&random))\"" }.sorted()
    let name = period.chineseName()
    let figures = indicators.map { "\($0.name)同比增长\(Int.random(in: -5...9, using: &random))%，低于目标" }
    return Draft(
      key: "\(kind.rawValue)|\(addressee)|\(period)|\(serial)", addressee: addressee,
      cc: "[" + copies.map { "\"\($0)\"" }.joined(separator: ", ") + "]",
      subjects: "[" + items.joined(separator: ", ") + "]",
      facts: "{" + facts.joined(separator: ", ") + "}", title: "关于\(name)\(Self.titles[kind]!)",
      body: """
        根据全市主要经济指标和重点工作监测预警情况，你单位\(name)以下事项未达预期，按照主要经济指标分级约谈（提醒）机制，现予以提醒：
        \(figures.enumerated().map { "\($0.offset + 1)、\($0.element)。" }.joined(separator: "\n"))
        请你单位高度重视，认真分析原因，研究制定有针对性的整改措施，于本函成文日期后10个工作日内将书面原因分析和整改措施报送市经济运行调度办公室。
        """)
  }

  static let titles: [NoticeKind: String] = [
    .reminder: "主要经济指标和重点工作预警的提醒函", .talk: "主要经济指标和重点工作预警的约谈通知书",
    .lift: "有关预警解除的通知", .precoordination: "主要经济指标预协调的函", .dataOverdue: "统计数据按时报送的提醒",
    .summary: "经济运行调度通报",
  ]

  private func pick<T>(_ weighted: [(T, Int)], _ random: inout SeededGenerator) -> T {
    var roll = Int.random(in: 0..<weighted.reduce(0) { $0 + $1.1 }, using: &random)
    for (value, weight) in weighted {
      if roll < weight { return value }
      roll -= weight
    }
    return weighted[0].0
  }

  private func hex(_ random: inout SeededGenerator) -> String {
    (0..<4).map { _ in String(format: "%016llx", random.next()) }.joined()
  }
}
