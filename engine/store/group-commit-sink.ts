/**
 * A call-record sink that commits every record written during one turn of the event loop in a single transaction
 * (group commit): one fsync of the write-ahead log for all the calls that ended in that turn, instead of one each.
 *
 * The trade against the repository's own `write`: a record is durable at the end of the turn in which its call
 * ended (the commit runs in the next check phase), not when `write` returns, so a crash inside that turn can lose
 * it. Under load, when many calls end per turn, this multiplies the sustained rate (bench/RESULTS.md, "Store and
 * API"); with one call per turn it costs what `write` costs.
 */
import type { CallRecord } from '../call/call-record.js';
import type { CallRecordSink } from '../session/session-types.js';
import type { CallRecordRepository } from './call-record-repository.js';
import { StoreError } from './store-errors.js';

export interface GroupCommitOptions {
  /** A record that could not be stored even alone (e.g. a duplicate id); the others of its group are kept. */
  onError?: (error: unknown, record: CallRecord) => void;
}

export class GroupCommitCallRecordSink implements CallRecordSink {
  private pending: CallRecord[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(
    private readonly target: Pick<CallRecordRepository, 'write' | 'writeMany'>,
    private readonly options: GroupCommitOptions = {},
  ) {}

  /** Records waiting for the end of the turn. */
  get pendingCount(): number {
    return this.pending.length;
  }

  write(record: CallRecord): void {
    if (this.closed) throw new StoreError('closed', 'the call-record sink is closed');
    this.pending.push(record);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Commits what is pending now, synchronously. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    try {
      this.target.writeMany(group);
    } catch {
      // The group's transaction rolled back whole; commit one by one so a single bad record loses only itself.
      for (const record of group) {
        try {
          this.target.write(record);
        } catch (error) {
          this.options.onError?.(error, record);
        }
      }
    }
  }

  /** Commits what is pending and refuses further writes. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }
}
