/**
 * Store writes deferred to the end of the event-loop turn and committed together in one transaction (group commit):
 * one fsync of the write-ahead log for everything written in that turn (session rows and call records alike),
 * instead of one each, and none on the path of a call being answered.
 *
 * The trade against writing at once: a row is durable at the end of the turn that wrote it (the commit runs in the
 * next check phase), not when `defer` returns, so a crash inside that turn can lose it. Under load this multiplies
 * the sustained rate (bench/RESULTS.md, "Store and API"); with one write per turn it costs what a single write costs.
 */
import { StoreError } from './store-errors.js';

export interface DeferredWrite {
  run(): void;
  /** The write failed even alone (e.g. a duplicate id); the others of its group are kept. */
  failed?(error: unknown): void;
}

export class GroupCommit {
  private pending: DeferredWrite[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private closed = false;

  /** @param inTransaction runs its argument in one store transaction, or throws having rolled all of it back. */
  constructor(private readonly inTransaction: (writes: () => void) => void) {}

  /** Writes waiting for the end of the turn. */
  get pendingCount(): number {
    return this.pending.length;
  }

  defer(write: DeferredWrite): void {
    if (this.closed) throw new StoreError('closed', 'the store writer is closed');
    this.pending.push(write);
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
      this.inTransaction(() => {
        for (const write of group) write.run();
      });
    } catch {
      // The group rolled back whole; commit one by one so a single bad write loses only itself.
      for (const write of group) {
        try {
          this.inTransaction(() => write.run());
        } catch (error) {
          write.failed?.(error);
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
