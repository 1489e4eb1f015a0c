/**
 * The scenario author's test kit (`callscript/testing`): load a scenario, drive simulated calls, advance a virtual
 * clock, and read what the scenario did. The scenario runs in a real isolate with the real prelude (in-process, the
 * same protocol as production); only the network is simulated.
 *
 *     const kit = await loadScenario('examples/ivr/ivr.scenario.ts');
 *     const call = kit.incomingCall({ callerid: '+15550100', destination: '100' });
 *     await kit.flush();
 *     expect(call.answered).toBe(true);
 */
import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import type { CallRecord } from '../call/call-record.js';
import { SimulatedLeg, type SimulatedLegOptions } from '../call/simulated-leg.js';
import { SimulatedMediaUnits } from '../call/simulated-media-units.js';
import { compileScenarioFile, compileScenarioSource } from '../sandbox/compile-scenario.js';
import type { CompiledScenario, SandboxLimits } from '../sandbox/sandbox-types.js';
import { startScenarioSession } from '../sandbox/scenario-session.js';
import type { ScenarioEvent } from '../session/scenario-protocol.js';
import type { Session } from '../session/session.js';
import type { DialRequest, SessionEnd, SessionLimits, SessionLogEntry } from '../session/session-types.js';
import { SimulatedCall } from './simulated-call.js';
import { SimulatedHttp } from './simulated-http.js';
import { VirtualClock } from './virtual-clock.js';
import { kitSandboxHost } from './kit-sandbox-host.js';

export interface LoadScenarioOptions {
  /** `VoxEngine.customData()`: the session is started with this custom data. */
  customData?: string;
  limits?: Partial<SessionLimits>;
  sandboxLimits?: Partial<SandboxLimits>;
  /**
   * The network behind `Net.httpRequestAsync`, for responses the scenario needs before the test gets the kit (its
   * `Started` handler runs during `loadScenario`). Default: an empty one, where every URL answers 404.
   */
  http?: SimulatedHttp;
  /** Hosts `Net.httpRequestAsync` may reach (default: any; answers come from `kit.http`). */
  httpAllowHosts?: string[];
  /** Virtual durations of prompts (default 60 ms per TTS character, 3 s per URL). */
  playback?: SimulatedLegOptions;
  /** Engine log (default: silent; the scenario's own lines are in `kit.logs` either way). */
  logger?: Logger;
  sessionId?: string;
}

export interface IncomingCallOptions {
  callerid: string;
  destination: string;
  displayName?: string;
  headers?: Record<string, string>;
  customData?: string;
  fromURI?: string;
  toURI?: string;
}

/** One entry of the ordered event log: every event the scenario received, with the virtual time it arrived. */
export interface KitEvent {
  at: number;
  /** `Application.Started`, `Call.Connected`, `Player.PlaybackFinished`, `timer`, `http.result`, ... */
  name: string;
  callId?: string;
  unitId?: string;
  payload: Record<string, unknown>;
}

let kitCount = 0;

export class ScenarioKit {
  readonly clock = new VirtualClock();
  readonly http: SimulatedHttp;
  readonly media: SimulatedMediaUnits;
  readonly events: KitEvent[] = [];
  readonly records: CallRecord[] = [];
  readonly outgoingCalls: SimulatedCall[] = [];
  readonly incomingCalls: SimulatedCall[] = [];
  end: SessionEnd | undefined;
  private session!: Session;

  private constructor(private readonly options: LoadScenarioOptions) {
    this.http = options.http ?? new SimulatedHttp();
    this.media = new SimulatedMediaUnits(this.clock, options.playback?.ttsMsPerChar, options.playback?.urlPlaybackMs);
  }

  /** @internal use {@link loadScenario} */
  static async start(scenario: CompiledScenario, options: LoadScenarioOptions): Promise<ScenarioKit> {
    const kit = new ScenarioKit(options);
    const { session } = await startScenarioSession({
      host: kitSandboxHost(),
      scenario,
      sandboxLimits: options.sandboxLimits,
      customData: options.customData,
      observer: { sessionEnded: (_id, end) => (kit.end = end) },
      onEvent: (event) => kit.record(event),
      session: {
        sessionId: options.sessionId ?? `test-session-${++kitCount}`,
        accessURL: 'http://127.0.0.1/simulated',
        clock: kit.clock,
        wallClock: kit.clock.wallClock,
        logger: options.logger ?? pino({ level: 'silent' }),
        dialer: { dial: (request) => kit.dial(request) },
        mediaUnits: kit.media,
        http: kit.http,
        httpAllowHosts: options.httpAllowHosts ?? ['*'],
        records: { write: (record) => kit.records.push(record) },
        // Terminated follows Terminating at once, so that `advance(60_000)` after the last call sees the session end.
        limits: { terminatingGraceMs: 0, ...options.limits },
      },
    });
    kit.session = session;
    await kit.flush();
    return kit;
  }

  /** A call arrives for the scenario (`AppEvents.CallAlerting`). */
  incomingCall(options: IncomingCallOptions): SimulatedCall {
    let leg: SimulatedLeg | undefined;
    const callId = this.session.addIncomingCall(
      (id) => (leg = new SimulatedLeg(`call:${id}`, 'incoming', this.clock, this.options.playback)),
      {
        callerid: options.callerid,
        destination: options.destination,
        displayName: options.displayName ?? '',
        fromURI: options.fromURI ?? `sip:${options.callerid}@127.0.0.1`,
        toURI: options.toURI ?? `sip:${options.destination}@127.0.0.1`,
        headers: options.headers ?? {},
        customData: options.customData ?? '',
      },
    );
    const call = new SimulatedCall(callId, leg!, () => this.session.call(callId));
    this.incomingCalls.push(call);
    return call;
  }

  /** The next outgoing call the scenario placed that the test has not taken yet. */
  nextOutgoingCall(): SimulatedCall {
    const call = this.outgoingCalls[this.taken];
    if (!call) throw new Error(`the scenario placed ${this.outgoingCalls.length} outgoing call(s); none is left to take`);
    this.taken++;
    return call;
  }

  private taken = 0;

  /** Lets every pending event and scenario reaction run, without moving the clock. */
  async flush(): Promise<void> {
    await this.clock.advance(0, settle);
  }

  /** Moves virtual time forward, firing every timer due (scenario timers, the 60 s rules, prompt ends). */
  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms, settle);
  }

  /** `AppEvents.HttpRequest`: a request to the session's access URL. */
  httpRequest(content: string, options: { method?: string; path?: string; headers?: Record<string, string> } = {}): void {
    this.session.deliverHttpRequest({
      method: options.method ?? 'POST',
      path: options.path ?? '/simulated',
      content,
      headers: Object.entries(options.headers ?? {}).map(([key, value]) => ({ key, value })),
    });
  }

  /** Terminates the session from outside (the management API's terminate). */
  terminate(): void {
    this.session.terminate('api');
  }

  get terminated(): boolean {
    return this.session.state === 'terminated';
  }

  get state(): string {
    return this.session.state;
  }

  /** Set when the scenario failed (threw, timed out, ...): the message and the author's file, line and column. */
  get failure(): Extract<SessionEnd, { kind: 'failed' }> | undefined {
    return this.end?.kind === 'failed' ? this.end : undefined;
  }

  /** `Logger.write` lines of the scenario, in order. */
  get logs(): string[] {
    return this.session.log.lines.filter((l) => l.source === 'scenario').map((l) => l.text);
  }

  /** Every log line of the session, the engine's included. */
  get logLines(): readonly SessionLogEntry[] {
    return this.session.log.lines;
  }

  /** Media routes in place (`sendMediaTo`, `sendMediaBetween`), as `call:<id>` / `player:<id>` / `recorder:<id>`. */
  get routes(): Array<{ from: string; to: string }> {
    return this.session.routes.map((r) => ({ from: `${r.from.kind}:${r.from.id}`, to: `${r.to.kind}:${r.to.id}` }));
  }

  get customData(): string {
    return this.session.customData;
  }

  /** Event names in order, optionally only those of one call. */
  eventNames(callId?: string): string[] {
    return this.events.filter((e) => callId === undefined || e.callId === callId).map((e) => e.name);
  }

  /** Ends the session if it is still running and releases its isolate. Idempotent. */
  close(): void {
    this.session.close();
  }

  private dial(request: DialRequest): SimulatedLeg {
    const leg = new SimulatedLeg(`call:${request.callId}`, 'outgoing', this.clock, this.options.playback);
    this.outgoingCalls.push(new SimulatedCall(request.callId, leg, () => this.session.call(request.callId), request));
    return leg;
  }

  private record(event: ScenarioEvent): void {
    const at = this.clock.now();
    switch (event.type) {
      case 'app':
        this.events.push({ at, name: event.event, callId: callOf(event.payload), payload: event.payload });
        return;
      case 'call':
        this.events.push({ at, name: event.event, callId: event.callId, payload: event.payload });
        return;
      case 'unit':
        this.events.push({ at, name: event.event, unitId: event.unitId, payload: event.payload });
        return;
      case 'call.added':
        return;
      case 'timer':
        this.events.push({ at, name: 'timer', payload: { timerId: event.timerId } });
        return;
      case 'http.result':
        this.events.push({ at, name: 'http.result', payload: { requestId: event.requestId, ...event.result } });
    }
  }
}

function callOf(payload: Record<string, unknown>): string | undefined {
  return typeof payload['call'] === 'string' ? payload['call'] : undefined;
}

/** Microtasks (simulated far ends, the session's outbox) and one macrotask turn, a few times over. */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await new Promise<void>((done) => setImmediate(done));
}

/** Compiles and starts a scenario file for a test; paths are relative to the current directory. */
export async function loadScenario(path: string, options: LoadScenarioOptions = {}): Promise<ScenarioKit> {
  return ScenarioKit.start(await compileScenarioFile(resolve(path)), options);
}

/** Starts a scenario given as source text (handy for small tests). */
export async function loadScenarioSource(source: string, options: LoadScenarioOptions & { fileName?: string } = {}): Promise<ScenarioKit> {
  return ScenarioKit.start(await compileScenarioSource({ fileName: options.fileName ?? 'inline.scenario.ts', source }), options);
}
