import GRDB

/// The schema, as named migrations. Append only: a migration that has landed is never edited,
/// because databases in the field have already run it; change the schema with a new one.
///
/// Migrations use SQL and table names, never the application's types, so that renaming a Swift
/// type can never change what an old migration does.
enum Migrations {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("2026-11-26 catalogue", migrate: catalogue)
    migrator.registerMigration("2026-11-26 feed runs", migrate: feedRuns)
    migrator.registerMigration("2026-11-26 observations and targets", migrate: observations)
    migrator.registerMigration("2026-11-26 projects", migrate: projects)
    migrator.registerMigration("2026-11-27 observation codes checked by the feed", migrate: observationWithoutCodeKeys)
    migrator.registerMigration("2026-11-27 evaluations and findings", migrate: findings)
    migrator.registerMigration("2026-11-27 targets clustered by year", migrate: targetsClusteredByYear)
    migrator.registerMigration("2026-11-27 cases, notices, feedback, exemptions, audit", migrate: escalation)
    migrator.registerMigration("2026-11-28 webhook targets, deliveries and their attempts", migrate: dispatch)
    migrator.registerMigration("2026-11-29 accounts, sessions and sign-in attempts", migrate: accounts)
    migrator.registerMigration("2026-11-29 feed state for conditional pulls", migrate: feedState)
    migrator.registerMigration("2026-11-30 notice list indexes and copies", migrate: noticeListIndexes)
    migrator.registerMigration("2026-12-01 periods awaiting evaluation", migrate: evaluationDue)
    migrator.registerMigration("2026-12-02 period snapshots", migrate: periodSnapshots)
    migrator.registerMigration("2026-12-05 configuration fingerprints", migrate: configurationFingerprints)
    migrator.registerMigration("2026-12-05 notice kinds and webhook formats left to the code", migrate: openKinds)
    migrator.registerMigration("2026-12-05 the problems ledger", migrate: problemsLedger)
    migrator.registerMigration("2026-12-05 decisions on 整改 reports", migrate: reportDecisions)
    migrator.registerMigration("2026-12-05 appeals", migrate: appeals)
    migrator.registerMigration("2026-12-06 signers and the steps of the approval chain", migrate: approvalSteps)
    migrator.registerMigration("2026-12-06 decision events and their deliveries", migrate: decisionEvents)
    return migrator
  }

  /// Regions, departments and indicators, mirrored from the configuration so that foreign keys
  /// can check every code that is written.
  static func catalogue(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE region (
          code TEXT PRIMARY KEY NOT NULL CHECK (length(code) > 0),
          name TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('province', 'city', 'county', 'district', 'zone')),
          "group" TEXT,
          addressee TEXT
        );
        CREATE TABLE department (
          code TEXT PRIMARY KEY NOT NULL CHECK (length(code) > 0),
          name TEXT NOT NULL
        );
        CREATE TABLE indicator (
          code TEXT PRIMARY KEY NOT NULL CHECK (length(code) > 0),
          name TEXT NOT NULL,
          unit TEXT NOT NULL,
          frequency TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly')),
          form TEXT NOT NULL CHECK (form IN ('growth', 'amount')),
          polarity TEXT NOT NULL CHECK (polarity IN ('higher_is_better', 'lower_is_better')),
          lead_department TEXT NOT NULL REFERENCES department(code),
          january TEXT NOT NULL CHECK (january IN ('alone', 'combined'))
        );
        """)
  }

  /// One row per feed run (docs/architecture.md#the-data-path): what came in, from where, and what became of every row.
  static func feedRuns(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE feed_run (
          id INTEGER PRIMARY KEY,
          feed TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('indicators', 'projects', 'targets')),
          source TEXT NOT NULL,
          format TEXT,
          started_at TEXT NOT NULL,
          finished_at TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
          inserted INTEGER NOT NULL DEFAULT 0 CHECK (inserted >= 0),
          revised INTEGER NOT NULL DEFAULT 0 CHECK (revised >= 0),
          unchanged INTEGER NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
          rejected INTEGER NOT NULL DEFAULT 0 CHECK (rejected >= 0),
          periods TEXT NOT NULL DEFAULT '',
          message TEXT
        );
        CREATE INDEX feed_run_by_feed ON feed_run(feed, id);
        CREATE TABLE feed_run_rejection (
          id INTEGER PRIMARY KEY,
          feed_run_id INTEGER NOT NULL REFERENCES feed_run(id) ON DELETE CASCADE,
          location TEXT NOT NULL,
          field TEXT,
          reason TEXT NOT NULL,
          raw TEXT
        );
        CREATE INDEX feed_run_rejection_by_run ON feed_run_rejection(feed_run_id);
        """)
  }

  /// Published figures and annual targets. `observation` holds the current revision of each
  /// key; a changed figure moves the old one to `observation_revision`, so nothing is lost.
  static func observations(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE observation (
          period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
          region TEXT NOT NULL REFERENCES region(code),
          indicator TEXT NOT NULL REFERENCES indicator(code),
          value REAL,
          growth REAL,
          published_rank INTEGER CHECK (published_rank > 0),
          revision INTEGER NOT NULL DEFAULT 1 CHECK (revision > 0),
          feed_run_id INTEGER NOT NULL REFERENCES feed_run(id),
          CHECK (value IS NOT NULL OR growth IS NOT NULL),
          PRIMARY KEY (period, region, indicator)
        ) WITHOUT ROWID;
        CREATE TABLE observation_revision (
          period TEXT NOT NULL,
          region TEXT NOT NULL,
          indicator TEXT NOT NULL,
          revision INTEGER NOT NULL,
          value REAL,
          growth REAL,
          published_rank INTEGER,
          feed_run_id INTEGER NOT NULL REFERENCES feed_run(id),
          PRIMARY KEY (period, region, indicator, revision)
        ) WITHOUT ROWID;
        CREATE TRIGGER observation_keeps_revisions BEFORE UPDATE ON observation
        BEGIN
          INSERT INTO observation_revision
            (period, region, indicator, revision, value, growth, published_rank, feed_run_id)
          VALUES
            (OLD.period, OLD.region, OLD.indicator, OLD.revision, OLD.value, OLD.growth, OLD.published_rank,
             OLD.feed_run_id);
        END;
        CREATE TABLE target (
          year INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
          region TEXT NOT NULL REFERENCES region(code),
          indicator TEXT NOT NULL REFERENCES indicator(code),
          target_growth REAL,
          target_value REAL CHECK (target_value >= 0),
          source TEXT NOT NULL,
          imported_at TEXT NOT NULL,
          CHECK (target_growth IS NOT NULL OR target_value IS NOT NULL),
          PRIMARY KEY (year, region, indicator)
        );
        """)
  }

  /// Major projects: `project` holds each project's latest attributes; `project_progress` the
  /// state reported for each period (with the attributes of that period, since an annual plan can
  /// be adjusted in the year); `milestone` the approval milestones. Revisions are kept as for
  /// observations.
  static func projects(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE project (
          code TEXT PRIMARY KEY NOT NULL CHECK (length(code) > 0),
          name TEXT NOT NULL,
          region TEXT NOT NULL REFERENCES region(code),
          department TEXT NOT NULL REFERENCES department(code),
          leader TEXT NOT NULL,
          total_investment REAL NOT NULL CHECK (total_investment >= 0),
          annual_plan REAL NOT NULL CHECK (annual_plan >= 0),
          planned_start TEXT,
          planned_completion TEXT,
          last_period TEXT NOT NULL
        );
        CREATE TABLE project_progress (
          period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
          project TEXT NOT NULL REFERENCES project(code),
          name TEXT NOT NULL,
          region TEXT NOT NULL REFERENCES region(code),
          department TEXT NOT NULL REFERENCES department(code),
          leader TEXT NOT NULL,
          total_investment REAL NOT NULL CHECK (total_investment >= 0),
          annual_plan REAL NOT NULL CHECK (annual_plan >= 0),
          completed_ytd REAL NOT NULL CHECK (completed_ytd >= 0),
          status TEXT NOT NULL CHECK (status IN ('前期', '在建', '停工', '竣工')),
          planned_start TEXT,
          actual_start TEXT,
          planned_completion TEXT,
          registered TEXT,
          revision INTEGER NOT NULL DEFAULT 1 CHECK (revision > 0),
          feed_run_id INTEGER NOT NULL REFERENCES feed_run(id),
          PRIMARY KEY (period, project)
        ) WITHOUT ROWID;
        CREATE TABLE project_progress_revision (
          period TEXT NOT NULL,
          project TEXT NOT NULL,
          revision INTEGER NOT NULL,
          row TEXT NOT NULL,
          feed_run_id INTEGER NOT NULL REFERENCES feed_run(id),
          PRIMARY KEY (period, project, revision)
        ) WITHOUT ROWID;
        CREATE TRIGGER project_progress_keeps_revisions BEFORE UPDATE ON project_progress
        BEGIN
          INSERT INTO project_progress_revision (period, project, revision, row, feed_run_id)
          VALUES (OLD.period, OLD.project, OLD.revision,
            json_object('name', OLD.name, 'region', OLD.region, 'department', OLD.department,
              'leader', OLD.leader, 'total_investment', OLD.total_investment, 'annual_plan', OLD.annual_plan,
              'completed_ytd', OLD.completed_ytd, 'status', OLD.status, 'planned_start', OLD.planned_start,
              'actual_start', OLD.actual_start, 'planned_completion', OLD.planned_completion,
              'registered', OLD.registered),
            OLD.feed_run_id);
        END;
        CREATE TABLE milestone (
          project TEXT NOT NULL REFERENCES project(code),
          stage TEXT NOT NULL CHECK (length(stage) > 0),
          due TEXT NOT NULL,
          done TEXT,
          revision INTEGER NOT NULL DEFAULT 1 CHECK (revision > 0),
          feed_run_id INTEGER NOT NULL REFERENCES feed_run(id),
          PRIMARY KEY (project, stage)
        ) WITHOUT ROWID;
        CREATE TABLE milestone_revision (
          project TEXT NOT NULL,
          stage TEXT NOT NULL,
          revision INTEGER NOT NULL,
          due TEXT NOT NULL,
          done TEXT,
          feed_run_id INTEGER NOT NULL REFERENCES feed_run(id),
          PRIMARY KEY (project, stage, revision)
        ) WITHOUT ROWID;
        CREATE TRIGGER milestone_keeps_revisions BEFORE UPDATE ON milestone
        BEGIN
          INSERT INTO milestone_revision (project, stage, revision, due, done, feed_run_id)
          VALUES (OLD.project, OLD.stage, OLD.revision, OLD.due, OLD.done, OLD.feed_run_id);
        END;
        """)
  }

  /// The observation table without per-row foreign keys on region and indicator. A feed checks
  /// every code against the configuration before writing (it must, to reject the row with a
  /// reason instead of failing the run), and the two parent lookups cost a third of a
  /// million-row ingest. The feed run keeps its key: every figure names the run that brought it.
  static func observationWithoutCodeKeys(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE observation_rebuilt (
          period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
          region TEXT NOT NULL CHECK (length(region) > 0),
          indicator TEXT NOT NULL CHECK (length(indicator) > 0),
          value REAL,
          growth REAL,
          published_rank INTEGER CHECK (published_rank > 0),
          revision INTEGER NOT NULL DEFAULT 1 CHECK (revision > 0),
          feed_run_id INTEGER NOT NULL REFERENCES feed_run(id),
          CHECK (value IS NOT NULL OR growth IS NOT NULL),
          PRIMARY KEY (period, region, indicator)
        ) WITHOUT ROWID;
        INSERT INTO observation_rebuilt SELECT period, region, indicator, value, growth, published_rank, revision,
          feed_run_id FROM observation;
        DROP TRIGGER observation_keeps_revisions;
        DROP TABLE observation;
        ALTER TABLE observation_rebuilt RENAME TO observation;
        CREATE TRIGGER observation_keeps_revisions BEFORE UPDATE ON observation
        BEGIN
          INSERT INTO observation_revision
            (period, region, indicator, revision, value, growth, published_rank, feed_run_id)
          VALUES
            (OLD.period, OLD.region, OLD.indicator, OLD.revision, OLD.value, OLD.growth, OLD.published_rank,
             OLD.feed_run_id);
        END;
        """)
  }

  /// An evaluation of a period (`yujing evaluate`, docs/operate.md#commands): when, as of which day, with which rule
  /// set, and the findings it produced, one row per subject. The findings of a period are those
  /// of its latest evaluation; an evaluation that would store the same findings is not written.
  static func findings(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE evaluation (
          id INTEGER PRIMARY KEY,
          period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
          as_of TEXT NOT NULL,
          rule_set_hash TEXT NOT NULL,
          evaluated_at TEXT NOT NULL,
          findings_hash TEXT NOT NULL
        );
        CREATE INDEX evaluation_by_period ON evaluation(period, id);
        CREATE TABLE finding (
          evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
          subject_kind TEXT NOT NULL CHECK (subject_kind IN ('indicator', 'project', 'feed')),
          subject TEXT NOT NULL,
          level TEXT NOT NULL CHECK (level IN ('blue', 'yellow', 'orange', 'red')),
          rules TEXT NOT NULL,
          exempted INTEGER NOT NULL CHECK (exempted IN (0, 1)),
          evidence TEXT NOT NULL,
          PRIMARY KEY (evaluation_id, subject_kind, subject)
        ) WITHOUT ROWID;
        """)
  }

  /// Targets stored in key order (year, region, indicator), so that an evaluation reads a year's
  /// targets as one range instead of an index seek and a row lookup per target.
  static func targetsClusteredByYear(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE target_clustered (
          year INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
          region TEXT NOT NULL REFERENCES region(code),
          indicator TEXT NOT NULL REFERENCES indicator(code),
          target_growth REAL,
          target_value REAL CHECK (target_value >= 0),
          source TEXT NOT NULL,
          imported_at TEXT NOT NULL,
          CHECK (target_growth IS NOT NULL OR target_value IS NOT NULL),
          PRIMARY KEY (year, region, indicator)
        ) WITHOUT ROWID;
        INSERT INTO target_clustered SELECT year, region, indicator, target_growth, target_value, source, imported_at
          FROM target;
        DROP TABLE target;
        ALTER TABLE target_clustered RENAME TO target;
        """)
  }

  /// The ladder's memory (docs/rules.md#the-ladder) and the documents it produces: a case per subject of an
  /// addressee with every stage it entered; notices with their whole history; 整改 reports;
  /// exemptions; and the audit log of what people did.
  static func escalation(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE notice (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL
            CHECK (kind IN ('reminder', 'talk', 'lift', 'precoordination', 'data_overdue', 'summary')),
          notice_key TEXT NOT NULL,
          number TEXT UNIQUE,
          addressee TEXT NOT NULL,
          cc TEXT NOT NULL DEFAULT '[]',
          period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
          state TEXT NOT NULL
            CHECK (state IN ('draft', 'approved', 'sent', 'acknowledged', 'closed', 'rejected', 'superseded')),
          corrects INTEGER REFERENCES notice(id),
          subjects TEXT NOT NULL,
          subject_facts TEXT NOT NULL DEFAULT '{}',
          facts_hash TEXT NOT NULL,
          title TEXT NOT NULL,
          body TEXT NOT NULL,
          holder TEXT,
          created_at TEXT NOT NULL,
          document_date TEXT,
          report_due TEXT,
          talk_at TEXT,
          place TEXT,
          CHECK ((state IN ('draft', 'rejected', 'superseded')) OR (number IS NOT NULL AND document_date IS NOT NULL))
        );
        CREATE INDEX notice_by_key ON notice(notice_key, id);
        CREATE INDEX notice_by_addressee ON notice(addressee, period);
        CREATE TABLE notice_event (
          id INTEGER PRIMARY KEY,
          notice_id INTEGER NOT NULL REFERENCES notice(id),
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          from_state TEXT,
          to_state TEXT NOT NULL,
          note TEXT
        );
        CREATE INDEX notice_event_by_notice ON notice_event(notice_id, id);
        CREATE TABLE notice_number (
          prefix TEXT NOT NULL,
          year INTEGER NOT NULL,
          last INTEGER NOT NULL CHECK (last > 0),
          PRIMARY KEY (prefix, year)
        ) WITHOUT ROWID;
        CREATE TABLE case_file (
          id INTEGER PRIMARY KEY,
          addressee TEXT NOT NULL,
          subject_kind TEXT NOT NULL CHECK (subject_kind IN ('indicator', 'project', 'feed')),
          subject TEXT NOT NULL,
          opened_period TEXT NOT NULL,
          stage TEXT NOT NULL CHECK (stage IN ('none', 'reminder', 'talk_deputy', 'talk_mayor', 'lifted')),
          closed_period TEXT,
          UNIQUE (addressee, subject_kind, subject, opened_period)
        );
        CREATE TABLE case_event (
          id INTEGER PRIMARY KEY,
          case_id INTEGER NOT NULL REFERENCES case_file(id),
          period TEXT NOT NULL,
          day TEXT NOT NULL,
          cause TEXT NOT NULL CHECK (cause IN ('level', 'overdue')),
          from_stage TEXT NOT NULL,
          to_stage TEXT NOT NULL,
          level TEXT,
          reason TEXT NOT NULL,
          notice_id INTEGER REFERENCES notice(id),
          overdue_notice_id INTEGER REFERENCES notice(id),
          superseded INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1))
        );
        CREATE INDEX case_event_by_case ON case_event(case_id, period);
        CREATE TABLE feedback (
          id INTEGER PRIMARY KEY,
          notice_id INTEGER NOT NULL REFERENCES notice(id),
          addressee TEXT NOT NULL,
          text TEXT NOT NULL,
          file_name TEXT,
          file BLOB,
          submitted_at TEXT NOT NULL,
          submitted_day TEXT NOT NULL,
          on_time INTEGER NOT NULL CHECK (on_time IN (0, 1))
        );
        CREATE INDEX feedback_by_notice ON feedback(notice_id);
        CREATE TABLE exemption (
          id INTEGER PRIMARY KEY,
          region TEXT REFERENCES region(code),
          indicator TEXT REFERENCES indicator(code),
          project TEXT,
          reason TEXT NOT NULL CHECK (length(reason) > 0),
          created_by TEXT NOT NULL,
          created_at TEXT NOT NULL,
          from_day TEXT NOT NULL,
          until_day TEXT NOT NULL,
          expired_at TEXT,
          CHECK (region IS NOT NULL OR indicator IS NOT NULL OR project IS NOT NULL),
          CHECK (from_day <= until_day)
        );
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          object TEXT,
          detail TEXT
        );
        """)
  }

  /// Delivery (docs/operate.md#delivery): targets per addressee; one delivery per (notice, target), written with the
  /// approval; every attempt logged. A removed target is kept, marked, for the log's sake.
  static func dispatch(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE webhook_target (
          id INTEGER PRIMARY KEY,
          addressee TEXT NOT NULL CHECK (length(addressee) > 0),
          format TEXT NOT NULL CHECK (format IN ('generic', 'wecom', 'dingtalk', 'feishu')),
          url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
          secret TEXT,
          content TEXT NOT NULL CHECK (content IN ('full', 'summary', 'link')),
          receives_copies INTEGER NOT NULL CHECK (receives_copies IN (0, 1)),
          per_minute INTEGER NOT NULL CHECK (per_minute > 0),
          created_at TEXT NOT NULL,
          removed_at TEXT
        );
        CREATE INDEX webhook_target_addressee ON webhook_target (addressee) WHERE removed_at IS NULL;
        CREATE TABLE delivery (
          id INTEGER PRIMARY KEY,
          webhook_id TEXT NOT NULL UNIQUE,
          notice_id INTEGER NOT NULL REFERENCES notice (id),
          target_id INTEGER NOT NULL REFERENCES webhook_target (id),
          role TEXT NOT NULL CHECK (role IN ('addressee', 'copy')),
          state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead', 'cancelled')),
          attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
          queued_at TEXT NOT NULL,
          queued_ms INTEGER NOT NULL,
          next_attempt_ms INTEGER NOT NULL,
          delivered_at TEXT,
          last_error TEXT,
          UNIQUE (notice_id, target_id),
          CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
        );
        CREATE INDEX delivery_due ON delivery (next_attempt_ms) WHERE state = 'pending';
        CREATE TABLE delivery_attempt (
          id INTEGER PRIMARY KEY,
          delivery_id INTEGER NOT NULL REFERENCES delivery (id),
          target_id INTEGER NOT NULL REFERENCES webhook_target (id),
          started_at TEXT NOT NULL,
          started_ms INTEGER NOT NULL,
          latency_ms INTEGER NOT NULL CHECK (latency_ms >= 0),
          http_status INTEGER,
          outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retry', 'permanent')),
          answer TEXT NOT NULL
        );
        CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id);
        CREATE INDEX delivery_attempt_target ON delivery_attempt (target_id, started_ms);
        """)
  }

  /// Accounts (docs/operate.md#who-may-do-what) with a role (a department bound to one addressee) and a password hash;
  /// sessions by the hash of their token; sign-in attempts, which the rate limit counts.
  static func accounts(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE account (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'department')),
          addressee TEXT,
          password_hash TEXT NOT NULL,
          created_at TEXT NOT NULL,
          CHECK ((role = 'department') = (addressee IS NOT NULL))
        );
        CREATE TABLE session (
          token_hash TEXT PRIMARY KEY,
          account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
          csrf_token TEXT NOT NULL,
          created_at TEXT NOT NULL,
          expires_ms INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX session_by_account ON session(account_id);
        CREATE TABLE login_attempt (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          at_ms INTEGER NOT NULL,
          succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))
        );
        CREATE INDEX login_attempt_by_name ON login_attempt(name, at_ms);
        CREATE INDEX notice_by_state ON notice(state, id);
        CREATE INDEX notice_by_period ON notice(period, id);
        """)
  }

  /// What an HTTP feed's last successful pull answered (ETag, Last-Modified), sent
  /// back with the next pull so that an unchanged file costs a 304 and nothing else. The URL is
  /// kept, masked, so that validators of an old address are never sent to a new one.
  static func feedState(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE feed_state (
          feed TEXT PRIMARY KEY NOT NULL CHECK (length(feed) > 0),
          url TEXT NOT NULL,
          etag TEXT,
          last_modified TEXT,
          feed_run_id INTEGER REFERENCES feed_run(id),
          updated_at TEXT NOT NULL
        );
        """)
  }

  /// The list of 100,000 notices (Benchmarks/README.md#the-targets, p99 ≤ 50 ms): every page by the
  /// ids of narrow indexes, never by stepping through the table's rows. notice_by_id is the id
  /// order alone (the newest first without a filter); notice_by_addressee_id is an addressee's
  /// notices in id order, with the state a department may see; notice_by_kind serves the kind
  /// filter, alone or with a period. notice_cc holds each name of a notice's cc array, so that a
  /// department's copies are found by an index instead of json_each over every notice; triggers
  /// keep it in step with cc.
  static func noticeListIndexes(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE INDEX notice_by_id ON notice(id);
        CREATE INDEX notice_by_addressee_id ON notice(addressee, id, state);
        CREATE INDEX notice_by_kind ON notice(kind, period, id);
        CREATE TABLE notice_cc (
          addressee TEXT NOT NULL,
          notice_id INTEGER NOT NULL REFERENCES notice(id) ON DELETE CASCADE,
          PRIMARY KEY (addressee, notice_id)
        ) WITHOUT ROWID;
        CREATE INDEX notice_cc_by_notice ON notice_cc(notice_id);
        INSERT OR IGNORE INTO notice_cc (addressee, notice_id)
          SELECT json_each.value, notice.id FROM notice, json_each(notice.cc) WHERE json_each.type = 'text';
        CREATE TRIGGER notice_cc_on_insert AFTER INSERT ON notice BEGIN
          INSERT OR IGNORE INTO notice_cc (addressee, notice_id)
            SELECT value, NEW.id FROM json_each(NEW.cc) WHERE type = 'text';
        END;
        CREATE TRIGGER notice_cc_on_update AFTER UPDATE OF cc ON notice BEGIN
          DELETE FROM notice_cc WHERE notice_id = OLD.id;
          INSERT OR IGNORE INTO notice_cc (addressee, notice_id)
            SELECT value, NEW.id FROM json_each(NEW.cc) WHERE type = 'text';
        END;
        """)
  }

  /// The periods a scheduled feed's run changed, until an evaluation has escalated them: written
  /// in the run's transaction, deleted in the escalation's. The daemon evaluates after a run, but
  /// as a second transaction; a crash between the two must not leave the new figures unevaluated
  /// (the schedule, served, would not bring them back), so the daemon evaluates what is left here.
  static func evaluationDue(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE evaluation_due (
          period TEXT PRIMARY KEY NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
          feed_run_id INTEGER NOT NULL REFERENCES feed_run(id)
        ) WITHOUT ROWID;
        """)
  }

  /// Each period's figures packed in one blob, rewritten by every indicator run that changes the
  /// period (see `PeriodSnapshot`). Periods stored before are read from their rows until a run
  /// changes them.
  static func periodSnapshots(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE observation_snapshot (
          period TEXT PRIMARY KEY NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
          data BLOB NOT NULL
        );
        """)
  }

  /// The configurations a database was worked with, one row each time it changed: the first
  /// command that opens the database records the one it runs with, and a command run with
  /// another is stopped unless told to go on (see `ConfigurationFingerprint`).
  static func configurationFingerprints(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE configuration_fingerprint (
          id INTEGER PRIMARY KEY,
          recorded_at TEXT NOT NULL,
          source TEXT NOT NULL,
          digest TEXT NOT NULL CHECK (length(digest) = 64),
          files TEXT NOT NULL CHECK (json_valid(files)),
          recorded_by TEXT NOT NULL
        );
        """)
  }

  /// The notice's kind and the webhook target's format without their `CHECK (… IN (…))` lists:
  /// both are closed sets of the code (`NoticeKind`, `WebhookTarget.Format`), which writes only
  /// their members and refuses, when reading, a value it does not know. Listing them in the schema
  /// too meant rebuilding a table for every new kind or format.
  ///
  /// SQLite cannot drop a constraint, so both tables are rebuilt: create the new table, copy the
  /// rows with their ids, drop the old, rename the new, and recreate the indexes and triggers that
  /// went with the old one. The migrator runs this with foreign keys off and checks them all at
  /// the end, so dropping `notice` deletes none of the rows that reference it (`notice_cc` would
  /// cascade) and every reference (`notice_event`, `case_event`, `feedback`, `delivery`,
  /// `notice_cc`, `delivery_attempt`) names the rebuilt table by its name.
  static func openKinds(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE notice_rebuilt (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL CHECK (length(kind) > 0),
          notice_key TEXT NOT NULL,
          number TEXT UNIQUE,
          addressee TEXT NOT NULL,
          cc TEXT NOT NULL DEFAULT '[]',
          period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
          state TEXT NOT NULL
            CHECK (state IN ('draft', 'approved', 'sent', 'acknowledged', 'closed', 'rejected', 'superseded')),
          corrects INTEGER REFERENCES notice(id),
          subjects TEXT NOT NULL,
          subject_facts TEXT NOT NULL DEFAULT '{}',
          facts_hash TEXT NOT NULL,
          title TEXT NOT NULL,
          body TEXT NOT NULL,
          holder TEXT,
          created_at TEXT NOT NULL,
          document_date TEXT,
          report_due TEXT,
          talk_at TEXT,
          place TEXT,
          CHECK ((state IN ('draft', 'rejected', 'superseded')) OR (number IS NOT NULL AND document_date IS NOT NULL))
        );
        INSERT INTO notice_rebuilt (id, kind, notice_key, number, addressee, cc, period, state, corrects, subjects,
          subject_facts, facts_hash, title, body, holder, created_at, document_date, report_due, talk_at, place)
        SELECT id, kind, notice_key, number, addressee, cc, period, state, corrects, subjects,
          subject_facts, facts_hash, title, body, holder, created_at, document_date, report_due, talk_at, place
        FROM notice;
        DROP TABLE notice;
        ALTER TABLE notice_rebuilt RENAME TO notice;
        CREATE INDEX notice_by_key ON notice(notice_key, id);
        CREATE INDEX notice_by_addressee ON notice(addressee, period);
        CREATE INDEX notice_by_state ON notice(state, id);
        CREATE INDEX notice_by_period ON notice(period, id);
        CREATE INDEX notice_by_id ON notice(id);
        CREATE INDEX notice_by_addressee_id ON notice(addressee, id, state);
        CREATE INDEX notice_by_kind ON notice(kind, period, id);
        CREATE TRIGGER notice_cc_on_insert AFTER INSERT ON notice BEGIN
          INSERT OR IGNORE INTO notice_cc (addressee, notice_id)
            SELECT value, NEW.id FROM json_each(NEW.cc) WHERE type = 'text';
        END;
        CREATE TRIGGER notice_cc_on_update AFTER UPDATE OF cc ON notice BEGIN
          DELETE FROM notice_cc WHERE notice_id = OLD.id;
          INSERT OR IGNORE INTO notice_cc (addressee, notice_id)
            SELECT value, NEW.id FROM json_each(NEW.cc) WHERE type = 'text';
        END;
        CREATE TABLE webhook_target_rebuilt (
          id INTEGER PRIMARY KEY,
          addressee TEXT NOT NULL CHECK (length(addressee) > 0),
          format TEXT NOT NULL CHECK (length(format) > 0),
          url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
          secret TEXT,
          content TEXT NOT NULL CHECK (content IN ('full', 'summary', 'link')),
          receives_copies INTEGER NOT NULL CHECK (receives_copies IN (0, 1)),
          per_minute INTEGER NOT NULL CHECK (per_minute > 0),
          created_at TEXT NOT NULL,
          removed_at TEXT
        );
        INSERT INTO webhook_target_rebuilt (id, addressee, format, url, secret, content, receives_copies, per_minute,
          created_at, removed_at)
        SELECT id, addressee, format, url, secret, content, receives_copies, per_minute, created_at, removed_at
        FROM webhook_target;
        DROP TABLE webhook_target;
        ALTER TABLE webhook_target_rebuilt RENAME TO webhook_target;
        CREATE INDEX webhook_target_addressee ON webhook_target (addressee) WHERE removed_at IS NULL;
        """)
  }

  /// Signers (签发人), each bound to a leader of the configuration, and the steps each notice took
  /// on its way to issue (核稿, 签发; passed, or returned to the step before), with the account,
  /// its role and leader then, the time and the opinion (意见). The account table is rebuilt for
  /// its new role and column, as SQLite cannot change a CHECK.
  static func approvalSteps(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE account_rebuilt (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'signer', 'department')),
          addressee TEXT,
          leader TEXT,
          password_hash TEXT NOT NULL,
          created_at TEXT NOT NULL,
          CHECK ((role = 'department') = (addressee IS NOT NULL)),
          CHECK ((role = 'signer') = (leader IS NOT NULL))
        );
        INSERT INTO account_rebuilt (id, name, role, addressee, password_hash, created_at)
        SELECT id, name, role, addressee, password_hash, created_at FROM account;
        DROP TABLE account;
        ALTER TABLE account_rebuilt RENAME TO account;
        CREATE TABLE notice_step (
          id INTEGER PRIMARY KEY,
          notice_id INTEGER NOT NULL REFERENCES notice(id),
          step TEXT NOT NULL CHECK (length(step) > 0),
          decision TEXT NOT NULL CHECK (decision IN ('passed', 'returned')),
          account TEXT NOT NULL,
          role TEXT NOT NULL,
          leader TEXT,
          at TEXT NOT NULL,
          opinion TEXT
        );
        CREATE INDEX notice_step_by_notice ON notice_step(notice_id, id);
        """)
  }
}
