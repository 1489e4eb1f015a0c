import { createSocket, type Socket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AudioSink, AudioSource, AudioDirection } from '../../../../engine/media/media-types.js';
import { FrameScheduler } from '../../../../engine/media/pacing/frame-scheduler.js';
import { PortPool } from '../../../../engine/media/rtp/port-pool.js';
import { RtpEndpoint } from '../../../../engine/media/rtp/rtp-endpoint.js';
import type { RtpEndpointOptions } from '../../../../engine/media/rtp/rtp-endpoint-types.js';
import { SdpNegotiator } from '../../../../engine/media/sdp/sdp-negotiator.js';
import type { LocalMediaOptions, NegotiatedAudio } from '../../../../engine/media/sdp/sdp-types.js';
import { ManualClock } from '../manual-clock.js';

/** Endpoints on loopback driven by a manual clock: the test moves time, the sockets are real. */
export class EndpointHarness {
  readonly clock = new ManualClock();
  readonly pool: PortPool;
  readonly scheduler: FrameScheduler;
  private readonly endpoints: RtpEndpoint[] = [];
  /** What each endpoint of a {@link pair} negotiated, for tests that re-configure (hold, resume). */
  readonly negotiated = new Map<RtpEndpoint, NegotiatedAudio>();
  private readonly sockets: Socket[] = [];

  constructor(basePort: number) {
    this.pool = new PortPool(basePort, basePort + 99);
    this.scheduler = new FrameScheduler(this.clock);
  }

  async endpoint(options: Partial<RtpEndpointOptions> = {}): Promise<RtpEndpoint> {
    const endpoint = await RtpEndpoint.open({ portPool: this.pool, scheduler: this.scheduler, clock: this.clock, bindAddress: '127.0.0.1', ...options });
    this.endpoints.push(endpoint);
    return endpoint;
  }

  /** Two endpoints negotiated with each other through real SDP, as two call legs would be. */
  async pair(offererOptions: Partial<LocalMediaOptions> = {}, answererOptions: Partial<LocalMediaOptions> = {}): Promise<[RtpEndpoint, RtpEndpoint]> {
    const a = await this.endpoint();
    const b = await this.endpoint();
    const offerer = new SdpNegotiator({ address: '127.0.0.1', port: a.localPort, ...offererOptions });
    const answerer = new SdpNegotiator({ address: '127.0.0.1', port: b.localPort, ...answererOptions });
    const answer = answerer.answerOffer(offerer.createOffer());
    if (!answer.ok) throw new Error(answer.reason);
    const applied = offerer.applyAnswer(answer.sdp);
    if (!applied.ok) throw new Error(applied.reason);
    a.configure(applied.audio);
    b.configure(answer.audio);
    this.negotiated.set(a, applied.audio);
    this.negotiated.set(b, answer.audio);
    return [a, b];
  }

  async rawPeer(): Promise<{ socket: Socket; port: number; received: Buffer[] }> {
    const socket = createSocket('udp4');
    this.sockets.push(socket);
    const received: Buffer[] = [];
    socket.on('message', (data) => received.push(data));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return { socket, port: socket.address().port, received };
  }

  /** Advances the clock in 20 ms steps, letting loopback packets arrive between steps. */
  async run(ms: number): Promise<void> {
    for (let t = 0; t < ms; t += 20) {
      this.clock.advance(20);
      await sleep(1);
    }
    // Generous, so that a loaded machine has delivered the last loopback packets before the test counts them.
    await sleep(40);
  }

  close(): void {
    for (const endpoint of this.endpoints) endpoint.close();
    for (const socket of this.sockets) socket.close();
    this.scheduler.close();
  }
}

/** A source of a steady 400 Hz tone, counting the frames pulled. */
export class ToneSource implements AudioSource {
  pulled = 0;
  private phase = 0;
  readFrame(): Int16Array {
    this.pulled++;
    const frame = new Int16Array(160);
    for (let i = 0; i < 160; i++, this.phase++) frame[i] = Math.round(8000 * Math.sin((2 * Math.PI * 400 * this.phase) / 8000));
    return frame;
  }
}

export class CollectingSink implements AudioSink {
  readonly frames: Record<AudioDirection, Int16Array[]> = { received: [], sent: [] };
  writeFrame(frame: Int16Array, direction: AudioDirection): void {
    this.frames[direction].push(frame.slice());
  }
}
