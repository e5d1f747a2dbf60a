import GRDB

extension Migrations {
  /// The 督办台账: one row per problem as it stands now, and every step and revision beside it.
  /// States and levels are closed sets of the code (`ProblemState`, `CoordinationLevel`), which
  /// refuses, when reading, a value it does not know; the schema checks only their shape.
  static func problemsLedger(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE problem (
          code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
          title TEXT NOT NULL CHECK (length(title) > 0),
          description TEXT NOT NULL DEFAULT '',
          source TEXT NOT NULL DEFAULT '',
          unit TEXT NOT NULL CHECK (length(unit) > 0),
          co_units TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(co_units)),
          leader TEXT NOT NULL DEFAULT '',
          level TEXT NOT NULL CHECK (length(level) > 0),
          assigned TEXT NOT NULL CHECK (assigned GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
          due TEXT NOT NULL CHECK (due GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
          state TEXT NOT NULL CHECK (length(state) > 0),
          -- The deadline and state as the ledger file last gave them: a re-import compares with
          -- these, so that importing the same file again undoes none of the steps taken since.
          file_due TEXT NOT NULL,
          file_state TEXT,
          returns INTEGER NOT NULL DEFAULT 0 CHECK (returns >= 0),
          last_report TEXT,
          close_requested TEXT,
          closed_on TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX problem_unit ON problem (unit, code);
        CREATE TABLE problem_event (
          id INTEGER PRIMARY KEY,
          code TEXT NOT NULL REFERENCES problem (code),
          at TEXT NOT NULL,
          day TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL CHECK (length(action) > 0),
          text TEXT,
          detail TEXT
        );
        CREATE INDEX problem_event_code ON problem_event (code, id);
        """)
  }
}
