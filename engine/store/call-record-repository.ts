/**
 * Call records, one per call leg, written once when the call ends. `write` commits its own transaction and, with
 * the store's `synchronous = FULL`, returns only after SQLite has synced the write-ahead log: once it returns, a crash
 * of the process (or of the machine) cannot lose the record.
 *
 * Listing is newest first with a keyset cursor over (createdAt, id), so pages stay stable while new calls arrive.
 * Each combination of filters gets its own statement, so that SQLite picks the index that fits it (session, number,
 * time) instead of one plan for every case.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { CallRecordSink } from '../session/session-types.js';
import { StoreError, notFound } from './store-errors.js';
import type { CallRecord, CallRecordQuery, Page } from './store-types.js';

interface CallRecordRow {
  id: string;
  session_id: string;
  direction: CallRecord['direction'];
  status: CallRecord['status'];
  hold_state: CallRecord['holdState'];
  remote_party: string;
  local_party: string;
  hangup_by: CallRecord['hangupBy'];
  hangup_reason: CallRecord['hangupReason'];
  sip_code: number | null;
  created_at: number;
  ringing_at: number | null;
  answered_at: number | null;
  hangup_at: number | null;
  duration_seconds: number;
  recording_ids: string;
}

/** The call-record write as a statement and its parameters, for a writer with its own connection (`SqliteWriter`). */
export const callRecordWrites = {
  statements: {
    callRecordInsert: `INSERT INTO call_records (id, session_id, direction, status, hold_state, remote_party,
      local_party, hangup_by, hangup_reason, sip_code, created_at, ringing_at, answered_at, hangup_at,
      duration_seconds, recording_ids, remote_number, local_number)
      VALUES (@id, @sessionId, @direction, @status, @holdState, @remoteParty, @localParty, @hangupBy,
      @hangupReason, @sipCode, @createdAt, @ringingAt, @answeredAt, @hangupAt, @durationSeconds, @recordingIds,
      @remoteNumber, @localNumber)`,
  },
  insert: (record: CallRecord) => ({
    ...record,
    recordingIds: JSON.stringify(record.recordingIds),
    remoteNumber: partyNumber(record.remoteParty),
    localNumber: partyNumber(record.localParty),
  }),
};

export class CallRecordRepository implements CallRecordSink {
  private readonly statements: { insert: Statement; get: Statement; bySession: Statement };
  private readonly queries = new Map<string, Statement>();
  private readonly insertAll: (records: readonly CallRecord[]) => void;

  constructor(private readonly db: Database) {
    this.statements = {
      insert: db.prepare(callRecordWrites.statements.callRecordInsert),
      get: db.prepare('SELECT * FROM call_records WHERE id = ?'),
      bySession: db.prepare('SELECT * FROM call_records WHERE session_id = ? ORDER BY created_at, id'),
    };
    this.insertAll = db.transaction((records: readonly CallRecord[]) => {
      for (const record of records) this.insertOne(record);
    });
  }

  /** Commits one ended call's record durably before returning. */
  write(record: CallRecord): void {
    this.insertAll([record]);
  }

  /** Commits several records in one transaction: one sync of the log for all of them. */
  writeMany(records: readonly CallRecord[]): void {
    if (records.length > 0) this.insertAll(records);
  }

  get(id: string): CallRecord {
    const row = this.statements.get.get(id) as CallRecordRow | undefined;
    if (!row) throw notFound('call record', id);
    return toRecord(row);
  }

  forSession(sessionId: string): CallRecord[] {
    return (this.statements.bySession.all(sessionId) as CallRecordRow[]).map(toRecord);
  }

  query(query: CallRecordQuery): Page<CallRecord> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const parameters: Record<string, string | number> = { limit: query.limit + 1 };
    const where: string[] = [];
    if (query.from !== undefined) where.push('created_at >= @from'), (parameters['from'] = query.from);
    if (query.to !== undefined) where.push('created_at < @to'), (parameters['to'] = query.to);
    if (query.number !== undefined) {
      where.push('(remote_number = @number OR local_number = @number)');
      parameters['number'] = partyNumber(query.number);
    }
    if (query.status !== undefined) where.push('status = @status'), (parameters['status'] = query.status);
    if (query.sessionId !== undefined) where.push('session_id = @sessionId'), (parameters['sessionId'] = query.sessionId);
    if (query.direction !== undefined) where.push('direction = @direction'), (parameters['direction'] = query.direction);
    if (after) {
      where.push('(created_at < @afterCreated OR (created_at = @afterCreated AND id < @afterId))');
      parameters['afterCreated'] = after.createdAt;
      parameters['afterId'] = after.id;
    }
    const rows = this.statementFor(where).all(parameters) as CallRecordRow[];
    const items = rows.slice(0, query.limit).map(toRecord);
    const last = items.at(-1);
    const nextCursor = rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null;
    return { items, nextCursor };
  }

  private statementFor(where: string[]): Statement {
    const key = where.join(' AND ');
    let statement = this.queries.get(key);
    if (!statement) {
      const sql = `SELECT * FROM call_records ${key ? `WHERE ${key}` : ''} ORDER BY created_at DESC, id DESC LIMIT @limit`;
      statement = this.db.prepare(sql);
      this.queries.set(key, statement);
    }
    return statement;
  }

  private insertOne(record: CallRecord): void {
    try {
      this.statements.insert.run(callRecordWrites.insert(record));
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new StoreError('already_exists', `call record '${record.id}' is already stored`, { id: record.id });
      }
      throw error;
    }
  }
}

/**
 * The number a party is searched by: the user part of a `sip:`, `sips:` or `tel:` URI (RFC 3261 section 19.1.1,
 * RFC 3966), without its parameters; anything else as given. Migration 2 holds the same rule in SQL.
 */
export function partyNumber(party: string): string {
  const afterScheme = party.replace(/^(sips?|tel):/i, '');
  const user = afterScheme.includes('@') ? afterScheme.slice(0, afterScheme.indexOf('@')) : afterScheme;
  return user.includes(';') ? user.slice(0, user.indexOf(';')) : user;
}

function encodeCursor(createdAt: number, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the typed error below.
  }
  throw new StoreError('invalid_cursor', 'the cursor is not one this API returned', { cursor });
}

function toRecord(row: CallRecordRow): CallRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    direction: row.direction,
    status: row.status,
    holdState: row.hold_state,
    remoteParty: row.remote_party,
    localParty: row.local_party,
    hangupBy: row.hangup_by,
    hangupReason: row.hangup_reason,
    sipCode: row.sip_code,
    createdAt: row.created_at,
    ringingAt: row.ringing_at,
    answeredAt: row.answered_at,
    hangupAt: row.hangup_at,
    durationSeconds: row.duration_seconds,
    recordingIds: JSON.parse(row.recording_ids) as string[],
  };
}
