import type { SandboxLimits } from './sandbox-types.js';

/** The isolate's running totals, in nanoseconds, as isolated-vm reports them (`cpuTime`, `wallTime`). */
export interface IsolateTimes {
  cpuNs: bigint;
  wallNs: bigint;
}

const nsPerMs = 1_000_000n;

/**
 * The watchdog's arithmetic, kept pure so it can be tested with made-up samples.
 *
 * Each host entry is bounded by its own timeout; this bounds what the timeout cannot see: the session's total CPU,
 * and work the isolate does while no entry is running (wall time that grows between two samples with no entry in
 * between). Over `backgroundBusyMs` of such work without a pause, the session is over.
 */
export class CpuBudget {
  readonly #sessionCpuNs: bigint;
  readonly #backgroundBusyNs: bigint;
  /** The isolate's CPU time when the session began: an isolate reused from earlier sessions arrives with some. */
  readonly #startCpuNs: bigint;
  #lastWallNs: bigint;
  #backgroundNs = 0n;

  constructor(limits: Pick<SandboxLimits, 'sessionCpuMs' | 'backgroundBusyMs'>, start: IsolateTimes) {
    this.#sessionCpuNs = BigInt(Math.round(limits.sessionCpuMs)) * nsPerMs;
    this.#backgroundBusyNs = BigInt(Math.round(limits.backgroundBusyMs)) * nsPerMs;
    this.#startCpuNs = start.cpuNs;
    this.#lastWallNs = start.wallNs;
  }

  /** After a host entry returned: the entry's own time is not background work. Returns why to stop, if so. */
  afterEntry(times: IsolateTimes): string | undefined {
    this.#lastWallNs = times.wallNs;
    this.#backgroundNs = 0n;
    return this.#totalExceeded(times);
  }

  /** A watchdog sample taken while no entry runs. Returns why to stop, if so. */
  onSample(times: IsolateTimes): string | undefined {
    const busy = times.wallNs - this.#lastWallNs;
    this.#lastWallNs = times.wallNs;
    this.#backgroundNs = busy > 0n ? this.#backgroundNs + busy : 0n;
    if (this.#backgroundNs > this.#backgroundBusyNs) {
      return `the scenario kept the sandbox busy for ${this.#backgroundNs / nsPerMs} ms outside any callback`;
    }
    return this.#totalExceeded(times);
  }

  #totalExceeded(times: IsolateTimes): string | undefined {
    const used = times.cpuNs - this.#startCpuNs;
    if (used <= this.#sessionCpuNs) return undefined;
    return `the scenario used ${used / nsPerMs} ms of CPU, over its session limit of ${this.#sessionCpuNs / nsPerMs} ms`;
  }
}
