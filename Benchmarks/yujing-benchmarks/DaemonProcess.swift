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

  /// Starts `executable`, waits for READY=1 on a fresh notify socket, idles, samples
  /// /proc/PID/status, sends SIGTERM and requires exit 0. Its output goes to `log`.
  static func take(executable: URL, arguments: [String], idle: Double, log: URL) throws -> DaemonSample {
    // An abstract socket: no file to clean up, and no path-length limit under a deep --keep.
    let listener = try NotifyListener(name: "@yujing-bench-\(getpid())-\(UUID().uuidString.prefix(8))")
    FileManager.default.createFile(atPath: log.path, contents: nil)
    let output = try FileHandle(forWritingTo: log)
    defer { try? output.close() }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["NOTIFY_SOCKET"] = listener.name
    environment.removeValue(forKey: "WATCHDOG_USEC")
    environment.removeValue(forKey: "JOURNAL_STREAM")
    process.environment = environment
    process.standardOutput = output
    process.standardError = output

    let started = DispatchTime.now()
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    let deadline = Date().addingTimeInterval(60)
    var ready: Double?
    var readyCPU = 0.0
    while ready == nil {
      if let message = listener.receive(timeoutMilliseconds: 200), message.hasPrefix("READY=1") {
        ready = seconds(since: started)
        readyCPU = cpuSeconds(pid: process.processIdentifier)
      } else if !process.isRunning || Date() > deadline {
        throw BenchmarkFailure(
          "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) sent no READY=1 "
            + "(\(process.isRunning ? "still running after 60 s" : "exited")): \(tail(of: log))")
      }
    }
    Thread.sleep(forTimeInterval: idle)
    let status = try ProcessStatus(pid: process.processIdentifier)
    let stopping = DispatchTime.now()
    process.terminate()
    process.waitUntilExit()
    let stop = seconds(since: stopping)
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      throw BenchmarkFailure(
        "\(executable.lastPathComponent) did not exit 0 on SIGTERM (\(process.terminationReason == .exit ? "exit" : "signal") "
          + "\(process.terminationStatus)): \(tail(of: log))")
    }
    return DaemonSample(ready: ready!, readyCPU: readyCPU, status: status, stop: stop)
  }

  /// utime + stime of /proc/PID/stat (fields 14 and 15, in clock ticks), after the command name,
  /// which may itself hold spaces.
  private static func cpuSeconds(pid: Int32) -> Double {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = text.lastIndex(of: ")")
    else { return 0 }
    let fields = text[text.index(after: close)...].split(separator: " ")
    // fields[0] is the state (field 3), so utime (field 14) is fields[11].
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
  }

  private static func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  }

  private static func tail(of log: URL) -> String {
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").suffix(5).joined(separator: "\n")
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
final class NotifyListener {
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
