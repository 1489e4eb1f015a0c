/**
 * The public surface of the sandbox (DESIGN.md, "Sandbox"): a host starts one isolated session per scenario session,
 * delivers {@link ScenarioEvent}s into it and receives {@link ScenarioCommand}s and at most one
 * {@link ScenarioFailure} back through a {@link SandboxSessionDelegate}.
 *
 * Two hosts implement {@link SandboxHost} with the same protocol: the in-process host (the test kit) and the
 * worker-process supervisor (production, so that a V8 fatal error cannot take down the process holding SIP and RTP).
 */
import type { ScenarioCommand, ScenarioEvent } from '../session/scenario-protocol.js';

export type { ScenarioCommand, ScenarioEvent };

/** A scenario compiled by `compileScenario`: plain data, so it can cross IPC to a worker. */
export interface CompiledScenario {
  /** SHA-256 (hex) of `code`; workers key their compiled-script cache by it. */
  readonly hash: string;
  /** The entry file as the author named it (shown in errors). */
  readonly fileName: string;
  /** A plain script (IIFE, no module syntax) ending with an inline source map to the author's files. */
  readonly code: string;
}

/** Every limit is per session and configurable; the defaults are VoxEngine's where VoxEngine has one. */
export interface SandboxLimits {
  /** V8 heap limit of the session's isolate, in MB (default 16). */
  memoryMb: number;
  /** CPU time allowed for each entry into user code: top level, each delivered event (default 1000 ms). */
  callbackTimeoutMs: number;
  /**
   * Longest the isolate may stay busy outside a host entry (work continuing after an `await` or in a promise
   * continuation), measured by the watchdog from the isolate's wall and CPU time (default 1000 ms).
   */
  backgroundBusyMs: number;
  /** Total CPU time the session may consume over its whole life (default 60 000 ms). */
  sessionCpuMs: number;
  /** Largest JSON text crossing the bridge in either direction, in bytes (default 256 KiB). */
  maxMessageBytes: number;
}

export type ScenarioFailureKind =
  /** An exception thrown by the scenario's top level or out of an event handler (via `__callscript_deliver`). */
  | 'exception'
  /** A rejected promise nobody handled, reported by the prelude with `{op:'fatal', reason:'unhandledRejection'}`. */
  | 'unhandledRejection'
  /** A listener that is not a function, reported by the prelude with `{op:'fatal', reason:'invalidHandler'}`. */
  | 'invalidHandler'
  /** An entry into user code ran past `callbackTimeoutMs`. */
  | 'timeout'
  /** The watchdog saw the isolate busy past `backgroundBusyMs`, or past `sessionCpuMs` in total. */
  | 'cpuLimit'
  /** The isolate reached `memoryMb`; it has been disposed. */
  | 'memoryLimit'
  /** The scenario broke the bridge protocol: not JSON, not an object with a string `op`, or over the size cap. */
  | 'protocol'
  /** The worker process hosting the session died (the other workers' sessions are untouched). */
  | 'workerDied'
  /** The sandbox itself failed (e.g. the prelude threw): not the author's fault. */
  | 'internal';

/**
 * Why a session ended against its will. `file`/`line`/`column` point into the author's original source (mapped
 * through the inline source map; 1-based line and column) when the failure has a position there.
 */
export interface ScenarioFailure {
  kind: ScenarioFailureKind;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** The stack with every frame in the scenario mapped to the author's files. */
  stack?: string;
}

/** How a session reports to its owner (the host-side session glue). Called on the host's event loop. */
export interface SandboxSessionDelegate {
  /**
   * A validated command from the scenario. With the in-process host, commands sent while the scenario's top level
   * runs arrive before `startSession` resolves.
   */
  onCommand(command: ScenarioCommand): void;
  /** Called at most once; the session is already disposed and ignores further `deliver` calls. */
  onFailure(failure: ScenarioFailure): void;
}

export interface SandboxSessionOptions {
  sessionId: string;
  scenario: CompiledScenario;
  limits?: Partial<SandboxLimits>;
}

export interface SandboxSession {
  readonly sessionId: string;
  /** False once disposed or failed. */
  readonly alive: boolean;
  /** Hands one event to the prelude's `__callscript_deliver`, in order. Ignored once the session is not alive. */
  deliver(event: ScenarioEvent): void;
  /** Releases the isolate. Idempotent; no delegate call follows. */
  dispose(): void;
}

export interface SandboxHost {
  /**
   * Creates the session's isolate, runs the prelude and the scenario's top level. Events delivered to the returned
   * session reach the scenario after its top level. The in-process host resolves once the top level has run; the
   * supervisor resolves at once (the worker runs it when the start arrives, and the first events travel with it).
   * A failure to start or of the top level is reported through `delegate.onFailure`, not by rejecting; the promise
   * rejects only when the host is closed or cannot create isolates at all.
   */
  startSession(opts: SandboxSessionOptions, delegate: SandboxSessionDelegate): Promise<SandboxSession>;
  /** Disposes every session and releases isolates / worker processes. Idempotent. */
  close(): Promise<void>;
}
