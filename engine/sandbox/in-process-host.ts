import { CompiledScriptCache } from './compiled-script-cache.js';
import { IsolateFactory } from './isolate-factory.js';
import { IsolatePool } from './isolate-pool.js';
import { IsolateSession } from './isolate-session.js';
import { IsolateWatchdog } from './isolate-watchdog.js';
import { SandboxClosedError } from './sandbox-errors.js';
import { resolveLimits } from './sandbox-limits.js';
import type {
  SandboxHost,
  SandboxLimits,
  SandboxSession,
  SandboxSessionDelegate,
  SandboxSessionOptions,
} from './sandbox-types.js';

export interface InProcessSandboxHostOptions {
  /** The prelude script (`preludeSource()` from `engine/sandbox/prelude/build-prelude.ts` in the engine). */
  preludeSource: string;
  /** Defaults for every session of this host; a session's own `limits` override them. */
  limits?: Partial<SandboxLimits>;
  /** Isolates kept ready for the next session starts (default 2). */
  poolSize?: number;
  /**
   * The most sessions one isolate serves, one after another in fresh contexts, before it is replaced (default 16;
   * each isolate draws its own number, from half of this to all of it; 1 = never reuse).
   */
  sessionsPerIsolate?: number;
  /** Period of the CPU/wall-time watchdog (default 100 ms). */
  watchdogIntervalMs?: number;
  /**
   * isolated-vm's last-resort report that V8 lost an isolate (e.g. one allocation larger than the heap). Leave it
   * unset: isolated-vm then aborts the process at once, and the supervisor replaces the worker. With a handler set,
   * isolated-vm parks the failing thread forever and calls the handler on the event loop, which never runs again if
   * that thread is the event loop's own (as it is here: entries are synchronous).
   */
  onCatastrophicError?: (message: string) => void;
}

/**
 * Runs sessions in isolates inside the current process. The test kit uses it directly; in production each sandbox
 * worker process runs one behind the supervisor, because a V8 fatal error in any isolate takes its process down.
 */
export class InProcessSandboxHost implements SandboxHost {
  readonly #limits: SandboxLimits;
  readonly #factory: IsolateFactory;
  readonly #pool: IsolatePool;
  readonly #scripts = new CompiledScriptCache();
  readonly #watchdog: IsolateWatchdog;
  readonly #sessions = new Set<IsolateSession>();
  #closed = false;

  constructor(options: InProcessSandboxHostOptions) {
    this.#limits = resolveLimits(options.limits);
    this.#factory = new IsolateFactory(options.preludeSource, options.onCatastrophicError);
    this.#pool = new IsolatePool(this.#factory, options.poolSize ?? 2, this.#limits.memoryMb, options.sessionsPerIsolate);
    this.#watchdog = new IsolateWatchdog(options.watchdogIntervalMs ?? 100);
  }

  /** Sessions started and neither disposed nor failed. */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** Scenarios compiled in this process (each compiled once, then started from V8's code cache). */
  get compiledScenarioCount(): number {
    return this.#scripts.size;
  }

  /** What the host holds right now: for metrics, and for tests that check everything is released. */
  stats(): { sessions: number; idleIsolates: number; isolatesCreated: number; watchedIsolates: number; compiledScenarios: number } {
    return {
      sessions: this.#sessions.size,
      idleIsolates: this.#pool.idleCount,
      isolatesCreated: this.#factory.created,
      watchedIsolates: this.#watchdog.watchedCount,
      compiledScenarios: this.#scripts.size,
    };
  }

  async startSession(opts: SandboxSessionOptions, delegate: SandboxSessionDelegate): Promise<SandboxSession> {
    return this.startSessionSync(opts, delegate);
  }

  /** `startSession` without the promise: the session has run its top level when this returns. */
  startSessionSync(opts: SandboxSessionOptions, delegate: SandboxSessionDelegate): IsolateSession {
    if (this.#closed) throw new SandboxClosedError('startSession');
    const limits = resolveLimits(this.#limits, opts.limits);
    const isolate = this.#pool.take(limits.memoryMb);
    let compiled;
    try {
      compiled = this.#scripts.compile(isolate.isolate, opts.scenario);
    } catch (error) {
      isolate.dispose();
      throw error;
    }
    const session: IsolateSession = new IsolateSession(opts.sessionId, {
      isolate,
      sourceMap: compiled.sourceMap,
      limits,
      delegate,
      watchdog: this.#watchdog,
      onEnd: () => this.#sessions.delete(session),
      recycle: (used) => this.#pool.recycle(used),
    });
    this.#sessions.add(session);
    try {
      session.start(compiled.script);
    } finally {
      if (!isolate.disposed) compiled.script.release();
    }
    return session;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    for (const session of [...this.#sessions]) session.dispose();
    this.#closed = true;
    this.#pool.close();
    this.#watchdog.close();
    this.#factory.close();
  }
}
