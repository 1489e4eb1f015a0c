import { describe, expect, it } from 'vitest';
import { canonicalHeaderName, headerKey, isListHeader, reasonPhrase, splitList } from '../../../../engine/sip/message/index.js';

describe('header names', () => {
  it('maps compact forms and any case to one key (RFC 3261 7.3.3)', () => {
    expect(['v', 'V', 'Via', 'VIA'].map(headerKey)).toEqual(['via', 'via', 'via', 'via']);
    expect(['i', 'm', 'l', 'c', 'k', 'f', 't', 's', 'e', 'o', 'r', 'b', 'u', 'x'].map(headerKey)).toEqual([
      'call-id', 'contact', 'content-length', 'content-type', 'supported', 'from', 'to', 'subject', 'content-encoding',
      'event', 'refer-to', 'referred-by', 'allow-events', 'session-expires',
    ]);
    expect(headerKey('z')).toBe('z');
  });

  it('spells names conventionally for output', () => {
    expect(['call-id', 'cseq', 'www-authenticate', 'l', 'max-forwards', 'x-custom-thing'].map(canonicalHeaderName)).toEqual([
      'Call-ID', 'CSeq', 'WWW-Authenticate', 'Content-Length', 'Max-Forwards', 'X-Custom-Thing',
    ]);
  });

  it('knows which headers are comma-separated lists', () => {
    expect(isListHeader('via')).toBe(true);
    expect(isListHeader('contact')).toBe(true);
    expect(isListHeader('from')).toBe(false);
    expect(isListHeader('authorization')).toBe(false);
  });
});

describe('splitList', () => {
  it('splits at top-level commas, not inside quotes or <>', () => {
    expect(splitList('"a, b" <sip:x@y;p=1,2>, <sip:z@w> ,c')).toEqual(['"a, b" <sip:x@y;p=1,2>', '<sip:z@w>', 'c']);
    expect(splitList('a,,b')).toEqual(['a', '', 'b']);
  });
});

describe('reasonPhrase', () => {
  it('gives the RFC 3261 phrase, or the class for an unknown code', () => {
    expect(reasonPhrase(487)).toBe('Request Terminated');
    expect(reasonPhrase(420)).toBe('Bad Extension');
    expect(reasonPhrase(299)).toBe('Success');
    expect(reasonPhrase(499)).toBe('Client Error');
  });
});
