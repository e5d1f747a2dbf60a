import Hummingbird
import NIOCore
import YujingCore

/// The request context of the web UI and the API: who is signed in, by which session, from where.
public struct WebContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  /// Set by `SessionMiddleware` when the request carries a live session cookie.
  public var session: SessionRecord?
  /// The hash of the session's token, to end it on sign-out.
  public var sessionTokenHash: String?
  /// The peer of the connection: the sign-in limits count by it, and the probes' detail is for
  /// loopback peers only.
  public var remoteAddress: SocketAddress?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    remoteAddress = source.channel.remoteAddress
  }

  public var account: Account? { session?.account }

  /// The account of a route behind `RoleCheck`, which has sent everyone else away already.
  func signedIn() throws -> Account {
    guard let account else { throw HTTPError(.unauthorized, message: "sign in first") }
    return account
  }

  /// The peer's IP address, as the sign-in limits count it.
  var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }

  /// What a body may hold when a route reads it with `request.decode` (the API's JSON): routes that
  /// take more read their bodies through `BodyReader` with their own caps.
  public var maxUploadSize: Int { BodyReader.Limits.json.bytes }
}
