import Foundation
import Yams

/// Decodes `yujing.yaml` strictly (docs/operate.md#configuration): defaults first, unknown keys are errors, then the
/// cross-field checks of `ConfigurationValidator`. Every diagnostic names file, line and column.
public enum ConfigurationDecoder {
  static let topLevelKeys = [
    "city", "database", "thresholds", "server", "regions", "departments", "indicators", "numbering", "feeds",
    "leaders", "templates", "documents", "dispatch", "approval",
  ]

  /// Reads a configuration file; throws every error found in it at once.
  public static func load(path: String) throws(DiagnosticsError) -> Configuration {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DiagnosticsError([
        Diagnostic(file: path, position: nil, message: "cannot read the configuration file (does it exist?)")
      ])
    }
    return try decode(data, file: path)
  }

  public static func decode(_ data: Data, file: String) throws(DiagnosticsError) -> Configuration {
    let sink = DiagnosticSink(file: file)
    let configuration = decode(data, sink: sink)
    guard let configuration, !sink.hasErrors else { throw DiagnosticsError(sink.diagnostics) }
    return configuration
  }

  static func decode(_ data: Data, sink: DiagnosticSink) -> Configuration? {
    guard let root = YAMLDocument.compose(data, sink: sink) else {
      if !sink.hasErrors { sink.error("the configuration file is empty", at: nil) }
      return nil
    }
    guard let top = YAMLMap(root, context: "", allowed: topLevelKeys, sink: sink) else {
      return nil
    }
    let city = decodeCity(top)
    let regions = decodeList(top, "regions", required: true, decodeRegion)
    let departments = decodeList(top, "departments", required: true, decodeDepartment)
    let indicators = decodeList(top, "indicators", required: true, decodeIndicator)
    let feeds = decodeList(top, "feeds", required: false, decodeFeed)
    let server = decodeServer(top)
    let dispatch = decodeDispatch(top)
    let numbering = decodeNumbering(top, cityName: city?.name)
    let leaders = decodeLeaders(top)
    let approval = decodeApproval(top)
    guard let city else { return nil }
    let documentsMap = top.map(
      "documents", allowed: ["dispatch_office", "government_office", "contact", "double_sided"])
    var documents = Configuration.Documents(
      dispatchOffice: documentsMap?.string("dispatch_office") ?? "\(city.name)经济运行调度办公室",
      governmentOffice: documentsMap?.string("government_office") ?? "\(city.name)人民政府办公室",
      contact: documentsMap.flatMap(decodeContact))
    documents.doubleSided = documentsMap?.boolean("double_sided") ?? false
    let configuration = Configuration(
      source: sink.file, city: city, database: top.string("database"), thresholds: top.string("thresholds"),
      server: server, regions: regions, departments: departments, indicators: indicators, numbering: numbering,
      feeds: feeds, leaders: leaders, templates: top.string("templates"), documents: documents, dispatch: dispatch,
      approval: approval)
    ConfigurationValidator.validate(configuration, sink: sink)
    return configuration
  }

  private static func decodeList<T>(
    _ top: YAMLMap, _ key: String, required: Bool, _ decode: (Node, String, DiagnosticSink) -> T?
  ) -> [T] {
    guard let nodes = top.sequence(key, required: required) else { return [] }
    var decoded: [Int] = []
    let items = nodes.enumerated().compactMap { index, node -> T? in
      guard let item = decode(node, "\(key)[\(index)]", top.sink) else { return nil }
      decoded.append(index)
      return item
    }
    top.sink.record(list: key, decodedIndices: decoded)
    return items
  }

  private static func decodeCity(_ top: YAMLMap) -> Configuration.City? {
    guard let map = top.map("city", allowed: ["code", "name", "timezone"], required: true) else { return nil }
    let code = map.string("code", required: true)
    let name = map.string("name", required: true)
    let zoneName = map.string("timezone") ?? "Asia/Shanghai"
    let zone = TimeZone(identifier: zoneName)
    if zone == nil {
      map.sink.error(
        "city.timezone: '\(zoneName)' is not a time zone of the tz database (for example Asia/Shanghai)",
        at: map.position(of: "timezone"))
    }
    guard let code, let name, let zone else { return nil }
    return Configuration.City(code: code, name: name, timeZone: zone)
  }

  static let serverKeys = [
    "listen", "public_url", "metrics_token", "uploads_per_notice", "uploads_per_department", "header_timeout_seconds",
    "idle_timeout_seconds",
  ]

  private static func decodeServer(_ top: YAMLMap) -> Configuration.ServerSettings {
    let defaults = Configuration.ServerSettings()
    guard let map = top.map("server", allowed: serverKeys) else { return defaults }
    let listen = map.string("listen") ?? defaults.listen
    if ListenAddress(listen) == nil {
      map.sink.error(
        "server.listen: '\(listen)' is not HOST:PORT (for example 127.0.0.1:8080)", at: map.position(of: "listen"))
    }
    let publicURL = map.string("public_url")
    if let publicURL, URL(string: publicURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
      map.sink.error(
        "server.public_url: '\(publicURL)' must be an http(s) address", at: map.position(of: "public_url"))
    }
    let token = map.string("metrics_token")
    // The token goes in an Authorization header: printable ASCII without spaces, and long enough
    // not to be guessed.
    if let token,
      token.utf8.count < 24 || token.utf8.count > 256 || !token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
    {
      map.sink.error(
        "server.metrics_token: give 24 to 256 printable ASCII characters without spaces (for example the output of `openssl rand -hex 24`)",
        at: map.position(of: "metrics_token"))
    }
    return Configuration.ServerSettings(
      listen: listen, publicURL: publicURL, metricsToken: token,
      uploadsPerNotice: map.integer("uploads_per_notice", in: 0...50) ?? defaults.uploadsPerNotice,
      uploadsPerDepartment: map.integer("uploads_per_department", in: 0...100_000) ?? defaults.uploadsPerDepartment,
      headerTimeoutSeconds: map.integer("header_timeout_seconds", in: 1...300) ?? defaults.headerTimeoutSeconds,
      idleTimeoutSeconds: map.integer("idle_timeout_seconds", in: 1...3600) ?? defaults.idleTimeoutSeconds)
  }

  private static func decodeDispatch(_ top: YAMLMap) -> Configuration.DispatchSettings {
    let defaults = Configuration.DispatchSettings()
    guard
      let map = top.map(
        "dispatch", allowed: ["timeout_seconds", "give_up_after_hours", "robot_per_minute", "generic_per_minute"])
    else { return defaults }
    return Configuration.DispatchSettings(
      timeoutSeconds: map.integer("timeout_seconds", in: 1...300) ?? defaults.timeoutSeconds,
      giveUpAfterHours: map.integer("give_up_after_hours", in: 1...720) ?? defaults.giveUpAfterHours,
      robotPerMinute: map.integer("robot_per_minute", in: 1...600) ?? defaults.robotPerMinute,
      genericPerMinute: map.integer("generic_per_minute", in: 1...60_000) ?? defaults.genericPerMinute)
  }

  static let regionKeys = ["code", "name", "kind", "group", "addressee", "aliases"]

  private static func decodeRegion(_ node: Node, _ context: String, _ sink: DiagnosticSink) -> Region? {
    guard let map = YAMLMap(node, context: context, allowed: regionKeys, sink: sink) else { return nil }
    let code = map.string("code", required: true)
    let name = map.string("name", required: true)
    let kind = map.enumeration("kind", RegionKind.self, required: true)
    let group = map.string("group")
    let addressee = map.string("addressee")
    let aliases = map.strings("aliases") ?? []
    guard let code, let name, let kind else { return nil }
    return Region(code: code, name: name, kind: kind, group: group, addressee: addressee, aliases: aliases)
  }

  private static func decodeDepartment(_ node: Node, _ context: String, _ sink: DiagnosticSink) -> Department? {
    guard let map = YAMLMap(node, context: context, allowed: ["code", "name"], sink: sink) else { return nil }
    guard let code = map.string("code", required: true), let name = map.string("name", required: true) else {
      return nil
    }
    return Department(code: code, name: name)
  }

  static let indicatorKeys = [
    "code", "name", "unit", "frequency", "form", "polarity", "lead_department", "january",
  ]

  private static func decodeIndicator(_ node: Node, _ context: String, _ sink: DiagnosticSink) -> Indicator? {
    guard let map = YAMLMap(node, context: context, allowed: indicatorKeys, sink: sink) else { return nil }
    let code = map.string("code", required: true)
    let name = map.string("name", required: true)
    let unit = map.string("unit", required: true)
    let frequency = map.enumeration("frequency", Frequency.self, required: true)
    let form = map.enumeration("form", IndicatorForm.self, required: true)
    let polarity = map.enumeration("polarity", Polarity.self) ?? .higherIsBetter
    let lead = map.string("lead_department", required: true)
    let january = map.enumeration("january", JanuaryPublication.self) ?? .alone
    if frequency == .quarterly && map.has("january") {
      sink.warning("\(context).january has no effect on a quarterly indicator", at: map.position(of: "january"))
    }
    guard let code, let name, let unit, let frequency, let form, let lead else { return nil }
    return Indicator(
      code: code, name: name, unit: unit, frequency: frequency, form: form, polarity: polarity,
      leadDepartment: lead, january: january)
  }

  static let feedKeys = [
    "name", "kind", "url", "format", "schedule", "due_day", "provider", "xlsx", "timeout_seconds", "max_bytes",
    "title", "encoding",
  ]

  private static func decodeFeed(_ node: Node, _ context: String, _ sink: DiagnosticSink) -> FeedConfiguration? {
    guard let map = YAMLMap(node, context: context, allowed: feedKeys, sink: sink) else { return nil }
    let name = map.string("name", required: true)
    let kind = map.enumeration("kind", FeedKind.self, required: true)
    let url = map.string("url")
    let format = map.enumeration("format", FeedFormat.self)
    var schedule: CronSchedule?
    if let expression = map.string("schedule") {
      do {
        schedule = try CronSchedule(parsing: expression)
      } catch {
        // The cron column is within the expression; point at the value and quote the reason.
        sink.error(
          "\(context).schedule: '\(expression)': \(error.message) (at character \(error.column))",
          at: map.position(of: "schedule"))
      }
    }
    let dueDay = map.integer("due_day", in: 1...28)
    let provider = map.string("provider")
    let xlsx = map.map("xlsx", allowed: xlsxKeys).map(decodeXLSXMapping)
    let timeout = map.integer("timeout_seconds", in: 1...3600)
    let maxBytes = map.integer("max_bytes", in: 1...FeedSource.maximumSize)
    var encoding: TextEncoding?
    if let name = map.string("encoding") {
      encoding = TextEncoding(name: name)
      if encoding == nil {
        map.sink.error(
          "\(context).encoding: '\(name)' is not one of \(TextEncoding.names.joined(separator: ", ")) (gbk is read as gb18030, of which it is a part)",
          at: map.position(of: "encoding"))
      }
    }
    let title = map.string("title")
    guard let name, let kind else { return nil }
    return FeedConfiguration(
      name: name, kind: kind, url: url, format: format, schedule: schedule, dueDay: dueDay, provider: provider,
      title: title, xlsx: xlsx, encoding: encoding, timeoutSeconds: timeout, maxBytes: maxBytes)
  }

  static let xlsxKeys = ["sheet", "region_header", "indicators", "columns", "regions", "missing"]

  private static func decodeXLSXMapping(_ map: YAMLMap) -> XLSXMapping {
    var columns = XLSXMapping.defaultColumns
    for entry in map.dictionary("columns") ?? [] {
      guard let role = XLSXColumnRole(rawValue: entry.value) else {
        let allowed = XLSXColumnRole.allCases.map(\.rawValue).joined(separator: ", ")
        map.sink.error(
          "\(map.context).columns: '\(entry.value)' is not one of \(allowed)", at: entry.position)
        continue
      }
      columns[entry.key] = role
    }
    return XLSXMapping(
      sheet: map.string("sheet"),
      regionHeader: map.string("region_header") ?? "地区",
      indicators: Dictionary((map.dictionary("indicators") ?? []).map { ($0.key, $0.value) }) { first, _ in first },
      columns: columns,
      regions: Dictionary((map.dictionary("regions") ?? []).map { ($0.key, $0.value) }) { first, _ in first },
      missing: map.strings("missing") ?? XLSXMapping.defaultMissing)
  }

  private static func decodeNumbering(_ top: YAMLMap, cityName: String?) -> [NoticeKind: String] {
    // Without a numbering section, prefixes follow the usual pattern: the city's first character
    // and the kind (宜经调提醒).
    let short = cityName?.first.map(String.init) ?? ""
    var numbering = Dictionary(
      uniqueKeysWithValues: NoticeKind.allCases.map { ($0, $0.defaultPrefix(cityInitial: short)) })
    guard let map = top.map("numbering", allowed: NoticeKind.allCases.map(\.rawValue)) else { return numbering }
    for kind in NoticeKind.allCases {
      if let prefix = map.string(kind.rawValue) { numbering[kind] = prefix }
    }
    return numbering
  }

  /// `approval: {talk: [check, sign], …}`: a kind left out keeps its default chain. A chain is
  /// one or both steps, each once, the check first: a leader signs what the office has checked.
  private static func decodeApproval(_ top: YAMLMap) -> [NoticeKind: [ApprovalStep]] {
    var chains = Dictionary(uniqueKeysWithValues: NoticeKind.allCases.map { ($0, ApprovalStep.defaultChain($0)) })
    guard let map = top.map("approval", allowed: NoticeKind.allCases.map(\.rawValue)) else { return chains }
    for kind in NoticeKind.allCases {
      guard let nodes = map.sequence(kind.rawValue) else { continue }
      let path = "approval.\(kind.rawValue)"
      var steps: [ApprovalStep] = []
      for (index, node) in nodes.enumerated() {
        guard let name = node.scalar?.string, let step = ApprovalStep(rawValue: name) else {
          map.sink.error(
            "\(path)[\(index)] must be a step: \(ApprovalStep.names) (核稿, 签发)", at: SourcePosition(node))
          continue
        }
        guard !steps.contains(step) else {
          map.sink.error("\(path) names \(name) twice: each step comes once", at: SourcePosition(node))
          continue
        }
        steps.append(step)
      }
      if nodes.isEmpty {
        map.sink.error(
          "\(path) is empty: a notice takes at least the office's check, as [check]",
          at: map.position(of: kind.rawValue))
      } else if steps == [.sign, .check] {
        map.sink.error(
          "\(path) signs before the check: write [check, sign], the office checks what the leader signs",
          at: map.position(of: kind.rawValue))
      } else if steps.count == nodes.count {
        chains[kind] = steps
      }
    }
    return chains
  }

  private static func decodeLeaders(_ top: YAMLMap) -> Configuration.Leaders {
    guard let map = top.map("leaders", allowed: ["mayor", "deputies"]) else {
      return Configuration.Leaders(mayor: "市长", deputies: [])
    }
    var decoded: [Int] = []
    let deputies = (map.sequence("deputies") ?? []).enumerated().compactMap { index, node -> Configuration.Deputy? in
      guard
        let deputy = YAMLMap(
          node, context: "leaders.deputies[\(index)]",
          allowed: ["title", "post", "name", "indicators", "departments"], sink: map.sink),
        let title = deputy.string("title", required: true)
      else { return nil }
      decoded.append(index)
      return Configuration.Deputy(
        title: title, post: deputy.string("post") ?? "副市长", name: deputy.string("name"),
        indicators: deputy.strings("indicators") ?? [], departments: deputy.strings("departments") ?? [])
    }
    map.sink.record(list: "leaders.deputies", decodedIndices: decoded)
    // `mayor: 市长` names the post alone; `mayor: {post: 市长, name: …}` the person too.
    if case .mapping? = map.node("mayor"), let mayor = map.map("mayor", allowed: ["post", "name"]) {
      return Configuration.Leaders(
        mayor: mayor.string("post") ?? "市长", mayorName: mayor.string("name"), deputies: deputies)
    }
    return Configuration.Leaders(mayor: map.string("mayor") ?? "市长", deputies: deputies)
  }

  /// 联系人: a person and a telephone, never a unit alone.
  private static func decodeContact(_ documents: YAMLMap) -> Configuration.Contact? {
    guard let node = documents.node("contact") else { return nil }
    guard case .mapping = node, let contact = documents.map("contact", allowed: ["name", "phone"]) else {
      documents.sink.error(
        "documents.contact must name a person and a telephone, as {name: 李明, phone: 0795-3281234}",
        at: SourcePosition(node))
      return nil
    }
    guard let name = contact.string("name", required: true), let phone = contact.string("phone", required: true)
    else { return nil }
    return Configuration.Contact(name: name, phone: phone)
  }
}

/// `HOST:PORT`, as `server.listen` and `--listen` take it.
public struct ListenAddress: Sendable, Hashable {
  public var host: String
  public var port: Int

  public init?(_ text: String) {
    guard let colon = text.lastIndex(of: ":") else { return nil }
    var host = String(text[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
      return nil
    }
    self.host = host
    self.port = port
  }
}
