import Foundation

/// The structure of the city (DESIGN §4.3): one YAML file, or the embedded 宜春 default.
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
  public var regions: [Region]
  public var departments: [Department]
  public var indicators: [Indicator]
  public var numbering: [NoticeKind: String]
  public var feeds: [FeedConfiguration]
  public var leaders: Leaders
  /// A directory of notice templates that stand in for the embedded ones, file by file.
  public var templates: String?
  public var documents: Documents
  public var dispatch = DispatchSettings()

  /// Who issues the office's documents, and whom addressees contact.
  public struct Documents: Sendable, Hashable {
    /// Issues reminders, lifts and the summary: 宜春市经济运行调度办公室.
    public var dispatchOffice: String
    /// Issues talk notices: 宜春市人民政府办公室.
    public var governmentOffice: String
    /// 联系人 and telephone, printed in the notes.
    public var contact: String?
  }

  public static let embeddedSource = "<embedded default: 宜春>"

  public var isEmbeddedDefault: Bool { source == Configuration.embeddedSource }

  public struct City: Sendable, Hashable {
    public var code: String
    public var name: String
    public var timeZone: TimeZone
  }

  /// How approved notices are delivered (DESIGN §8).
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

  public struct Leaders: Sendable, Hashable {
    public var mayor: String
    public var deputies: [Deputy]
  }

  public struct Deputy: Sendable, Hashable {
    public var title: String
    public var indicators: [String]
    public var departments: [String]
  }

  public func region(_ code: String) -> Region? { regionsByCode[code] }
  public func indicator(_ code: String) -> Indicator? { indicatorsByCode[code] }
  public func department(_ code: String) -> Department? { departments.first { $0.code == code } }
  public func feed(_ name: String) -> FeedConfiguration? { feeds.first { $0.name == name } }

  private var regionsByCode: [String: Region] {
    Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
  }

  private var indicatorsByCode: [String: Indicator] {
    Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
  }
}

public enum FeedKind: String, Sendable, Hashable, CaseIterable {
  case indicators
  case projects
}

public enum FeedFormat: String, Sendable, Hashable, CaseIterable {
  case csv
  case json
  case xlsx

  /// The format a file's name implies (`.csv`, `.json`, `.xlsx`), if any.
  public init?(pathExtension: String) {
    self.init(rawValue: pathExtension.lowercased())
  }
}

public struct FeedConfiguration: Sendable, Hashable {
  public var name: String
  public var kind: FeedKind
  public var url: String?
  /// The format when the feed names one; otherwise the file's extension decides.
  public var format: FeedFormat?
  public var schedule: CronSchedule?
  /// The day of month M+1 by which period M must be in (DESIGN §5.6).
  public var dueDay: Int?
  /// The providing department (the addressee of a data_overdue notice).
  public var provider: String?
  public var xlsx: XLSXMapping?
  /// How long an HTTP pull waits for the answer and for each next piece of it; 60 s when nil.
  public var timeoutSeconds: Int?
  /// The largest body a pull accepts; `FeedSource.maximumSize` when nil.
  public var maxBytes: Int?
}

extension Configuration {
  /// Everyone a notice can be addressed or copied to: the regions' governments and committees,
  /// and the departments, as the notices name them.
  public var addressees: [String] {
    var seen = Set<String>()
    return (regions.compactMap(\.addressee) + departments.map(\.name)).filter { seen.insert($0).inserted }
  }
}
