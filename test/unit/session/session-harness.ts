import pino from 'pino';
import type { CallRecord } from '../../../engine/call/call-record.js';
import { SimulatedLeg } from '../../../engine/call/simulated-leg.js';
import { SimulatedMediaUnits } from '../../../engine/call/simulated-media-units.js';
import type { ScenarioCommand, ScenarioEvent } from '../../../engine/session/scenario-protocol.js';
import { Session } from '../../../engine/session/session.js';
import type { DialRequest, HttpRequester, SessionEnd, SessionLimits } from '../../../engine/session/session-types.js';
import { SimulatedHttp } from '../../../engine/testing/simulated-http.js';
import { VirtualClock } from '../../../engine/testing/virtual-clock.js';

/** A Session wired to simulated legs, units and HTTP, with a virtual clock; records every event it delivers. */
export class SessionHarness {
  readonly clock = new VirtualClock();
  readonly delivered: ScenarioEvent[] = [];
  readonly records: CallRecord[] = [];
  readonly dialed: Array<{ request: DialRequest; leg: SimulatedLeg }> = [];
  readonly legs = new Map<string, SimulatedLeg>();
  readonly media = new SimulatedMediaUnits(this.clock);
  readonly http = new SimulatedHttp();
  end: SessionEnd | undefined;
  readonly session: Session;

  constructor(options: { limits?: Partial<SessionLimits>; allowHosts?: string[]; requester?: HttpRequester } = {}) {
    this.session = new Session({
      sessionId: 's1',
      accessURL: 'http://127.0.0.1:8080/sessions/s1',
      clock: this.clock,
      wallClock: this.clock.wallClock,
      logger: pino({ level: 'silent' }),
      channel: { deliver: (event) => this.delivered.push(event) },
      dialer: {
        dial: (request) => {
          const leg = new SimulatedLeg(`call:${request.callId}`, 'outgoing', this.clock);
          this.dialed.push({ request, leg });
          this.legs.set(request.callId, leg);
          return leg;
        },
      },
      mediaUnits: this.media,
      http: options.requester ?? this.http,
      httpAllowHosts: options.allowHosts ?? ['example.com'],
      records: { write: (record) => this.records.push(record) },
      observer: { sessionEnded: (_id, end) => (this.end = end) },
      limits: options.limits,
    });
  }

  incoming(headers: Record<string, string> = {}): string {
    const id = this.session.addIncomingCall(
      (callId) => {
        const leg = new SimulatedLeg(`call:${callId}`, 'incoming', this.clock);
        this.legs.set(callId, leg);
        return leg;
      },
      {
        callerid: '+15550100',
        destination: '100',
        displayName: 'Alice',
        fromURI: 'sip:+15550100@10.0.0.1',
        toURI: 'sip:100@10.0.0.2',
        headers,
        customData: 'cd',
      },
    );
    return id;
  }

  command(command: ScenarioCommand): void {
    this.session.handleCommand(command);
  }

  /** Names of delivered events: app and call event names, `call.added`, `timer`, `http.result`, unit events. */
  names(): string[] {
    return this.delivered.map((e) =>
      e.type === 'app' || e.type === 'call' || e.type === 'unit' ? e.event : e.type,
    );
  }

  async settle(): Promise<void> {
    await this.clock.advance(0, settle);
  }

  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms, settle);
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((done) => setImmediate(done));
}
