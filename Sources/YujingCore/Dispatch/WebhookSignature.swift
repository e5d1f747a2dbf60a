import Crypto
import Foundation

/// The signatures of the delivery formats (docs/operate.md#delivery), as each receiver publishes
/// them. Each is a pure function of its inputs, checked against the published test vectors.
public enum WebhookSignature {
  /// Standard Webhooks: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under the
  /// base64-decoded part of a `whsec_…` secret.
  public static func standard(secret: String, id: String, timestamp: Int64, body: Data) throws -> String {
    let key = try standardKey(secret)
    var content = Data("\(id).\(timestamp).".utf8)
    content.append(body)
    let mac = HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: key))
    return "v1," + Data(mac).base64EncodedString()
  }

  /// The key of a `whsec_` secret; a secret without the prefix is taken as base64 as well.
  static func standardKey(_ secret: String) throws -> Data {
    let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
    guard let key = Data(base64Encoded: encoded), !key.isEmpty else {
      throw SecretError("a generic target's secret is whsec_ followed by base64 (yujing makes one when none is given)")
    }
    return key
  }

  /// A new Standard Webhooks secret: `whsec_` and 24 random bytes in base64.
  public static func newStandardSecret() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return "whsec_" + Data(bytes).base64EncodedString()
  }

  /// 钉钉: base64 HMAC-SHA256 under the secret of `timestamp + "\n" + secret`, the timestamp in
  /// milliseconds; the caller URL-encodes it into the query.
  public static func dingtalk(secret: String, timestampMilliseconds: Int64) -> String {
    let mac = HMAC<SHA256>.authenticationCode(
      for: Data("\(timestampMilliseconds)\n\(secret)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
    return Data(mac).base64EncodedString()
  }

  /// 飞书: base64 HMAC-SHA256 under `timestamp + "\n" + secret` of nothing, the timestamp in seconds.
  public static func feishu(secret: String, timestampSeconds: Int64) -> String {
    let mac = HMAC<SHA256>.authenticationCode(
      for: Data(), using: SymmetricKey(data: Data("\(timestampSeconds)\n\(secret)".utf8)))
    return Data(mac).base64EncodedString()
  }

  /// Percent-encoding for a query value: everything but the unreserved characters.
  public static func queryEncoded(_ value: String) -> String {
    let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
  }

  public struct SecretError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
  }
}
