import type { Clock } from '../../clock.js';
import type { DtmfEvent } from '../dtmf/dtmf-types.js';
import type { DtmfSendTiming } from '../dtmf/dtmf-sender.js';
import type { FrameScheduler } from '../pacing/frame-scheduler.js';
import type { PortPool } from './port-pool.js';

/**
 * How an endpoint reports upward (STYLE.md habit 4: a delegate declared by the lower layer). Each member maps to a
 * VoxEngine event the call layer raises: `FirstAudioPacketReceived`, `RtpStopped`, `RtpResumed`, `ToneReceived`.
 * A throwing delegate is caught and counted; it cannot break the receive path.
 */
export interface RtpEndpointDelegate {
  onFirstAudioPacket?(): void;
  onMediaStopped?(): void;
  onMediaResumed?(): void;
  onDtmf?(event: DtmfEvent): void;
}

export interface RtpEndpointOptions {
  portPool: PortPool;
  scheduler: FrameScheduler;
  clock: Clock;
  /** Address the sockets bind to; default 0.0.0.0. */
  bindAddress?: string;
  /** Silence after which `onMediaStopped` fires; default 7000 ms (VoxEngine's RtpStopped). */
  mediaTimeoutMs?: number;
  /** RTCP report interval; default 5000 ms (RFC 3550 section 6.2's minimum). */
  rtcpIntervalMs?: number;
  /** Canonical name in our RTCP SDES; default `callscript@<port>`. */
  cname?: string;
  dtmfTiming?: DtmfSendTiming;
  /** Unix wall clock for RTCP NTP timestamps; default Date.now. */
  wallClock?: () => number;
  /** Told once, when the endpoint has closed (the owner's bookkeeping, e.g. the media engine's endpoint set). */
  onClosed?: (endpoint: RtpEndpointHandle) => void;
}

/** What {@link RtpEndpointOptions.onClosed} receives: the endpoint, by its port. */
export interface RtpEndpointHandle {
  readonly localPort: number;
}

/** Counters of one endpoint; everything refused from the network is counted here, never thrown. */
export interface RtpEndpointStats {
  packetsSent: number;
  octetsSent: number;
  packetsReceived: number;
  /** Datagrams that were not valid RTP. */
  malformed: number;
  /** Packets from a source other than the latched one (symmetric RTP), dropped. */
  foreignSource: number;
  /** Packets with a payload type not negotiated, dropped. */
  unknownPayloadType: number;
  rtcpReceived: number;
  rtcpMalformed: number;
  /** Cumulative loss of the current source (RFC 3550 A.3). */
  packetsLost: number;
  /** Interarrival jitter of the current source in ms (A.8). */
  jitterMs: number;
  /** Audio packets dropped for arriving after later audio had been played out (no jitter buffer). */
  packetsLate: number;
  /** 20 ms frames of silence put in for lost audio, so the received timeline keeps the sender's time. */
  framesConcealed: number;
  /** Delegate calls that threw. */
  delegateErrors: number;
  /** Sink (`addSink`) calls that threw. */
  sinkErrors: number;
}
