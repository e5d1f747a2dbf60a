import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A daemon started as systemd starts it (Type=notify) and left running: spawned with a fresh
/// notify socket, returned once its READY=1 datagram came. Its output goes to a log file.
final class NotifiedProcess {
  let process: Process
  /// The whole READY=1 datagram: its STATUS= line says where a server bound.
  let readyMessage: String
  /// Seconds from spawning to READY=1.
  let ready: Double
  /// CPU seconds (user + system, all threads) used by READY=1: unlike the wall time, it does not
  /// grow with the machine's other work.
  let readyCPU: Double
  let log: URL
  /// The notify socket, kept open: the datagrams after READY=1 (WATCHDOG=1, STATUS=) are read from it.
  let listener: NotifyListener
  private let output: FileHandle

  init(executable: URL, arguments: [String], log: URL, environment extra: [String: String] = [:]) throws {
    // An abstract socket: no file to clean up, and no path-length limit under a deep --keep.
    let listener = try NotifyListener(name: "@yujing-bench-\(getpid())-\(UUID().uuidString.prefix(8))")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let output = try FileHandle(forWritingTo: log)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["NOTIFY_SOCKET"] = listener.name
    environment.removeValue(forKey: "WATCHDOG_USEC")
    environment.removeValue(forKey: "JOURNAL_STREAM")
    environment.merge(extra) { _, given in given }
    process.environment = environment
    process.standardOutput = output
    process.standardError = output

    let started = DispatchTime.now()
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    var message: String?
    while message == nil {
      if let received = listener.receive(timeoutMilliseconds: 200), received.hasPrefix("READY=1") {
        message = received
      } else if !process.isRunning || Date() > deadline {
        let running = process.isRunning
        // Not yet an object, so no deinit: a daemon that is still starting is killed here.
        if running { kill(process.processIdentifier, SIGKILL) }
        try? output.close()
        throw BenchmarkFailure(
          "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) sent no READY=1 "
            + "(\(running ? "still running after 60 s" : "exited")): \(NotifiedProcess.tail(of: log))")
      }
    }
    ready = NotifiedProcess.seconds(since: started)
    readyCPU = NotifiedProcess.cpuSeconds(pid: process.processIdentifier)
    readyMessage = message!
    self.process = process
    self.output = output
    self.log = log
    self.listener = listener
  }

  /// Where `serve` listens, from `STATUS=serving http://ADDR; …` of the READY=1 datagram.
  var servingURL: URL? {
    guard let range = readyMessage.range(of: "serving http://") else { return nil }
    let address = readyMessage[range.upperBound...].prefix { !";\n ".contains($0) }
    return URL(string: "http://\(address)")
  }

  /// Sends SIGTERM and requires exit 0; returns the seconds it took to exit.
  @discardableResult
  func stop() throws -> Double {
    let stopping = DispatchTime.now()
    process.terminate()
    process.waitUntilExit()
    let stop = NotifiedProcess.seconds(since: stopping)
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      throw BenchmarkFailure(
        "\(process.executableURL?.lastPathComponent ?? "?") did not exit 0 on SIGTERM "
          + "(\(process.terminationReason == .exit ? "exit" : "signal") \(process.terminationStatus)): "
          + NotifiedProcess.tail(of: log))
    }
    return stop
  }

  /// A daemon left running by an error is killed, never left behind the benchmark.
  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    try? output.close()
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

  static func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  }

  static func tail(of log: URL) -> String {
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").suffix(5).joined(separator: "\n")
  }
}
