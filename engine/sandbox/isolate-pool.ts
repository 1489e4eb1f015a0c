import type { IsolateFactory } from './isolate-factory.js';
import type { SandboxIsolate } from './sandbox-isolate.js';

/**
 * The most sessions one isolate serves, one after another, before it is disposed and replaced by a new one. V8 does
 * not collect the old contexts of a renewed isolate (its heap grows about 230 kB a session with the serve bench's
 * scenario, and nothing triggers a full collection), so each renewal maps fresh pages, and past about 16 sessions
 * the isolate's first scavenges cost 2-3 ms each, three renewals' worth (bench/RESULTS.md, "Serve", session 6).
 */
export const defaultSessionsPerIsolate = 16;

/**
 * Isolates kept for reuse (about 1.2 MB each when new, 2-4 MB under load, with old contexts not yet collected).
 * Sessions start and end in bursts (one IPC batch can carry dozens), so the pool keeps what comes back up to this
 * bound, and every `trimIntervalMs` disposes half of the ones that no start needed in the interval (down to `size`).
 * A new isolate costs three times a renewed one, and at 300 calls/s a worker
 * holds about 170 sessions: with room for only 128, and all unneeded ones disposed at once, a fifth of the sessions
 * at 250 calls/s made a new isolate (bench/RESULTS.md, "Serve").
 */
export const maxIdleIsolates = 256;
const defaultTrimIntervalMs = 10_000;

/**
 * A few isolates made ahead of time, so that a session start does not wait for one. Isolates whose session ended
 * cleanly come back through `recycle` and get a new context (`SandboxIsolate.renew`) rather than being torn down,
 * up to `sessionsPerIsolate` sessions each. Refills run one isolate per event-loop turn, so they never hold up
 * delivering events to running sessions. Only isolates of the default memory limit are pooled: a session that asks
 * for another limit gets a fresh isolate, disposed when it ends.
 */
export class IsolatePool {
  readonly #idle: SandboxIsolate[] = [];
  readonly #returned: SandboxIsolate[] = [];
  #refill: NodeJS.Immediate | undefined;
  #closed = false;
  /** The fewest idle isolates seen since the last trim: that many were not needed. */
  #lowWater = 0;
  readonly #trim: NodeJS.Timeout;
  readonly #lifetimes = new WeakMap<SandboxIsolate, number>();

  constructor(
    readonly factory: IsolateFactory,
    readonly size: number,
    readonly memoryMb: number,
    readonly sessionsPerIsolate = defaultSessionsPerIsolate,
    trimIntervalMs = defaultTrimIntervalMs,
    private readonly random: () => number = Math.random,
  ) {
    this.#trim = setInterval(() => this.#trimUnneeded(), trimIntervalMs);
    this.#trim.unref();
    this.#scheduleRefill();
  }

  get idleCount(): number {
    return this.#idle.length + this.#returned.length;
  }

  take(memoryMb: number): SandboxIsolate {
    if (memoryMb !== this.memoryMb) return this.factory.create(memoryMb);
    const ready = this.#idle.pop() ?? this.#renewOne();
    this.#lowWater = Math.min(this.#lowWater, this.idleCount);
    this.#scheduleRefill();
    return ready ?? this.factory.create(memoryMb);
  }

  /** Takes back the isolate of a session that ended cleanly: it is renewed for a later session, or disposed. */
  recycle(isolate: SandboxIsolate): void {
    const reusable =
      !this.#closed &&
      !isolate.disposed &&
      isolate.memoryMb === this.memoryMb &&
      isolate.contexts < this.#lifetime(isolate) &&
      this.idleCount < maxIdleIsolates;
    if (!reusable) {
      isolate.dispose();
      return;
    }
    this.#returned.push(isolate);
    this.#scheduleRefill();
  }

  /** Disposes the idle isolates and stops refilling. Idempotent. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#trim);
    if (this.#refill) clearImmediate(this.#refill);
    this.#refill = undefined;
    for (const isolate of [...this.#idle.splice(0), ...this.#returned.splice(0)]) isolate.dispose();
  }

  /**
   * Sessions this isolate serves: drawn once, between half of `sessionsPerIsolate` and all of it. Isolates made
   * together (at the start of a load) would otherwise age in step: each one's heap crosses the same sizes after the
   * same number of sessions, so their dearer renewals, and then their replacements, came all at once.
   */
  #lifetime(isolate: SandboxIsolate): number {
    let lifetime = this.#lifetimes.get(isolate);
    if (lifetime === undefined) {
      const shortest = Math.ceil(this.sessionsPerIsolate / 2);
      lifetime = shortest + Math.floor(this.random() * (this.sessionsPerIsolate - shortest + 1));
      this.#lifetimes.set(isolate, lifetime);
    }
    return lifetime;
  }

  #trimUnneeded(): void {
    let surplus = Math.ceil(Math.min(this.#lowWater, this.idleCount - this.size) / 2);
    while (surplus-- > 0) (this.#returned.pop() ?? this.#idle.pop())?.dispose();
    this.#lowWater = this.idleCount;
  }

  #renewOne(): SandboxIsolate | undefined {
    const isolate = this.#returned.pop();
    if (!isolate) return undefined;
    try {
      isolate.renew();
      return isolate;
    } catch {
      // `renew` disposed it; the caller creates a fresh one.
      return undefined;
    }
  }

  /**
   * Keeps `size` isolates ready: a returned one renewed, else a new one. Other returned isolates wait for `take`.
   * Each refill waits two check phases: the first lets this turn's other callbacks run first (in a worker, the IPC batch
   * that carries a session's `answer` to the engine, queued by the same start that took an isolate), and the next
   * poll phase takes in new messages before a renewal's millisecond of work.
   */
  #scheduleRefill(): void {
    if (this.#closed || this.#refill || this.#idle.length >= this.size) return;
    this.#refill = setImmediate(() => {
      this.#refill = setImmediate(() => this.#refillOne());
      this.#refill.unref();
    });
    this.#refill.unref();
  }

  #refillOne(): void {
    this.#refill = undefined;
    if (this.#closed) return;
    try {
      this.#idle.push(this.#renewOne() ?? this.factory.create(this.memoryMb));
    } catch {
      // Out of resources: stop warming; `take` creates isolates on demand and reports the error to its caller.
      return;
    }
    this.#scheduleRefill();
  }
}
