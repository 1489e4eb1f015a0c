import { describe, expect, it } from 'vitest';
import { MediaError } from '../../../../engine/media/media-error.js';
import { parseRtcp, serializeRtcp } from '../../../../engine/media/rtp/rtcp-packet.js';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

// A compound packet assembled octet by octet from RFC 3550 section 6.4.1 and 6.5: SR with one report block, then
// SDES with a CNAME chunk (12 text octets, then the null item and padding to the word boundary), then a BYE.
const srSdesBye = hex(`
  81c8000c 11223344
  e9b2c1a0 80000000 0001e240 000000fa 00009c40
  55667788 05ffffff 0001006f 00000014 c1a08000 00020000
  81ca0005 11223344 010c 63616c6c73637269707440 31 0000
  81cb0001 11223344`);

function expectMalformed(bytes: Uint8Array): void {
  try {
    parseRtcp(bytes);
    expect.fail('parsed');
  } catch (error) {
    expect((error as MediaError).code).toBe('rtcp-malformed');
  }
}

describe('RTCP packets', () => {
  it('parses an SR + SDES + BYE compound and serializes it byte for byte', () => {
    const packets = parseRtcp(srSdesBye);
    expect(packets.map((p) => p.type)).toEqual(['sr', 'sdes', 'raw']);
    const sr = packets[0]!;
    if (sr.type !== 'sr') throw new Error('not an SR');
    expect(sr.ssrc).toBe(0x11223344);
    expect(sr.sender).toEqual({ ntpSeconds: 0xe9b2c1a0, ntpFraction: 0x80000000, rtpTimestamp: 123456, packetCount: 250, octetCount: 40000 });
    expect(sr.reports).toEqual([
      { ssrc: 0x55667788, fractionLost: 5, cumulativeLost: -1, extendedHighestSequence: 0x1006f, jitter: 20, lastSenderReport: 0xc1a08000, delaySinceLastSenderReport: 0x20000 },
    ]);
    expect(packets[1]).toEqual({ type: 'sdes', chunks: [{ ssrc: 0x11223344, items: [{ type: 1, text: 'callscript@1' }] }] });
    expect(Buffer.from(serializeRtcp(packets)).equals(Buffer.from(srSdesBye))).toBe(true);
  });

  it('round-trips a receiver report with no blocks and one with two', () => {
    const block = { fractionLost: 0, cumulativeLost: 7, extendedHighestSequence: 70000, jitter: 3, lastSenderReport: 0, delaySinceLastSenderReport: 0 };
    const packets = [
      { type: 'rr' as const, ssrc: 1, reports: [] },
      { type: 'rr' as const, ssrc: 2, reports: [{ ssrc: 3, ...block }, { ssrc: 4, ...block, cumulativeLost: -8388608 }] },
    ];
    expect(parseRtcp(serializeRtcp(packets))).toEqual(packets);
  });

  it('refuses truncated, wrong-version and overlong packets with a typed error', () => {
    expectMalformed(hex('81c9'));
    expectMalformed(hex('41c90001 00000001'));
    expectMalformed(hex('81c90007 00000001'));
    expectMalformed(hex('81c90001 00000001 81'));
    expectMalformed(hex('81c80001 00000001'));
  });

  it('keeps a packet with padding as raw octets', () => {
    const padded = hex('a1cc0002 00000001 00000003');
    const packets = parseRtcp(padded);
    expect(packets[0]!.type).toBe('raw');
    expect(Buffer.from(serializeRtcp(packets)).equals(Buffer.from(padded))).toBe(true);
  });
});
