import Foundation
import NIOConcurrencyHelpers
import YujingCore

/// The limits on the files that 整改 reports and appeals attach: so many per notice and per department (the
/// database holds them, and every backup copies them), and a file name short enough to be shown in
/// a list and sent back in a header.
struct UploadQuota {
  let settings: Configuration.ServerSettings
  static let lock = NIOLock()
  static let maximumNameCharacters = 120

  /// The name as stored, or why it is refused.
  static func fileName(_ name: String) throws -> String {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { throw NoticeActionError("the attached file has no name") }
    guard trimmed.count <= maximumNameCharacters else {
      throw NoticeActionError(
        "the attached file's name has \(trimmed.count) characters; rename it to \(maximumNameCharacters) or fewer")
    }
    guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
      throw NoticeActionError("the attached file's name holds control characters; rename it")
    }
    return trimmed
  }

  func check(store: Store, notice: NoticeRecord) throws {
    let counts = try store.attachmentCounts(noticeID: notice.id, addressee: notice.addressee)
    guard counts.notice < settings.uploadsPerNotice else {
      throw NoticeActionError(
        "notice \(notice.id) has \(counts.notice) attached file(s), the most its reports and appeals may attach (server.uploads_per_notice)"
      )
    }
    guard counts.addressee < settings.uploadsPerDepartment else {
      throw NoticeActionError(
        "\(notice.addressee) has attached \(counts.addressee) file(s), the most a department may (server.uploads_per_department)"
      )
    }
  }
}
