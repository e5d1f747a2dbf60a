import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One start of a daemon as systemd would start it (Type=notify): the time from spawning the
/// process to its READY=1 datagram, its resident memory after idling, and how it stops on SIGTERM.
struct DaemonSample {
  var ready: Double
  /// CPU seconds (user + system, all threads) the process had used when READY=1 came: unlike
  /// the wall time, it does not grow with the machine's other work.
  var readyCPU: Double
  var status: ProcessStatus
  var stop: Double

  /// Starts `executable`, waits for READY=1, idles, samples /proc/PID/status, sends SIGTERM and
  /// requires exit 0. Its output goes to `log`.
  static func take(executable: URL, arguments: [String], idle: Double, log: URL) throws -> DaemonSample {
    let daemon = try NotifiedProcess(executable: executable, arguments: arguments, log: log)
    Thread.sleep(forTimeInterval: idle)
    let status = try ProcessStatus(pid: daemon.process.processIdentifier)
    let stop = try daemon.stop()
    return DaemonSample(ready: daemon.ready, readyCPU: daemon.readyCPU, status: status, stop: stop)
  }
}

/// The memory lines of /proc/PID/status, in kB. RssFile is separate because the store maps the
/// database (mmap_size): pages of the file it touched count as resident, yet the kernel can drop them.
struct ProcessStatus {
  var rss = 0
  var highWater = 0
  var anonymous = 0
  var file = 0

  init(pid: Int32) throws {
    let text = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    for line in text.split(separator: "\n") {
      let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
      guard parts.count >= 2, let kilobytes = Int(parts[1]) else { continue }
      switch parts[0] {
      case "VmRSS": rss = kilobytes
      case "VmHWM": highWater = kilobytes
      case "RssAnon": anonymous = kilobytes
      case "RssFile": file = kilobytes
      default: break
      }
    }
  }
}

/// A bound AF_UNIX datagram socket, as systemd's notify socket is; `@name` is an abstract one.
/// Read by one thread at a time: the starter until READY=1, then a reader of the later pings.
final class NotifyListener: @unchecked Sendable {
  let name: String
  private let descriptor: Int32

  init(name: String) throws {
    self.name = name
    descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard descriptor >= 0 else { throw BenchmarkFailure("cannot create the notify socket") }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(name.utf8)
    let abstract = bytes.first == UInt8(ascii: "@")
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in bytes.enumerated() { buffer[index] = byte }
      if abstract { buffer[0] = 0 }
    }
    // The sender addresses an abstract name by exactly its bytes, so it is bound with that length.
    let length = abstract ? MemoryLayout<sa_family_t>.size + bytes.count : MemoryLayout<sockaddr_un>.size
    let bound = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(length)) }
    }
    guard bound == 0 else {
      close(descriptor)
      throw BenchmarkFailure("cannot bind the notify socket \(name): errno \(errno)")
    }
  }

  /// One datagram, or nil after the timeout.
  func receive(timeoutMilliseconds: Int) -> String? {
    var timeout = timeval(tv_sec: timeoutMilliseconds / 1000, tv_usec: (timeoutMilliseconds % 1000) * 1000)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = recv(descriptor, &buffer, buffer.count, 0)
    guard count > 0 else { return nil }
    return String(decoding: buffer[..<count], as: UTF8.self)
  }

  deinit { close(descriptor) }
}
