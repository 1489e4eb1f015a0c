import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestResponse, parseDigestAlgorithm } from '../../../../engine/sip/auth/index.js';

// RFC 7616 3.9.1: the same request answered with MD5 and with SHA-256.
const rfc7616 = {
  username: 'Mufasa',
  realm: 'http-auth@example.org',
  password: 'Circle of Life',
  method: 'GET',
  uri: '/dir/index.html',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  nc: '00000001',
  qop: 'auth',
} as const;

describe('digestResponse', () => {
  it('matches the RFC 7616 3.9.1 MD5 example', () => {
    expect(digestResponse({ ...rfc7616, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('matches the RFC 7616 3.9.1 SHA-256 example', () => {
    expect(digestResponse({ ...rfc7616, algorithm: 'SHA-256' })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });

  // RFC 7616 3.9.2's SHA-512-256 example is not reproducible as published (RFC erratum 4897), so SHA-512-256 is
  // checked by composition with the SHA-512/256 hash instead.
  it('computes SHA-512-256 with the SHA-512/256 hash over UTF-8 input', () => {
    const h = (s: string) => createHash('sha512-256').update(s).digest('hex');
    const input = { ...rfc7616, username: 'J\u00e4s\u00f8n Doe', realm: 'api@example.org', password: 'Secret, or not?', uri: '/doe.json' };
    const expected = h(`${h('J\u00e4s\u00f8n Doe:api@example.org:Secret, or not?')}:${input.nonce}:00000001:${input.cnonce}:auth:${h('GET:/doe.json')}`);
    expect(digestResponse({ ...input, algorithm: 'SHA-512-256' })).toBe(expected);
  });

  it('matches the RFC 2617 3.5 example (MD5, qop=auth)', () => {
    expect(
      digestResponse({
        algorithm: 'MD5',
        username: 'Mufasa',
        realm: 'testrealm@host.com',
        password: 'Circle Of Life',
        method: 'GET',
        uri: '/dir/index.html',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        cnonce: '0a4f113b',
        nc: '00000001',
        qop: 'auth',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('computes the RFC 2069 form when the challenge has no qop', () => {
    // H(H(A1) ":" nonce ":" H(A2)) with MD5, checked against an independent composition.
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    const expected = md5(`${md5('bob:biloxi.com:zanzibar')}:abc:${md5('INVITE:sip:bob@biloxi.com')}`);
    expect(
      digestResponse({ algorithm: 'MD5', username: 'bob', realm: 'biloxi.com', password: 'zanzibar', method: 'INVITE', uri: 'sip:bob@biloxi.com', nonce: 'abc' }),
    ).toBe(expected);
  });

  it('uses H(H(user:realm:pass):nonce:cnonce) as A1 for -sess and hashes the body for auth-int', () => {
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const ha1 = sha(`${sha('u:r:p')}:n:c`);
    const ha2 = sha(`INVITE:sip:x@y:${sha('v=0\r\n')}`);
    expect(
      digestResponse({ algorithm: 'SHA-256-sess', username: 'u', realm: 'r', password: 'p', method: 'INVITE', uri: 'sip:x@y', nonce: 'n', cnonce: 'c', nc: '00000002', qop: 'auth-int', body: 'v=0\r\n' }),
    ).toBe(sha(`${ha1}:n:00000002:c:auth-int:${ha2}`));
  });
});

describe('parseDigestAlgorithm', () => {
  it('defaults to MD5, matches case-insensitively and refuses unknown algorithms', () => {
    expect(parseDigestAlgorithm(undefined)).toBe('MD5');
    expect(parseDigestAlgorithm('sha-256')).toBe('SHA-256');
    expect(parseDigestAlgorithm('md5-SESS')).toBe('MD5-sess');
    expect(parseDigestAlgorithm('SHA-1')).toBeUndefined();
  });
});
