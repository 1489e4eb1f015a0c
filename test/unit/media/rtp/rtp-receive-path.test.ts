import { describe, expect, it } from 'vitest';
import { PCMA, PCMU } from '../../../../engine/media/codec/audio-codec.js';
import { encodeAlaw } from '../../../../engine/media/codec/g711.js';
import type { DtmfEvent } from '../../../../engine/media/dtmf/dtmf-types.js';
import { TelephoneEvent } from '../../../../engine/media/dtmf/telephone-event.js';
import type { ReceivedFrame } from '../../../../engine/media/routing/received-frame.js';
import { RtpPacket } from '../../../../engine/media/rtp/rtp-packet.js';
import { RtpReceivePath } from '../../../../engine/media/rtp/rtp-receive-path.js';

function path() {
  const frames: ReceivedFrame[] = [];
  const digits: DtmfEvent[] = [];
  const receive = new RtpReceivePath({ onAudioFrame: (f) => frames.push(f), onDtmf: (d) => digits.push(d) });
  receive.configure(new Map([[0, PCMU], [8, PCMA]]), 101);
  return { receive, frames, digits };
}

describe('RtpReceivePath', () => {
  it('re-frames 30 ms packets into 20 ms frames without losing a sample', () => {
    const { receive, frames } = path();
    const samples = Int16Array.from({ length: 240 * 4 }, (_, i) => (i % 50) * 100);
    for (let p = 0; p < 4; p++) {
      const payload = encodeAlaw(samples.subarray(p * 240, (p + 1) * 240));
      expect(receive.handle(new RtpPacket(8, p, p * 240, 1, payload), p * 240)).toBe('audio');
    }
    expect(frames).toHaveLength(6);
    expect(frames.every((f) => f.pcm.length === 160 && f.payload === null)).toBe(true);
  });

  it('keeps whole 20 ms payloads encoded for forwarding', () => {
    const { receive, frames } = path();
    const payload = new Uint8Array(160).fill(0x55);
    receive.handle(new RtpPacket(0, 1, 0, 1, payload), 0);
    expect(frames[0]!.codec).toBe(PCMU);
    expect(frames[0]!.payload).toEqual(payload);
    expect(frames[0]!.pcm.length).toBe(160);
  });

  it('fills a short gap of lost packets with silence and drops a packet that comes too late', () => {
    const { receive, frames } = path();
    const loud = new Uint8Array(160).fill(0x10);
    receive.handle(new RtpPacket(0, 1, 0, 1, loud), 0);
    // Packets 2 and 3 are lost; 4 arrives, then 2 arrives late.
    receive.handle(new RtpPacket(0, 4, 480, 1, loud), 480);
    expect(receive.handle(new RtpPacket(0, 2, 160, 1, loud), 500)).toBe('late');
    expect(frames.map((f) => (f.pcm.every((x) => x === 0) ? 'silence' : 'audio'))).toEqual(['audio', 'silence', 'silence', 'audio']);
    expect(receive.framesConcealed).toBe(2);
    expect(receive.packetsLate).toBe(1);
  });

  it('does not fill a long pause (silence suppression), and follows a sender that restarted its timestamps', () => {
    const { receive, frames } = path();
    const loud = new Uint8Array(160).fill(0x10);
    receive.handle(new RtpPacket(0, 1, 0xffffff60, 1, loud), 0);
    receive.handle(new RtpPacket(0, 2, 0, 1, loud), 160);
    receive.handle(new RtpPacket(0, 3, 16000, 1, loud, true), 16000);
    receive.handle(new RtpPacket(0, 4, 160, 1, loud), 16160);
    expect(frames).toHaveLength(4);
    expect(receive.framesConcealed).toBe(0);
    expect(receive.packetsLate).toBe(0);
  });

  it('refuses payload types that were not negotiated', () => {
    const { receive, frames } = path();
    expect(receive.handle(new RtpPacket(18, 1, 0, 1, new Uint8Array(20)), 0)).toBe('unknown-payload-type');
    expect(frames).toHaveLength(0);
  });

  it('starts fresh statistics when the SSRC changes', () => {
    const { receive } = path();
    receive.handle(new RtpPacket(0, 100, 0, 1, new Uint8Array(160)), 0);
    receive.handle(new RtpPacket(0, 103, 480, 1, new Uint8Array(160)), 480);
    expect(receive.receiveStatistics!.cumulativeLost).toBe(2);
    receive.handle(new RtpPacket(0, 9000, 0, 2, new Uint8Array(160)), 800);
    expect(receive.receiveStatistics!.ssrc).toBe(2);
    expect(receive.receiveStatistics!.cumulativeLost).toBe(0);
  });

  it('turns telephone events into digits and switches in-band detection off for good', () => {
    const { receive, digits } = path();
    receive.setInbandDetection(true);
    const event = (seq: number, end: boolean) => new RtpPacket(101, seq, 8000, 1, new TelephoneEvent(12, end, 10, 160).serialize());
    [event(1, false), event(2, false), event(3, true), event(4, true), event(5, true)].forEach((p) => receive.handle(p, 0));
    expect(digits).toEqual([{ digit: 'A', type: 1 }]);
    expect(receive.inbandDetection).toBe(false);
    receive.setInbandDetection(true);
    expect(receive.inbandDetection).toBe(false);
  });
});
