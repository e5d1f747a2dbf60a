import Foundation
import YujingCore

/// How `ingest` and `demo` print a feed run.
enum FeedRunReport {
  /// `milestones` is the milestones file given with a project file: its rejections name it.
  static func text(_ summary: FeedRunSummary, milestones: String? = nil, rejectionLimit: Int = 50) -> String {
    var out = "feed run \(summary.id) (\(summary.feed)) from \(summary.source): \(summary.status.rawValue)\n"
    if summary.status == .failed && summary.accepted == 0 && summary.rejected == 0 {
      out += "  nothing was applied: \(summary.message ?? "the file could not be read")\n"
      return out
    }
    if summary.status == .failed {
      out += "  nothing was applied: no row could be taken (the rejected rows are below)\n"
    }
    out += "  accepted \(summary.accepted) (new \(summary.inserted), revised \(summary.revised), "
    out += "unchanged \(summary.unchanged)), rejected \(summary.rejected)\n"
    if !summary.periods.isEmpty {
      out += "  periods added or changed: \(summary.periods.map(\.description).joined(separator: ", "))\n"
    }
    for note in summary.notes { out += "  note: \(note)\n" }
    if !summary.rejections.isEmpty {
      out += "  rejected rows:\n"
      for rejection in summary.rejections.prefix(rejectionLimit) {
        let (file, shown) = place(rejection, source: summary.source, milestones: milestones)
        out += "    \(file), \(shown)\n"
      }
      if summary.rejections.count > rejectionLimit {
        out += "    … and \(summary.rejections.count - rejectionLimit) more (all of them are stored with the run)\n"
      }
    }
    return out
  }

  /// The file a rejected row is in, and the rejection as said of that file: a milestones row's
  /// reason loses its "milestones file: " once the file is named.
  static func place(_ rejection: Rejection, source: String, milestones: String?) -> (file: String, rejection: Rejection)
  {
    let prefix = "milestones file: "
    guard let milestones, rejection.reason.hasPrefix(prefix) else { return (source, rejection) }
    var shown = rejection
    shown.reason = String(rejection.reason.dropFirst(prefix.count))
    return (milestones, shown)
  }

  struct JSONRun: Encodable {
    var id: Int64
    var feed: String
    var source: String
    var status: String
    var accepted, inserted, revised, unchanged, rejected: Int
    var periods: [String]
    var notes: [String]
    var message: String?
    var rejections: [JSONRejection]
  }

  struct JSONRejection: Encodable {
    var file: String
    var location: String
    var field: String?
    var reason: String
  }

  static func json(_ summary: FeedRunSummary, milestones: String? = nil) throws -> String {
    let run = JSONRun(
      id: summary.id, feed: summary.feed, source: summary.source, status: summary.status.rawValue,
      accepted: summary.accepted, inserted: summary.inserted, revised: summary.revised,
      unchanged: summary.unchanged, rejected: summary.rejected, periods: summary.periods.map(\.description),
      notes: summary.notes, message: summary.message,
      rejections: summary.rejections.map {
        let (file, shown) = place($0, source: summary.source, milestones: milestones)
        return JSONRejection(file: file, location: shown.location.description, field: shown.field, reason: shown.reason)
      })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(run), as: UTF8.self)
  }
}
