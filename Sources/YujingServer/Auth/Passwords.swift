import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Password hashing (docs/operate.md#who-may-do-what): bcrypt, cost 12 unless `$YUJING_BCRYPT_COST` asks for another
/// (never below 10). Verifying takes a few hundred milliseconds on purpose, so it runs on NIO's
/// thread pool, away from the threads that serve other requests.
public enum Passwords {
  public static var cost: UInt8 {
    let asked = ProcessInfo.processInfo.environment["YUJING_BCRYPT_COST"].flatMap { UInt8($0) } ?? 12
    return min(max(asked, 10), 16)
  }

  public static let minimumLength = 10

  /// Why a new password is refused, or nil.
  public static func weakness(_ password: String) -> String? {
    if password.count < minimumLength { return "a password needs at least \(minimumLength) characters" }
    if Set(password).count < 4 { return "a password needs more than three different characters" }
    return nil
  }

  public static func hash(_ password: String) -> String {
    Bcrypt.hash(password, cost: cost)
  }

  public static func verify(_ password: String, hash: String) async -> Bool {
    (try? await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }) ?? false
  }

  /// A hash to verify against when the name is unknown, so that an unknown name takes as long to
  /// refuse as a wrong password and does not reveal which names exist.
  static let decoy = Bcrypt.hash("not a password of anyone", cost: 12)
}
