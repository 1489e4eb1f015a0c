/**
 * Sessions started through the API: written when they start, closed when they end. A session cannot outlive the
 * process that ran it, so sessions still marked running when the engine starts again are closed as interrupted.
 */
import type { Database, Statement } from 'better-sqlite3';
import { notFound } from './store-errors.js';
import type { SessionRecord, SessionStatus } from './store-types.js';

export interface NewSession {
  id: string;
  scenario: string;
  scenarioVersion: number;
  customData: string;
}

export interface SessionEnd {
  status: Exclude<SessionStatus, 'running'>;
  reason: string;
  log: readonly string[];
}

export interface SessionQuery {
  status?: SessionStatus;
  scenario?: string;
  limit: number;
  offset: number;
}

/** Where session rows go: the repository itself, or the store's writer thread (`SqliteWriter`). */
export interface SessionRecordWriter {
  start(session: NewSession): void;
  end(id: string, end: SessionEnd): void;
}

/** The session writes as statements and parameters, for a writer with its own connection (`SqliteWriter`). */
export const sessionWrites = {
  statements: {
    sessionStart: `INSERT INTO sessions (id, scenario, scenario_version, custom_data, status, started_at)
      VALUES (@id, @scenario, @scenarioVersion, @customData, 'running', @startedAt)`,
    sessionEnd: `UPDATE sessions SET status = @status, ended_at = @endedAt, end_reason = @reason, log = @log
      WHERE id = @id AND status = 'running'`,
  },
  start: (session: NewSession, startedAt: number) => ({ ...session, startedAt }),
  end: (id: string, end: SessionEnd, endedAt: number) => ({
    id,
    status: end.status,
    reason: end.reason,
    endedAt,
    log: JSON.stringify(end.log),
  }),
};

interface SessionRow {
  id: string;
  scenario: string;
  scenario_version: number;
  custom_data: string;
  status: SessionStatus;
  started_at: number;
  ended_at: number | null;
  end_reason: string | null;
  log: string;
}

export class SessionRepository {
  private readonly statements: {
    insert: Statement;
    get: Statement;
    list: Statement;
    end: Statement;
    interruptRunning: Statement;
  };

  constructor(
    db: Database,
    private readonly now: () => number,
  ) {
    this.statements = {
      insert: db.prepare(sessionWrites.statements.sessionStart),
      get: db.prepare('SELECT * FROM sessions WHERE id = ?'),
      list: db.prepare(`SELECT * FROM sessions
        WHERE (@status IS NULL OR status = @status) AND (@scenario IS NULL OR scenario = @scenario)
        ORDER BY started_at DESC, id DESC LIMIT @limit OFFSET @offset`),
      end: db.prepare(sessionWrites.statements.sessionEnd),
      interruptRunning: db.prepare(`UPDATE sessions SET status = 'interrupted', ended_at = @now,
        end_reason = 'engine restarted' WHERE status = 'running'`),
    };
  }

  start(session: NewSession): SessionRecord {
    this.statements.insert.run(sessionWrites.start(session, this.now()));
    return this.get(session.id);
  }

  get(id: string): SessionRecord {
    const row = this.statements.get.get(id) as SessionRow | undefined;
    if (!row) throw notFound('session', id);
    return toSession(row);
  }

  find(id: string): SessionRecord | undefined {
    const row = this.statements.get.get(id) as SessionRow | undefined;
    return row && toSession(row);
  }

  list(query: SessionQuery): SessionRecord[] {
    const rows = this.statements.list.all({
      status: query.status ?? null,
      scenario: query.scenario ?? null,
      limit: query.limit,
      offset: query.offset,
    }) as SessionRow[];
    return rows.map(toSession);
  }

  /** Closes a running session; a second call for the same session changes nothing. */
  end(id: string, end: SessionEnd): void {
    this.statements.end.run(sessionWrites.end(id, end, this.now()));
  }

  /** Closes every session left running by a previous process. Returns how many. */
  interruptRunning(): number {
    return this.statements.interruptRunning.run({ now: this.now() }).changes;
  }
}

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    scenario: row.scenario,
    scenarioVersion: row.scenario_version,
    customData: row.custom_data,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
    log: JSON.parse(row.log) as string[],
  };
}
