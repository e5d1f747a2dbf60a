import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The systemd notify protocol without libsystemd (docs/operate.md#the-daemon): one datagram per message to the
/// socket in `$NOTIFY_SOCKET` — a path, or `@name` for an abstract socket (NUL as the first byte
/// of `sun_path`, and the exact address length). Best effort: a lost message never stops the daemon.
struct SystemdNotifier: Sendable {
  let socketPath: String

  static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> SystemdNotifier?
  {
    guard let path = environment["NOTIFY_SOCKET"], !path.isEmpty else { return nil }
    return SystemdNotifier(socketPath: path)
  }

  /// Half of `$WATCHDOG_USEC`, the interval systemd recommends for `WATCHDOG=1`.
  static func watchdogInterval(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> Duration?
  {
    guard let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 else {
      return nil
    }
    return .microseconds(microseconds / 2)
  }

  @discardableResult
  func send(_ message: String) -> Bool {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(socketPath.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in bytes.enumerated() { buffer[index] = byte }
      if bytes.first == UInt8(ascii: "@") { buffer[0] = 0 }
    }
    // An abstract name is exactly its bytes long; a path may carry its terminating NUL.
    let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (bytes.first == UInt8(ascii: "@") ? 0 : 1))
    let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    let payload = Array(message.utf8)
    let sent = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
        payload.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, 0, socketAddress, length) }
      }
    }
    return sent == payload.count
  }
}
