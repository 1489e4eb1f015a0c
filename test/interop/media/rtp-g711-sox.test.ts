import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeAlaw, decodeUlaw, encodeAlaw, encodeUlaw } from '../../../engine/media/codec/g711.js';

/** Converts raw audio with sox, no dither, between the given encodings. */
function sox(input: Uint8Array, from: string[], to: string[]): Buffer {
  return execFileSync('sox', ['-D', '-t', 'raw', '-r', '8000', '-c', '1', ...from, '-', '-t', 'raw', ...to, '-'], { input, stdio: ['pipe', 'pipe', 'ignore'] });
}

const everyCode = Uint8Array.from({ length: 256 }, (_, i) => i);
const everySample = Int16Array.from({ length: 65536 }, (_, i) => (i << 16) >> 16);
const s16 = ['-e', 'signed', '-b', '16'];

describe('G.711 against sox', () => {
  it('decodes every mu-law and A-law code exactly as sox does', () => {
    for (const [law, decode] of [['u-law', decodeUlaw], ['a-law', decodeAlaw]] as const) {
      const theirs = sox(everyCode, ['-e', law, '-b', '8'], s16);
      expect(Array.from(decode(everyCode))).toEqual(Array.from(new Int16Array(theirs.buffer, theirs.byteOffset, 256)));
    }
  });

  it('encodes every 16-bit sample to sox\'s code or its neighbour (the ITU reference truncates, sox rounds)', () => {
    for (const [law, encode, decode] of [['u-law', encodeUlaw, decodeUlaw], ['a-law', encodeAlaw, decodeAlaw]] as const) {
      const theirs = sox(new Uint8Array(everySample.buffer), s16, ['-e', law, '-b', '8']);
      const ours = encode(everySample);
      const oursDecoded = decode(ours);
      const theirsDecoded = decode(new Uint8Array(theirs));
      // The quantiser's output levels in order: sox's choice and ours must be the same level or neighbours.
      const levels = [...new Set(decode(everyCode))].sort((a, b) => a - b);
      let differing = 0;
      for (let i = 0; i < everySample.length; i++) {
        if (oursDecoded[i] === theirsDecoded[i]) continue;
        differing++;
        if (Math.abs(levels.indexOf(oursDecoded[i]!) - levels.indexOf(theirsDecoded[i]!)) > 1) expect.fail(`${law} sample ${everySample[i]}`);
      }
      expect(differing / everySample.length).toBeLessThan(0.05);
    }
  });
});
