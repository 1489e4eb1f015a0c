import { describe, expect, it } from 'vitest';
import { MediaError } from '../../../../engine/media/media-error.js';
import { RtpPacket, writeRtpHeader } from '../../../../engine/media/rtp/rtp-packet.js';
import { readPcapUdpPayloads } from '../pcap-udp.js';

const fixture = (name: string) => new URL(`../../../fixtures/media/${name}`, import.meta.url).pathname;

function expectMalformed(bytes: number[]): void {
  try {
    RtpPacket.parse(new Uint8Array(bytes));
    expect.fail('parsed');
  } catch (error) {
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).code).toBe('rtp-malformed');
  }
}

describe('RtpPacket', () => {
  it('parses the first packet of sipp g711a.pcap and serializes it byte for byte', () => {
    const captured = readPcapUdpPayloads(fixture('g711a.pcap'))[0]!.payload;
    const packet = RtpPacket.parse(captured);
    expect(packet.payloadType).toBe(8);
    expect(packet.marker).toBe(true);
    expect(packet.sequenceNumber).toBe(0xe6fd);
    expect(packet.timestamp).toBe(0xf0);
    expect(packet.payload.length).toBe(240);
    expect(Buffer.from(packet.serialize()).equals(Buffer.from(captured))).toBe(true);
  });

  it('round-trips every telephone-event packet of sipp dtmf_2833_1.pcap', () => {
    for (const { payload } of readPcapUdpPayloads(fixture('dtmf_2833_1.pcap'))) {
      const packet = RtpPacket.parse(payload);
      expect(packet.payloadType).toBe(101);
      expect(Buffer.from(packet.serialize()).equals(Buffer.from(payload))).toBe(true);
    }
  });

  it('round-trips CSRCs, a header extension and padding', () => {
    const packet = new RtpPacket(0, 65535, 0xfffffff0, 0xdeadbeef, new Uint8Array([1, 2, 3]), true, [1, 2], { profile: 0xbede, data: new Uint8Array([9, 8, 7, 6]) }, 4);
    const bytes = packet.serialize();
    expect(bytes[0]).toBe(0x80 | 0x20 | 0x10 | 2);
    expect(bytes[bytes.length - 1]).toBe(4);
    const parsed = RtpPacket.parse(bytes);
    expect(parsed).toMatchObject({ payloadType: 0, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef, marker: true, csrcs: [1, 2], paddingSize: 4 });
    expect(Array.from(parsed.payload)).toEqual([1, 2, 3]);
    expect(Buffer.from(parsed.serialize()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses what RFC 3550 section 5.1 forbids with a typed error', () => {
    expectMalformed([0x80, 0, 0, 1]);
    expectMalformed([0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expectMalformed([0x82, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
    expectMalformed([0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xbe, 0xde, 0, 5]);
    expectMalformed([0xa0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0]);
    expectMalformed([0xa0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 200]);
  });

  it('writes the fast-path header exactly as serialize does', () => {
    const packet = new RtpPacket(8, 0x1234, 0x89abcdef, 0xfedcba98, new Uint8Array(0), true);
    const out = new Uint8Array(12);
    writeRtpHeader(out, 8, 0x1234, 0x89abcdef, 0xfedcba98, true);
    expect(Array.from(out)).toEqual(Array.from(packet.serialize()));
  });
});
