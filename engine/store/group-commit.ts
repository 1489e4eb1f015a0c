/**
 * Store writes deferred for a short window and committed together in one transaction (group commit): one fsync of the
 * write-ahead log for everything written in the window (session rows and call records alike), instead of one each,
 * and none on the path of a call being answered.
 *
 * The trade against writing at once: a row is durable `windowMs` after the write that opened the window (default
 * 10 ms), not when `defer` returns, so a crash inside that window can lose it. A commit costs about 115 us of CPU and
 * blocks the event loop for its fsync (about 300 us here); per event-loop turn, at a few hundred calls per second,
 * that was a tenth of a core. With the window it is at most 100 commits a second whatever the load
 * (bench/RESULTS.md, "Store and API" and "Serve").
 */
import { StoreError } from './store-errors.js';

export interface DeferredWrite {
  run(): void;
  /** The write failed even alone (e.g. a duplicate id); the others of its group are kept. */
  failed?(error: unknown): void;
}

export const defaultCommitWindowMs = 10;

export class GroupCommit {
  private pending: DeferredWrite[] = [];
  private scheduled: NodeJS.Timeout | undefined;
  private closed = false;

  /**
   * @param inTransaction runs its argument in one store transaction, or throws having rolled all of it back.
   * @param windowMs how long the first write of a group waits for others; 0 commits at the end of the current turn.
   */
  constructor(
    private readonly inTransaction: (writes: () => void) => void,
    readonly windowMs = defaultCommitWindowMs,
  ) {}

  /** Writes waiting for their commit. */
  get pendingCount(): number {
    return this.pending.length;
  }

  defer(write: DeferredWrite): void {
    if (this.closed) throw new StoreError('closed', 'the store writer is closed');
    this.pending.push(write);
    this.scheduled ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Commits what is pending now, synchronously. */
  flush(): void {
    if (this.scheduled) clearTimeout(this.scheduled);
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
