import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A bare TCP connection to a server on loopback, for what an HTTP client will not do: send half
/// a request's headers and see whether the server hangs up. Reads wait at most `timeoutSeconds`,
/// by the socket's own receive timeout.
final class RawConnection {
  let socket: Int32

  init(address: String, timeoutSeconds: Int) throws {
    let parts = address.split(separator: ":")
    guard parts.count == 2, let port = UInt16(parts[1]) else { throw Failure("not HOST:PORT: \(address)") }
    socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw Failure("socket: \(errno)") }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var peer = sockaddr_in()
    peer.sin_family = sa_family_t(AF_INET)
    peer.sin_port = port.bigEndian
    inet_pton(AF_INET, String(parts[0]), &peer.sin_addr)
    let connected = withUnsafePointer(to: &peer) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      close(socket)
      throw Failure("connect: \(errno)")
    }
  }

  deinit { close(socket) }

  func send(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
  }

  enum ReadOutcome: Equatable {
    /// The server closed the connection (or reset it).
    case closed
    /// Nothing came within the timeout: the connection is still open.
    case timedOut
    case data(String)
  }

  func read() -> ReadOutcome {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
    if count > 0 { return .data(String(decoding: buffer[0..<count], as: UTF8.self)) }
    if count == 0 || errno == ECONNRESET { return .closed }
    return .timedOut
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}
