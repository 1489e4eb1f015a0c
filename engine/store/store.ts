/**
 * The embedded store (DESIGN.md, "Management API"): one SQLite database in the data directory, in WAL mode with
 * `synchronous = FULL` by default so that every committed transaction is on disk when the commit returns, migrated
 * on open.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CallRecordRepository } from './call-record-repository.js';
import { MediaFileRepository } from './media-file-repository.js';
import { migrate } from './migrations.js';
import { RuleRepository } from './rule-repository.js';
import { ScenarioRepository } from './scenario-repository.js';
import { SessionRepository } from './session-repository.js';
import { StoreError } from './store-errors.js';

export interface StoreOptions {
  /** Created if missing; holds `callscript.db` and the `recordings/` and `assets/` folders. */
  dataDir: string;
  /** Wall clock for the stored timestamps (epoch ms). */
  now?: () => number;
  /**
   * `full` (default): a commit returns once the write-ahead log is synced to disk, so nothing committed is lost to
   * a process crash or a power cut. `normal`: the sync waits for checkpoints only; a commit survives the process
   * being killed (it is in the OS's cache) but the last ones can be lost if the machine loses power.
   */
  sync?: 'full' | 'normal';
}

const databaseFileName = 'callscript.db';

export class Store {
  readonly scenarios: ScenarioRepository;
  readonly rules: RuleRepository;
  readonly sessions: SessionRepository;
  readonly callRecords: CallRecordRepository;
  readonly mediaFiles: MediaFileRepository;
  readonly dataDir: string;
  /** The SQLite database file (a writer thread opens its own connection to it: `SqliteWriter`). */
  readonly file: string;
  private readonly db: Database.Database;

  private constructor(db: Database.Database, options: StoreOptions) {
    const now = options.now ?? Date.now;
    this.db = db;
    this.dataDir = options.dataDir;
    this.file = join(options.dataDir, databaseFileName);
    this.scenarios = new ScenarioRepository(db, now);
    this.rules = new RuleRepository(db, now);
    this.sessions = new SessionRepository(db, now);
    this.callRecords = new CallRecordRepository(db);
    this.mediaFiles = new MediaFileRepository(db, options.dataDir, now);
  }

  static open(options: StoreOptions): Store {
    mkdirSync(options.dataDir, { recursive: true });
    const db = new Database(join(options.dataDir, databaseFileName));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.sync === 'normal' ? 'NORMAL' : 'FULL'}`);
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db, (options.now ?? Date.now)());
      return new Store(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** How commits are synced (see {@link StoreOptions.sync}). */
  get syncMode(): 'full' | 'normal' {
    return this.db.pragma('synchronous', { simple: true }) === 1 ? 'normal' : 'full';
  }

  get open(): boolean {
    return this.db.open;
  }

  /** The schema versions applied, oldest first. */
  schemaVersions(): number[] {
    this.requireOpen();
    return (this.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map(
      (row) => row.version,
    );
  }

  /** Idempotent. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  private requireOpen(): void {
    if (!this.db.open) throw new StoreError('closed', 'the store is closed');
  }
}
