import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../engine/call/call-record.js';
import { GroupCommit } from '../../../engine/store/group-commit.js';
import { GroupCommitCallRecordSink } from '../../../engine/store/group-commit-sink.js';
import { endedCall } from './call-record-fixtures.js';
import { tempStore } from './temp-store.js';

const nextTurn = () => new Promise<void>((done) => setImmediate(done));
const afterWindow = (commit: GroupCommit) => new Promise<void>((done) => setTimeout(done, commit.windowMs + 5));

describe('GroupCommit', () => {
  let temp: ReturnType<typeof tempStore>;
  afterEach(() => temp.dispose());

  /** A group commit over the temp store that counts its transactions. */
  function counted(): { commit: GroupCommit; transactions: number[] } {
    const transactions: number[] = [];
    const commit = new GroupCommit((writes) => {
      transactions.push(commit.pendingCount);
      temp.store.transaction(writes);
    });
    return { commit, transactions };
  }

  it('commits every record and session row written within the window in a single transaction when it closes', async () => {
    temp = tempStore();
    const { commit, transactions } = counted();
    const sink = new GroupCommitCallRecordSink(commit, temp.store.callRecords);
    const records = [endedCall(), endedCall(), endedCall()];
    for (const record of records) sink.write(record);
    commit.defer({ run: () => temp.store.sessions.start({ id: 'session-1', scenario: 'demo', scenarioVersion: 0, customData: '' }) });
    expect(commit.pendingCount).toBe(4);
    expect(() => temp.store.callRecords.get(records[0]!.id)).toThrow();
    expect(temp.store.sessions.find('session-1')).toBeUndefined();
    await nextTurn();
    sink.write(endedCall());
    expect(transactions).toHaveLength(0);
    await afterWindow(commit);
    expect(transactions).toHaveLength(1);
    for (const record of records) expect(temp.store.callRecords.get(record.id)).toEqual(record);
    expect(temp.store.sessions.find('session-1')).toMatchObject({ status: 'running', scenario: 'demo' });
    sink.write(endedCall());
    await afterWindow(commit);
    expect(transactions).toHaveLength(2);
    commit.close();
  });

  it('with a zero window, commits at the end of the turn', async () => {
    temp = tempStore();
    const transactions: number[] = [];
    const commit = new GroupCommit((writes) => {
      transactions.push(commit.pendingCount);
      temp.store.transaction(writes);
    }, 0);
    const sink = new GroupCommitCallRecordSink(commit, temp.store.callRecords);
    sink.write(endedCall());
    sink.write(endedCall());
    await new Promise<void>((done) => setTimeout(done, 1));
    await nextTurn();
    expect(transactions).toHaveLength(1);
    commit.close();
  });

  it('keeps the good writes of a group that holds a bad one, reporting the bad one', async () => {
    temp = tempStore();
    const stored = endedCall();
    temp.store.callRecords.write(stored);
    const failed: CallRecord[] = [];
    const commit = new GroupCommit((writes) => temp.store.transaction(writes));
    const sink = new GroupCommitCallRecordSink(commit, temp.store.callRecords, { onError: (_error, record) => failed.push(record) });
    const good = [endedCall(), endedCall()];
    sink.write(good[0]!);
    sink.write(stored);
    sink.write(good[1]!);
    await afterWindow(commit);
    expect(failed).toEqual([stored]);
    for (const record of good) expect(temp.store.callRecords.get(record.id)).toEqual(record);
    commit.close();
  });

  it('flushes on close, then refuses writes; close is idempotent', () => {
    temp = tempStore();
    const commit = new GroupCommit((writes) => temp.store.transaction(writes));
    const sink = new GroupCommitCallRecordSink(commit, temp.store.callRecords);
    const record = endedCall();
    sink.write(record);
    commit.close();
    commit.close();
    expect(temp.store.callRecords.get(record.id)).toEqual(record);
    expect(() => sink.write(endedCall())).toThrow(expect.objectContaining({ code: 'closed' }));
  });
});
