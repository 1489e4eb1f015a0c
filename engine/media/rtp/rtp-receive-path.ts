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

export type ReceiveOutcome = 'audio' | 'event' | 'unknown-payload-type' | 'stale';

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
  private pendingCodec: AudioCodec | null = null;

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
    this.receiveAudio(codec!, packet.payload);
    return 'audio';
  }

  private receiveAudio(codec: AudioCodec, payload: Uint8Array): void {
    if (payload.length === FRAME_SAMPLES && this.pending === null) {
      // The common case: one 20 ms frame per packet, kept encoded for same-codec forwarding.
      this.emit(ReceivedFrame.fromPayload(codec, payload.slice()));
      return;
    }
    if (this.pendingCodec !== codec) this.pending = null;
    this.pendingCodec = codec;
    const decoded = codec.decode(payload);
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
