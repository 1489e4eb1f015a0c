/**
 * The session port backed by the engine's real sessions: each `start` runs the scenario in the sandbox through the
 * session glue (`startScenarioSession`), with the engine services the serve process provides (clock, logger, dialer,
 * media units, HTTP) and the store's call-record sink. Live sessions are answered from memory; their end is reported
 * to the API, which closes the session's record in the store.
 */
import { startScenarioSession } from '../sandbox/scenario-session.js';
import type { SandboxHost, SandboxLimits } from '../sandbox/sandbox-types.js';
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
  /** Where each ended call's record goes (the store's `callRecords`, or a group-commit sink over it). */
  records: CallRecordSink;
  services: SessionServices;
  sandboxLimits?: Partial<SandboxLimits>;
}

interface Running {
  session: Session;
  ended: Promise<void>;
}

export class ScenarioSessionPort implements SessionPort {
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: ScenarioSessionPortOptions) {}

  async start(request: SessionStartRequest, observer: SessionObserver): Promise<void> {
    let session: Session | undefined;
    let endedBeforeStart: SessionEnd | undefined;
    let markEnded!: () => void;
    const ended = new Promise<void>((done) => (markEnded = done));
    const report = (end: SessionEnd, log: readonly SessionLogEntry[]) => {
      this.running.delete(request.sessionId);
      markEnded();
      observer.ended(toOutcome(end, log));
    };
    const { scenario } = request;
    const started = await startScenarioSession({
      host: this.options.host,
      scenario: { hash: scenario.hash, fileName: scenario.fileName, code: scenario.code },
      ...(this.options.sandboxLimits && { sandboxLimits: this.options.sandboxLimits }),
      customData: request.customData,
      session: {
        ...this.options.services,
        sessionId: request.sessionId,
        accessURL: request.accessUrl,
        records: this.options.records,
      },
      observer: {
        sessionEnded: (_sessionId, end) => {
          // The scenario's top level can fail before startScenarioSession returns the session.
          if (session) report(end, session.log.lines);
          else endedBeforeStart = end;
        },
      },
    });
    session = started.session;
    if (endedBeforeStart) report(endedBeforeStart, session.log.lines);
    else if (session.state !== 'terminated') this.running.set(request.sessionId, { session, ended });
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
    for (const { session } of [...this.running.values()]) session.close();
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
