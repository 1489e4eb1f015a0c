import { randomInt } from 'node:crypto';
import { FRAME_SAMPLES } from '../media-types.js';
import { RTP_HEADER_SIZE, writeRtpHeader } from './rtp-packet.js';

/**
 * The sending side of one RTP stream: its SSRC, sequence numbers and timestamps (RFC 3550 section 5.1: "The initial
 * value of the sequence number SHOULD be random", likewise the timestamp), and the counts an SR reports.
 *
 * The timestamp of a frame is derived from the scheduler's frame index, so a gap in sending (silence, hold) advances
 * it by exactly the time that passed. RFC 3551 section 4.1: "the first packet of a talkspurt, that is, the first
 * packet after a silence period during which packets have not been transmitted contiguously, SHOULD be distinguished
 * by setting the marker bit".
 */
export class RtpSendStream {
  readonly ssrc = randomInt(0, 2 ** 32 - 1) >>> 0;
  private sequence = randomInt(0, 0x10000);
  private readonly timestampBase = randomInt(0, 2 ** 32 - 1);
  private lastFrameSent: number | null = null;
  packetsSent = 0;
  /** Payload octets sent, as the SR counts them (section 6.4.1). */
  octetsSent = 0;
  lastTimestamp = 0;
  /** Clock time of the last packet sent, for the SR's RTP timestamp. */
  lastSentAt = 0;

  timestampOf(frameIndex: number): number {
    return (this.timestampBase + frameIndex * FRAME_SAMPLES) >>> 0;
  }

  /** A packet for an audio frame, its payload area (from {@link RTP_HEADER_SIZE}) left for the caller to fill. */
  audioPacket(payloadType: number, frameIndex: number, payloadSize: number, now: number): Buffer {
    const marker = this.lastFrameSent === null || frameIndex !== this.lastFrameSent + 1;
    this.lastFrameSent = frameIndex;
    return this.packet(payloadType, this.timestampOf(frameIndex), marker, payloadSize, now);
  }

  /**
   * A telephone-event packet (RFC 4733 section 2.5.1.3: every packet of an event carries the event's start timestamp;
   * the marker is set on the first). The audio stream counts as interrupted, so audio after the event starts a new
   * talk spurt.
   */
  eventPacket(payloadType: number, startFrame: number, payload: Uint8Array, marker: boolean, now: number): Buffer {
    const packet = this.packet(payloadType, this.timestampOf(startFrame), marker, payload.length, now);
    packet.set(payload, RTP_HEADER_SIZE);
    this.lastFrameSent = null;
    return packet;
  }

  private packet(payloadType: number, timestamp: number, marker: boolean, payloadSize: number, now: number): Buffer {
    const packet = Buffer.allocUnsafe(RTP_HEADER_SIZE + payloadSize);
    writeRtpHeader(packet, payloadType, this.sequence, timestamp, this.ssrc, marker);
    this.sequence = (this.sequence + 1) & 0xffff;
    this.packetsSent++;
    this.octetsSent += payloadSize;
    this.lastTimestamp = timestamp;
    this.lastSentAt = now;
    return packet;
  }
}
