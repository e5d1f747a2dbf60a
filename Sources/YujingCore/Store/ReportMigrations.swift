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

extension Migrations {
  /// Each decision on a report or an appeal (`DecisionEvent`) is kept with what was decided, and
  /// reaches the addressee's delivery targets through the same outbox as the notices: a delivery
  /// now carries either a notice (`event_id` NULL, one per notice and target, as before) or a
  /// decision event (one per event and target). SQLite cannot drop the old `UNIQUE (notice_id,
  /// target_id)`, so `delivery` is rebuilt as `openKinds` rebuilds its tables; the two
  /// uniquenesses become partial indexes.
  static func decisionEvents(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE decision_event (
          id INTEGER PRIMARY KEY,
          type TEXT NOT NULL CHECK (length(type) > 0),
          notice_id INTEGER NOT NULL REFERENCES notice (id),
          report_id INTEGER REFERENCES feedback (id),
          appeal_id INTEGER REFERENCES appeal (id),
          addressee TEXT NOT NULL,
          note TEXT,
          resubmit_due TEXT,
          subjects TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(subjects)),
          payload TEXT NOT NULL CHECK (json_valid(payload)),
          created_at TEXT NOT NULL,
          CHECK ((report_id IS NULL) != (appeal_id IS NULL))
        );
        CREATE INDEX decision_event_by_notice ON decision_event (notice_id, id);
        CREATE TABLE delivery_rebuilt (
          id INTEGER PRIMARY KEY,
          webhook_id TEXT NOT NULL UNIQUE,
          notice_id INTEGER NOT NULL REFERENCES notice (id),
          event_id INTEGER REFERENCES decision_event (id),
          target_id INTEGER NOT NULL REFERENCES webhook_target (id),
          role TEXT NOT NULL CHECK (role IN ('addressee', 'copy')),
          state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead', 'cancelled')),
          attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
          queued_at TEXT NOT NULL,
          queued_ms INTEGER NOT NULL,
          next_attempt_ms INTEGER NOT NULL,
          delivered_at TEXT,
          last_error TEXT,
          CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
        );
        INSERT INTO delivery_rebuilt (id, webhook_id, notice_id, event_id, target_id, role, state, attempts, queued_at,
          queued_ms, next_attempt_ms, delivered_at, last_error)
        SELECT id, webhook_id, notice_id, NULL, target_id, role, state, attempts, queued_at,
          queued_ms, next_attempt_ms, delivered_at, last_error
        FROM delivery;
        DROP TABLE delivery;
        ALTER TABLE delivery_rebuilt RENAME TO delivery;
        CREATE INDEX delivery_due ON delivery (next_attempt_ms) WHERE state = 'pending';
        CREATE UNIQUE INDEX delivery_of_notice ON delivery (notice_id, target_id) WHERE event_id IS NULL;
        CREATE UNIQUE INDEX delivery_of_event ON delivery (event_id, target_id) WHERE event_id IS NOT NULL;
        """)
  }
}
