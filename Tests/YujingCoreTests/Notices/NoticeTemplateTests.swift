import Foundation
import Testing

@testable import YujingCore

/// Every field a template uses is documented in the templates' README and supplied by yujing for a
/// notice of that kind; a broken or missing override is refused with the file named.
@Suite struct NoticeTemplateTests {
  let workspace: Workspace
  let directory: TemporaryDirectory
  let draft: DraftText

  init() throws {
    directory = try TemporaryDirectory()
    workspace = try openDefaultWorkspace(directory)
    draft = DraftText(workspace: workspace, thresholds: try Thresholds.load(configuration: workspace.configuration))
  }

  /// The tags of a template: (name, whether it opens a section, the section it sits in).
  static func tags(_ template: String) -> [(name: String, section: Bool, inside: String?)] {
    var result: [(String, Bool, String?)] = []
    var open: [String] = []
    var rest = Substring(template)
    while let start = rest.range(of: "{{") {
      rest = rest[start.upperBound...]
      guard let end = rest.range(of: "}}") else { break }
      var tag = rest[..<end.lowerBound].trimmingCharacters(in: .whitespaces)
      rest = rest[end.upperBound...]
      if tag.hasPrefix("{") {
        tag.removeFirst()
        rest = rest.drop { $0 == "}" }
      }
      guard let sigil = tag.first else { continue }
      let name = tag.drop { "#^/&".contains($0) }.trimmingCharacters(in: .whitespaces)
      switch sigil {
      case "%", "!", ">": continue
      case "#", "^":
        result.append((name, true, open.last))
        open.append(name)
      case "/": open.removeLast()
      default: result.append((name, false, open.last))
      }
    }
    return result
  }

  static func embedded(_ name: String) throws -> String {
    String(decoding: try EmbeddedFiles.data("templates/\(name).mustache"), as: UTF8.self)
  }

  @Test(arguments: NoticeTemplates.names)
  func everyFieldATemplateUsesIsDocumented(name: String) throws {
    let readme = String(decoding: try EmbeddedFiles.data("templates/README.md"), as: UTF8.self)
    for tag in Self.tags(try Self.embedded(name)) {
      #expect(readme.contains("`\(tag.name)`"), "\(name).mustache uses {{\(tag.name)}}, which the README does not list")
    }
  }

  /// A notice of each kind, with all that a notice of the kind can carry.
  func intent(_ kind: NoticeKind) -> NoticeIntent {
    let values = Evidence([
      "growth": .number(try! Fixed(parsing: "6.2")), "target_growth": .number(try! Fixed(parsing: "8.2")),
      "gap": .number(try! Fixed(parsing: "-2")), "rank": .number(Fixed(9)), "group_size": .number(Fixed(10)),
      "days_late": .number(Fixed(3)),
    ])
    let subject: NoticeSubject
    switch kind {
    case .dataOverdue:
      subject = NoticeSubject(
        subject: .feed("stats"), stage: nil, level: nil, rules: ["feed_late"], values: values, reason: "逾期")
    case .lift:
      subject = NoticeSubject(
        subject: .indicator(indicator: "industry_va", region: "360981"), stage: .lifted, level: nil, rules: [],
        values: values, reason: "连续2期回到目标")
    case .talk:
      subject = NoticeSubject(
        subject: .indicator(indicator: "industry_va", region: "360981"), stage: .talkDeputy, level: .orange,
        rules: ["growth_gap"], values: values, reason: "连续2期黄色及以上预警")
    default:
      subject = NoticeSubject(
        subject: .indicator(indicator: "industry_va", region: "360981"), stage: .reminder, level: .yellow,
        rules: ["growth_gap"], values: values, reason: "黄色预警")
    }
    return NoticeIntent(
      kind: kind, addressee: "丰城市人民政府", copies: ["市工信局"], period: Period("2020-09")!,
      key: .stage("丰城市人民政府", Period("2020-09")!), subjects: [subject])
  }

  func isFilled(_ value: Any?) -> Bool {
    switch value {
    case let text as String: !text.isEmpty
    case is Int: true
    case let list as [[String: Any]]: !list.isEmpty
    default: false
    }
  }

  static let kinds: [(template: String, kind: NoticeKind)] = [
    ("reminder", .reminder), ("talk", .talk), ("lift", .lift), ("data_overdue", .dataOverdue),
    ("precoordination", .precoordination), ("correction", .reminder), ("withdrawal", .reminder),
  ]

  @Test(arguments: kinds)
  func yujingSuppliesEveryFieldANoticeTemplateUses(template: String, kind: NoticeKind) throws {
    var context = draft.context(intent(kind), projectNames: [:])
    if template == "correction" || template == "withdrawal" { context["corrected_number"] = "宜经调提醒〔2020〕7号" }
    let subjects = try #require(context["subjects"] as? [[String: Any]])
    for tag in Self.tags(try Self.embedded(template)) {
      if tag.inside == "subjects" {
        // A section inside a subject is optional by design ({{#stage}} of a correction).
        if tag.section { continue }
        #expect(subjects.allSatisfy { isFilled($0[tag.name]) }, "\(template): a subject lacks {{\(tag.name)}}")
      } else if tag.inside == nil && !tag.section {
        #expect(isFilled(context[tag.name]), "\(template): {{\(tag.name)}} is not supplied")
      }
    }
  }

  @Test func theSummaryTemplatesFieldsAreAllSupplied() throws {
    let facts = SummaryFacts(
      period: Period("2020-09")!,
      indicators: [
        SummaryFacts.IndicatorTable(
          indicator: workspace.configuration.indicator("industry_va")!,
          rows: [
            SummaryFacts.RegionFigures(
              region: workspace.configuration.region("360900")!, growth: Fixed(7), targetGrowth: Fixed(8),
              gap: Fixed(-1)),
            SummaryFacts.RegionFigures(
              region: workspace.configuration.region("360981")!, growth: Fixed(9), targetGrowth: Fixed(8),
              gap: Fixed(1),
              rank: 1),
          ], cityYear: [], cityTarget: nil)
      ], projects: [], notices: [])
    let summary = DispatchSummary(configuration: workspace.configuration, templates: workspace.templates)
    let context = summary.context(facts, leagues: LeagueTable.make(facts, configuration: workspace.configuration))
    let overview = try #require(context["overview"] as? [[String: Any]])
    for tag in Self.tags(try Self.embedded("summary")) {
      if tag.inside == "overview" {
        #expect(overview.allSatisfy { isFilled($0[tag.name]) }, "summary: an overview entry lacks {{\(tag.name)}}")
      } else if tag.inside == nil {
        // Sections over lists that may be empty (below_target) are optional; their names must be known.
        if tag.section {
          #expect(["overview", "below_target", "red_list", "black_list", "on_target", "no_target"].contains(tag.name))
        } else {
          #expect(isFilled(context[tag.name]), "summary: {{\(tag.name)}} is not supplied")
        }
      }
    }
  }

  @Test func aTalkIsAttendedByTheUnitsCopied() throws {
    let body = draft.body(intent(.talk))
    #expect(body.contains("丰城市人民政府主要负责同志、分管负责同志；市工信局有关负责同志列席。"))
  }

  @Test func anOverrideThatIsNotMustacheIsRefusedWithItsFile() throws {
    let overrides = try TemporaryDirectory()
    try "{{#subjects}}unclosed".write(
      to: overrides.url.appendingPathComponent("reminder.mustache"), atomically: true, encoding: .utf8)
    #expect {
      try NoticeTemplates.load(override: overrides.url)
    } throws: { error in
      "\(error)".contains("reminder.mustache") && "\(error)".contains("Mustache")
    }
  }

  @Test func anOverrideStandsInForItsEmbeddedTemplateOnly() throws {
    let overrides = try TemporaryDirectory()
    try "{{% CONTENT_TYPE: TEXT}}\n特此提醒{{addressee}}。".write(
      to: overrides.url.appendingPathComponent("reminder.mustache"), atomically: true, encoding: .utf8)
    let templates = try NoticeTemplates.load(override: overrides.url)
    #expect(templates.render("reminder", ["addressee": "丰城市人民政府"]) == "特此提醒丰城市人民政府。")
    #expect(templates.sources["reminder"]?.hasPrefix(overrides.url.path) == true)
    #expect(templates.sources["talk"]?.hasPrefix(overrides.url.path) == false)
  }

  @Test func aLongTitleIsBrokenWhereTheSenseAllowsAndAShortOneIsLeftWhole() {
    #expect(
      OfficialDocument.brokenTitle("关于2020年1-9月主要经济指标和重点工作预警的约谈通知书")
        == "关于2020年1-9月主要经济指标\n和重点工作预警的约谈通知书")
    #expect(OfficialDocument.brokenTitle("关于2020年1-9月全市经济运行情况的通报") == "关于2020年1-9月全市经济运行情况的通报")
    let noPlace = String(repeating: "预", count: 30)
    #expect(OfficialDocument.brokenTitle(noPlace) == noPlace)
  }

  @Test func aTitleWithinACharacterOfTheLineIsBrokenAfterItsPeriodSoNoCharacterStandsAlone() {
    // 19 characters of 2号 where 20 fit: a reader with wider digits leaves “报” alone otherwise.
    #expect(
      OfficialDocument.brokenTitle("关于2020年1-12月全市经济运行情况的通报") == "关于2020年1-12月\n全市经济运行情况的通报")
    #expect(OfficialDocument.brokenTitle("关于2020年一季度全市经济运行情况的通报") == "关于2020年一季度\n全市经济运行情况的通报")
    for title in ["关于2020年1-12月全市经济运行情况的通报", "关于2020年1-8月主要经济指标和重点工作预警的约谈通知书"] {
      let lines = OfficialDocument.brokenTitle(title).split(separator: "\n")
      #expect(lines.allSatisfy { $0.count > 1 })
    }
  }

  @Test func aBodysLinesBecomeHeadingsAndParagraphsWithTheSalutationAndSpacesDropped() {
    let body =
      "丰城市人民政府：\r\n\u{3000}一、约谈事由  \r\n（二）规模以上工业增加值\n1. 现将有关事项通知如下\n\n"
      + "一、" + String(repeating: "长", count: 45) + "\n十二、第十二项\n（一二三）不是标题的开头吗\n2020年1-8月累计增长7.0%。"
    let blocks = NoticeDocument.blocks(body, addressee: "丰城市人民政府")
    #expect(
      blocks == [
        .heading(level: 1, text: "一、约谈事由"), .heading(level: 2, text: "（二）规模以上工业增加值"),
        .heading(level: 3, text: "1. 现将有关事项通知如下"), .paragraph("一、" + String(repeating: "长", count: 45)),
        .heading(level: 1, text: "十二、第十二项"), .heading(level: 2, text: "（一二三）不是标题的开头吗"),
        .paragraph("2020年1-8月累计增长7.0%。"),
      ])
  }

  @Test func aTemplateThatForgetsToSayPlainTextIsStillNotEscaped() throws {
    let overrides = try TemporaryDirectory()
    try "特此提醒{{addressee}}。\n{{copies}}".write(
      to: overrides.url.appendingPathComponent("reminder.mustache"), atomically: true, encoding: .utf8)
    let templates = try NoticeTemplates.load(override: overrides.url)
    #expect(
      templates.render("reminder", ["addressee": "工信&商务<局>", "copies": "\"甲\"、'乙'"])
        == "特此提醒工信&商务<局>。\n\"甲\"、'乙'")
  }
}
