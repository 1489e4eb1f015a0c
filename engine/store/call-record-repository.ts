/**
 * Call records, one per call leg, written once when the call ends. `write` commits its own transaction and, with
 * the store's `synchronous = FULL`, returns only after SQLite has synced the write-ahead log: once it returns, a crash
 * of the process (or of the machine) cannot lose the record.
 *
 * Listing is newest first with a keyset cursor over (createdAt, id), so pages stay stable while new calls arrive.
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

export class CallRecordRepository implements CallRecordSink {
  private readonly statements: { insert: Statement; get: Statement; query: Statement; bySession: Statement };
  private readonly insertAll: (records: readonly CallRecord[]) => void;

  constructor(db: Database) {
    this.statements = {
      insert: db.prepare(`INSERT INTO call_records (id, session_id, direction, status, hold_state, remote_party,
        local_party, hangup_by, hangup_reason, sip_code, created_at, ringing_at, answered_at, hangup_at,
        duration_seconds, recording_ids)
        VALUES (@id, @sessionId, @direction, @status, @holdState, @remoteParty, @localParty, @hangupBy,
        @hangupReason, @sipCode, @createdAt, @ringingAt, @answeredAt, @hangupAt, @durationSeconds, @recordingIds)`),
      get: db.prepare('SELECT * FROM call_records WHERE id = ?'),
      query: db.prepare(`SELECT * FROM call_records
        WHERE (@from IS NULL OR created_at >= @from)
          AND (@to IS NULL OR created_at < @to)
          AND (@number IS NULL OR instr(remote_party, @number) > 0 OR instr(local_party, @number) > 0)
          AND (@status IS NULL OR status = @status)
          AND (@sessionId IS NULL OR session_id = @sessionId)
          AND (@direction IS NULL OR direction = @direction)
          AND (@afterCreated IS NULL OR created_at < @afterCreated
               OR (created_at = @afterCreated AND id < @afterId))
        ORDER BY created_at DESC, id DESC
        LIMIT @limit`),
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
    const rows = this.statements.query.all({
      from: query.from ?? null,
      to: query.to ?? null,
      number: query.number ?? null,
      status: query.status ?? null,
      sessionId: query.sessionId ?? null,
      direction: query.direction ?? null,
      afterCreated: after?.createdAt ?? null,
      afterId: after?.id ?? null,
      limit: query.limit + 1,
    }) as CallRecordRow[];
    const items = rows.slice(0, query.limit).map(toRecord);
    const last = items.at(-1);
    const nextCursor = rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null;
    return { items, nextCursor };
  }

  private insertOne(record: CallRecord): void {
    try {
      this.statements.insert.run({ ...record, recordingIds: JSON.stringify(record.recordingIds) });
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new StoreError('already_exists', `call record '${record.id}' is already stored`, { id: record.id });
      }
      throw error;
    }
  }
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
