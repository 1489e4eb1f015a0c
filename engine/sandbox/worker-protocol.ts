/**
 * The IPC messages between the sandbox supervisor (the engine process) and a sandbox worker process; each IPC
 * message carries an array of them (see `IpcBatcher`). Sessions are
 * addressed by a wire id the supervisor allocates, unique within one worker. Both sides keep the scenarios the worker
 * holds in an LRU of the same capacity, touched in the same order, so the supervisor knows when to send the code.
 *
 * A start is not acknowledged: the supervisor sends the session's first events right behind it, in the same batch,
 * so an incoming call costs one round trip to the worker, not two. A session the worker cannot start comes back as
 * its `failure`.
 */
import type { ScenarioCommand } from '../session/scenario-protocol.js';
import type { CompiledScenario, SandboxLimits, ScenarioFailure } from './sandbox-types.js';

export const workerScenarioCapacity = 128;

export interface WorkerInit {
  preludeSource: string;
  limits?: Partial<SandboxLimits>;
  poolSize?: number;
  sessionsPerIsolate?: number;
  watchdogIntervalMs?: number;
}

export type SupervisorMessage =
  | { t: 'init'; init: WorkerInit }
  /** `scenario` is present the first time this worker starts a session of it (and after it fell out of the LRU). */
  | { t: 'start'; wireId: number; sessionId: string; hash: string; scenario?: CompiledScenario; limits?: Partial<SandboxLimits> }
  /** The event already serialized (and its size checked) by the supervisor: the worker hands the text to the isolate. */
  | { t: 'deliver'; wireId: number; json: string }
  | { t: 'dispose'; wireId: number }
  /** Liveness probe: a worker that answers none for `unresponsiveMs` is killed. */
  | { t: 'ping' };

export type WorkerMessage =
  | { t: 'ready' }
  | { t: 'pong' }
  | { t: 'initFailed'; message: string }
  | { t: 'command'; wireId: number; command: ScenarioCommand }
  | { t: 'failure'; wireId: number; failure: ScenarioFailure };
