import { describe, expect, it } from 'vitest';
import { DigestClient, DigestServer, parseDigestChallenge, digestResponse } from '../../../../engine/sip/auth/index.js';
import { createRequest, createResponse, parseAuthHeader, type SipRequest } from '../../../../engine/sip/message/index.js';

function invite(): SipRequest {
  return createRequest({
    method: 'INVITE',
    uri: 'sip:bob@biloxi.example.com',
    from: { uri: 'sip:alice@atlanta.example.com', tag: 'a1' },
    to: { uri: 'sip:bob@biloxi.example.com' },
    callId: 'c1@atlanta',
    cseq: 1,
    via: ['SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1'],
  });
}

function challenged(request: SipRequest, status: 401 | 407, challenge: string) {
  return createResponse(request, status, {
    toTag: 'b1',
    headers: [[status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate', challenge]],
  });
}

describe('parseDigestChallenge', () => {
  it('reads realm, nonce, opaque, algorithm, qop options and stale', () => {
    expect(
      parseDigestChallenge('Digest realm="biloxi.com", qop="auth,auth-int", nonce="dcd98b", opaque="5ccc", algorithm=SHA-256, stale=TRUE'),
    ).toEqual({ realm: 'biloxi.com', nonce: 'dcd98b', opaque: '5ccc', algorithm: 'SHA-256', qop: ['auth', 'auth-int'], stale: true });
  });

  it.each([
    ['Basic realm="x"', /scheme/],
    ['Digest nonce="n"', /realm/],
    ['Digest realm="r", nonce="n", algorithm=SHA-1', /algorithm/],
    ['Digest realm="r", nonce="n", qop="auth-conf"', /qop/],
  ])('refuses %s', (value, message) => {
    expect(() => parseDigestChallenge(value)).toThrow(message);
  });
});

describe('DigestClient', () => {
  it('answers a 401 with Authorization that the RFC 7616 computation verifies', () => {
    const client = new DigestClient({ username: 'alice', password: 'secret' }, { cnonce: () => 'cn1' });
    const request = invite();
    const response = challenged(request, 401, 'Digest realm="atlanta.example.com", nonce="abc", opaque="op", qop="auth", algorithm=MD5');
    const headers = client.handleChallenge(response, request);
    expect(headers).toHaveLength(1);
    const [name, value] = headers![0]!;
    expect(name).toBe('Authorization');
    const { params } = parseAuthHeader(value);
    expect(params).toMatchObject({ username: 'alice', realm: 'atlanta.example.com', nonce: 'abc', uri: 'sip:bob@biloxi.example.com', qop: 'auth', nc: '00000001', cnonce: 'cn1', opaque: 'op', algorithm: 'MD5' });
    expect(params.response).toBe(
      digestResponse({ algorithm: 'MD5', username: 'alice', realm: 'atlanta.example.com', password: 'secret', method: 'INVITE', uri: 'sip:bob@biloxi.example.com', nonce: 'abc', cnonce: 'cn1', nc: '00000001', qop: 'auth' }),
    );
  });

  it('answers a 407 with Proxy-Authorization and reuses the nonce with an incrementing nc', () => {
    const client = new DigestClient({ username: 'alice', password: 'secret' });
    const request = invite();
    client.handleChallenge(challenged(request, 407, 'Digest realm="proxy", nonce="n1", qop="auth", algorithm=SHA-256'), request);
    const [[name, value]] = client.authorize({ method: 'BYE', uri: 'sip:bob@192.0.2.2' }) as [[string, string]];
    expect(name).toBe('Proxy-Authorization');
    expect(parseAuthHeader(value).params).toMatchObject({ nc: '00000002', nonce: 'n1', algorithm: 'SHA-256', uri: 'sip:bob@192.0.2.2' });
    const third = client.authorize({ method: 'BYE', uri: 'sip:bob@192.0.2.2' });
    expect(parseAuthHeader(third[0]![1]).params.nc).toBe('00000003');
  });

  it('gives up when its credentials were refused and the new challenge is not stale', () => {
    const client = new DigestClient({ username: 'alice', password: 'wrong' });
    const first = invite();
    const retry = client.handleChallenge(challenged(first, 401, 'Digest realm="r", nonce="n1", qop="auth"'), first)!;
    const second = invite();
    for (const [name, value] of retry) second.addHeader(name, value);
    expect(client.handleChallenge(challenged(second, 401, 'Digest realm="r", nonce="n2", qop="auth"'), second)).toBeNull();
    expect(client.handleChallenge(challenged(second, 401, 'Digest realm="r", nonce="n3", qop="auth", stale=true'), second)).not.toBeNull();
  });

  it('uses the first challenge it supports per realm, in the server order (RFC 7616, RFC 8760)', () => {
    const client = new DigestClient({ username: 'alice', password: 'p' });
    const request = invite();
    const response = createResponse(request, 401, {
      toTag: 'b1',
      headers: [
        ['WWW-Authenticate', 'Digest realm="r", nonce="n1", qop="auth", algorithm=SHA-512-256-unknown'],
        ['WWW-Authenticate', 'Digest realm="r", nonce="n2", qop="auth", algorithm=SHA-256'],
        ['WWW-Authenticate', 'Digest realm="r", nonce="n3", qop="auth", algorithm=MD5'],
      ],
    });
    const headers = client.handleChallenge(response, request)!;
    expect(headers).toHaveLength(1);
    expect(parseAuthHeader(headers[0]![1]).params).toMatchObject({ nonce: 'n2', algorithm: 'SHA-256' });
  });

  it('ignores challenges for another realm or with an unknown scheme', () => {
    const client = new DigestClient({ username: 'alice', password: 'p', realm: 'mine' });
    const request = invite();
    expect(client.handleChallenge(challenged(request, 401, 'Digest realm="theirs", nonce="n"'), request)).toBeNull();
    expect(client.handleChallenge(challenged(request, 401, 'NoOneKnowsThisScheme x=y'), request)).toBeNull();
  });

  it('round-trips with DigestServer for every algorithm', () => {
    for (const algorithm of ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'] as const) {
      const server = new DigestServer({ realm: 'callscript', algorithm });
      const client = new DigestClient({ username: 'alice', password: 'pw' });
      const request = invite();
      const [[, value]] = client.handleChallenge(challenged(request, 401, server.challenge()), request) as [[string, string]];
      expect(server.verify(value, { method: 'INVITE', uri: request.uri }, (user) => (user === 'alice' ? 'pw' : undefined))).toEqual({ ok: true, username: 'alice' });
    }
  });
});
