import { availableParallelism } from 'node:os';
import { SandboxClosedError } from './sandbox-errors.js';
import { resolveLimits } from './sandbox-limits.js';
import type {
  SandboxHost,
  SandboxLimits,
  SandboxSession,
  SandboxSessionDelegate,
  SandboxSessionOptions,
} from './sandbox-types.js';
import type { WorkerInit } from './worker-protocol.js';
import { WorkerProcess } from './worker-process.js';

export interface SandboxSupervisorOptions {
  /** The prelude script, sent to every worker. */
  preludeSource: string;
  /** Worker processes to run (default: one per CPU). */
  workers?: number;
  limits?: Partial<SandboxLimits>;
  /** Warm isolates per worker (default 2). */
  poolSize?: number;
  /** The most sessions one isolate serves in turn, each in a fresh context, before it is replaced (default 16; 1 = never reuse). */
  sessionsPerIsolate?: number;
  watchdogIntervalMs?: number;
  /** How much nicer than the engine the workers run, 0-19 (default 10; see `worker-priority.ts`). */
  workerNice?: number;
  /** Delay before replacing a dead worker, doubled for each death within a minute, up to 5 s (default 100 ms). */
  restartDelayMs?: number;
  /**
   * A worker that answers nothing for this long is killed and replaced (default 10 000 ms). Keep it well above every
   * session's `callbackTimeoutMs`: a worker is silent while a callback runs.
   */
  unresponsiveMs?: number;
  /** Told about every worker death (for the engine's log): its pid and how many sessions it took with it. */
  onWorkerExit?: (info: { pid: number; sessions: number }) => void;
}

const maxRestartDelayMs = 5_000;
const crashWindowMs = 60_000;

/**
 * Runs sessions in sandbox worker processes (DESIGN.md, "Sandbox"): a V8 fatal error inside an isolate aborts the
 * process hosting it, so isolates never run in the engine's own process. Each new session goes to the worker with the
 * fewest sessions. A worker that dies fails only its own sessions (`workerDied`) and is replaced.
 */
export class SandboxSupervisor implements SandboxHost {
  readonly #init: WorkerInit;
  readonly #limits: SandboxLimits;
  readonly #options: SandboxSupervisorOptions;
  readonly #workers: WorkerProcess[] = [];
  readonly #restarts = new Set<NodeJS.Timeout>();
  #recentDeaths: number[] = [];
  #closed = false;

  private constructor(options: SandboxSupervisorOptions) {
    this.#options = options;
    this.#limits = resolveLimits(options.limits);
    this.#init = {
      preludeSource: options.preludeSource,
      limits: options.limits,
      poolSize: options.poolSize,
      sessionsPerIsolate: options.sessionsPerIsolate,
      watchdogIntervalMs: options.watchdogIntervalMs,
    };
  }

  /** Forks the workers and resolves when every one of them has loaded the prelude. */
  static async start(options: SandboxSupervisorOptions): Promise<SandboxSupervisor> {
    const supervisor = new SandboxSupervisor(options);
    const count = Math.max(1, options.workers ?? availableParallelism());
    for (let i = 0; i < count; i++) supervisor.#spawn(i);
    try {
      await Promise.all(supervisor.#workers.map((w) => w.ready));
    } catch (error) {
      await supervisor.close();
      throw error;
    }
    return supervisor;
  }

  /** The live workers' process ids, in slot order. */
  workerPids(): number[] {
    return this.#workers.filter((w) => !w.dead).map((w) => w.pid);
  }

  async startSession(opts: SandboxSessionOptions, delegate: SandboxSessionDelegate): Promise<SandboxSession> {
    if (this.#closed) throw new SandboxClosedError('startSession');
    const limits = resolveLimits(this.#limits, opts.limits);
    const worker = this.#leastLoaded();
    await worker.ready;
    if (this.#closed) throw new SandboxClosedError('startSession');
    return worker.start(opts, delegate, limits.maxMessageBytes);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#restarts) clearTimeout(timer);
    this.#restarts.clear();
    await Promise.all(this.#workers.map((w) => w.shutdown()));
  }

  #leastLoaded(): WorkerProcess {
    const live = this.#workers.filter((w) => !w.dead);
    // Every worker is dead and awaiting its restart: the session fails at once with `workerDied`.
    const candidates = live.length > 0 ? live : this.#workers;
    return candidates.reduce((best, w) => (w.load < best.load ? w : best));
  }

  #spawn(slot: number): void {
    const worker = new WorkerProcess(this.#init, (dead, lost) => this.#onExit(slot, dead, lost), {
      unresponsiveMs: this.#options.unresponsiveMs,
      nice: this.#options.workerNice,
    });
    this.#workers[slot] = worker;
  }

  #onExit(slot: number, worker: WorkerProcess, sessionsLost: number): void {
    if (this.#closed) return;
    this.#options.onWorkerExit?.({ pid: worker.pid, sessions: sessionsLost });
    const now = Date.now();
    this.#recentDeaths = [...this.#recentDeaths.filter((t) => now - t < crashWindowMs), now];
    const base = this.#options.restartDelayMs ?? 100;
    const delay = Math.min(maxRestartDelayMs, base * 2 ** (this.#recentDeaths.length - 1));
    const timer = setTimeout(() => {
      this.#restarts.delete(timer);
      if (!this.#closed && this.#workers[slot] === worker) this.#spawn(slot);
    }, delay);
    this.#restarts.add(timer);
  }
}
