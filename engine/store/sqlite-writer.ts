/**
 * The engine's per-call store writes (session rows, call records), committed on a thread of their own with their own
 * SQLite connection, in groups (group commit): the writes of a `windowMs` window go in one transaction.
 *
 * Why a thread: a commit waits for the disk (the write-ahead log's writes and, with `synchronous = FULL`, its sync),
 * and so do SQLite's checkpoints. On the engine's thread that wait held up every call's signalling and media: at
 * 250-300 calls/s the engine process spent 5-33% of its time blocked on disk I/O (bench/RESULTS.md, "Serve",
 * session 6), and the same runs with the store on tmpfs spent none. The thread's commits are the same transactions
 * with the same durability; only the waiting moved.
 *
 * A write is durable `windowMs` plus its commit after `defer` (as with the group commit on the engine's thread
 * before), and readers on the main connection see it from then on; its `settled` callback says when, or, for a
 * write that failed even alone (e.g. a duplicate id, which loses only itself), why.
 */
import { Worker } from 'node:worker_threads';
import { StoreError } from './store-errors.js';

export interface SqliteWriterOptions {
  /** The database file, already created and migrated by the main connection. */
  file: string;
  sync: 'full' | 'normal';
  /** Every statement the writer may run, by name. */
  statements: Record<string, string>;
  /** How long the first write of a group waits for others (default 10 ms). */
  windowMs?: number;
}

/** Told once: without an error when the write is committed, with one when it is lost. */
export type WriteSettled = (error?: Error) => void;

interface PendingWrite {
  statement: string;
  params: Record<string, unknown>;
  settled?: WriteSettled;
}

type ThreadReply = { ready: true } | { id: number; failed: [number, string][] };

export class SqliteWriter {
  readonly #thread: Worker;
  readonly #windowMs: number;
  readonly #exited: Promise<void>;
  #pending: PendingWrite[] = [];
  #inFlight = new Map<number, PendingWrite[]>();
  #scheduled: NodeJS.Timeout | undefined;
  #nextId = 1;
  #closed = false;
  #broken: Error | undefined;

  private constructor(options: SqliteWriterOptions) {
    this.#windowMs = options.windowMs ?? 10;
    this.#thread = new Worker(new URL('./sqlite-writer-thread.js', import.meta.url), {
      workerData: {
        file: options.file,
        synchronous: options.sync === 'normal' ? 'NORMAL' : 'FULL',
        statements: options.statements,
      },
    });
    this.#exited = new Promise((resolve) => this.#thread.once('exit', () => resolve()));
    this.#thread.on('error', (error) => this.#fail(error));
    this.#thread.on('message', (reply: ThreadReply) => {
      if ('id' in reply) this.#settle(reply.id, reply.failed);
    });
  }

  /** Starts the thread and resolves once its connection has prepared every statement. */
  static async start(options: SqliteWriterOptions): Promise<SqliteWriter> {
    const writer = new SqliteWriter(options);
    await new Promise<void>((resolve, reject) => {
      writer.#thread.once('message', () => resolve());
      writer.#thread.once('error', reject);
    });
    return writer;
  }

  /** Writes waiting for their window, and written but not yet committed. */
  get pendingCount(): number {
    let inFlight = 0;
    for (const group of this.#inFlight.values()) inFlight += group.length;
    return this.#pending.length + inFlight;
  }

  defer(statement: string, params: Record<string, unknown>, settled?: WriteSettled): void {
    if (this.#closed) throw new StoreError('closed', 'the store writer is closed');
    if (this.#broken) {
      settled?.(this.#broken);
      return;
    }
    this.#pending.push({ statement, params, settled });
    this.#scheduled ??= setTimeout(() => this.flush(), this.#windowMs);
  }

  /** Sends what is pending to the thread now. */
  flush(): void {
    if (this.#scheduled) clearTimeout(this.#scheduled);
    this.#scheduled = undefined;
    const group = this.#pending;
    this.#pending = [];
    if (group.length === 0 || this.#broken) return;
    const id = this.#nextId++;
    this.#inFlight.set(id, group);
    this.#thread.postMessage({ id, writes: group.map((write) => [write.statement, write.params]) });
  }

  /** Commits what is pending, then closes the thread's connection. Idempotent. */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.flush();
      this.#closed = true;
      this.#thread.postMessage({ close: true });
    }
    await this.#exited;
  }

  #settle(id: number, failed: [number, string][]): void {
    const group = this.#inFlight.get(id) ?? [];
    this.#inFlight.delete(id);
    const reasons = new Map(failed);
    group.forEach((write, index) => {
      const reason = reasons.get(index);
      write.settled?.(reason === undefined ? undefined : new Error(reason));
    });
  }

  /** The thread died: what it held is lost, and so is everything written from now on; each write's owner is told. */
  #fail(error: Error): void {
    this.#broken = error;
    const lost = [...[...this.#inFlight.values()].flat(), ...this.#pending];
    this.#inFlight.clear();
    this.#pending = [];
    for (const write of lost) write.settled?.(error);
  }
}
