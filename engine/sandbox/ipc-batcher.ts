/**
 * Coalesces the IPC messages produced in one event-loop turn into a single `send`: a session start is several
 * messages each way (start, events, commands, started), and one IPC write per message costs more CPU than the
 * messages themselves. Order is kept; the batch goes out when the current turn's synchronous work is done.
 */
export class IpcBatcher<M> {
  #pending: M[] = [];

  constructor(private readonly sendBatch: (batch: M[]) => void) {}

  push(message: M): void {
    if (this.#pending.length === 0) queueMicrotask(() => this.flush());
    this.#pending.push(message);
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    this.sendBatch(batch);
  }
}
