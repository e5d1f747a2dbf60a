import Foundation

/// The structure of the city (docs/operate.md#configuration): one YAML file, or the embedded 宜春 default.
///
/// Operational data (targets, users, webhooks, exemptions) lives in the database instead.
public struct Configuration: Sendable {
  /// Where it came from: a file path, or `Configuration.embeddedSource`.
  public var source: String
  public var city: City
  /// The database path, if the configuration names one (`--db` and systemd override it).
  public var database: String?
  /// The directory of rule files; relative paths are relative to the configuration file.
  public var thresholds: String?
  public var server: ServerSettings
  public var regions: [Region] { didSet { lookups = Lookups(self) } }
  public var departments: [Department] { didSet { lookups = Lookups(self) } }
  public var indicators: [Indicator] { didSet { lookups = Lookups(self) } }
  public var numbering: [NoticeKind: String]
  public var feeds: [FeedConfiguration] { didSet { lookups = Lookups(self) } }
  public var leaders: Leaders
  /// A directory of notice templates that stand in for the embedded ones, file by file.
  public var templates: String?
  public var documents: Documents
  public var dispatch = DispatchSettings()
  /// Each kind's 签发 chain (`approval:`): the steps a draft takes before it is issued, in order.
  public var approval: [NoticeKind: [ApprovalStep]] = Dictionary(
    uniqueKeysWithValues: NoticeKind.allCases.map { ($0, ApprovalStep.defaultChain($0)) })
  /// The lists by code, built once per configuration (and again when a list changes): a lookup is
  /// made for every subject of an evaluation, 120,000 at national scale.
  private var lookups = Lookups()

  public init(
    source: String, city: City, database: String?, thresholds: String?, server: ServerSettings, regions: [Region],
    departments: [Department], indicators: [Indicator], numbering: [NoticeKind: String], feeds: [FeedConfiguration],
    leaders: Leaders, templates: String?, documents: Documents, dispatch: DispatchSettings = DispatchSettings(),
    approval: [NoticeKind: [ApprovalStep]]? = nil
  ) {
    self.source = source
    self.city = city
    self.database = database
    self.thresholds = thresholds
    self.server = server
    self.regions = regions
    self.departments = departments
    self.indicators = indicators
    self.numbering = numbering
    self.feeds = feeds
    self.leaders = leaders
    self.templates = templates
    self.documents = documents
    self.dispatch = dispatch
    if let approval { self.approval = approval }
    lookups = Lookups(self)
  }

  private struct Lookups: Sendable {
    var regions: [String: Region] = [:]
    var indicators: [String: Indicator] = [:]
    var departments: [String: Department] = [:]
    var feeds: [String: FeedConfiguration] = [:]

    init() {}

    /// The first of each code wins, as the lists are read (a duplicate is a configuration error).
    init(_ configuration: Configuration) {
      regions = Dictionary(configuration.regions.map { ($0.code, $0) }) { first, _ in first }
      indicators = Dictionary(configuration.indicators.map { ($0.code, $0) }) { first, _ in first }
      departments = Dictionary(configuration.departments.map { ($0.code, $0) }) { first, _ in first }
      feeds = Dictionary(configuration.feeds.map { ($0.name, $0) }) { first, _ in first }
    }
  }

  /// Who issues the office's documents, and whom addressees contact.
  public struct Documents: Sendable, Hashable {
    /// Issues reminders, lifts and the summary: 宜春市经济运行调度办公室.
    public var dispatchOffice: String
    /// Issues talk notices: 宜春市人民政府办公室.
    public var governmentOffice: String
    /// 联系人 and telephone, printed in the notes.
    public var contact: Contact?
    /// Whether the office prints its documents on both sides of the sheet: the 版记 then takes
    /// the back of the last sheet (docs/documents.md#how-a-document-is-laid-out-on-the-page).
    public var doubleSided = false
  }

  /// A person the addressees call about a document: 联系人：李明，电话：0795-3281234.
  public struct Contact: Sendable, Hashable {
    public var name: String
    public var phone: String

    public init(name: String, phone: String) {
      self.name = name
      self.phone = phone
    }

    public var line: String { "联系人：\(name)，电话：\(phone)" }
  }

  public static let embeddedSource = "<embedded default: 宜春>"

  public var isEmbeddedDefault: Bool { source == Configuration.embeddedSource }

  public struct City: Sendable, Hashable {
    public var code: String
    public var name: String
    public var timeZone: TimeZone
  }

  /// How approved notices are delivered (docs/operate.md#delivery).
  public struct DispatchSettings: Sendable, Hashable {
    /// One attempt's limit, connecting included.
    public var timeoutSeconds = 10
    /// A delivery still failing this long after approval is given up (`dead`).
    public var giveUpAfterHours = 24
    /// The group robots' own limit (20 a minute for WeCom and DingTalk).
    public var robotPerMinute = 20
    public var genericPerMinute = 600

    public init() {}

    public init(timeoutSeconds: Int, giveUpAfterHours: Int, robotPerMinute: Int, genericPerMinute: Int) {
      self.timeoutSeconds = timeoutSeconds
      self.giveUpAfterHours = giveUpAfterHours
      self.robotPerMinute = robotPerMinute
      self.genericPerMinute = genericPerMinute
    }
  }

  public struct ServerSettings: Sendable, Hashable {
    public var listen: String
    public var publicURL: String?
    /// The bearer token that shows `/metrics` and the health detail to a client not on loopback.
    public var metricsToken: String?
    /// Files attached to one notice's 整改 reports, all together.
    public var uploadsPerNotice: Int
    /// Files one department (addressee) has attached, over all its notices.
    public var uploadsPerDepartment: Int
    /// Time for a connection to send a request's headers, from its start or its last answer.
    public var headerTimeoutSeconds: Int
    /// Time a connection may stay silent, between requests or inside one.
    public var idleTimeoutSeconds: Int

    public init(
      listen: String = "127.0.0.1:8080", publicURL: String? = nil, metricsToken: String? = nil,
      uploadsPerNotice: Int = 3, uploadsPerDepartment: Int = 100, headerTimeoutSeconds: Int = 10,
      idleTimeoutSeconds: Int = 60
    ) {
      self.listen = listen
      self.publicURL = publicURL
      self.metricsToken = metricsToken
      self.uploadsPerNotice = uploadsPerNotice
      self.uploadsPerDepartment = uploadsPerDepartment
      self.headerTimeoutSeconds = headerTimeoutSeconds
      self.idleTimeoutSeconds = idleTimeoutSeconds
    }
  }

  /// A kind's 签发 chain: the configured one, else the default.
  public func chain(_ kind: NoticeKind) -> [ApprovalStep] { approval[kind] ?? ApprovalStep.defaultChain(kind) }

  public struct Leaders: Sendable, Hashable {
    /// The mayor's post as a notice names it (市长) and name, if configured.
    public var mayor: String
    public var mayorName: String?
    public var deputies: [Deputy]

    public init(mayor: String, mayorName: String? = nil, deputies: [Deputy]) {
      self.mayor = mayor
      self.mayorName = mayorName
      self.deputies = deputies
    }

    /// The mayor where a notice says who acts: 市长×××同志, or the post alone without a name.
    public var mayorInPerson: String { mayorName.map { "\(mayor)\($0)同志" } ?? mayor }

    /// The leaders a signer (签发人) may sign for, as an account names them: each leader's name,
    /// or the post or title where no name is configured.
    public var signingNames: [String] { [mayorName ?? mayor] + deputies.map { $0.name ?? $0.title } }

    /// A leader's post and name, as the 发文稿纸 shows the 签发人 (市长 王××); nil for a name
    /// that is not among `signingNames`.
    public func postAndName(_ leader: String) -> String? {
      if leader == (mayorName ?? mayor) { return mayorName.map { "\(mayor) \($0)" } ?? mayor }
      guard let deputy = deputies.first(where: { ($0.name ?? $0.title) == leader }) else { return nil }
      return deputy.name.map { "\(deputy.post) \($0)" } ?? deputy.title
    }
  }

  public struct Deputy: Sendable, Hashable {
    /// What the deputy mayor is in charge of: 分管工业的副市长.
    public var title: String
    /// The post and the name: 副市长 (or 常务副市长), 张××.
    public var post: String
    public var name: String?
    public var indicators: [String]
    public var departments: [String]

    public init(title: String, post: String = "副市长", name: String? = nil, indicators: [String], departments: [String]) {
      self.title = title
      self.post = post
      self.name = name
      self.indicators = indicators
      self.departments = departments
    }

    /// The deputy where a notice says who acts: 市政府副市长×××同志, or the title without a name.
    public var inPerson: String { name.map { "市政府\(post)\($0)同志" } ?? title }
  }

  public func region(_ code: String) -> Region? { lookups.regions[code] }
  public func indicator(_ code: String) -> Indicator? { lookups.indicators[code] }
  public func department(_ code: String) -> Department? { lookups.departments[code] }
  public func feed(_ name: String) -> FeedConfiguration? { lookups.feeds[name] }
}

public enum FeedKind: String, Sendable, Hashable, CaseIterable {
  case indicators
  case projects
}

public enum FeedFormat: String, Sendable, Hashable, CaseIterable {
  case csv
  case json
  case xlsx
  /// Excel 97–2003 (.xls), and WPS's .et, which is the same format.
  case xls

  /// The format a file's name implies (`.csv`, `.json`, `.xlsx`, `.xls`, `.et`), if any.
  public init?(pathExtension: String) {
    let lowered = pathExtension.lowercased()
    self.init(rawValue: lowered == "et" ? "xls" : lowered)
  }

  /// A workbook read as the statistics bureau's table.
  public var isWorkbook: Bool { self == .xlsx || self == .xls }
}

public struct FeedConfiguration: Sendable, Hashable {
  public var name: String
  public var kind: FeedKind
  public var url: String?
  /// The format when the feed names one; otherwise the file's extension decides.
  public var format: FeedFormat?
  public var schedule: CronSchedule?
  /// The day of month M+1 by which period M must be in (docs/rules.md#data-timeliness).
  public var dueDay: Int?
  /// The providing department (the addressee of a data_overdue notice).
  public var provider: String?
  /// What the data are called in a letter (主要经济指标数据); by default from the kind.
  public var title: String?
  public var xlsx: XLSXMapping?
  /// The character encoding of the feed's CSV files; UTF-8 when nil.
  public var encoding: TextEncoding?
  /// How long an HTTP pull waits for the answer and for each next piece of it; 60 s when nil.
  public var timeoutSeconds: Int?
  /// The largest body a pull accepts; `FeedSource.maximumSize` when nil.
  public var maxBytes: Int?
}

extension FeedConfiguration {
  /// A file's format: the feed's own, else the file's extension (docs/operate.md#configuration);
  /// standard input without a configured format is taken as CSV, the canonical form. Nil when
  /// neither says.
  public func format(of source: String) -> FeedFormat? {
    if let format { return format }
    if source == "-" { return .csv }
    let name = source.split(separator: "?").first.map(String.init) ?? source
    return FeedFormat(pathExtension: URL(fileURLWithPath: name).pathExtension)
  }
}

extension FeedConfiguration {
  /// The data as a letter names them: 主要经济指标数据, 重大项目进度数据, or the feed's own title.
  public var dataName: String {
    title
      ?? {
        switch kind {
        case .indicators: "主要经济指标数据"
        case .projects: "重大项目进度数据"
        }
      }()
  }
}

extension Configuration {
  /// Everyone a notice can be addressed or copied to: the regions' governments and committees,
  /// and the departments, as the notices name them.
  public var addressees: [String] {
    var seen = Set<String>()
    return (regions.compactMap(\.addressee) + departments.map(\.name)).filter { seen.insert($0).inserted }
  }
}
