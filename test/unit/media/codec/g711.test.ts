import { describe, expect, it } from 'vitest';
import {
  decodeAlaw,
  decodeAlawSample,
  decodeUlaw,
  decodeUlawSample,
  encodeAlaw,
  encodeAlawSample,
  encodeUlaw,
  encodeUlawSample,
} from '../../../../engine/media/codec/g711.js';

const everySample = Int16Array.from({ length: 65536 }, (_, i) => (i << 16) >> 16);
const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('G.711 mu-law', () => {
  it('encodes silence to 0xFF and the extremes to the end codes', () => {
    expect(encodeUlawSample(0)).toBe(0xff);
    expect(encodeUlawSample(32767)).toBe(0x80);
    expect(encodeUlawSample(-32768)).toBe(0x00);
  });

  it('decodes the code table ends like every G.711 implementation (sox agrees)', () => {
    expect(decodeUlawSample(0xff)).toBe(0);
    expect(decodeUlawSample(0x80)).toBe(32124);
    expect(decodeUlawSample(0x00)).toBe(-32124);
    expect(decodeUlawSample(0x7f)).toBe(0);
  });

  it('re-encodes every decoded code to itself, except negative zero', () => {
    for (const byte of everyByte) {
      if (byte === 0x7f) continue;
      expect(encodeUlawSample(decodeUlawSample(byte))).toBe(byte);
    }
  });

  it('encodes and decodes whole frames exactly like the per-sample reference', () => {
    const encoded = encodeUlaw(everySample);
    everySample.forEach((sample, i) => {
      if (encoded[i] !== encodeUlawSample(sample)) expect.fail(`sample ${sample}`);
    });
    expect(Array.from(decodeUlaw(everyByte))).toEqual(Array.from(everyByte, decodeUlawSample));
  });

  it('writes into a caller-supplied buffer', () => {
    const out = new Uint8Array(160);
    expect(encodeUlaw(new Int16Array(160), out)).toBe(out);
    expect(out.every((b) => b === 0xff)).toBe(true);
  });

  it('keeps quantisation error within half a step of the segment', () => {
    for (const sample of everySample) {
      const error = Math.abs(decodeUlawSample(encodeUlawSample(sample)) - Math.max(-32124, Math.min(32124, sample)));
      const segment = (encodeUlawSample(sample) ^ 0xff) >> 4 & 7;
      if (error > (8 << segment) + 132) expect.fail(`sample ${sample} error ${error}`);
    }
  });
});

describe('G.711 A-law', () => {
  it('encodes zero to 0xD5 and the extremes to the end codes', () => {
    expect(encodeAlawSample(0)).toBe(0xd5);
    expect(encodeAlawSample(-1)).toBe(0x55);
    expect(encodeAlawSample(32767)).toBe(0xaa);
    expect(encodeAlawSample(-32768)).toBe(0x2a);
  });

  it('decodes the code table ends', () => {
    expect(decodeAlawSample(0xd5)).toBe(8);
    expect(decodeAlawSample(0x55)).toBe(-8);
    expect(decodeAlawSample(0xaa)).toBe(32256);
    expect(decodeAlawSample(0x2a)).toBe(-32256);
  });

  it('re-encodes every decoded code to itself', () => {
    for (const byte of everyByte) expect(encodeAlawSample(decodeAlawSample(byte))).toBe(byte);
  });

  it('encodes and decodes whole frames exactly like the per-sample reference', () => {
    const encoded = encodeAlaw(everySample);
    everySample.forEach((sample, i) => {
      if (encoded[i] !== encodeAlawSample(sample)) expect.fail(`sample ${sample}`);
    });
    expect(Array.from(decodeAlaw(everyByte))).toEqual(Array.from(everyByte, decodeAlawSample));
  });
});
