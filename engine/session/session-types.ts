/**
 * The public surface of a {@link Session}: its limits, the collaborators it is built with, and how it reports.
 * Each collaborator is a small interface declared here, so the session never imports the sandbox, SIP or media.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { CallLeg } from '../call/call-leg.js';
import type { CallRecord } from '../call/call-record.js';
import type { CallLimits } from '../call/call-context.js';
import type { MediaUnitFactory } from '../call/media-unit.js';
import type { ScenarioEvent } from './scenario-protocol.js';

/** VoxEngine's session limits as defaults; every one is configurable. */
export interface SessionLimits extends CallLimits {
  /** A session with no calls left ends this long after its last call ended (VoxEngine: 60 s). */
  idleTerminateMs: number;
  /** Hard cap on a session's life. */
  maxSessionMs: number;
  maxActiveTimers: number;
  /** `setInterval` periods below this are raised to it (VoxEngine: 100 ms). */
  minIntervalMs: number;
  maxActivePlayers: number;
  maxCallAttempts: number;
  maxActiveHttpRequests: number;
  maxTotalHttpRequests: number;
  /** Largest HTTP response body handed to the scenario; it must fit the sandbox bridge's message cap. */
  maxHttpResponseBytes: number;
  /** Longest `timeout` a scenario may ask of `Net.httpRequestAsync`, and the default (VoxEngine: 90 s). */
  httpTimeoutMs: number;
  /** Log lines kept in memory for the test kit and the API (older lines are dropped, the pino log keeps all). */
  maxLogLines: number;
  /** Longest `Logger.write` line kept. */
  maxLogLineChars: number;
  /**
   * Time between `AppEvents.Terminating` and `AppEvents.Terminated` during which the scenario may still send one
   * HTTP request (VoxEngine allows one in the `Terminating` handler); `Terminated` waits for that request to finish.
   */
  terminatingGraceMs: number;
}

export const defaultSessionLimits: Readonly<SessionLimits> = Object.freeze({
  incomingAnswerTimeoutMs: 60_000,
  earlyMediaMaxMs: 60_000,
  outgoingAnswerTimeoutMs: 60_000,
  maxSayChars: 1500,
  maxCustomDataBytes: 200,
  idleTerminateMs: 60_000,
  maxSessionMs: 24 * 60 * 60_000,
  maxActiveTimers: 100,
  minIntervalMs: 100,
  maxActivePlayers: 10,
  maxCallAttempts: 50,
  maxActiveHttpRequests: 3,
  maxTotalHttpRequests: 35,
  maxHttpResponseBytes: 200 * 1024,
  httpTimeoutMs: 90_000,
  maxLogLines: 5000,
  maxLogLineChars: 15_000,
  terminatingGraceMs: 100,
});

/** Where the session's events go: the sandbox session, through the glue. */
export interface ScenarioEventChannel {
  deliver(event: ScenarioEvent): void;
}

export interface DialRequest {
  callId: string;
  kind: 'sip' | 'pstn';
  /** SIP URI (`callSIP`) or number (`callPSTN`). */
  to: string;
  callerid: string;
  displayName: string;
  headers: Record<string, string>;
  /** The scenario's `CallSIPParameters` / `CallPSTNParameters` (authUser, password, outProxy, video, ...). */
  params: Record<string, unknown>;
}

/**
 * Places outgoing calls. A dial that cannot go anywhere (no trunk, bad URI) still returns a leg, which reports the
 * failure (`failed(404, ...)`) like any far end would.
 */
export interface OutgoingCallDialer {
  dial(request: DialRequest): CallLeg;
}

export interface CallRecordSink {
  write(record: CallRecord): void;
}

export interface HttpRequest {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body?: string;
  timeoutMs: number;
  maxResponseBytes: number;
}

export interface HttpResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

/** VoxEngine's internal `HttpRequestResult.code` values for requests that got no HTTP status. */
export const HttpFailureCode = {
  limits: 0,
  unknown: -1,
  malformedUrl: -2,
  hostNotFound: -3,
  connection: -4,
  tooManyRedirects: -5,
  network: -6,
  timeout: -7,
  internal: -8,
  tooLarge: -9,
} as const;

export class HttpRequestFailure extends Error {
  readonly code = 'HTTP_REQUEST_FAILED';
  constructor(
    readonly voxCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpRequestFailure';
  }
}

/** Performs a scenario's HTTP request; throws {@link HttpRequestFailure} when no response came back. */
export interface HttpRequester {
  request(request: HttpRequest): Promise<HttpResponse>;
}

export interface SessionLogEntry {
  /** Clock time (ms) of the line. */
  at: number;
  source: 'scenario' | 'engine';
  level: 'info' | 'warn' | 'error';
  text: string;
}

export type SessionEnd =
  | { kind: 'terminated'; by: 'scenario' | 'idle' | 'api' | 'maxDuration' }
  | { kind: 'failed'; message: string; file?: string; line?: number; column?: number };

export interface SessionObserver {
  /** The session is over: `Terminated` was delivered (or the scenario failed); every call is ended and recorded. */
  sessionEnded(sessionId: string, end: SessionEnd): void;
}

export interface SessionDeps {
  sessionId: string;
  /** The session's management URL (`AppEvents.Started.accessURL`). */
  accessURL: string;
  clock: Clock;
  /** Epoch milliseconds, for call records. */
  wallClock: () => number;
  logger: Logger;
  channel: ScenarioEventChannel;
  dialer: OutgoingCallDialer;
  mediaUnits: MediaUnitFactory;
  http: HttpRequester;
  /** Hosts `Net.httpRequestAsync` may reach; `*` allows any host. */
  httpAllowHosts: readonly string[];
  records: CallRecordSink;
  observer: SessionObserver;
  limits?: Partial<SessionLimits>;
}

export interface IncomingCallInfo {
  callerid: string;
  destination: string;
  displayName: string;
  fromURI: string;
  toURI: string;
  headers: Record<string, string>;
  customData: string;
}

export type SessionState = 'running' | 'terminating' | 'terminated';

/** A call or request arrived for a session that is ending or over. */
export class SessionClosedError extends Error {
  readonly code = 'SESSION_CLOSED';
  constructor(
    readonly sessionId: string,
    readonly state: SessionState,
  ) {
    super(`session ${sessionId} is ${state}`);
    this.name = 'SessionClosedError';
  }
}
