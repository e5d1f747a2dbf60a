import Crypto
import Foundation

/// The SHA-256 of a text, in lower-case hex: how a notice's facts and an evaluation's findings
/// are told apart from a repeat. A pure function of the text, used by the stages that decide
/// (the reconciler) and by the store that keeps the result alike.
public enum ContentHash {
  /// Formatted by hand: `String(format:)` per byte cost more than the hash itself, and every
  /// drafted subject is hashed.
  public static func hex(_ text: String) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var hex = [UInt8]()
    hex.reserveCapacity(64)
    for byte in SHA256.hash(data: Data(text.utf8)) {
      hex.append(digits[Int(byte >> 4)])
      hex.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: hex, as: UTF8.self)
  }
}
