import GRDB
import GRDBSQLite

/// A prepared statement driven through the SQLite C API, for the loops that write a million rows:
/// binding through GRDB's argument arrays costs more than the insert itself.
struct RawStatement {
  let statement: Statement
  private var handle: OpaquePointer { statement.sqliteStatement }
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  init(_ db: Database, sql: String) throws {
    statement = try db.makeStatement(sql: sql)
  }

  func bind(_ index: Int32, _ text: String) {
    _ = text.withCString { sqlite3_bind_text(handle, index, $0, -1, RawStatement.transient) }
  }

  func bind(_ index: Int32, _ text: String?) {
    guard let text else { return bindNull(index) }
    bind(index, text)
  }

  func bind(_ index: Int32, _ figure: Fixed?) {
    guard let figure else { return bindNull(index) }
    sqlite3_bind_double(handle, index, figure.doubleValue)
  }

  func bind(_ index: Int32, _ integer: Int64?) {
    guard let integer else { return bindNull(index) }
    sqlite3_bind_int64(handle, index, integer)
  }

  func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

  /// Runs the statement; returns the first column of the row it gives back, if any (RETURNING).
  @discardableResult
  func step() throws -> Int64? {
    defer { sqlite3_reset(handle) }
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW:
      let value = sqlite3_column_int64(handle, 0)
      // Drain the statement so that its changes are complete before the reset.
      while sqlite3_step(handle) == SQLITE_ROW {}
      return value
    case SQLITE_DONE:
      return nil
    default:
      throw DatabaseError(
        resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
        sql: statement.sql)
    }
  }
}
