import { describe, expect, it } from 'vitest';
import { formatNameAddr, parseNameAddr, parseNameAddrList, SipParseError } from '../../../../engine/sip/message/index.js';

describe('parseNameAddr', () => {
  it('reads a quoted display name with escapes, the URI and the tag', () => {
    expect(parseNameAddr('"Alice \\"A\\" \\\\ Smith" <sip:alice@atlanta.com;transport=tcp>;tag=88sja8x;x=y')).toEqual({
      displayName: 'Alice "A" \\ Smith',
      uri: expect.objectContaining({ user: 'alice', host: 'atlanta.com', params: { transport: 'tcp' } }),
      params: { tag: '88sja8x', x: 'y' },
      tag: '88sja8x',
    });
  });

  it('reads token display names, with or without space before < (RFC 4475 3.1.1.6)', () => {
    expect(parseNameAddr('Bob  Smith <sip:bob@b>').displayName).toBe('Bob  Smith');
    expect(parseNameAddr('caller<sip:caller@example.com>;tag=323').displayName).toBe('caller');
    expect(parseNameAddr('<sip:bob@b>').displayName).toBeUndefined();
  });

  it('treats parameters after an addr-spec as header parameters (RFC 3261 20.10)', () => {
    const value = parseNameAddr('sip:bob@biloxi.com;tag=1;transport=tcp');
    expect(value.tag).toBe('1');
    expect(value.params).toEqual({ tag: '1', transport: 'tcp' });
    expect(value.uri).toMatchObject({ params: {} });
  });

  it('reads quoted and whitespace-padded header parameters', () => {
    expect(parseNameAddr('<sip:a@b> ; q = 0.7 ; note="a;b, c"').params).toEqual({ q: '0.7', note: '"a;b, c"' });
  });

  it.each([
    '"unterminated <sip:a@b>',
    'Bell, Alexander <sip:a.g.bell@bell-tel.com>',
    '< sip:t.watson@example.org >',
    '<sip:a@b',
    'sip:a@b?Route=%3Csip:x%3E',
    '"name" sip:a@b',
    '<sip:a@b>;;',
    '<sip:a@b>;tag',
    '<sip:a@b>;tag="quoted"',
    '',
  ])('refuses %j', (text) => {
    expect(() => parseNameAddr(text)).toThrow(SipParseError);
  });
});

describe('parseNameAddrList', () => {
  it('splits at top-level commas only', () => {
    const list = parseNameAddrList('"Doe, John" <sip:j@d>;q=0.1, <sip:x@y;a=b>, sip:z@w');
    expect(list.map((value) => value.displayName)).toEqual(['Doe, John', undefined, undefined]);
    expect(list).toHaveLength(3);
  });

  it('refuses empty elements', () => {
    expect(() => parseNameAddrList('<sip:a@b>,,<sip:c@d>')).toThrow(SipParseError);
  });
});

describe('formatNameAddr', () => {
  it('quotes the display name, encloses the URI and appends the tag', () => {
    expect(formatNameAddr({ displayName: 'Alice "A"', uri: 'sip:alice@a', tag: 't1' })).toBe('"Alice \\"A\\"" <sip:alice@a>;tag=t1');
    const parsed = parseNameAddr('"Bob" <sip:bob@b;lr>;tag=9;x');
    expect(parseNameAddr(formatNameAddr(parsed))).toEqual(parsed);
  });
});
