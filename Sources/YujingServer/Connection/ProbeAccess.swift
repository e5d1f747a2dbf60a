import HTTPTypes
import Hummingbird
import NIOCore

/// Who may see the daemon's detail: the health detail (configuration path, rule set, feeds) and
/// `/metrics` (warnings by level, cases by stage). A client on loopback — the monitoring agent on
/// the machine — or one that sends the configured bearer token. A request that a proxy forwarded
/// comes from loopback too, so a request that carries a proxy's headers counts as from outside.
enum ProbeAccess {
  static let forwardedHeaders = [
    HTTPField.Name("Forwarded")!, HTTPField.Name("X-Forwarded-For")!, HTTPField.Name("X-Real-IP")!,
  ]

  static func mayReadDetail(_ request: Request, context: WebContext, token: String?) -> Bool {
    if let token, let given = request.headers[.authorization], given.hasPrefix("Bearer ") {
      return CSRFMiddleware.constantTimeEqual(String(given.dropFirst("Bearer ".count)), token)
    }
    guard !forwardedHeaders.contains(where: { request.headers[$0] != nil }) else { return false }
    return isLoopback(context.remoteAddress)
  }

  static func isLoopback(_ address: SocketAddress?) -> Bool {
    guard let ip = address?.ipAddress else { return false }
    return ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.")
  }
}
