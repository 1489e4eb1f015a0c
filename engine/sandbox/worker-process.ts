import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CompileCache } from './compile-cache.js';
import { IpcBatcher } from './ipc-batcher.js';
import { SandboxSetupError } from './sandbox-errors.js';
import type { SandboxSessionDelegate, SandboxSessionOptions } from './sandbox-types.js';
import { defaultWorkerNice, lowerWorkerPriority } from './worker-priority.js';
import { workerScenarioCapacity, type SupervisorMessage, type WorkerInit, type WorkerMessage } from './worker-protocol.js';
import { WorkerSession } from './worker-session.js';

const workerEntry = fileURLToPath(new URL('./sandbox-worker-main.ts', import.meta.url));
// The worker is TypeScript run through tsx; resolve tsx from here so the engine's working directory does not matter.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * The supervisor's handle on one sandbox worker process: forks it, initializes it, carries its sessions' messages,
 * and on its death fails every session it held with `workerDied`.
 */
export class WorkerProcess {
  readonly #child: ChildProcess;
  readonly #sessions = new Map<number, WorkerSession>();
  readonly #loaded = new CompileCache<true>(workerScenarioCapacity);
  readonly #outbox = new IpcBatcher<SupervisorMessage>((batch) => {
    if (!this.#dead && this.#child.connected) this.#child.send(batch);
  });
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  #nextWireId = 1;
  #dead = false;
  #lastHeard = performance.now();
  #heartbeat: NodeJS.Timeout | undefined;
  #killedAsUnresponsive = false;

  readonly unresponsiveMs: number;

  /**
   * @param options.unresponsiveMs a ready worker that answers nothing, not even a ping, for this long is killed
   *   (default 10 000 ms): entries are synchronous, so a worker stuck in one (or parked by V8) cannot be reached any
   *   other way.
   * @param options.nice how much nicer than the engine the worker runs (default {@link defaultWorkerNice}; see
   *   `worker-priority.ts`).
   */
  constructor(
    init: WorkerInit,
    onExit: (worker: WorkerProcess, sessionsLost: number) => void,
    options: { unresponsiveMs?: number; nice?: number } = {},
  ) {
    this.unresponsiveMs = options.unresponsiveMs ?? 10_000;
    this.#child = fork(workerEntry, [], {
      // --no-lazy: V8 compiles every function of the prelude and the scenario up front, so the code cache that each
      // new isolate loads holds them all; lazily, every session compiled the same functions again on its first
      // events (about 1 ms of a 5.8 ms start, bench/RESULTS.md "Sandbox").
      execArgv: ['--no-node-snapshot', '--no-lazy', '--import', tsxLoader],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
    if (this.#child.pid !== undefined) {
      lowerWorkerPriority(this.#child.pid, options.nice ?? defaultWorkerNice, (error) =>
        process.emitWarning(`sandbox worker ${this.#child.pid} keeps the engine's CPU priority: ${error.message}`),
      );
    }
    let settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
    this.ready = new Promise((resolve, reject) => (settle = { resolve, reject }));
    this.ready.catch(() => undefined);
    this.exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        this.#dead = true;
        clearInterval(this.#heartbeat);
        const lost = this.load;
        settle?.reject(new SandboxSetupError(`sandbox worker exited before it was ready (code ${code}, signal ${signal})`));
        const how = this.#killedAsUnresponsive
          ? `was killed after ${this.unresponsiveMs} ms without answering`
          : `exited (${signal ? `signal ${signal}` : `code ${code}`})`;
        this.#failAll(`sandbox worker ${this.pid} ${how}`);
        resolve();
        onExit(this, lost);
      });
    });
    this.#child.on('error', () => this.#child.kill('SIGKILL'));
    this.#child.on('message', (batch: WorkerMessage[]) => {
      this.#lastHeard = performance.now();
      for (const message of batch) {
        if (message.t === 'ready') settle?.resolve();
        else if (message.t === 'initFailed') settle?.reject(new SandboxSetupError(message.message));
        else if (message.t !== 'pong') this.#route(message);
      }
    });
    this.#send({ t: 'init', init });
    this.ready.then(() => this.#startHeartbeat(), () => undefined);
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  get dead(): boolean {
    return this.#dead;
  }

  get load(): number {
    return this.#sessions.size;
  }

  /**
   * Sends the start and returns at once: the session's events can follow in the same IPC batch. Whatever keeps the
   * worker from starting it (or the top level's failure) reaches `delegate.onFailure`.
   */
  start(opts: SandboxSessionOptions, delegate: SandboxSessionDelegate, maxMessageBytes: number): WorkerSession {
    const wireId = this.#nextWireId++;
    const session = new WorkerSession(opts.sessionId, wireId, this.pid, maxMessageBytes, delegate, {
      deliver: (id, json) => this.#send({ t: 'deliver', wireId: id, json }),
      dispose: (id) => {
        this.#sessions.delete(id);
        this.#send({ t: 'dispose', wireId: id });
      },
    });
    if (this.#dead) {
      session.fail({ kind: 'workerDied', message: `sandbox worker ${this.pid} is not running` });
      return session;
    }
    const hash = opts.scenario.hash;
    const scenario = this.#loaded.get(hash) ? undefined : opts.scenario;
    this.#loaded.set(hash, true);
    this.#sessions.set(wireId, session);
    this.#send({ t: 'start', wireId, sessionId: opts.sessionId, hash, scenario, limits: opts.limits });
    return session;
  }

  /** Stops the worker; its sessions fail with `workerDied` unless they were disposed first. */
  kill(): Promise<void> {
    if (!this.#dead) this.#child.kill('SIGKILL');
    return this.exited;
  }

  /** Closes the IPC channel: the worker disposes its isolates and exits by itself, or is killed after a grace period. */
  shutdown(graceMs = 5_000): Promise<void> {
    for (const session of this.#sessions.values()) session.dispose();
    this.#outbox.flush();
    if (this.#child.connected) this.#child.disconnect();
    const killer = setTimeout(() => void this.kill(), graceMs);
    return this.exited.finally(() => clearTimeout(killer));
  }

  #startHeartbeat(): void {
    if (this.#dead) return;
    this.#lastHeard = performance.now();
    this.#heartbeat = setInterval(() => {
      if (performance.now() - this.#lastHeard <= this.unresponsiveMs) {
        this.#send({ t: 'ping' });
        return;
      }
      this.#killedAsUnresponsive = true;
      clearInterval(this.#heartbeat);
      void this.kill();
    }, this.unresponsiveMs / 4);
    this.#heartbeat.unref();
  }

  #send(message: SupervisorMessage): void {
    if (!this.#dead) this.#outbox.push(message);
  }

  #route(message: Exclude<WorkerMessage, { t: 'ready' | 'initFailed' | 'pong' }>): void {
    const session = this.#sessions.get(message.wireId);
    switch (message.t) {
      case 'command':
        session?.command(message.command);
        return;
      case 'failure':
        this.#sessions.delete(message.wireId);
        session?.fail(message.failure);
        return;
    }
  }

  #failAll(message: string): void {
    for (const session of this.#sessions.values()) session.fail({ kind: 'workerDied', message });
    this.#sessions.clear();
  }
}
