import ivm from 'isolated-vm';
import type { ThrownDescription } from './bridge-bootstrap.js';

/** What came of one entry into user code. */
export type EntryOutcome =
  | { status: 'ok' }
  /** User code threw; the trampoline caught and described it. */
  | { status: 'threw'; thrown: ThrownDescription }
  /** isolated-vm threw around the call: timeout, memory limit, an unhandled rejection at the microtask checkpoint. */
  | { status: 'aborted'; error: unknown };

type SendHandler = (json: unknown) => void;

/** A script every isolate runs before the scenario, with the V8 code cache made from it by the first isolate. */
export interface SetupScript {
  code: string;
  filename: string;
  cachedData?: ivm.ExternalCopy<ArrayBuffer>;
}

/** The engine's own scripts: the bridge bootstrap (whose completion value is the binder), then the prelude. */
export interface IsolateSetup {
  bootstrap: SetupScript;
  prelude: SetupScript;
}

type Trampoline = (kind: 'run' | 'deliver', argument: unknown) => string | undefined;

// The engine's own setup scripts get a generous bound: they are not user code, but must not hang a worker either.
const setupTimeoutMs = 5_000;

function compileSetupScript(isolate: ivm.Isolate, setup: SetupScript): ivm.Script {
  return isolate.compileScriptSync(setup.code, { filename: setup.filename, cachedData: setup.cachedData });
}

/** Runs one setup script; returns a reference to its completion value (the bootstrap's binder). */
function runSetupScript(script: ivm.Script, context: ivm.Context): ivm.Reference<unknown> {
  return script.runSync(context, { timeout: setupTimeoutMs, reference: true }) as ivm.Reference<unknown>;
}

/**
 * One isolate and its context, with the bootstrap and the prelude run in it, bound to the host through the
 * bootstrap's binder. Only the entry trampoline is held as a reference; nothing of the host is ever
 * placed in the isolate except the copy-only send callback, which is reachable only inside the bootstrap's closure.
 *
 * After a session has ended cleanly, `renew()` gives the isolate a new context for the next session: a fresh global
 * object and fresh built-ins, with the bootstrap and the prelude run again. Nothing of the old context stays
 * reachable (the host releases every reference into it), and one isolate never holds two sessions at once, so each
 * session still has the isolate's memory limit and CPU accounting to itself. It saves creating and tearing down a V8
 * heap per session (about 1.9 of 4 CPU ms, bench/RESULTS.md "Sandbox").
 */
export class SandboxIsolate {
  readonly #isolate: ivm.Isolate;
  /**
   * The setup scripts compiled once for this isolate: a compiled script is not tied to a context, so every renewal
   * runs the same ones (compiling the 55 kB prelude from the code cache took about 45 us per context).
   */
  readonly #bootstrap: ivm.Script;
  readonly #prelude: ivm.Script;
  #context!: ivm.Context;
  #enter!: ivm.Reference<Trampoline>;
  #onSend: SendHandler | undefined;
  #contexts = 0;

  constructor(setup: IsolateSetup, readonly memoryMb: number, onCatastrophicError?: (message: string) => void) {
    this.#isolate = new ivm.Isolate({ memoryLimit: memoryMb, onCatastrophicError });
    try {
      this.#bootstrap = compileSetupScript(this.#isolate, setup.bootstrap);
      this.#prelude = compileSetupScript(this.#isolate, setup.prelude);
      this.#bindNewContext();
    } catch (error) {
      this.#isolate.dispose();
      throw error;
    }
  }

  get isolate(): ivm.Isolate {
    return this.#isolate;
  }

  get context(): ivm.Context {
    return this.#context;
  }

  get disposed(): boolean {
    return this.#isolate.isDisposed;
  }

  /** How many contexts (one per session) this isolate has had, counting the current one. */
  get contexts(): number {
    return this.#contexts;
  }

  /** Where `__callscript_send` calls go: the session that took this isolate. */
  set onSend(handler: SendHandler | undefined) {
    this.#onSend = handler;
  }

  /**
   * Drops the current context and binds a new one with the setup scripts run. Only for an isolate whose session ended
   * cleanly: one that hit a limit or threw is disposed instead. On any error the isolate is disposed and this throws.
   */
  renew(): void {
    this.#onSend = undefined;
    this.#enter.release();
    this.#context.release();
    try {
      this.#bindNewContext();
    } catch (error) {
      this.#isolate.dispose();
      throw error;
    }
  }

  /** Evaluates `script` (which yields the scenario's main function) and calls it through the trampoline. */
  runMain(script: ivm.Script, timeoutMs: number): EntryOutcome {
    const started = performance.now();
    let main: ivm.Reference<unknown>;
    try {
      main = script.runSync(this.#context, { reference: true, timeout: timeoutMs }) as ivm.Reference<unknown>;
    } catch (error) {
      return { status: 'aborted', error };
    }
    const remaining = Math.max(1, Math.round(timeoutMs - (performance.now() - started)));
    try {
      return outcomeOf(this.#enter.applySync(undefined, ['run', main.derefInto()], { timeout: remaining }));
    } catch (error) {
      return { status: 'aborted', error };
    } finally {
      main.release();
    }
  }

  deliver(json: string, timeoutMs: number): EntryOutcome {
    try {
      return outcomeOf(this.#enter.applySync(undefined, ['deliver', json], { timeout: timeoutMs }));
    } catch (error) {
      return { status: 'aborted', error };
    }
  }

  heapUsedBytes(): number {
    return this.#isolate.isDisposed ? 0 : this.#isolate.getHeapStatisticsSync().used_heap_size;
  }

  dispose(): void {
    this.#onSend = undefined;
    if (this.#isolate.isDisposed) return;
    this.#enter.release();
    this.#context.release();
    this.#isolate.dispose();
  }

  #bindNewContext(): void {
    this.#context = this.#isolate.createContextSync();
    const bind = runSetupScript(this.#bootstrap, this.#context);
    runSetupScript(this.#prelude, this.#context).release();
    const send = new ivm.Callback((json: unknown) => this.#receive(json));
    this.#enter = bind.applySync(undefined, [send], { result: { reference: true } }) as ivm.Reference<Trampoline>;
    bind.release();
    this.#contexts++;
  }

  #receive(json: unknown): void {
    if (!this.#onSend) throw new Error('__callscript_send: this sandbox has no session');
    this.#onSend(json);
  }
}

function outcomeOf(result: string | undefined): EntryOutcome {
  if (result === undefined) return { status: 'ok' };
  return { status: 'threw', thrown: JSON.parse(result) as ThrownDescription };
}
