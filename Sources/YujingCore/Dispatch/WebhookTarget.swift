import Foundation

/// Where an addressee's approved notices go (docs/operate.md#delivery): a group robot or a signed webhook.
public struct WebhookTarget: Sendable, Hashable {
  public enum Format: String, Sendable, Hashable, CaseIterable {
    /// JSON of the notice, signed per Standard Webhooks.
    case generic
    /// 企业微信 group robot (markdown; the key in the URL is the credential).
    case wecom
    /// 钉钉 custom robot (markdown; signed in the query).
    case dingtalk
    /// 飞书 custom bot (post; signed in the body).
    case feishu

    public var isRobot: Bool { self != .generic }

    /// The raw values, for help texts: `generic, wecom, dingtalk or feishu`.
    public static var names: String {
      allCases.dropLast().map(\.rawValue).joined(separator: ", ") + " or " + allCases.last!.rawValue
    }
  }

  /// What a message carries. Robots default to `link`: unpublished statistics should not pass
  /// through commercial messaging unless the office decides so for a target.
  public enum Content: String, Sendable, Hashable, CaseIterable {
    /// The whole notice as Markdown.
    case full
    /// Kind, number, addressee, each subject with its level, and the link.
    case summary
    /// The title, the number and the link.
    case link
  }

  public var id: Int64
  public var addressee: String
  public var format: Format
  public var url: URL
  /// Never shown after creation; `masked` is what lists print.
  public var secret: String?
  public var content: Content
  /// Also receives the notices copied (抄送) to the addressee.
  public var receivesCopies: Bool
  public var perMinute: Int

  public init(
    id: Int64, addressee: String, format: Format, url: URL, secret: String?, content: Content, receivesCopies: Bool,
    perMinute: Int
  ) {
    self.id = id
    self.addressee = addressee
    self.format = format
    self.url = url
    self.secret = secret
    self.content = content
    self.receivesCopies = receivesCopies
    self.perMinute = perMinute
  }

  /// The URL without its credentials (a robot's `key` or `access_token`), for lists and logs.
  public var maskedURL: String {
    guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "(url)" }
    components.user = nil
    components.password = nil
    let names = components.queryItems?.map(\.name) ?? []
    components.query = nil
    var text = components.string ?? "(url)"
    if !names.isEmpty { text += "?" + names.map { "\($0)=…" }.joined(separator: "&") }
    // A Feishu hook's credential is the last path component.
    if format == .feishu, let slash = text.lastIndex(of: "/"), text[slash...].count > 8 {
      text = String(text[...slash]) + "…"
    }
    return text
  }
}
