import Foundation
import GRDB

extension Store {
  /// The files attached to a notice's 整改 reports and appeals, and those an addressee has
  /// attached to all of its notices: what the upload quotas count.
  public func attachmentCounts(noticeID: Int64, addressee: String) throws -> (notice: Int, addressee: Int) {
    try writer.read { db in
      let notice =
        try Int.fetchOne(
          db,
          sql: """
            SELECT (SELECT count(*) FROM feedback WHERE notice_id = ?1 AND file IS NOT NULL)
              + (SELECT count(*) FROM appeal WHERE notice_id = ?1 AND file IS NOT NULL)
            """, arguments: [noticeID]) ?? 0
      let addressee =
        try Int.fetchOne(
          db,
          sql: """
            SELECT (SELECT count(*) FROM feedback WHERE addressee = ?1 AND file IS NOT NULL)
              + (SELECT count(*) FROM appeal JOIN notice ON notice.id = appeal.notice_id
                 WHERE notice.addressee = ?1 AND appeal.file IS NOT NULL)
            """, arguments: [addressee])
        ?? 0
      return (notice, addressee)
    }
  }
}
