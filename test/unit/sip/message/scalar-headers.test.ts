import { describe, expect, it } from 'vitest';
import {
  parseAuthHeader,
  parseCallId,
  parseContentLength,
  parseCSeq,
  parseDeltaSeconds,
  parseMaxForwards,
  parseMediaType,
  SipParseError,
} from '../../../../engine/sip/message/index.js';

describe('scalar header values', () => {
  it('reads CSeq with leading zeros and LWS, up to 2^32-1', () => {
    expect(parseCSeq('0009 \t INVITE')).toEqual({ seq: 9, method: 'INVITE' });
    expect(parseCSeq('4294967295 BYE')).toEqual({ seq: 4294967295, method: 'BYE' });
  });

  it.each(['4294967296 INVITE', '36893488147419103232 REGISTER', 'INVITE', '1', '-1 INVITE', '1 IN VITE', '1 INV(ITE'])('refuses CSeq %j', (value) => {
    expect(() => parseCSeq(value)).toThrow(SipParseError);
  });

  it('bounds Max-Forwards to 0..255 and delta-seconds / Content-Length to 32 bits', () => {
    expect(parseMaxForwards('0068')).toBe(68);
    expect(parseMaxForwards('0')).toBe(0);
    expect(() => parseMaxForwards('256')).toThrow(/Bad Max-Forwards/);
    expect(parseDeltaSeconds('3600')).toBe(3600);
    expect(() => parseDeltaSeconds('10000000000000000000')).toThrow(/Bad Expires/);
    expect(parseContentLength(' 150 ')).toBe(150);
    expect(() => parseContentLength('-999')).toThrow(/Bad Content-Length/);
    expect(() => parseContentLength('')).toThrow(/Bad Content-Length/);
  });

  it('accepts the Call-ID word characters and at most one @', () => {
    expect(parseCallId('f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com')).toBe('f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com');
    expect(parseCallId('<>"[]{}?:/\\')).toBe('<>"[]{}?:/\\');
    expect(() => parseCallId('a@b@c')).toThrow(SipParseError);
    expect(() => parseCallId('a b')).toThrow(SipParseError);
    expect(() => parseCallId('')).toThrow(SipParseError);
  });

  it('reads a media type case-insensitively with its parameters', () => {
    expect(parseMediaType('Application/SDP ; charset=utf-8')).toEqual({ mediaType: 'application/sdp', type: 'application', subtype: 'sdp', paramsText: 'charset=utf-8' });
    expect(() => parseMediaType('sdp')).toThrow(/Bad Content-Type/);
  });
});

describe('parseAuthHeader', () => {
  it('reads scheme and comma-separated auth-params, unquoting quoted values', () => {
    const value = parseAuthHeader('Digest username="bob", realm="biloxi.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="sip:bob@biloxi.com", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"');
    expect(value.scheme).toBe('Digest');
    expect(value.params).toMatchObject({ username: 'bob', realm: 'biloxi.com', qop: 'auth', nc: '00000001', uri: 'sip:bob@biloxi.com' });
    expect(value.quoted.has('qop')).toBe(false);
    expect(value.quoted.has('nonce')).toBe(true);
  });

  it('keeps commas and escaped quotes inside quoted values', () => {
    expect(parseAuthHeader('Digest realm="a, \\"b\\"", qop="auth,auth-int"').params).toEqual({ realm: 'a, "b"', qop: 'auth,auth-int' });
  });

  it('reads a token68 credential (RFC 7235 2.1)', () => {
    expect(parseAuthHeader('Basic dXNlcjpwYXNz')).toMatchObject({ scheme: 'Basic', token68: 'dXNlcjpwYXNz', params: {} });
    expect(parseAuthHeader('Bearer abc.def-ghi==')).toMatchObject({ token68: 'abc.def-ghi==' });
    expect(parseAuthHeader('Digest realm=x').token68).toBeUndefined();
  });

  it.each(['', 'Digest a b', 'Digest realm="x" nonce="y"', 'Digest realm="x", ,', 'Digest realm="unterminated'])('refuses %j', (value) => {
    expect(() => parseAuthHeader(value)).toThrow(SipParseError);
  });
});
