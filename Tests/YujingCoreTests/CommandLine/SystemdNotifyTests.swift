import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A real `yujing serve` speaks the notify protocol to a datagram socket, as systemd
/// would listen on it: READY=1 with a STATUS=, WATCHDOG=1 at half of WATCHDOG_USEC, and STOPPING=1
/// on SIGTERM, after which it exits 0.
struct SystemdNotifyTests {
  /// A socket path, and an abstract name (`@…`, as systemd uses for user services).
  @Test(arguments: [false, true])
  func serveTellsSystemdItIsReadyAliveAndStopping(abstract: Bool) throws {
    let directory = try TemporaryDirectory()
    let socketPath = abstract ? "@yujing-test-\(UUID().uuidString.prefix(8))" : directory.path("notify.sock")
    let listener = try DatagramListener(path: socketPath)

    let process = Process()
    process.executableURL = YujingCommand.binary
    process.arguments = ["serve", "--db", directory.path("yujing.sqlite"), "--listen", "127.0.0.1:0"]
    var environment = ProcessInfo.processInfo.environment
    environment["NOTIFY_SOCKET"] = socketPath
    environment["WATCHDOG_USEC"] = "200000"
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    var received: [String] = []
    // Until READY=1 and two watchdog pings have come (each wait bounded by the socket's timeout).
    while !(received.contains { $0.hasPrefix("READY=1") } && received.filter { $0 == "WATCHDOG=1" }.count >= 2) {
      guard let message = listener.receive(timeoutSeconds: 30) else { break }
      received.append(message)
    }
    let ready = try #require(received.first { $0.hasPrefix("READY=1") }, "\(received)")
    #expect(ready.contains("\nSTATUS="))
    #expect(received.filter { $0 == "WATCHDOG=1" }.count >= 2, "\(received)")

    process.terminate()
    var stopping = false
    while !stopping, let message = listener.receive(timeoutSeconds: 30) { stopping = message == "STOPPING=1" }
    process.waitUntilExit()
    #expect(stopping)
    #expect(process.terminationReason == .exit && process.terminationStatus == 0)
  }
}

/// A bound AF_UNIX datagram socket, as systemd's notify socket is.
final class DatagramListener {
  let descriptor: Int32

  init(path: String) throws {
    descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    let abstract = bytes.first == UInt8(ascii: "@")
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in bytes.enumerated() { buffer[index] = byte }
      if abstract { buffer[0] = 0 }
    }
    // An abstract name is exactly as long as its bytes: systemd's sender relies on that.
    let length = abstract ? MemoryLayout<sa_family_t>.size + bytes.count : MemoryLayout<sockaddr_un>.size
    let bound = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(length)) }
    }
    guard descriptor >= 0, bound == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
  }

  /// One datagram, or nil after `timeoutSeconds` without one.
  func receive(timeoutSeconds: Int) -> String? {
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = recv(descriptor, &buffer, buffer.count, 0)
    guard count > 0 else { return nil }
    return String(decoding: buffer[..<count], as: UTF8.self)
  }

  deinit { close(descriptor) }
}
