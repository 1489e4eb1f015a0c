import { systemClock, type Clock } from '../clock.js';
import { MediaError } from './media-error.js';
import { FrameScheduler } from './pacing/frame-scheduler.js';
import { PortPool } from './rtp/port-pool.js';
import { RtpEndpoint } from './rtp/rtp-endpoint.js';
import type { RtpEndpointOptions } from './rtp/rtp-endpoint-types.js';
import { SdpNegotiator } from './sdp/sdp-negotiator.js';
import type { LocalMediaOptions } from './sdp/sdp-types.js';

export interface MediaEngineOptions {
  /** The RTP port range, e.g. 10000-20000; each call leg takes an even port and the next one. */
  minPort: number;
  maxPort: number;
  /** Address the RTP sockets bind to; default 0.0.0.0. */
  bindAddress?: string;
  /** Address written into SDP `c=` lines: where peers should send media. */
  advertisedAddress: string;
  clock?: Clock;
  /** Per-endpoint settings shared by every call leg (media timeout, RTCP interval, DTMF timing). */
  endpointDefaults?: Pick<RtpEndpointOptions, 'mediaTimeoutMs' | 'rtcpIntervalMs' | 'dtmfTiming'>;
  /** Codec preference and telephone-event for every SDP this engine writes. */
  sdpDefaults?: Pick<LocalMediaOptions, 'codecs' | 'telephoneEvent'>;
  /** Told of an error thrown on a call's send path (e.g. by its audio source); the other calls carry on. */
  onStreamError?: (error: unknown) => void;
}

/**
 * The media layer's one object per engine process: the port pool and the 20 ms scheduler that every call leg shares,
 * and the endpoints opened from them. Closing it closes every endpoint and stops the scheduler.
 */
export class MediaEngine {
  readonly clock: Clock;
  private readonly pool: PortPool;
  private readonly scheduler: FrameScheduler;
  private readonly endpoints = new Set<RtpEndpoint>();
  private closed = false;
  private streamErrors = 0;

  constructor(private readonly options: MediaEngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.pool = new PortPool(options.minPort, options.maxPort);
    this.scheduler = new FrameScheduler(this.clock, {
      onStreamError: (error) => {
        this.streamErrors++;
        options.onStreamError?.(error);
      },
    });
  }

  /** Opens a call leg's endpoint and the SDP negotiator that describes it. */
  async openEndpoint(): Promise<{ endpoint: RtpEndpoint; sdp: SdpNegotiator }> {
    if (this.closed) throw new MediaError('endpoint-closed', 'the media engine is closed');
    const endpoint = await RtpEndpoint.open({
      ...this.options.endpointDefaults,
      portPool: this.pool,
      scheduler: this.scheduler,
      clock: this.clock,
      bindAddress: this.options.bindAddress,
      onClosed: (closed) => this.endpoints.delete(closed as RtpEndpoint),
    });
    if (this.closed) {
      endpoint.close();
      throw new MediaError('endpoint-closed', 'the media engine closed while the endpoint opened');
    }
    this.endpoints.add(endpoint);
    const sdp = new SdpNegotiator({ ...this.options.sdpDefaults, address: this.options.advertisedAddress, port: endpoint.localPort });
    return { endpoint, sdp };
  }

  /** The engine-wide 20 ms scheduler, for players that feed this engine's endpoints in step with them. */
  get ticker(): FrameScheduler {
    return this.scheduler;
  }

  /** Open endpoints, ports held and streams paced (all zero once every call is gone), and send-path errors so far. */
  get counts(): { endpoints: number; portsInUse: number; pacedStreams: number; streamErrors: number } {
    return { endpoints: this.endpoints.size, portsInUse: this.pool.inUse, pacedStreams: this.scheduler.streamCount, streamErrors: this.streamErrors };
  }

  /** Closes every endpoint and the scheduler. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const endpoint of [...this.endpoints]) endpoint.close();
    this.scheduler.close();
  }
}
