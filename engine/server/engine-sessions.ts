/**
 * Every scenario session of the serve process, however it started: by an incoming call a rule routed, by the
 * management API (it implements the API's `SessionPort`), or by `callscript run`. Each runs in the sandbox through
 * the session glue; its start and end are written to the store (when there is one) and counted in the metrics.
 * It is also where draining happens: refuse new sessions, let running ones finish, then end the rest.
 */
import { randomUUID } from 'node:crypto';
import type { CallLeg } from '../call/call-leg.js';
import type {
  HttpRequestEvent,
  LiveSession,
  SessionObserver as ApiSessionObserver,
  SessionOutcome,
  SessionPort,
  SessionStartRequest,
} from '../api/session-port.js';
import { ScenarioSessionPort, type SessionServices } from '../api/scenario-session-port.js';
import type { EngineMetrics } from '../metrics.js';
import type { CompiledScenario, SandboxHost } from '../sandbox/sandbox-types.js';
import type { Session } from '../session/session.js';
import type { CallRecordSink, IncomingCallInfo } from '../session/session-types.js';
import type { SessionRecordWriter } from '../store/session-repository.js';

export interface EngineSessionsOptions {
  host: SandboxHost;
  services: SessionServices;
  records: CallRecordSink;
  /** Where the session rows are written, if anywhere. */
  sessionRecords: SessionRecordWriter | undefined;
  metrics: EngineMetrics;
  /** The session's control URL (`AppEvents.Started.accessURL`). */
  accessUrl: (sessionId: string) => string;
  maxSessions: number;
}

export interface LaunchRequest {
  scenario: CompiledScenario;
  /** For the store's session record: the stored scenario's name, or the scenario file's. */
  scenarioName: string;
  /** 0 for a scenario file from the config or the command line. */
  scenarioVersion: number;
  customData?: string;
}

export class SessionsRefusedError extends Error {
  readonly code = 'sessions_refused';
  constructor(readonly reason: 'draining' | 'limit' | 'scenario-failed') {
    super(reason === 'draining' ? 'the engine is shutting down' : reason === 'limit' ? 'too many sessions' : 'the scenario failed to start');
    this.name = 'SessionsRefusedError';
  }
}

export class EngineSessions implements SessionPort {
  private readonly sessions: ScenarioSessionPort;
  private draining = false;

  constructor(private readonly options: EngineSessionsOptions) {
    this.sessions = new ScenarioSessionPort({
      host: options.host,
      services: options.services,
      records: options.records,
      onRunningCountChange: (count) => options.metrics.sessionsActive.set({}, count),
    });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Refuses with {@link SessionsRefusedError} while draining or at the session limit. */
  checkAccepting(): void {
    if (this.draining) throw new SessionsRefusedError('draining');
    if (this.sessions.activeCount() >= this.options.maxSessions) throw new SessionsRefusedError('limit');
  }

  /** The API's start: the API writes the store record and counts the session itself. */
  async start(request: SessionStartRequest, observer: ApiSessionObserver): Promise<void> {
    this.checkAccepting();
    await this.sessions.start(request, observer);
  }

  /**
   * A session for an incoming call: `Started`, then `CallAlerting` with a `Call` over `leg`. Rejects when the
   * scenario's top level failed or the session ended before the call could join it (the leg is then the caller's
   * to reject).
   */
  async startForCall(request: LaunchRequest, leg: CallLeg, info: IncomingCallInfo): Promise<{ sessionId: string; ended: Promise<SessionOutcome> }> {
    this.checkAccepting();
    const { sessionId, session, ended } = await this.launchRecorded(request);
    if (session.state !== 'running') throw new SessionsRefusedError('scenario-failed');
    session.addIncomingCall(() => leg, info);
    return { sessionId, ended };
  }

  /** A session started with custom data and no call (`callscript run`). */
  async startStandalone(request: LaunchRequest): Promise<{ sessionId: string; session: Session; ended: Promise<SessionOutcome> }> {
    this.checkAccepting();
    return this.launchRecorded(request);
  }

  find(sessionId: string): LiveSession | undefined {
    return this.sessions.find(sessionId);
  }

  /** Calls not yet hung up, by call record status (the calls-active gauge). */
  liveCallsByStatus(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { session } of this.sessions.runningSessions()) {
      for (const call of session.callRecords()) {
        if (call.status !== 'hangup') counts.set(call.status, (counts.get(call.status) ?? 0) + 1);
      }
    }
    return counts;
  }

  activeCount(): number {
    return this.sessions.activeCount();
  }

  terminate(sessionId: string): Promise<void> {
    return this.sessions.terminate(sessionId);
  }

  deliverHttpRequest(sessionId: string, request: HttpRequestEvent): boolean {
    return this.sessions.deliverHttpRequest(sessionId, request);
  }

  /**
   * Refuses new sessions, waits up to `timeoutMs` for the running ones to end on their own, then terminates the
   * rest (their calls are hung up with BYE or CANCEL) and waits for them to be recorded.
   */
  async drain(timeoutMs: number): Promise<{ finished: number; terminated: number }> {
    this.draining = true;
    const before = this.sessions.activeCount();
    await Promise.race([Promise.all(this.sessions.runningSessions().map((r) => r.ended)), delay(timeoutMs)]);
    const left = this.sessions.runningSessions();
    for (const { session } of left) session.terminate('api');
    await Promise.race([Promise.all(left.map((r) => r.ended)), delay(5_000)]);
    return { finished: before - left.length, terminated: left.length };
  }

  /** Ends every session at once without events (after a drain, or on a failed start). Idempotent. */
  close(): void {
    this.draining = true;
    this.sessions.close();
  }

  private async launchRecorded(request: LaunchRequest) {
    const sessionId = randomUUID();
    const customData = request.customData ?? '';
    this.options.sessionRecords?.start({ id: sessionId, scenario: request.scenarioName, scenarioVersion: request.scenarioVersion, customData });
    this.options.metrics.sessionsStarted.inc();
    const launched = await this.sessions.launch({ sessionId, scenario: request.scenario, customData, accessURL: this.options.accessUrl(sessionId) });
    const ended = launched.ended.then((outcome) => {
      this.options.sessionRecords?.end(sessionId, outcome);
      this.options.metrics.sessionsEnded.inc({ status: outcome.status });
      return outcome;
    });
    return { sessionId, session: launched.session, ended };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms).unref());
}
