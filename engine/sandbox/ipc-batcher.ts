/**
 * Coalesces IPC messages into one `send` per event-loop iteration: a session start is several messages each way
 * (start, `Started`, `CallAlerting`, commands), and one IPC write per message costs more CPU than the messages
 * themselves. The batch goes out in the loop's check phase, so it also takes in what promise continuations started
 * by this iteration's callbacks pushed (a session's start and its first events travel together). Order is kept.
 */
export class IpcBatcher<M> {
  #pending: M[] = [];

  constructor(private readonly sendBatch: (batch: M[]) => void) {}

  push(message: M): void {
    if (this.#pending.length === 0) setImmediate(() => this.flush());
    this.#pending.push(message);
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    this.sendBatch(batch);
  }
}
