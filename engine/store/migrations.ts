/**
 * Numbered schema migrations. Each runs once, in order, inside its own transaction, and is recorded in
 * `schema_migrations`; a released migration is never edited, a change is a new number.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'scenarios, rules, sessions, call records, media files',
    sql: `
      CREATE TABLE scenarios (
        name TEXT PRIMARY KEY,
        current_version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE scenario_versions (
        name TEXT NOT NULL REFERENCES scenarios(name) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        source TEXT NOT NULL,
        code TEXT NOT NULL,
        hash TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (name, version)
      );
      -- Versions keep counting after a delete and re-upload of the same name.
      CREATE TABLE scenario_version_counters (
        name TEXT PRIMARY KEY,
        last_version INTEGER NOT NULL
      );
      CREATE TABLE rules (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        pattern TEXT NOT NULL,
        scenario TEXT NOT NULL REFERENCES scenarios(name),
        position INTEGER NOT NULL,
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX rules_position ON rules(position);
      -- A counter bumped by every change to a table, so that readers in this or another process can tell cheaply
      -- whether their cached view is stale.
      CREATE TABLE revisions (
        name TEXT PRIMARY KEY,
        revision INTEGER NOT NULL
      );
      INSERT INTO revisions (name, revision) VALUES ('rules', 0);
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        scenario TEXT NOT NULL,
        scenario_version INTEGER NOT NULL,
        custom_data TEXT NOT NULL,
        status TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        end_reason TEXT,
        log TEXT NOT NULL DEFAULT '[]'
      );
      CREATE INDEX sessions_started ON sessions(started_at, id);
      CREATE TABLE call_records (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        direction TEXT NOT NULL,
        status TEXT NOT NULL,
        hold_state TEXT NOT NULL,
        remote_party TEXT NOT NULL,
        local_party TEXT NOT NULL,
        hangup_by TEXT,
        hangup_reason TEXT,
        sip_code INTEGER,
        created_at INTEGER NOT NULL,
        ringing_at INTEGER,
        answered_at INTEGER,
        hangup_at INTEGER,
        duration_seconds REAL NOT NULL,
        recording_ids TEXT NOT NULL
      );
      CREATE INDEX call_records_created ON call_records(created_at, id);
      CREATE INDEX call_records_session ON call_records(session_id);
      CREATE TABLE media_files (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('recording', 'asset')),
        name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        session_id TEXT,
        call_id TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX media_files_asset_name ON media_files(name) WHERE kind = 'asset';
      CREATE INDEX media_files_kind_created ON media_files(kind, created_at);
    `,
  },
  {
    version: 2,
    name: 'call records: searchable party numbers, session index ordered by time',
    // A party is a number or a SIP/tel URI; its number (the URI's user part) is kept apart, indexed, so that a search
    // by number is an index lookup instead of a scan of every record.
    sql: `
      ALTER TABLE call_records ADD COLUMN remote_number TEXT NOT NULL DEFAULT '';
      ALTER TABLE call_records ADD COLUMN local_number TEXT NOT NULL DEFAULT '';
      UPDATE call_records SET remote_number = ${partyNumberSql('remote_party')}, local_number = ${partyNumberSql('local_party')};
      CREATE INDEX call_records_remote_number ON call_records(remote_number, created_at, id);
      CREATE INDEX call_records_local_number ON call_records(local_number, created_at, id);
      DROP INDEX call_records_session;
      CREATE INDEX call_records_session ON call_records(session_id, created_at, id);
    `,
  },
];

/** The SQL twin of `partyNumber` in call-record-repository.ts, for rows written before migration 2. */
function partyNumberSql(column: string): string {
  const afterScheme = `CASE WHEN ${column} LIKE 'sip:%' OR ${column} LIKE 'tel:%' THEN substr(${column}, 5)
    WHEN ${column} LIKE 'sips:%' THEN substr(${column}, 6) ELSE ${column} END`;
  const user = `CASE WHEN instr(${afterScheme}, '@') > 0 THEN substr(${afterScheme}, 1, instr(${afterScheme}, '@') - 1)
    ELSE ${afterScheme} END`;
  return `CASE WHEN instr(${user}, ';') > 0 THEN substr(${user}, 1, instr(${user}, ';') - 1) ELSE ${user} END`;
}

/** Applies every migration newer than the database's, each in its own transaction. Returns the versions applied. */
export function migrate(db: Database, now: number, list: readonly Migration[] = migrations): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const migration of [...list].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now);
    })();
    done.push(migration.version);
  }
  return done;
}
