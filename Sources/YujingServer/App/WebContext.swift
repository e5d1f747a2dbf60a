import Hummingbird
import YujingCore

/// The request context of the web UI and the API: who is signed in, by which session.
public struct WebContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  /// Set by `SessionMiddleware` when the request carries a live session cookie.
  public var session: SessionRecord?
  /// The hash of the session's token, to end it on sign-out.
  public var sessionTokenHash: String?
  /// The fields of an `application/x-www-form-urlencoded` body, read by `CSRFMiddleware`.
  public var form: [String: String] = [:]
  /// The files of a `multipart/form-data` body (the 整改 report's attachment).
  var files: [String: Multipart.File] = [:]

  public init(source: Source) {
    coreContext = .init(source: source)
  }

  public var account: Account? { session?.account }

  /// Uploads (整改 reports with a file) are limited to 20 MB.
  public var maxUploadSize: Int { 20 << 20 }
}
