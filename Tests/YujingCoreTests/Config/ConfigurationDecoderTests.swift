import Foundation
import Testing

@testable import YujingCore

/// A small valid configuration; each test breaks one thing and checks the message and where.
let minimalConfiguration = """
  city: {code: "360900", name: 宜春市}
  regions:
    - {code: "360000", name: 江西省, kind: province}
    - {code: "360900", name: 宜春市, kind: city}
    - {code: "360981", name: 丰城市, kind: county, group: counties, addressee: 丰城市人民政府}
  departments:
    - {code: gxj, name: 市工信局}
  indicators:
    - {code: industry_va, name: 规模以上工业增加值, unit: "%", frequency: monthly, form: growth, lead_department: gxj,
       january: combined}
  feeds:
    - {name: stats, kind: indicators, provider: gxj, due_day: 15}

  """

func decode(_ text: String) -> Result<Configuration, DiagnosticsError> {
  Result { () throws(DiagnosticsError) in try ConfigurationDecoder.decode(Data(text.utf8), file: "yujing.yaml") }
}

func diagnostics(_ text: String) -> [String] {
  switch decode(text) {
  case .success: return []
  case .failure(let error): return error.diagnostics.map(\.description)
  }
}

@Suite struct ConfigurationDecoderTests {
  @Test func documentsPrintOnOneSideUnlessTheOfficeSaysBoth() throws {
    #expect(try decode(minimalConfiguration).get().documents.doubleSided == false)
    let both = try decode(minimalConfiguration + "documents: {double_sided: true}\n").get()
    #expect(both.documents.doubleSided)
    #expect(
      diagnostics(minimalConfiguration + "documents: {double_sided: yes}\n").contains {
        $0.contains("documents.double_sided: 'yes' must be true or false")
      })
  }

  @Test func minimalConfigurationDecodesWithDefaults() throws {
    let configuration = try decode(minimalConfiguration).get()
    #expect(configuration.city.timeZone.identifier == "Asia/Shanghai")
    #expect(configuration.server.listen == "127.0.0.1:8080")
    #expect(configuration.indicators[0].polarity == .higherIsBetter)
    #expect(configuration.indicators[0].january == .combined)
    #expect(configuration.numbering[.reminder] == "宜经调提醒")
    #expect(configuration.leaders.mayor == "市长")
  }

  @Test func embeddedDefaultIsValidAndComplete() throws {
    let configuration = try Configuration.embeddedDefault()
    #expect(configuration.regions.count == 15)
    #expect(configuration.indicators.count == 11)
    #expect(configuration.regions.filter { $0.group == "counties" }.count == 10)
    #expect(configuration.regions.filter { $0.group == "zones" }.count == 3)
    #expect(configuration.feed("stats")?.kind == .indicators)
    #expect(configuration.feed("projects")?.kind == .projects)
    #expect(configuration.feed("stats")?.xlsx?.indicators["规模以上工业增加值"] == "industry_va")
    #expect(configuration.isEmbeddedDefault)
  }

  /// One case per mistake: the text replaced, the message expected, and its line:column (the
  /// columns count characters, as an editor shows them; checked independently of the decoder).
  @Test(arguments: [
    (
      "  - {code: gxj, name: 市工信局}", "  - {code: gxj, name: 市工信局, phone: 123}",
      "yujing.yaml:7:29: unknown key 'phone' in departments[0]"
    ),
    ("city: {code: \"360900\", name: 宜春市}", "city: {code: \"360900\", nmae: 宜春市}", "did you mean 'name'?"),
    (
      "lead_department: gxj,", "lead_department: gjx,",
      "yujing.yaml:9:104: indicators[0].lead_department: 'gjx' is not a department"
    ),
    ("kind: county, group", "kind: countey, group", "yujing.yaml:5:39: regions[2].kind: 'countey' is not one of"),
    ("due_day: 15}", "due_day: 35}", "yujing.yaml:12:61: feeds[0].due_day: '35' must be a whole number from 1 to 28"),
    ("provider: gxj,", "provider: tjj,", "feeds[0].provider: 'tjj' is not a department"),
    (
      "kind: indicators, provider", "kind: indicators, schedule: \"0 25 * * *\", url: \"https://x/a.csv\", provider",
      "hour 25 is out of range"
    ),
    ("kind: indicators, provider", "kind: indicators, schedule: \"0 9 * * *\", provider", "has a schedule but no url"),
    ("kind: indicators,", "kind: indicatorz,", "feeds[0].kind: 'indicatorz' is not one of indicators, projects"),
    ("name: 宜春市}\nregions", "name: 宜春市, timezone: Asia/Beijing}\nregions", "'Asia/Beijing' is not a time zone"),
    ("addressee: 丰城市人民政府}", "}", "regions[2] (丰城市) needs an addressee"),
    (
      "{code: \"360900\", name: 宜春市, kind: city}", "{code: \"360900\", name: 宜春市, kind: county, addressee: x}",
      "whose kind is county, not city"
    ),
    (
      "{code: \"360981\", name: 丰城市", "{code: \"360900\", name: 丰城市",
      "regions[2].code '360900' is already used by regions[1]"
    ),
    (
      "  - {code: gxj, name: 市工信局}", "  - {code: gxj, name: 市工信局}\n  - {code: gxj, name: 工信}",
      "departments[1].code 'gxj' is already used"
    ),
    ("frequency: monthly", "frequency: weekly", "'weekly' is not one of monthly, quarterly"),
  ])
  func reportsEachMistakeWithItsPosition(original: String, replacement: String, expected: String) throws {
    #expect(minimalConfiguration.contains(original), "the test's original text must exist")
    let text = minimalConfiguration.replacingOccurrences(of: original, with: replacement)
    let messages = diagnostics(text)
    #expect(messages.contains { $0.contains(expected) }, "got: \(messages)")
  }

  /// The checks made after decoding point at the value they name, or at the mapping a message is
  /// about: positions looked up in the document only when a message needs one. Each case: the
  /// text replaced, the message, and a line's text and the token on it where the message must point.
  @Test(arguments: [
    ("kind: city}", "kind: county, addressee: x}", "whose kind is county, not city", "city: {code", "\"360900\""),
    ("group: counties, addressee: 丰城市人民政府}", "group: counties}", "needs an addressee", "丰城市, kind", "{code"),
    (
      "{code: \"360981\", name: 丰城市", "{code: \"360900\", name: 丰城市", "is already used by regions[1]", "丰城市",
      "\"360900\""
    ),
    (
      "  - {code: gxj, name: 市工信局}", "  - {code: gxj, name: 市工信局}\n  - {code: gxj, name: 工信}",
      "departments[1].code 'gxj' is already used", "name: 工信}", "gxj"
    ),
    ("provider: gxj, due", "provider: gjx, due", "feeds[0].provider: 'gjx'", "provider: gjx", "gjx"),
  ])
  func checksAfterDecodingPointAtWhatTheyName(
    original: String, replacement: String, message: String, line: String, token: String
  ) throws {
    #expect(minimalConfiguration.contains(original), "the test's original text must exist")
    let text = minimalConfiguration.replacingOccurrences(of: original, with: replacement)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let index = try #require(lines.firstIndex { $0.contains(line) })
    let row = lines[index]
    let start = try #require(row.range(of: token)).lowerBound
    let position = "yujing.yaml:\(index + 1):\(row.distance(from: row.startIndex, to: start) + 1): "
    let messages = diagnostics(text)
    #expect(messages.contains { $0.hasPrefix(position) && $0.contains(message) }, "want \(position); got: \(messages)")
  }

  /// An element that does not decode is left out of its list; the checks made afterwards still
  /// name the others by their place in the document, and point there.
  @Test func checksAfterAnElementThatDidNotDecodeNameTheDocumentsIndex() {
    let text =
      minimalConfiguration
      .replacingOccurrences(of: "name: 宜春市, kind: city}", with: "name: 宜春市, kind: cty}")
      .replacingOccurrences(of: "group: counties, addressee: 丰城市人民政府}", with: "group: counties}")
      .replacingOccurrences(of: "  - {code: gxj, name: 市工信局}", with: "  - {name: 市工信局}\n  - {code: fgw, name: 发改委}")
      .replacingOccurrences(of: "lead_department: gxj,", with: "lead_department: gxj2,")
    let messages = diagnostics(text)
    #expect(messages.contains { $0.hasPrefix("yujing.yaml:4:39: regions[1].kind: 'cty'") }, "got: \(messages)")
    #expect(
      messages.contains { $0.hasPrefix("yujing.yaml:5:5: regions[2] (丰城市) needs an addressee") }, "got: \(messages)")
    #expect(!messages.contains { $0.contains("regions[1] (丰城市)") }, "got: \(messages)")
    #expect(messages.contains { $0.contains("indicators[0].lead_department: 'gxj2'") }, "got: \(messages)")
  }

  @Test func reportsEveryErrorAtOnce() {
    let text =
      minimalConfiguration
      .replacingOccurrences(of: "name: 市工信局}", with: "name: 市工信局, phone: 1}")
      .replacingOccurrences(of: "frequency: monthly", with: "frequency: weekly")
      .replacingOccurrences(of: "due_day: 15", with: "due_day: 0")
    let messages = diagnostics(text)
    #expect(messages.count == 3, "got: \(messages)")
  }

  @Test func missingTopLevelSectionsAreNamed() {
    let messages = diagnostics("city: {code: \"1\", name: x}\n")
    #expect(messages.contains("yujing.yaml:1:1: the configuration needs 'regions'"))
    #expect(messages.contains { $0.contains("needs 'indicators'") })
  }

  @Test func brokenYAMLSaysWhereItBroke() {
    let messages = diagnostics("city: {code: \"1\", name: x\nregions: [")
    #expect(messages.count == 1)
    #expect(messages[0].hasPrefix("yujing.yaml:2:"), "got: \(messages)")
    #expect(messages[0].contains("not valid YAML"))
  }

  @Test func fileThatIsNotUTF8IsRefusedWithAdvice() {
    var data = Data("city: {code: \"360900\", name: ".utf8)
    data.append(contentsOf: [0xD2, 0xCB, 0xB4, 0xBA])  // 宜春 in GBK
    data.append(contentsOf: Array("}\n".utf8))
    let result = Result { () throws(DiagnosticsError) in try ConfigurationDecoder.decode(data, file: "gbk.yaml") }
    guard case .failure(let error) = result else {
      Issue.record("a GBK file must not decode")
      return
    }
    #expect(error.diagnostics[0].description.hasPrefix("gbk.yaml:1:30: the file is not UTF-8"))
    #expect(error.diagnostics[0].message.contains("GB18030"))
  }

  @Test func unknownTopLevelKeyIsAnErrorNotIgnored() {
    let messages = diagnostics(minimalConfiguration + "group: [counties]\n")
    #expect(messages.contains { $0.contains("unknown key 'group' in the configuration") })
  }

  @Test func xlsxMappingMustNameKnownIndicatorsAndRegions() {
    let text = minimalConfiguration.replacingOccurrences(
      of: "due_day: 15}",
      with: "due_day: 15, xlsx: {indicators: {规上工业: industry, 用电: industry_va}, regions: {全市: \"360999\"}}}")
    let messages = diagnostics(text)
    #expect(messages.contains { $0.contains("header '规上工业' maps to 'industry', which is not an indicator") })
    #expect(messages.contains { $0.contains("'360999'") })
  }
}

@Suite struct DatabaseLocationTests {
  @Test func flagWinsThenConfigurationThenStateDirectoryThenCurrentDirectory() throws {
    var configuration = try decode(minimalConfiguration).get()
    #expect(
      DatabaseLocation.resolve(flag: "/tmp/a.sqlite", configuration: configuration, environment: [:]) == "/tmp/a.sqlite"
    )
    #expect(
      DatabaseLocation.resolve(
        flag: nil, configuration: configuration, environment: ["STATE_DIRECTORY": "/var/lib/yujing"])
        == "/var/lib/yujing/yujing.sqlite")
    #expect(DatabaseLocation.resolve(flag: nil, configuration: configuration, environment: [:]) == "yujing.sqlite")
    configuration.database = "/srv/y.sqlite"
    #expect(
      DatabaseLocation.resolve(flag: nil, configuration: configuration, environment: ["STATE_DIRECTORY": "/x"])
        == "/srv/y.sqlite")
    configuration.source = "/etc/yujing/yujing.yaml"
    configuration.database = "data/y.sqlite"
    #expect(
      DatabaseLocation.resolve(flag: nil, configuration: configuration, environment: [:]) == "/etc/yujing/data/y.sqlite"
    )
  }
}

/// `approval:`, each kind's 签发 chain: defaults, a kind changed, and every mistake named where it is.
@Suite struct ApprovalChainConfigurationTests {
  @Test func withoutApprovalTalksAndSummariesAreSignedAndTheRestChecked() throws {
    let configuration = try decode(minimalConfiguration).get()
    #expect(configuration.chain(.talk) == [.check, .sign] && configuration.chain(.summary) == [.check, .sign])
    for kind in [NoticeKind.reminder, .lift, .precoordination, .dataOverdue] {
      #expect(configuration.chain(kind) == [.check])
    }
  }

  @Test func aKindsChainIsConfiguredAndTheOthersKeepTheirDefault() throws {
    let configuration = try decode(minimalConfiguration + "approval: {reminder: [check, sign], talk: [check]}\n").get()
    #expect(configuration.chain(.reminder) == [.check, .sign] && configuration.chain(.talk) == [.check])
    #expect(configuration.chain(.summary) == [.check, .sign])
  }

  @Test(arguments: [
    ("approval: {talk: [check, sgin]}", "approval.talk[1] must be a step: check, sign"),
    ("approval: {talk: [check, check]}", "approval.talk names check twice"),
    ("approval: {talk: []}", "approval.talk is empty"),
    ("approval: {talk: [sign, check]}", "approval.talk signs before the check"),
    ("approval: {memo: [check]}", "memo"),
    ("approval: {talk: check}", "approval.talk must be a list"),
  ])
  func aWrongChainIsRefusedWithWhereAndWhatToWrite(line: String, expected: String) {
    let found = diagnostics(minimalConfiguration + line + "\n")
    #expect(found.contains { $0.contains(expected) && $0.contains("yujing.yaml:") }, "\(found)")
  }
}
