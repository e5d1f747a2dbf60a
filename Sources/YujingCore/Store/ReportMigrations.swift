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
}
