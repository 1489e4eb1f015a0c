import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { systemClock } from '../../../engine/clock.js';
import { Call } from '../../../engine/call/call.js';
import { defaultCallLimits } from '../../../engine/call/call-context.js';
import type { CallObserver } from '../../../engine/call/call-types.js';
import { createIncomingSipLeg, createOutgoingSipLeg } from '../../../engine/call/sip-leg-factory.js';
import type { SipCallLeg } from '../../../engine/call/sip-leg.js';
import type { OutgoingSipCall, SipLegEnvironment } from '../../../engine/call/sip-leg-types.js';
import { MediaEngine } from '../../../engine/media/media-engine.js';
import { createPlaybackSources } from '../../../engine/media/player/playback-setup.js';
import { UserAgent } from '../../../engine/sip/user-agent/user-agent.js';

export interface CallEvent {
  name: string;
  payload: Record<string, unknown>;
}

/** A `Call` over a real `SipCallLeg`, with every event it emits, in order. */
export class ObservedCall {
  readonly events: CallEvent[] = [];
  ended = false;
  call!: Call;
  private waiters: (() => void)[] = [];

  constructor(readonly leg: SipCallLeg) {}

  readonly observer: CallObserver = {
    callEvent: (_id, name, payload) => {
      this.events.push({ name, payload: payload as Record<string, unknown> });
      for (const wake of this.waiters.splice(0)) wake();
    },
    callEnded: () => {
      this.ended = true;
    },
  };

  names(): string[] {
    return this.events.map((event) => event.name);
  }

  event(name: string): CallEvent | undefined {
    return this.events.find((event) => event.name === name);
  }

  all(name: string): CallEvent[] {
    return this.events.filter((event) => event.name === name);
  }

  /** Resolves with the first event of that name (already seen or still to come). */
  async waitFor(name: string, timeoutMs = 15_000): Promise<CallEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.event(name);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${name} within ${timeoutMs} ms; saw ${this.names().join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/**
 * A callscript engine reduced to what a SIP leg needs: a user agent on 127.0.0.1, a media engine on its own RTP port
 * range, espeak-ng prompts, a recordings folder; each incoming INVITE becomes a `Call` over a `SipCallLeg`, handed to
 * `onIncoming` (the test's "scenario").
 */
export class SipLegTestEngine {
  readonly calls: ObservedCall[] = [];
  readonly errors: unknown[] = [];
  onIncoming: (call: ObservedCall) => void = () => undefined;
  private nextId = 1;

  private constructor(
    readonly ua: UserAgent,
    readonly media: MediaEngine,
    readonly env: SipLegEnvironment,
  ) {}

  static async start(
    rtpPorts: { min: number; max: number },
    options: { codecs?: readonly ('PCMU' | 'PCMA')[]; telephoneEvent?: boolean; mediaTimeoutMs?: number } = {},
  ): Promise<SipLegTestEngine> {
    const { codecs, telephoneEvent, mediaTimeoutMs } = options;
    const media = new MediaEngine({
      minPort: rtpPorts.min,
      maxPort: rtpPorts.max,
      bindAddress: '127.0.0.1',
      advertisedAddress: '127.0.0.1',
      sdpDefaults: { ...(codecs ? { codecs } : {}), ...(telephoneEvent === false ? { telephoneEvent } : {}) },
      ...(mediaTimeoutMs ? { endpointDefaults: { mediaTimeoutMs } } : {}),
    });
    let engine: SipLegTestEngine | undefined;
    const ua = await UserAgent.start(
      { listen: [{ protocol: 'udp', host: '127.0.0.1', port: 0 }] },
      {
        onInvite: (session) => void engine?.incoming(session),
        onError: (error) => engine?.errors.push(error),
      },
    );
    const dir = mkdtempSync(join(tmpdir(), 'callscript-sip-leg-env-'));
    const env: SipLegEnvironment = {
      media,
      sources: createPlaybackSources({ cacheDirectory: join(dir, 'cache'), baseDirectory: dir }),
      recordingsDirectory: dir,
    };
    engine = new SipLegTestEngine(ua, media, env);
    return engine;
  }

  get sipPort(): number {
    return this.ua.localTarget('udp').port;
  }

  get recordingsDirectory(): string {
    return this.env.recordingsDirectory;
  }

  async dial(call: OutgoingSipCall, answerTimeoutMs?: number): Promise<ObservedCall> {
    const leg = await createOutgoingSipLeg(this.ua, call, this.env, `call:${this.nextId}`);
    return this.observe(leg, 'outgoing', call.uri, answerTimeoutMs);
  }

  close(): void {
    for (const observed of this.calls) observed.call.close();
    this.ua.close();
    this.media.close();
    rmSync(this.env.recordingsDirectory, { recursive: true, force: true });
  }

  private async incoming(session: Parameters<typeof createIncomingSipLeg>[0]): Promise<void> {
    try {
      const leg = await createIncomingSipLeg(session, this.env, `call:${this.nextId}`);
      const user = 'user' in session.request.requestUri ? (session.request.requestUri.user ?? '') : '';
      this.onIncoming(this.observe(leg, 'incoming', user));
    } catch (error) {
      this.errors.push(error);
    }
  }

  private observe(leg: SipCallLeg, direction: 'incoming' | 'outgoing', number: string, answerTimeoutMs?: number): ObservedCall {
    const observed = new ObservedCall(leg);
    const id = String(this.nextId++);
    observed.call = new Call({
      id,
      direction,
      leg,
      callerid: 'sipp',
      displayName: '',
      number,
      clientType: 'sip',
      headers: {},
      customData: '',
      clock: systemClock,
      wallClock: () => Date.now(),
      logger: pino({ level: 'silent' }),
      limits: { ...defaultCallLimits },
      observer: observed.observer,
      answerTimeoutMs,
    });
    this.calls.push(observed);
    return observed;
  }
}
