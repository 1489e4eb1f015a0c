import { describe, expect, it } from 'vitest';
import { DigestClient, DigestServer } from '../../../../engine/sip/auth/index.js';
import { createRequest, createResponse, parseAuthHeader } from '../../../../engine/sip/message/index.js';

function setup(options: { qop?: ('auth' | 'auth-int')[] } = {}) {
  let now = 0;
  const server = new DigestServer({ realm: 'pbx', nonceLifetimeMs: 1000, now: () => now, ...options });
  const client = new DigestClient({ username: 'u', password: 'p' });
  const request = createRequest({ method: 'REGISTER', uri: 'sip:pbx', from: { uri: 'sip:u@pbx', tag: 't' }, to: { uri: 'sip:u@pbx' }, callId: 'c', cseq: 1, via: ['SIP/2.0/UDP h;branch=z9hG4bK1'] });
  const response = createResponse(request, 401, { toTag: 'x', headers: [['WWW-Authenticate', server.challenge()]] });
  const credentials = () => client.handleChallenge(response, request)![0]![1];
  return { server, client, credentials, advance: (ms: number) => (now += ms) };
}

const passwords = (user: string) => (user === 'u' ? 'p' : undefined);

describe('DigestServer', () => {
  it('issues an RFC 7616 challenge with realm, nonce, opaque, algorithm and qop', () => {
    const { params } = parseAuthHeader(new DigestServer({ realm: 'pbx', algorithm: 'SHA-256' }).challenge(true));
    expect(params).toMatchObject({ realm: 'pbx', algorithm: 'SHA-256', qop: 'auth', stale: 'true' });
    expect(params.nonce!.length).toBeGreaterThan(20);
  });

  it('accepts good credentials and refuses a wrong password, unknown user, wrong realm or URI', () => {
    const { server, credentials } = setup();
    const value = credentials();
    expect(server.verify(value, { method: 'REGISTER', uri: 'sip:pbx' }, passwords)).toEqual({ ok: true, username: 'u' });
    expect(server.verify(value.replace('nc=00000001', 'nc=00000002'), { method: 'REGISTER' }, () => 'other')).toEqual({ ok: false, reason: 'response' });
    expect(server.verify(value, { method: 'REGISTER' }, () => undefined)).toEqual({ ok: false, reason: 'unknown-user' });
    expect(server.verify(value.replace('realm="pbx"', 'realm="x"'), { method: 'REGISTER' }, passwords)).toEqual({ ok: false, reason: 'realm' });
    expect(server.verify(value, { method: 'REGISTER', uri: 'sip:other' }, passwords)).toEqual({ ok: false, reason: 'uri' });
    expect(server.verify(value.replace(/opaque="[^"]*"/, 'opaque="changed"'), { method: 'REGISTER' }, passwords)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a replayed nonce count and accepts the next one', () => {
    const { server, client, credentials } = setup();
    const value = credentials();
    expect(server.verify(value, { method: 'REGISTER' }, passwords).ok).toBe(true);
    expect(server.verify(value, { method: 'REGISTER' }, passwords)).toEqual({ ok: false, reason: 'replay' });
    const next = client.authorize({ method: 'REGISTER', uri: 'sip:pbx' })[0]![1];
    expect(server.verify(next, { method: 'REGISTER' }, passwords).ok).toBe(true);
  });

  it('reports a nonce past its lifetime as stale, and a forged nonce as bad', () => {
    const { server, credentials, advance } = setup();
    const value = credentials();
    advance(1001);
    expect(server.verify(value, { method: 'REGISTER' }, passwords)).toEqual({ ok: false, reason: 'stale' });
    const forged = value.replace(/nonce="[^"]+"/, 'nonce="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"');
    expect(server.verify(forged, { method: 'REGISTER' }, passwords)).toEqual({ ok: false, reason: 'nonce' });
  });

  it('refuses malformed credentials without throwing', () => {
    const { server } = setup();
    for (const value of ['', 'Digest', 'Digest username="u"', 'Basic dTpw', 'Digest username="u", realm="pbx", nonce="n", uri="sip:pbx", response="r", qop=auth']) {
      expect(server.verify(value, { method: 'REGISTER' }, passwords).ok).toBe(false);
    }
  });

  it('verifies qop=auth-int over the body', () => {
    const server = new DigestServer({ realm: 'pbx', qop: ['auth-int'] });
    const client = new DigestClient({ username: 'u', password: 'p' });
    const request = createRequest({ method: 'MESSAGE', uri: 'sip:pbx', from: { uri: 'sip:u@pbx', tag: 't' }, to: { uri: 'sip:pbx' }, callId: 'c', cseq: 1, body: 'hello', contentType: 'text/plain' });
    const response = createResponse(request, 401, { toTag: 'x', headers: [['WWW-Authenticate', server.challenge()]] });
    const value = client.handleChallenge(response, request, { method: 'MESSAGE', uri: 'sip:pbx', body: request.body })![0]![1];
    expect(parseAuthHeader(value).params.qop).toBe('auth-int');
    expect(server.verify(value, { method: 'MESSAGE', body: 'hello' }, passwords).ok).toBe(true);
    expect(server.verify(value, { method: 'MESSAGE', body: 'tampered' }, passwords)).toEqual({ ok: false, reason: 'response' });
  });
});
