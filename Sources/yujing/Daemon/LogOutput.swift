import Foundation
import Logging

#if canImport(Glibc)
  import Glibc
#endif

/// The daemon's log lines on standard output (docs/operate.md#the-daemon). Under systemd, whose journal connects
/// stdout and says so in `$JOURNAL_STREAM`, each line starts with its syslog priority (`<3>` for an
/// error) and carries no time stamp, since the journal adds its own. Elsewhere a line reads
/// `2026-11-26T07:00:00Z warning feed stats failed: …` for a person at a terminal.
struct DaemonLogHandler: LogHandler {
  enum Style: Sendable { case journal, human }

  let label: String
  let style: Style
  var logLevel: Logger.Level = .info
  var metadata: Logger.Metadata = [:]
  var metadataProvider: Logger.MetadataProvider?

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var text = event.message.description
    let merged = metadata.merging(event.metadata ?? [:]) { $1 }
    if !merged.isEmpty {
      text += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
    // A message of several lines stays one journal entry per line, each with its priority.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var output = ""
    for line in lines {
      switch style {
      case .journal:
        output += "<\(Self.priority(event.level))>\(line)\n"
      case .human:
        output += "\(Date().formatted(.iso8601)) \(event.level.rawValue) \(line)\n"
      }
    }
    LogSink.shared.write(output)
  }

  /// syslog(3) priorities, as journald reads them from a `<N>` prefix.
  static func priority(_ level: Logger.Level) -> Int {
    switch level {
    case .trace, .debug: 7
    case .info: 6
    case .notice: 5
    case .warning: 4
    case .error: 3
    case .critical: 2
    }
  }

  /// Journal style when `$JOURNAL_STREAM` names the device and inode that stdout really is: a
  /// child whose output was redirected elsewhere inherits the variable but not the stream.
  static func style(environment: [String: String] = ProcessInfo.processInfo.environment) -> Style {
    guard let stream = environment["JOURNAL_STREAM"] else { return .human }
    let parts = stream.split(separator: ":")
    var status = stat()
    guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]), fstat(1, &status) == 0
    else { return .human }
    return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode ? .journal : .human
  }

  /// Installs the handler for the whole process (once, before the first logger is made).
  static func bootstrap(level: Logger.Level = .info) {
    let style = style()
    LoggingSystem.bootstrap { label in
      var handler = DaemonLogHandler(label: label, style: style)
      handler.logLevel = level
      return handler
    }
  }
}

/// One writer for stdout, so that lines from concurrent services never interleave mid-line.
final class LogSink: @unchecked Sendable {
  static let shared = LogSink()
  private let lock = NSLock()

  func write(_ text: String) {
    lock.withLock {
      var bytes = Array(text.utf8)
      var offset = 0
      while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { Glibc.write(1, $0.baseAddress! + offset, $0.count - offset) }
        if written <= 0 { break }
        offset += written
      }
    }
  }
}
