import { createSocket, type RemoteInfo, type Socket, type SocketOptions } from 'node:dgram';
import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import type { AudioCodec } from '../codec/audio-codec.js';
import { DtmfSender } from '../dtmf/dtmf-sender.js';
import { MediaError } from '../media-error.js';
import { FRAME_SAMPLES, isEncodedAudioSource, type AudioDirection, type AudioSink, type AudioSource, type MediaInput } from '../media-types.js';
import type { PacedStream } from '../pacing/frame-scheduler.js';
import { MediaFanout } from '../routing/media-fanout.js';
import type { ReceivedFrame } from '../routing/received-frame.js';
import { receives, sends } from '../sdp/media-direction.js';
import type { MediaDirection, NegotiatedAudio } from '../sdp/sdp-types.js';
import { MediaActivityMonitor } from './media-activity-monitor.js';
import { RtcpReporter } from './rtcp-reporter.js';
import { parseRtcp } from './rtcp-packet.js';
import { RTP_HEADER_SIZE, RtpPacket } from './rtp-packet.js';
import { RtpReceivePath } from './rtp-receive-path.js';
import { RtpSendStream } from './rtp-send-stream.js';
import type { RtpEndpointDelegate, RtpEndpointOptions, RtpEndpointStats } from './rtp-endpoint-types.js';
import { SymmetricLatch } from './symmetric-latch.js';

/**
 * One call leg's RTP endpoint (DESIGN.md, "Media"): an RTP/RTCP port pair from the pool, symmetric RTP, a paced send
 * stream fed by the one source it receives (`setInputSource`), and the received audio fanned out to `sendMediaTo`
 * targets and to taps (`addSink`).
 */
export class RtpEndpoint implements MediaInput, PacedStream {
  readonly stats: RtpEndpointStats = {
    packetsSent: 0, octetsSent: 0, packetsReceived: 0, malformed: 0, foreignSource: 0, unknownPayloadType: 0,
    rtcpReceived: 0, rtcpMalformed: 0, packetsLost: 0, jitterMs: 0, packetsLate: 0, framesConcealed: 0,
    delegateErrors: 0, sinkErrors: 0,
  };
  private audio: NegotiatedAudio | null = null;
  private source: AudioSource | null = null;
  private readonly sinks = new Set<AudioSink>();
  private readonly fanout = new MediaFanout();
  private readonly sendStream = new RtpSendStream();
  private readonly receivePath: RtpReceivePath;
  private readonly dtmfSender: DtmfSender;
  private readonly activity: MediaActivityMonitor;
  private readonly rtcp: RtcpReporter;
  private readonly rtpLatch = new SymmetricLatch();
  private readonly rtcpLatch = new SymmetricLatch();
  private nextRtcpAt: number;
  private closed = false;
  delegate: RtpEndpointDelegate = {};

  private constructor(
    private readonly options: RtpEndpointOptions,
    readonly localPort: number,
    private readonly rtpSocket: Socket,
    private readonly rtcpSocket: Socket,
  ) {
    const clock = options.clock;
    this.receivePath = new RtpReceivePath({
      onAudioFrame: (frame) => this.onReceivedFrame(frame),
      onDtmf: (event) => this.notify('onDtmf', event),
    });
    this.dtmfSender = new DtmfSender(options.dtmfTiming);
    this.activity = new MediaActivityMonitor(
      clock,
      {
        onFirstPacket: () => this.notify('onFirstAudioPacket'),
        onStopped: () => this.notify('onMediaStopped'),
        onResumed: () => this.notify('onMediaResumed'),
      },
      options.mediaTimeoutMs,
    );
    this.rtcp = new RtcpReporter(options.cname ?? `callscript@${localPort}`);
    this.nextRtcpAt = clock.now() + (options.rtcpIntervalMs ?? 5000);
    rtpSocket.on('message', (data, from) => this.onRtp(data, from));
    rtcpSocket.on('message', (data, from) => this.onRtcp(data, from));
    // A send error (ICMP unreachable surfaced on the next send) must not take the process down.
    rtpSocket.on('error', () => undefined);
    rtcpSocket.on('error', () => undefined);
  }

  /** Opens an endpoint on the next free port pair of the pool; throws `port-range-exhausted`. */
  static async open(options: RtpEndpointOptions): Promise<RtpEndpoint> {
    // A port of the range may be held by another process: skip it and try the next pair.
    for (let attempt = 0; attempt < options.portPool.capacity; attempt++) {
      const port = options.portPool.acquire();
      const [rtp, rtcp] = await Promise.allSettled([bind(port, options.bindAddress), bind(port + 1, options.bindAddress)]);
      if (rtp.status === 'fulfilled' && rtcp.status === 'fulfilled') return new RtpEndpoint(options, port, rtp.value, rtcp.value);
      for (const result of [rtp, rtcp]) if (result.status === 'fulfilled') result.value.close();
      options.portPool.release(port);
    }
    throw new MediaError('port-range-exhausted', 'no bindable RTP port pair in the range');
  }

  /** Applies a negotiated stream (initial answer, re-INVITE, hold): codec, payload types, remote, direction. */
  configure(audio: NegotiatedAudio): void {
    this.assertOpen();
    const previous = this.audio;
    this.audio = audio;
    this.receivePath.configure(audio.receivePayloadTypes, audio.telephoneEventPayloadType);
    if (!previous || previous.remoteAddress !== audio.remoteAddress || previous.remoteRtpPort !== audio.remoteRtpPort) {
      // New SDP address: latch again (the peer may have moved, RFC 4961 section 4 on symmetric RTP).
      this.rtpLatch.reset(audio.remoteAddress, audio.remoteRtpPort);
      this.rtcpLatch.reset(audio.remoteAddress, audio.remoteRtcpPort);
    }
    // RFC 3264 section 5.1: RTCP continues in every direction, inactive included, so the endpoint stays on the
    // scheduler; the direction only decides whether audio is sent.
    this.options.scheduler.add(this);
  }

  get direction(): MediaDirection | null {
    return this.audio?.direction ?? null;
  }

  get codec(): AudioCodec | null {
    return this.audio?.codec ?? null;
  }

  /** Where our RTP goes: the latched source of the peer's media, else the SDP address. */
  get remote(): { address: string; port: number } | null {
    return this.rtpLatch.target;
  }

  // --- MediaInput: the one stream this endpoint sends to its peer ---------------------------------------------

  get inputSource(): AudioSource | null {
    return this.source;
  }

  setInputSource(source: AudioSource | null): void {
    this.source = source;
  }

  // --- Routing and taps ------------------------------------------------------------------------------------------

  /** Sends what this endpoint receives to `target`, replacing whatever `target` received before. */
  sendMediaTo(target: MediaInput): void {
    this.assertOpen();
    if (target === this) throw new MediaError('invalid-argument', 'an endpoint cannot send media to itself');
    this.fanout.sendTo(target);
  }

  stopMediaTo(target: MediaInput): void {
    this.fanout.stopTo(target);
  }

  /** Taps both directions (a recorder): received frames as they arrive, sent frames as they go. */
  addSink(sink: AudioSink): void {
    this.sinks.add(sink);
  }

  removeSink(sink: AudioSink): void {
    this.sinks.delete(sink);
  }

  // --- DTMF ------------------------------------------------------------------------------------------------------

  /** VoxEngine's `sendDigits`: RFC 4733 when negotiated, in-band tones otherwise; `p` pauses. */
  sendDigits(digits: string): void {
    this.assertOpen();
    this.dtmfSender.enqueue(digits);
  }

  /** In-band detection (off by default); stays off once the peer has sent RFC 4733 events. */
  setInbandDtmfDetection(enabled: boolean): void {
    this.receivePath.setInbandDetection(enabled);
  }

  get inbandDtmfDetection(): boolean {
    return this.receivePath.inbandDetection;
  }

  // --- Per-frame send path (called by the scheduler) ----------------------------------------------------------

  onTick = (frameIndex: number, dueAt: number): void => {
    const audio = this.audio;
    const target = this.rtpLatch.target;
    if (this.closed || !audio || !target) return;
    const now = this.options.clock.now();
    if (dueAt >= this.nextRtcpAt) this.sendRtcp(now);
    if (!sends(audio.direction)) return;
    const dtmf = this.dtmfSender.busy ? this.dtmfSender.next(frameIndex, audio.telephoneEventPayloadType !== null) : null;
    if (dtmf?.kind === 'event') {
      this.source?.readFrame();
      const packet = this.sendStream.eventPacket(audio.telephoneEventPayloadType!, dtmf.startFrame, dtmf.payload, dtmf.marker, now);
      this.transmit(packet, target);
    } else {
      this.sendAudio(audio, frameIndex, dtmf ? dtmf.frame : null, now, target);
    }
  };

  private sendAudio(audio: NegotiatedAudio, frameIndex: number, tone: Int16Array | null, now: number, target: { address: string; port: number }): void {
    const source = this.source;
    let payload: Uint8Array | null | undefined;
    let frame: Int16Array | null = null;
    if (tone) {
      source?.readFrame();
      frame = tone;
    } else if (source) {
      payload = isEncodedAudioSource(source) ? source.readEncoded(audio.codec.name) : undefined;
      if (payload === undefined) frame = source.readFrame();
    }
    if (!payload && !frame) return;
    if (frame && frame.length !== FRAME_SAMPLES) {
      throw new MediaError('invalid-argument', `an audio source gave a frame of ${frame.length} samples, not ${FRAME_SAMPLES}`);
    }
    const size = payload ? payload.length : FRAME_SAMPLES;
    const packet = this.sendStream.audioPacket(audio.payloadType, frameIndex, size, now);
    // The payload is written straight into the datagram.
    if (payload) packet.set(payload, RTP_HEADER_SIZE);
    else audio.codec.encode(frame!, packet.subarray(RTP_HEADER_SIZE));
    this.transmit(packet, target);
    if (this.sinks.size > 0) {
      const sent = frame ?? audio.codec.decode(payload!);
      this.tap(sent, 'sent');
    }
  }

  private transmit(packet: Buffer, target: { address: string; port: number }): void {
    this.stats.packetsSent++;
    this.stats.octetsSent += packet.length;
    this.rtpSocket.send(packet, target.port, target.address);
  }

  private sendRtcp(now: number): void {
    const interval = this.options.rtcpIntervalMs ?? 5000;
    // RFC 3550 section 6.3.1: the interval is randomised over [0.5, 1.5] of the nominal value.
    this.nextRtcpAt = now + interval * (0.5 + Math.random());
    const target = this.rtcpLatch.target;
    if (!target) return;
    const report = this.rtcp.build(this.sendStream, this.receivePath.receiveStatistics, now, (this.options.wallClock ?? Date.now)());
    this.rtcpSocket.send(report, target.port, target.address);
  }

  // --- Receive path ------------------------------------------------------------------------------------------

  private onRtp(data: Buffer, from: RemoteInfo): void {
    if (this.closed || !this.audio) return;
    if (!this.rtpLatch.accepts(from.address, from.port)) {
      this.stats.foreignSource++;
      return;
    }
    let packet: RtpPacket;
    try {
      packet = RtpPacket.parse(data);
    } catch {
      this.stats.malformed++;
      return;
    }
    const outcome = this.receivePath.handle(packet, this.options.clock.now() * 8);
    if (outcome === 'unknown-payload-type') {
      this.stats.unknownPayloadType++;
      return;
    }
    // Latch only on a packet that is really our peer's media, so stray junk cannot steal the stream.
    this.rtpLatch.latch(from.address, from.port);
    this.stats.packetsReceived++;
    const statistics = this.receivePath.receiveStatistics;
    if (statistics) {
      this.stats.packetsLost = statistics.cumulativeLost;
      this.stats.jitterMs = statistics.jitter / 8;
    }
    this.stats.packetsLate = this.receivePath.packetsLate;
    this.stats.framesConcealed = this.receivePath.framesConcealed;
    this.activity.packet(outcome === 'audio');
  }

  private onReceivedFrame(frame: ReceivedFrame): void {
    if (this.audio && !receives(this.audio.direction)) return;
    if (this.sinks.size > 0) this.tap(frame.pcm, 'received');
    this.fanout.push(frame);
  }

  /** Copies a frame to every sink; a sink that throws is counted and cannot break the media path. */
  private tap(frame: Int16Array, direction: AudioDirection): void {
    for (const sink of this.sinks) {
      try {
        sink.writeFrame(frame, direction);
      } catch {
        this.stats.sinkErrors++;
      }
    }
  }

  private onRtcp(data: Buffer, from: RemoteInfo): void {
    if (this.closed || !this.audio) return;
    if (!this.rtcpLatch.accepts(from.address, from.port)) {
      this.stats.foreignSource++;
      return;
    }
    try {
      const packets = parseRtcp(data);
      this.rtcpLatch.latch(from.address, from.port);
      this.stats.rtcpReceived++;
      for (const packet of packets) {
        if (packet.type === 'sr') this.rtcp.onSenderReport(packet.sender.ntpSeconds, packet.sender.ntpFraction, this.options.clock.now());
      }
    } catch {
      this.stats.rtcpMalformed++;
    }
  }

  private notify<K extends keyof RtpEndpointDelegate>(name: K, ...args: Parameters<NonNullable<RtpEndpointDelegate[K]>>): void {
    const handler = this.delegate[name] as ((...a: typeof args) => void) | undefined;
    try {
      handler?.apply(this.delegate, args);
    } catch {
      this.stats.delegateErrors++;
    }
  }

  // --- Lifecycle ---------------------------------------------------------------------------------------------

  get isClosed(): boolean {
    return this.closed;
  }

  /** Stops sending and receiving, ends every route, closes both sockets and returns the port. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.options.scheduler.remove(this);
    this.activity.close();
    this.fanout.close();
    this.sinks.clear();
    this.source = null;
    this.dtmfSender.clear();
    this.rtpSocket.close();
    const rtcpTarget = this.rtcpLatch.target;
    if (this.audio && rtcpTarget) {
      // RFC 3550 section 6.6: a participant that leaves SHOULD send a BYE; close once it has gone out.
      this.rtcpSocket.send(this.rtcp.buildBye(this.sendStream), rtcpTarget.port, rtcpTarget.address, () => this.rtcpSocket.close());
    } else {
      this.rtcpSocket.close();
    }
    this.options.portPool.release(this.localPort);
    this.options.onClosed?.(this);
  }

  private assertOpen(): void {
    if (this.closed) throw new MediaError('endpoint-closed', `RTP endpoint on port ${this.localPort} is closed`);
  }
}

/**
 * dgram looks up every destination, even an IP address, and by default answers on the next tick: at 50 packets a
 * second per call that deferral was a measurable share of the send path. Media addresses are IP addresses after SDP
 * negotiation, so they are answered at once; anything else still goes to the resolver.
 */
const lookupAddress: SocketOptions['lookup'] = (host, options, callback) => {
  const family = isIP(host);
  if (family !== 0) (callback as (error: null, address: string, family: number) => void)(null, host, family);
  else dnsLookup(host, options, callback);
};

function bind(port: number, address = '0.0.0.0'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: address.includes(':') ? 'udp6' : 'udp4', lookup: lookupAddress });
    const onError = (error: Error): void => {
      socket.close();
      reject(error);
    };
    socket.once('error', onError);
    socket.bind(port, address, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
