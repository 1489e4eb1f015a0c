import type { IsolateFactory } from './isolate-factory.js';
import type { SandboxIsolate } from './sandbox-isolate.js';

/**
 * A few isolates made ahead of time, so that a session start does not wait for one. Refilled one isolate per
 * event-loop turn, so a refill never holds up delivering events to running sessions. Only isolates of the default
 * memory limit are pooled: a session that asks for another limit gets a fresh isolate.
 */
export class IsolatePool {
  readonly #idle: SandboxIsolate[] = [];
  #refill: NodeJS.Immediate | undefined;
  #closed = false;

  constructor(
    readonly factory: IsolateFactory,
    readonly size: number,
    readonly memoryMb: number,
  ) {
    this.#scheduleRefill();
  }

  get idleCount(): number {
    return this.#idle.length;
  }

  take(memoryMb: number): SandboxIsolate {
    const pooled = memoryMb === this.memoryMb ? this.#idle.pop() : undefined;
    this.#scheduleRefill();
    return pooled ?? this.factory.create(memoryMb);
  }

  /** Disposes the idle isolates and stops refilling. Idempotent. */
  close(): void {
    this.#closed = true;
    if (this.#refill) clearImmediate(this.#refill);
    this.#refill = undefined;
    for (const isolate of this.#idle.splice(0)) isolate.dispose();
  }

  #scheduleRefill(): void {
    if (this.#closed || this.#refill || this.#idle.length >= this.size) return;
    this.#refill = setImmediate(() => {
      this.#refill = undefined;
      if (this.#closed) return;
      try {
        this.#idle.push(this.factory.create(this.memoryMb));
      } catch {
        // Out of resources: stop warming; `take` creates isolates on demand and reports the error to its caller.
        return;
      }
      this.#scheduleRefill();
    });
    this.#refill.unref();
  }
}
