/**
 * What the API needs from the engine's sessions, declared here so that the API does not depend on how sessions run.
 * The engine's session glue implements it (a sandboxed scenario session per `start`); tests use a fake.
 */
import type { CallRecord } from '../call/call-record.js';
import type { ScenarioVersion } from '../store/store-types.js';

export interface SessionStartRequest {
  sessionId: string;
  /** The compiled scenario to run (`fileName`, `code`, `hash` form the sandbox's `CompiledScenario`). */
  scenario: ScenarioVersion;
  /** VoxEngine's `script_custom_data`: `VoxEngine.customData()` in the session, delivered with `AppEvents.Started`. */
  customData: string;
  /** The session's control URL (`accessURL` of `AppEvents.Started`); requests to it raise `AppEvents.HttpRequest`. */
  accessUrl: string;
}

/** How a started session reports its end; called once. */
export interface SessionObserver {
  ended(outcome: SessionOutcome): void;
}

export interface SessionOutcome {
  /** `ended` after `VoxEngine.terminate()`, the termination timer or an API terminate; `failed` on a scenario error. */
  status: 'ended' | 'failed';
  reason: string;
  /** The session's log lines (`Logger.write` and engine notes), oldest first. */
  log: string[];
}

export interface LiveSession {
  id: string;
  status: 'running' | 'terminating';
  /** The calls of the session so far: ended ones as final records, live ones as their record in progress. */
  calls: CallRecord[];
  log: string[];
}

/** `AppEvents.HttpRequest`'s fields, as VoxEngine defines them. */
export interface HttpRequestEvent {
  method: string;
  /** The requested path, without scheme and host. */
  path: string;
  content: string;
  /** Only the `X-` headers, as VoxEngine passes them. */
  headers: { key: string; value: string }[];
}

export interface SessionPort {
  /** Starts the session; rejects only when it could not be started at all. */
  start(request: SessionStartRequest, observer: SessionObserver): Promise<void>;
  /** A running session, or undefined once it ended (the store then has its record). */
  find(sessionId: string): LiveSession | undefined;
  /** How many sessions run now (from the API or from incoming calls). */
  activeCount(): number;
  /** Ends the session as `VoxEngine.terminate()` would: its calls are hung up, then `ended` is reported. */
  terminate(sessionId: string): Promise<void>;
  /** Raises `AppEvents.HttpRequest` in the session; false when it is not running. */
  deliverHttpRequest(sessionId: string, request: HttpRequestEvent): boolean;
}
