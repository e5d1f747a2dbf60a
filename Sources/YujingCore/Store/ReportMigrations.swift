import GRDB

extension Migrations {
  /// The office's decision on each 整改 report: a report is `submitted` until accepted or
  /// returned; a returned one names the day it is due again. Reports received before this
  /// migration await a decision like new ones.
  static func reportDecisions(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE feedback ADD COLUMN state TEXT NOT NULL DEFAULT 'submitted' CHECK (length(state) > 0);
        ALTER TABLE feedback ADD COLUMN decided_at TEXT;
        ALTER TABLE feedback ADD COLUMN decided_by TEXT;
        ALTER TABLE feedback ADD COLUMN decision_note TEXT;
        ALTER TABLE feedback ADD COLUMN resubmit_due TEXT;
        CREATE INDEX feedback_by_state ON feedback(state, id);
        """)
  }

  /// 申诉: an addressee's appeal of subjects of a notice, and the office's decision. A granted
  /// appeal points at the exemptions that set its subjects aside.
  static func appeals(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE appeal (
          id INTEGER PRIMARY KEY,
          notice_id INTEGER NOT NULL REFERENCES notice(id),
          subjects TEXT NOT NULL CHECK (json_valid(subjects)),
          reason TEXT NOT NULL,
          file_name TEXT,
          file BLOB,
          filed_at TEXT NOT NULL,
          filed_day TEXT NOT NULL,
          filed_by TEXT NOT NULL,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (length(state) > 0),
          decided_at TEXT,
          decided_by TEXT,
          decision_reason TEXT,
          exemptions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(exemptions))
        );
        CREATE INDEX appeal_by_notice ON appeal(notice_id, id);
        """)
  }
}
