/** Something the watchdog samples: a live session with an isolate. */
export interface WatchdogTarget {
  sample(): void;
}

/**
 * One periodic timer per host that samples every live session's isolate times (one timer per session would cost
 * thousands of wake-ups a second at the session counts a worker holds). It uses the real timers, not the session
 * `Clock`: it measures real CPU and is invisible to scenarios.
 */
export class IsolateWatchdog {
  readonly #targets = new Set<WatchdogTarget>();
  #timer: NodeJS.Timeout | undefined;

  constructor(readonly intervalMs = 100) {}

  get watchedCount(): number {
    return this.#targets.size;
  }

  watch(target: WatchdogTarget): void {
    this.#targets.add(target);
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#sampleAll(), this.intervalMs);
      this.#timer.unref();
    }
  }

  unwatch(target: WatchdogTarget): void {
    this.#targets.delete(target);
    if (this.#targets.size === 0) this.#stop();
  }

  /** Stops sampling and forgets every target. Idempotent. */
  close(): void {
    this.#targets.clear();
    this.#stop();
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #sampleAll(): void {
    for (const target of [...this.#targets]) target.sample();
  }
}
