import type { AudioCodec } from '../codec/audio-codec.js';
import { DtmfType, type DtmfEvent } from '../dtmf/dtmf-types.js';
import { InbandDtmfDetector } from '../dtmf/inband-dtmf-detector.js';
import { Rfc4733Receiver } from '../dtmf/rfc4733-receiver.js';
import { FRAME_SAMPLES } from '../media-types.js';
import { ReceivedFrame } from '../routing/received-frame.js';
import { ReceiveStatistics } from './receive-statistics.js';
import type { RtpPacket } from './rtp-packet.js';

export interface ReceivePathDelegate {
  onAudioFrame(frame: ReceivedFrame): void;
  onDtmf(event: DtmfEvent): void;
}

export type ReceiveOutcome = 'audio' | 'event' | 'unknown-payload-type' | 'stale' | 'late';

// Up to 200 ms of missing audio is loss and is filled; a longer gap is a pause the sender chose (RFC 3551 section
// 4.1's silence periods, hold), left to the consumers' clocks.
const MAX_FILL_SAMPLES = 10 * FRAME_SAMPLES;
// A packet more than a second behind is not late but a sender that restarted its timestamps: start over from it.
const MAX_BEHIND_SAMPLES = 8000;

/**
 * What happens to an RTP packet from the peer once the endpoint has accepted its source: statistics per SSRC,
 * telephone events to digits, audio to 20 ms frames (re-framed when the peer packetises differently), and in-band
 * detection when enabled. Socket-free, so that it is tested with packets alone.
 */
export class RtpReceivePath {
  private payloadTypes: ReadonlyMap<number, AudioCodec> = new Map();
  private telephoneEventPayloadType: number | null = null;
  private statistics: ReceiveStatistics | null = null;
  private readonly events = new Rfc4733Receiver();
  private inband: InbandDtmfDetector | null = null;
  /** Set for good once RFC 4733 arrives: VoxEngine then ignores in-band tones, which would double every digit. */
  private rfc4733Seen = false;
  private pending: Int16Array | null = null;
  /** The timestamp the next audio packet should carry: the end of what has been played out. */
  private nextTimestamp: number | null = null;
  /** Audio packets dropped for arriving after later audio had been played out. */
  packetsLate = 0;
  /** 20 ms frames of silence put in for audio that never arrived. */
  framesConcealed = 0;

  constructor(private readonly delegate: ReceivePathDelegate) {}

  configure(payloadTypes: ReadonlyMap<number, AudioCodec>, telephoneEventPayloadType: number | null): void {
    this.payloadTypes = payloadTypes;
    this.telephoneEventPayloadType = telephoneEventPayloadType;
  }

  setInbandDetection(enabled: boolean): void {
    this.inband = enabled && !this.rfc4733Seen ? (this.inband ?? new InbandDtmfDetector()) : null;
  }

  get inbandDetection(): boolean {
    return this.inband !== null;
  }

  /** Loss and jitter of the current source, for RTCP and the endpoint's stats. */
  get receiveStatistics(): ReceiveStatistics | null {
    return this.statistics;
  }

  /** `arrival` in RTP timestamp units (8 per ms). */
  handle(packet: RtpPacket, arrival: number): ReceiveOutcome {
    const isEvent = packet.payloadType === this.telephoneEventPayloadType;
    const codec = isEvent ? undefined : this.payloadTypes.get(packet.payloadType);
    if (!isEvent && !codec) return 'unknown-payload-type';
    if (this.statistics?.ssrc !== packet.ssrc) {
      // A new SSRC is a new source (RFC 3550 section 8.2: e.g. the peer restarted its stream after a re-INVITE).
      this.statistics = new ReceiveStatistics(packet.ssrc);
      this.pending = null;
      this.nextTimestamp = null;
    }
    // Telephone events hold one timestamp for the whole event, which is not jitter.
    if (!this.statistics.update(packet.sequenceNumber, packet.timestamp, arrival, !isEvent)) return 'stale';
    if (isEvent) {
      this.rfc4733Seen = true;
      this.inband = null;
      const digit = this.events.receive(packet.timestamp, packet.payload);
      if (digit) this.delegate.onDtmf({ digit, type: DtmfType.rfc2833 });
      return 'event';
    }
    return this.receiveAudio(codec!, packet.timestamp, packet.payload);
  }

  /**
   * Keeps the received timeline true to the sender's clock without a jitter buffer: a short gap in timestamps (lost
   * packets, or the audio a telephone event replaced) is filled with silence, and a packet older than what was
   * already played out is dropped. A long gap is silence suppression or hold, not loss, and is not filled.
   */
  private receiveAudio(codec: AudioCodec, timestamp: number, payload: Uint8Array): ReceiveOutcome {
    if (this.nextTimestamp !== null) {
      // Timestamps are 32-bit and wrap: the signed difference says ahead or behind.
      const gap = (timestamp - this.nextTimestamp) | 0;
      if (gap < 0 && gap > -MAX_BEHIND_SAMPLES) {
        this.packetsLate++;
        return 'late';
      }
      if (gap > 0 && gap <= MAX_FILL_SAMPLES) this.fillSilence(gap);
    }
    this.nextTimestamp = (timestamp + payload.length) >>> 0;
    if (payload.length === FRAME_SAMPLES && this.pending === null) {
      // The common case: one 20 ms frame per packet, kept encoded for same-codec forwarding.
      this.emit(ReceivedFrame.fromPayload(codec, payload.slice()));
      return 'audio';
    }
    this.appendPcm(codec.decode(payload));
    return 'audio';
  }

  private fillSilence(samples: number): void {
    this.framesConcealed += Math.ceil(samples / FRAME_SAMPLES);
    this.appendPcm(new Int16Array(samples));
  }

  /** Re-frames linear PCM into 20 ms frames, keeping a partial frame for the next packet. */
  private appendPcm(decoded: Int16Array): void {
    let samples = decoded;
    if (this.pending) {
      samples = new Int16Array(this.pending.length + decoded.length);
      samples.set(this.pending);
      samples.set(decoded, this.pending.length);
    }
    let offset = 0;
    for (; offset + FRAME_SAMPLES <= samples.length; offset += FRAME_SAMPLES) {
      this.emit(new ReceivedFrame(null, null, samples.slice(offset, offset + FRAME_SAMPLES)));
    }
    this.pending = offset < samples.length ? samples.slice(offset) : null;
  }

  private emit(frame: ReceivedFrame): void {
    if (this.inband) {
      for (const digit of this.inband.process(frame.pcm)) this.delegate.onDtmf({ digit, type: DtmfType.inband });
    }
    this.delegate.onAudioFrame(frame);
  }
}
