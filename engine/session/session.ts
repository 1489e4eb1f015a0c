/**
 * A scenario session (DESIGN.md, "Session limits"): its calls, media units, timers and HTTP requests, the
 * `AppEvents` in VoxEngine's order, and its end. It receives the scenario's commands (each checked: shape, size,
 * ownership by this session) and sends events through a {@link ScenarioEventChannel}, never knowing the sandbox.
 *
 * VoxEngine's rules kept here: `Started` comes first and once; `CallAlerting` announces each incoming call; a session
 * with no calls left ends `idleTerminateMs` (60 s) after its last call ended unless `terminate()` comes first; after
 * `terminate()` only `Terminating` and `Terminated` are delivered. A scenario failure ends the session at once: its
 * calls are hung up and recorded, and the error is logged with the author's file, line and column.
 */
import type { TimerHandle } from '../clock.js';
import { Call } from '../call/call.js';
import type { CallLeg } from '../call/call-leg.js';
import { invokeCallMethod, type CallCommandContext } from '../call/call-commands.js';
import type { CallObserver } from '../call/call-types.js';
import type { CallRecord } from '../call/call-record.js';
import {
  ScenarioArgumentError,
  ScenarioLimitError,
  requireCustomData,
  requireString,
  type ArgData,
} from '../call/scenario-arguments.js';
import { EventOutbox } from './event-outbox.js';
import { parseOutgoingCall } from './outgoing-call-request.js';
import type { Data, ScenarioCommand, ScenarioEvent } from './scenario-protocol.js';
import { ScenarioHttp } from './scenario-http.js';
import { ScenarioTimers } from './scenario-timers.js';
import { SessionLog } from './session-log.js';
import { SessionMedia, type MediaRoute } from './session-media.js';
import {
  SessionClosedError,
  defaultSessionLimits,
  type IncomingCallInfo,
  type SessionDeps,
  type SessionEnd,
  type SessionLimits,
  type SessionState,
} from './session-types.js';

export const AppEvents = {
  Started: 'Application.Started',
  CallAlerting: 'Application.CallAlerting',
  HttpRequest: 'Application.HttpRequest',
  Terminating: 'Application.Terminating',
  Terminated: 'Application.Terminated',
} as const;

export interface ScenarioFailureReport {
  message: string;
  kind?: string;
  file?: string;
  line?: number;
  column?: number;
  stack?: string;
}

export class Session {
  readonly id: string;
  readonly limits: SessionLimits;
  readonly log: SessionLog;

  private current: SessionState = 'running';
  private started = false;
  private customDataValue = '';
  private nextIncoming = 1;
  private callAttempts = 0;
  private terminatingRequests = 0;
  private idleTimer: TimerHandle | undefined;
  private lifeTimer: TimerHandle | undefined;
  private graceTimer: TimerHandle | undefined;
  private readonly calls = new Map<string, Call>();
  private readonly outbox: EventOutbox;
  private readonly timers: ScenarioTimers;
  private readonly http: ScenarioHttp;
  private readonly media: SessionMedia;
  private readonly callObserver: CallObserver;
  private readonly commandContext: CallCommandContext;

  constructor(private readonly deps: SessionDeps) {
    this.id = deps.sessionId;
    this.limits = { ...defaultSessionLimits, ...deps.limits };
    const logger = deps.logger.child({ sessionId: deps.sessionId });
    this.log = new SessionLog(logger, deps.clock, this.limits.maxLogLines, this.limits.maxLogLineChars);
    this.outbox = new EventOutbox(deps.channel, (error) => this.log.engine('error', 'event delivery failed', { err: error }));
    this.timers = new ScenarioTimers(deps.clock, this.limits, (timerId) => this.push({ type: 'timer', timerId }));
    this.http = new ScenarioHttp(deps.http, deps.httpAllowHosts, this.limits, (requestId, result) => this.push({ type: 'http.result', requestId, result }), logger);
    this.media = new SessionMedia(deps.mediaUnits, this.limits, (id) => this.calls.get(id), (unitId, event, payload) =>
      this.push({ type: 'unit', unitId, event, payload }),
    );
    this.callObserver = {
      callEvent: (callId, event, payload, mirror) => this.push({ type: 'call', callId, event, payload: payload as Record<string, Data>, mirror }),
      callEnded: (callId) => this.callEnded(callId),
    };
    this.commandContext = {
      limits: this.limits,
      resolveCall: (api, argument, ref) => {
        const call = typeof ref === 'string' ? this.calls.get(ref) : undefined;
        if (!call) throw new ScenarioArgumentError(api, argument, 'is not a call of this session');
        return call;
      },
    };
  }

  get state(): SessionState {
    return this.current;
  }

  get customData(): string {
    return this.customDataValue;
  }

  get routes(): readonly MediaRoute[] {
    return this.media.routes;
  }

  get activeTimers(): number {
    return this.timers.active;
  }

  call(callId: string): Call | undefined {
    return this.calls.get(callId);
  }

  get callIds(): string[] {
    return [...this.calls.keys()];
  }

  /** Every call of the session so far: ended ones final, live ones as their record in progress. */
  callRecords(): CallRecord[] {
    return [...this.calls.values()].map((call) => call.buildRecord(this.id));
  }

  /** Delivers `AppEvents.Started` (once), with the custom data the session was started with. */
  start(options: { customData?: string } = {}): void {
    if (this.started || this.current !== 'running') return;
    this.started = true;
    this.customDataValue = options.customData ?? '';
    const { accessURL } = this.deps;
    this.push({
      type: 'app',
      event: AppEvents.Started,
      payload: { sessionId: this.id, accessURL, accessSecureURL: accessURL, logURL: '', customData: this.customDataValue },
    });
    this.lifeTimer = this.deps.clock.setTimer(() => this.terminate('maxDuration'), this.limits.maxSessionMs);
    if (this.calls.size === 0) this.armIdle();
  }

  /**
   * A new incoming call for this session: `call.added`, then `AppEvents.CallAlerting`. Returns the call id; throws
   * {@link SessionClosedError} once the session is ending (the caller should answer the INVITE with 480).
   */
  addIncomingCall(makeLeg: (callId: string) => CallLeg, info: IncomingCallInfo): string {
    if (this.current !== 'running') throw new SessionClosedError(this.id, this.current);
    if (!this.started) this.start();
    const callId = `call-${this.nextIncoming++}`;
    const call = this.newCall(callId, makeLeg(callId), {
      direction: 'incoming',
      callerid: info.callerid,
      displayName: info.displayName,
      number: info.destination,
      clientType: 'sip',
      headers: info.headers,
      customData: info.customData,
    });
    this.push({ type: 'call.added', mirror: call.mirror() });
    this.push({
      type: 'app',
      event: AppEvents.CallAlerting,
      payload: {
        call: callId,
        callerid: info.callerid,
        destination: info.destination,
        displayName: info.displayName,
        fromURI: info.fromURI,
        toURI: info.toURI,
        headers: info.headers,
        customData: info.customData,
        scheme: '',
      },
    });
    return callId;
  }

  /** `AppEvents.HttpRequest`: a request to the session's access URL. */
  deliverHttpRequest(request: { method: string; path: string; content: string; headers: Array<{ key: string; value: string }> }): void {
    if (this.current !== 'running') return;
    this.push({ type: 'app', event: AppEvents.HttpRequest, payload: { ...request } });
  }

  /**
   * One command from the scenario. Throws {@link ScenarioArgumentError} / {@link ScenarioLimitError} for a command the
   * session refuses; the caller ends the session with that error.
   */
  handleCommand(command: ScenarioCommand): void {
    if (this.current === 'terminated') return;
    const c = command as unknown as Record<string, unknown>;
    if (c === null || typeof c !== 'object' || typeof c['op'] !== 'string') {
      throw new ScenarioArgumentError('bridge', 'command', 'must be an object with a string op');
    }
    if (this.current === 'terminating' && !this.allowedWhileTerminating(c['op'])) return;
    switch (command.op) {
      case 'call.method': {
        const call = this.ownedCall(c['callId']);
        invokeCallMethod(call, requireString('Call', 'method', c['method'], 64), c['args'] as ArgData[], this.commandContext);
        return;
      }
      case 'call.create':
        return this.createOutgoingCall(c);
      case 'unit.create':
        return this.media.create(c['unitId'], c['kind'], c['params']);
      case 'unit.method':
        return this.media.invoke(c['unitId'], c['method'], c['args']);
      case 'media.send':
        return this.media.send(c['from'], c['to']);
      case 'media.stop':
        return this.media.stop(c['from'], c['to']);
      case 'timer.set':
        return this.timers.set(c['timerId'], c['delayMs'], c['repeat']);
      case 'timer.clear':
        return this.timers.clear(c['timerId']);
      case 'http.request':
        return this.http.request(c['requestId'], c['url'], c['options']);
      case 'log':
        return this.log.scenario(requireString('Logger.write', 'message', c['text'], 1_000_000));
      case 'session.customData':
        this.customDataValue = requireCustomData('VoxEngine.customData', 'customData', c['value'], this.limits.maxCustomDataBytes);
        return;
      case 'terminate':
        return this.terminate('scenario');
      case 'fatal':
        return this.fail({ message: requireString('fatal', 'message', c['message']), kind: String(c['reason']), stack: c['stack'] as string | undefined });
      default:
        throw new ScenarioArgumentError('bridge', 'op', `is not a known command: ${JSON.stringify(c['op'])}`);
    }
  }

  /**
   * `VoxEngine.terminate()` (or the API, the idle rule, the maximum duration): every call is hung up, `Terminating`
   * is delivered, and `Terminated` follows once the one HTTP request VoxEngine allows in the `Terminating` handler
   * has finished.
   */
  terminate(by: 'scenario' | 'idle' | 'api' | 'maxDuration' = 'api'): void {
    if (this.current !== 'running') return;
    this.current = 'terminating';
    this.log.engine('info', 'session terminating', { by });
    this.clearSessionTimers();
    this.timers.clearAll();
    this.outbox.restrict(
      (event: ScenarioEvent) =>
        (event.type === 'app' && (event.event === AppEvents.Terminating || event.event === AppEvents.Terminated)) ||
        event.type === 'http.result',
    );
    for (const call of this.calls.values()) call.forceEnd('normal');
    this.media.close();
    this.http.abandonActive();
    this.push({ type: 'app', event: AppEvents.Terminating, payload: {} });
    this.graceTimer = this.deps.clock.setTimer(() => {
      this.graceTimer = undefined;
      this.http.whenIdle(() => this.finish({ kind: 'terminated', by }));
    }, this.limits.terminatingGraceMs);
  }

  /** The scenario failed in the sandbox: its calls are hung up, the error logged with the author's position. */
  fail(failure: ScenarioFailureReport): void {
    if (this.current === 'terminated') return;
    const where = failure.file ? ` at ${failure.file}:${failure.line ?? 0}:${failure.column ?? 0}` : '';
    this.log.engine('error', `scenario failed${where}: ${failure.message}`, { failure });
    this.outbox.close();
    for (const call of this.calls.values()) call.forceEnd('scenario_error');
    this.finish({ kind: 'failed', message: failure.message, file: failure.file, line: failure.line, column: failure.column });
  }

  /** Ends the session without events (engine shutdown). Idempotent. */
  close(): void {
    if (this.current === 'terminated') return;
    this.outbox.close();
    for (const call of this.calls.values()) call.forceEnd('normal');
    this.finish({ kind: 'terminated', by: 'api' });
  }

  private finish(end: SessionEnd): void {
    if (this.current === 'terminated') return;
    this.current = 'terminated';
    this.clearSessionTimers();
    this.timers.clearAll();
    this.media.close();
    this.http.close();
    for (const call of this.calls.values()) call.close();
    if (end.kind === 'terminated') this.push({ type: 'app', event: AppEvents.Terminated, payload: {} });
    this.log.engine('info', 'session ended', { end });
    // After the outbox has delivered `Terminated` (its drain is queued before this microtask).
    queueMicrotask(() => {
      this.outbox.close();
      this.deps.observer.sessionEnded(this.id, end);
    });
  }

  private newCall(
    callId: string,
    leg: CallLeg,
    init: Pick<ConstructorParameters<typeof Call>[0], 'direction' | 'callerid' | 'displayName' | 'number' | 'clientType' | 'headers' | 'customData'> & {
      answerTimeoutMs?: number;
    },
  ): Call {
    this.disarmIdle();
    const call = new Call({
      ...init,
      id: callId,
      leg,
      clock: this.deps.clock,
      wallClock: this.deps.wallClock,
      logger: this.log.logger,
      limits: this.limits,
      observer: this.callObserver,
    });
    this.calls.set(callId, call);
    return call;
  }

  private createOutgoingCall(command: Record<string, unknown>): void {
    const { dial, answerTimeoutMs } = parseOutgoingCall(command);
    if (this.calls.has(dial.callId)) throw new ScenarioArgumentError('VoxEngine.callSIP', 'callId', `${dial.callId} is already in use`);
    if (this.callAttempts >= this.limits.maxCallAttempts) {
      throw new ScenarioLimitError('maxCallAttempts', `a session may make at most ${this.limits.maxCallAttempts} call attempts`);
    }
    this.callAttempts++;
    const leg = this.deps.dialer.dial(dial);
    this.newCall(dial.callId, leg, {
      direction: 'outgoing',
      callerid: dial.callerid,
      displayName: dial.displayName,
      number: dial.to,
      clientType: dial.kind,
      headers: dial.headers,
      customData: '',
      answerTimeoutMs,
    });
  }

  private callEnded(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.deps.records.write(call.buildRecord(this.id));
    this.media.callEnded(callId);
    if (this.current === 'running' && [...this.calls.values()].every((c) => c.state === 'TERMINATED')) this.armIdle();
  }

  private ownedCall(callId: unknown): Call {
    const call = typeof callId === 'string' ? this.calls.get(callId) : undefined;
    if (!call) throw new ScenarioArgumentError('Call', 'callId', `${JSON.stringify(callId)} is not a call of this session`);
    return call;
  }

  private allowedWhileTerminating(op: unknown): boolean {
    if (op === 'log' || op === 'fatal' || op === 'terminate') return true;
    // VoxEngine allows one HTTP request in the Terminating handler.
    return op === 'http.request' && this.terminatingRequests++ === 0;
  }

  private armIdle(): void {
    this.disarmIdle();
    this.idleTimer = this.deps.clock.setTimer(() => {
      this.idleTimer = undefined;
      this.terminate('idle');
    }, this.limits.idleTerminateMs);
  }

  private disarmIdle(): void {
    if (this.idleTimer) this.deps.clock.clearTimer(this.idleTimer);
    this.idleTimer = undefined;
  }

  private clearSessionTimers(): void {
    this.disarmIdle();
    for (const handle of [this.lifeTimer, this.graceTimer]) if (handle) this.deps.clock.clearTimer(handle);
    this.lifeTimer = undefined;
    this.graceTimer = undefined;
  }

  private push(event: ScenarioEvent): void {
    this.outbox.push(event);
  }
}
