/**
 * The session port backed by the engine's real sessions: each `start` runs the scenario in the sandbox through the
 * session glue (`startScenarioSession`), with the engine services the serve process provides (clock, logger, dialer,
 * media units, HTTP) and the store's call-record sink. Live sessions are answered from memory; their end is reported
 * to the API, which closes the session's record in the store. The serve process builds on {@link launch} for the
 * sessions that incoming calls and `callscript run` start.
 */
import { startScenarioSession } from '../sandbox/scenario-session.js';
import type { CompiledScenario, SandboxHost, SandboxLimits } from '../sandbox/sandbox-types.js';
import type { Session } from '../session/session.js';
import type { CallRecordSink, SessionDeps, SessionEnd, SessionLogEntry } from '../session/session-types.js';
import type {
  HttpRequestEvent,
  LiveSession,
  SessionObserver,
  SessionOutcome,
  SessionPort,
  SessionStartRequest,
} from './session-port.js';

export type SessionServices = Omit<SessionDeps, 'sessionId' | 'accessURL' | 'channel' | 'observer' | 'records'>;

export interface ScenarioSessionPortOptions {
  host: SandboxHost;
  /** Where each ended call's record goes (the store's `callRecords`, or the store's writer thread). */
  records: CallRecordSink;
  services: SessionServices;
  sandboxLimits?: Partial<SandboxLimits>;
  /** Told the number of running sessions whenever it changes (a gauge). */
  onRunningCountChange?: (count: number) => void;
}

export interface LaunchedSession {
  session: Session;
  /** Resolves once the session has ended, with its outcome and log. */
  ended: Promise<SessionOutcome>;
}

export class ScenarioSessionPort implements SessionPort {
  private readonly running = new Map<string, LaunchedSession>();

  constructor(private readonly options: ScenarioSessionPortOptions) {}

  async start(request: SessionStartRequest, observer: SessionObserver): Promise<void> {
    const { scenario } = request;
    const { ended } = await this.launch({
      sessionId: request.sessionId,
      scenario: { hash: scenario.hash, fileName: scenario.fileName, code: scenario.code },
      customData: request.customData,
      accessURL: request.accessUrl,
    });
    void ended.then((outcome) => observer.ended(outcome));
  }

  /** Runs a scenario session and keeps it findable until it ends. */
  async launch(request: { sessionId: string; scenario: CompiledScenario; customData: string; accessURL: string }): Promise<LaunchedSession> {
    const { sessionId } = request;
    let session: Session | undefined;
    let endedBeforeStart: SessionEnd | undefined;
    let markEnded!: (outcome: SessionOutcome) => void;
    const ended = new Promise<SessionOutcome>((done) => (markEnded = done));
    const report = (end: SessionEnd, log: readonly SessionLogEntry[]) => {
      if (this.running.delete(sessionId)) this.options.onRunningCountChange?.(this.running.size);
      markEnded(toOutcome(end, log));
    };
    const started = await startScenarioSession({
      host: this.options.host,
      scenario: request.scenario,
      ...(this.options.sandboxLimits && { sandboxLimits: this.options.sandboxLimits }),
      customData: request.customData,
      session: { ...this.options.services, sessionId, accessURL: request.accessURL, records: this.options.records },
      observer: {
        sessionEnded: (_sessionId, end) => {
          // The scenario's top level can fail before startScenarioSession returns the session.
          if (session) report(end, session.log.lines);
          else endedBeforeStart = end;
        },
      },
    });
    session = started.session;
    const launched = { session, ended };
    if (endedBeforeStart) report(endedBeforeStart, session.log.lines);
    else if (session.state !== 'terminated') {
      this.running.set(sessionId, launched);
      this.options.onRunningCountChange?.(this.running.size);
    }
    return launched;
  }

  /** The sessions still running, for draining and gauges. */
  runningSessions(): LaunchedSession[] {
    return [...this.running.values()];
  }

  find(sessionId: string): LiveSession | undefined {
    const running = this.running.get(sessionId);
    if (!running) return undefined;
    const { session } = running;
    return {
      id: sessionId,
      status: session.state === 'running' ? 'running' : 'terminating',
      calls: session.callRecords(),
      log: session.log.lines.map(formatLine),
    };
  }

  activeCount(): number {
    return this.running.size;
  }

  async terminate(sessionId: string): Promise<void> {
    const running = this.running.get(sessionId);
    if (!running) return;
    running.session.terminate('api');
    await running.ended;
  }

  deliverHttpRequest(sessionId: string, request: HttpRequestEvent): boolean {
    const running = this.running.get(sessionId);
    if (!running || running.session.state !== 'running') return false;
    running.session.deliverHttpRequest(request);
    return true;
  }

  /** Ends every running session without events (engine shutdown). Idempotent. */
  close(): void {
    for (const { session } of this.runningSessions()) session.close();
  }
}

function toOutcome(end: SessionEnd, log: readonly SessionLogEntry[]): SessionOutcome {
  const lines = log.map(formatLine);
  if (end.kind === 'terminated') return { status: 'ended', reason: `terminated by ${end.by}`, log: lines };
  const where = end.file ? ` (${end.file}:${end.line ?? 0}:${end.column ?? 0})` : '';
  return { status: 'failed', reason: `scenario_error: ${end.message}${where}`, log: lines };
}

/** Scenario lines as written; engine lines tagged, so an operator tells `Logger.write` from the engine's notes. */
function formatLine(entry: SessionLogEntry): string {
  return entry.source === 'scenario' ? entry.text : `[engine ${entry.level}] ${entry.text}`;
}
