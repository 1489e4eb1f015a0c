import { describe, expect, it } from 'vitest';
import { formatNameAddr, formatUri, formatVia, parseNameAddr, parseUri, parseVia } from '../../../../engine/sip/message/index.js';
import { generateNameAddr, generateUri, generateVia, random } from './generated-values.js';

describe('format(parse(x)) parses back to the same value', () => {
  it('URIs', () => {
    const rnd = random(23);
    for (let i = 0; i < 300; i++) {
      const uri = parseUri(generateUri(rnd));
      expect(parseUri(formatUri(uri))).toEqual(uri);
    }
  });

  it('name-addrs', () => {
    const rnd = random(29);
    for (let i = 0; i < 300; i++) {
      const value = parseNameAddr(generateNameAddr(rnd));
      expect(parseNameAddr(formatNameAddr(value))).toEqual(value);
    }
  });

  it('Via values', () => {
    const rnd = random(31);
    for (let i = 0; i < 300; i++) {
      const via = parseVia(generateVia(rnd));
      expect(parseVia(formatVia(via))).toEqual(via);
    }
  });
});
