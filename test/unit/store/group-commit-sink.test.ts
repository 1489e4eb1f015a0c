import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../engine/call/call-record.js';
import { GroupCommitCallRecordSink } from '../../../engine/store/group-commit-sink.js';
import { endedCall } from './call-record-fixtures.js';
import { tempStore } from './temp-store.js';

const nextTurn = () => new Promise<void>((done) => setImmediate(done));

describe('GroupCommitCallRecordSink', () => {
  let temp: ReturnType<typeof tempStore>;
  afterEach(() => temp.dispose());

  it('commits every record written in one turn in a single transaction at the end of the turn', async () => {
    temp = tempStore();
    const groups: number[] = [];
    const repository = temp.store.callRecords;
    const sink = new GroupCommitCallRecordSink({
      write: (record) => repository.write(record),
      writeMany: (records) => {
        groups.push(records.length);
        repository.writeMany(records);
      },
    });
    const records = [endedCall(), endedCall(), endedCall()];
    for (const record of records) sink.write(record);
    expect(sink.pendingCount).toBe(3);
    expect(() => repository.get(records[0]!.id)).toThrow();
    await nextTurn();
    expect(groups).toEqual([3]);
    for (const record of records) expect(repository.get(record.id)).toEqual(record);
    sink.write(endedCall());
    await nextTurn();
    expect(groups).toEqual([3, 1]);
    sink.close();
  });

  it('keeps the good records of a group that holds a bad one, reporting the bad one', async () => {
    temp = tempStore();
    const stored = endedCall();
    temp.store.callRecords.write(stored);
    const failed: CallRecord[] = [];
    const sink = new GroupCommitCallRecordSink(temp.store.callRecords, { onError: (_error, record) => failed.push(record) });
    const good = [endedCall(), endedCall()];
    sink.write(good[0]!);
    sink.write(stored);
    sink.write(good[1]!);
    await nextTurn();
    expect(failed).toEqual([stored]);
    for (const record of good) expect(temp.store.callRecords.get(record.id)).toEqual(record);
    sink.close();
  });

  it('flushes on close, then refuses writes; close is idempotent', () => {
    temp = tempStore();
    const sink = new GroupCommitCallRecordSink(temp.store.callRecords);
    const record = endedCall();
    sink.write(record);
    sink.close();
    sink.close();
    expect(temp.store.callRecords.get(record.id)).toEqual(record);
    expect(() => sink.write(endedCall())).toThrow(expect.objectContaining({ code: 'closed' }));
  });
});
