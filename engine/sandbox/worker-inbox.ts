/**
 * The order in which a sandbox worker handles what the supervisor sends: messages for running sessions first, new
 * session starts after them.
 *
 * Why: a session holds its isolate until its last event, and each of its events makes a round trip through this
 * worker. When the worker falls behind, a start handled in arrival order delays the events of every running session
 * behind it, so sessions last longer, fewer isolates come back to the pool, and the next starts must create new
 * isolates, which cost about three renewals each: a backlog feeds itself. In the serve bench such a loop, set off by
 * isolates that aged in step (see `IsolatePool`), took a worker from renewing about 130 isolates a second to creating
 * 100-250 a second, and answers took seconds (bench/RESULTS.md, "Serve", session 6). Handled first, the running
 * sessions' events keep their isolates coming back; the starts wait for the loop's check phase, which follows at once
 * when nothing else is pending.
 *
 * A start's own events (the supervisor sends the first ones in the same batch) wait with it, in order. A session
 * disposed before its start was handled (a call cancelled meanwhile) is never started.
 */
export interface InboxMessage {
  t: string;
  wireId?: number;
}

export class WorkerInbox<M extends InboxMessage> {
  /** Starts not yet handled, each with the later messages addressed to its session, in arrival order. */
  #starts = new Map<number, M[]>();
  #scheduled = false;

  /**
   * @param handle handles one message at once.
   * @param afterStarts runs after each group of starts (the worker flushes its outbox there, so answers leave at once).
   */
  constructor(
    private readonly handle: (message: M) => void,
    private readonly afterStarts: () => void = () => undefined,
  ) {}

  /** Starts waiting for the check phase. */
  get pendingStarts(): number {
    return this.#starts.size;
  }

  receive(message: M): void {
    const wireId = message.wireId;
    if (message.t === 'start' && wireId !== undefined) {
      this.#starts.set(wireId, [message]);
      this.#schedule();
      return;
    }
    const waiting = wireId === undefined ? undefined : this.#starts.get(wireId);
    if (!waiting) this.handle(message);
    else if (message.t === 'dispose') this.#starts.delete(wireId!);
    else waiting.push(message);
  }

  /** Handles the starts that arrived before this call, each with its queued messages. */
  drainStarts(): void {
    this.#scheduled = false;
    const starts = this.#starts;
    if (starts.size === 0) return;
    this.#starts = new Map();
    for (const messages of starts.values()) for (const message of messages) this.handle(message);
    this.afterStarts();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.drainStarts());
  }
}
