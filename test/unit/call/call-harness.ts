import pino from 'pino';
import { Call } from '../../../engine/call/call.js';
import { defaultCallLimits, type CallLimits } from '../../../engine/call/call-context.js';
import type { CallObserver, CallMirrorUpdate } from '../../../engine/call/call-types.js';
import { SimulatedLeg } from '../../../engine/call/simulated-leg.js';
import { VirtualClock } from '../../../engine/testing/virtual-clock.js';

export interface EmittedEvent {
  name: string;
  payload: Record<string, unknown>;
  mirror?: CallMirrorUpdate;
}

/** A Call on a simulated leg with a virtual clock, recording what it emits. */
export class CallHarness {
  readonly clock = new VirtualClock();
  readonly events: EmittedEvent[] = [];
  ended = 0;
  readonly leg: SimulatedLeg;
  readonly call: Call;

  constructor(direction: 'incoming' | 'outgoing' = 'incoming', options: { limits?: Partial<CallLimits>; answerTimeoutMs?: number } = {}) {
    this.leg = new SimulatedLeg('call:c1', direction, this.clock);
    const observer: CallObserver = {
      callEvent: (_id, name, payload, mirror) => this.events.push({ name, payload: payload as Record<string, unknown>, mirror }),
      callEnded: () => this.ended++,
    };
    this.call = new Call({
      id: 'c1',
      direction,
      leg: this.leg,
      callerid: '+15550100',
      displayName: 'Alice',
      number: '100',
      clientType: 'sip',
      headers: { 'X-Tag': 'a' },
      customData: '',
      clock: this.clock,
      wallClock: this.clock.wallClock,
      logger: pino({ level: 'silent' }),
      limits: { ...defaultCallLimits, ...options.limits },
      observer,
      answerTimeoutMs: options.answerTimeoutMs,
    });
  }

  names(): string[] {
    return this.events.map((e) => e.name);
  }

  event(name: string): EmittedEvent | undefined {
    return this.events.find((e) => e.name === name);
  }

  /** Lets the simulated leg's reports (microtasks) run. */
  async settle(): Promise<void> {
    await this.clock.advance(0, settle);
  }

  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms, settle);
  }

  async connect(): Promise<void> {
    if (this.call.direction === 'incoming') this.call.answer({});
    else this.leg.remoteAnswer();
    await this.settle();
    this.events.length = 0;
  }
}

async function settle(): Promise<void> {
  await new Promise<void>((done) => setImmediate(done));
}
