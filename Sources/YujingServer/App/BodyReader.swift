import Foundation
import HTTPTypes
import Hummingbird
import YujingCore

/// Reading a route's body. Only routes that take a body read one, and only once the session is
/// known (signing in aside), so that nobody can make the daemon read or parse anything before they
/// have signed in. Each kind of body has caps on its size, its fields and its parts; a body over a
/// cap is refused with 413 before it is read, when its length is announced, or as soon as the cap
/// is passed otherwise. Parsing is linear in the body's size.
enum BodyReader {
  struct Limits: Sendable {
    var bytes: Int
    var fields: Int
    var parts: Int

    /// The sign-in form and the API's sign-in: a name and a password.
    static let signIn = Limits(bytes: 8 << 10, fields: 8, parts: 0)
    /// The pages' forms: the largest is a draft's edited text.
    static let form = Limits(bytes: 256 << 10, fields: 200, parts: 0)
    /// The API's JSON bodies.
    static let json = Limits(bytes: 256 << 10, fields: 0, parts: 0)
    /// The 整改 report's form: its text, the CSRF field and one file.
    static let upload = Limits(bytes: maximumFileBytes + (256 << 10), fields: 8, parts: 8)

    /// An attached file's size.
    static let maximumFileBytes = 20 << 20
  }

  /// 413, with what the cap is; the connection is not kept for another request.
  static func tooLarge(_ message: String) -> HTTPError {
    HTTPError(.contentTooLarge, headers: [.connection: "close"], message: message)
  }

  /// The body as bytes, refused at once when its announced length is over the cap, and as soon as
  /// it passes the cap when it is not announced.
  static func bytes(_ request: inout Request, limits: Limits) async throws -> ByteBuffer {
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limits.bytes {
      throw tooLarge("the body is \(length) bytes; this address takes at most \(limits.bytes)")
    }
    do {
      return try await request.collectBody(upTo: limits.bytes)
    } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
      throw tooLarge("the body is over \(limits.bytes) bytes, the most this address takes")
    }
  }

  /// The fields of a form, `application/x-www-form-urlencoded` or `multipart/form-data` (only
  /// where `limits` allows parts), with the files of the latter. A body of another type gives no
  /// fields.
  static func form(_ request: inout Request, limits: Limits) async throws -> (
    fields: FormFields, files: [String: Multipart.File]
  ) {
    let contentType = request.headers[.contentType] ?? ""
    if contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") {
      let buffer = try await bytes(&request, limits: limits)
      return (try FormFields.parse(buffer.readableBytesView, maximumFields: limits.fields), [:])
    }
    if limits.parts > 0, let boundary = Multipart.boundary(contentType: contentType) {
      let buffer = try await bytes(&request, limits: limits)
      let parsed = try Multipart.parse([UInt8](buffer.readableBytesView), boundary: boundary, limits: limits)
      return (parsed.fields, parsed.files)
    }
    return (FormFields(), [:])
  }

  /// A page's form from a signed-in session, whose `_csrf` field (or `X-CSRF-Token` header) must
  /// be the session's token: the check that `CSRFMiddleware` leaves to the route for forms, since
  /// the token is inside the body.
  static func sessionForm(_ request: inout Request, context: WebContext, limits: Limits = .form) async throws -> (
    fields: FormFields, files: [String: Multipart.File]
  ) {
    guard let session = context.session else { throw HTTPError(.unauthorized, message: "sign in first") }
    let form = try await form(&request, limits: limits)
    let given = request.headers[CSRFMiddleware.header] ?? form.fields[CSRFMiddleware.field]
    guard let given, CSRFMiddleware.constantTimeEqual(given, session.csrfToken) else {
      throw CSRFMiddleware.refusal
    }
    return form
  }
}
