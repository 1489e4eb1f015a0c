import { afterEach, describe, expect, it } from 'vitest';
import { callRecordWrites } from '../../../engine/store/call-record-repository.js';
import { sessionWrites } from '../../../engine/store/session-repository.js';
import { SqliteWriter } from '../../../engine/store/sqlite-writer.js';
import { endedCall } from './call-record-fixtures.js';
import { tempStore } from './temp-store.js';

const statements = { ...sessionWrites.statements, ...callRecordWrites.statements };
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(5);
  }
}

describe('SqliteWriter', () => {
  let temp: ReturnType<typeof tempStore>;
  let writer: SqliteWriter | undefined;
  afterEach(async () => {
    await writer?.close();
    temp.dispose();
  });

  it('commits on its own thread the records and session rows of a window; the main connection then reads them', async () => {
    temp = tempStore();
    writer = await SqliteWriter.start({ file: temp.store.file, sync: 'full', statements, windowMs: 20 });
    const records = [endedCall(), endedCall(), endedCall()];
    for (const record of records) writer.defer('callRecordInsert', callRecordWrites.insert(record));
    const session = { id: 'session-1', scenario: 'demo', scenarioVersion: 0, customData: '' };
    writer.defer('sessionStart', sessionWrites.start(session, 1_000));
    expect(writer.pendingCount).toBe(4);
    expect(() => temp.store.callRecords.get(records[0]!.id)).toThrow();
    await until(() => writer!.pendingCount === 0);
    for (const record of records) expect(temp.store.callRecords.get(record.id)).toEqual(record);
    expect(temp.store.sessions.find('session-1')).toMatchObject({ status: 'running', startedAt: 1_000 });
    const end = { status: 'ended' as const, reason: 'terminated', log: ['done'] };
    writer.defer('sessionEnd', sessionWrites.end('session-1', end, 2_000));
    await until(() => writer!.pendingCount === 0);
    expect(temp.store.sessions.find('session-1')).toMatchObject({ status: 'ended', endedAt: 2_000, log: ['done'] });
  });

  it("keeps the good writes of a group that holds a bad one, reporting the bad one with SQLite's reason", async () => {
    temp = tempStore();
    const stored = endedCall();
    temp.store.callRecords.write(stored);
    writer = await SqliteWriter.start({ file: temp.store.file, sync: 'full', statements });
    const failures: string[] = [];
    const good = [endedCall(), endedCall()];
    writer.defer('callRecordInsert', callRecordWrites.insert(good[0]!));
    const committed: string[] = [];
    writer.defer('callRecordInsert', callRecordWrites.insert(stored), (error) => failures.push(error!.message));
    writer.defer('callRecordInsert', callRecordWrites.insert(good[1]!), (error) =>
      committed.push(error ? 'lost' : 'committed'),
    );
    await until(() => writer!.pendingCount === 0);
    expect(committed).toEqual(['committed']);
    expect(failures).toEqual([expect.stringContaining('UNIQUE constraint failed')]);
    for (const record of good) expect(temp.store.callRecords.get(record.id)).toEqual(record);
  });

  it('commits what is pending on close, then refuses writes; close is idempotent', async () => {
    temp = tempStore();
    writer = await SqliteWriter.start({ file: temp.store.file, sync: 'normal', statements, windowMs: 60_000 });
    const record = endedCall();
    writer.defer('callRecordInsert', callRecordWrites.insert(record));
    await writer.close();
    await writer.close();
    expect(temp.store.callRecords.get(record.id)).toEqual(record);
    expect(() => writer!.defer('callRecordInsert', callRecordWrites.insert(endedCall()))).toThrow(
      expect.objectContaining({ code: 'closed' }),
    );
  });
});
