import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SipResponse } from '../../../../engine/sip/message/response.js';
import type { IncomingRefer, OfferRequest, ReferProgress } from '../../../../engine/sip/user-agent/session-types.js';
import { SessionError } from '../../../../engine/sip/user-agent/session-error.js';
import { UserAgent } from '../../../../engine/sip/user-agent/user-agent.js';
import { establish, nextEvent, offer, startPair, terminated, type Pair } from './pair.js';

describe('UserAgent sessions between two user agents on loopback', () => {
  let pair: Pair;

  beforeEach(async () => {
    pair = await startPair();
  });

  afterEach(() => pair.close());

  for (const protocol of ['udp', 'tcp'] as const) {
    it(`rings, answers, and hangs up from the caller over ${protocol.toUpperCase()}`, async () => {
      const client = pair.caller.invite({ uri: pair.calleeUri(protocol), from: 'sip:caller@127.0.0.1', sdp: offer() });
      const server = await pair.nextIncoming();
      expect(server.offer).toContain('m=audio');
      const progress = nextEvent<[SipResponse, string | undefined]>(client, 'progress');
      server.ring();
      expect((await progress)[0].status).toBe(180);
      const accepted = nextEvent<[SipResponse, string | undefined]>(client, 'accepted');
      server.accept(offer());
      const [, answer] = await accepted;
      expect(answer).toContain('m=audio');
      expect(client.state).toBe('confirmed');
      const bye = nextEvent(server, 'bye');
      client.bye();
      await bye;
      expect((await terminated(server)).cause).toBe('remote-bye');
      expect((await terminated(client)).cause).toBe('local-bye');
      // An ended session keeps no listener: a transaction outliving it must not keep the call alive.
      expect(client.listenerCount('terminated') + server.listenerCount('bye')).toBe(0);
      expect(pair.callee.stats.dialogs).toBe(0);
      expect(pair.caller.stats.dialogs).toBe(0);
    });
  }

  it('sends early media SDP in 183 Session Progress', async () => {
    const client = pair.caller.invite({ uri: pair.calleeUri(), from: 'sip:caller@127.0.0.1', sdp: offer() });
    const server = await pair.nextIncoming();
    const progress = nextEvent<[SipResponse, string | undefined]>(client, 'progress');
    server.progress(offer('sendonly'));
    const [response, sdp] = await progress;
    expect(response.status).toBe(183);
    expect(sdp).toContain('a=sendonly');
    server.reject(480, 'Temporarily Unavailable', [['Retry-After', '30']]);
    const [failure, final] = await nextEvent<[{ status?: number }, SipResponse]>(client, 'failed');
    expect(failure.status).toBe(480);
    expect(final.header('Retry-After')).toBe('30');
  });

  it('cancels a ringing call: the caller sends CANCEL, the callee answers the INVITE 487', async () => {
    const client = pair.caller.invite({ uri: pair.calleeUri(), from: 'sip:caller@127.0.0.1', sdp: offer() });
    const server = await pair.nextIncoming();
    const progress = nextEvent(client, 'progress');
    server.ring();
    await progress;
    const cancelled = nextEvent(server, 'cancel');
    client.cancel();
    await cancelled;
    expect((await terminated(server)).cause).toBe('remote-cancel');
    expect((await terminated(client)).cause).toBe('local-cancel');
  });

  it('holds the CANCEL until a provisional response arrives (RFC 3261 9.1)', async () => {
    const client = pair.caller.invite({ uri: pair.calleeUri(), from: 'sip:caller@127.0.0.1', sdp: offer() });
    client.cancel();
    const server = await pair.nextIncoming();
    // The callee's 100 Trying lets the queued CANCEL go out.
    await nextEvent(server, 'cancel');
    expect(server.termination?.status).toBe(487);
  });

  it('re-INVITEs in both directions and exposes each side\'s SDP', async () => {
    const { client, server } = await establish(pair);
    server.on('reinvite', (request: OfferRequest) => request.accept(offer(request.sdp?.includes('sendonly') ? 'recvonly' : 'sendrecv')));
    const hold = await client.reinvite(offer('sendonly'));
    expect(hold.sdp).toContain('a=recvonly');
    expect(server.remoteSdp).toContain('a=sendonly');
    client.on('reinvite', (request: OfferRequest) => request.accept(offer('inactive')));
    const fromCallee = await server.reinvite(offer('sendonly'));
    expect(fromCallee.sdp).toContain('a=inactive');
    client.bye();
    await terminated(server);
  });

  it('answers glare with 491 on both sides (RFC 3261 14.2)', async () => {
    const { client, server } = await establish(pair);
    const results = await Promise.allSettled([client.reinvite(offer('sendonly')), server.reinvite(offer('sendonly'))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    for (const result of results) {
      const error = (result as PromiseRejectedResult).reason as SessionError;
      expect(error.status).toBe(491);
    }
    // Still usable after glare.
    const retry = await client.reinvite(offer('sendrecv'));
    expect(retry.response.status).toBe(200);
    client.bye();
  });

  it('refuses a second re-INVITE of its own while one is pending', async () => {
    const { client, server } = await establish(pair);
    server.on('reinvite', (request: OfferRequest) => setTimeout(() => request.accept(offer()), 50));
    const first = client.reinvite(offer('sendonly'));
    await expect(client.reinvite(offer('inactive'))).rejects.toMatchObject({ code: 'request-pending' });
    await first;
    client.bye();
  });

  it('delivers INFO, MESSAGE and UPDATE inside the dialog', async () => {
    const { client, server } = await establish(pair);
    const info = nextEvent<[{ bodyText: string }]>(server, 'info');
    const infoResponse = await client.info({ body: 'Signal=5\r\nDuration=160\r\n', contentType: 'application/dtmf-relay' });
    expect(infoResponse.status).toBe(200);
    expect((await info)[0].bodyText).toContain('Signal=5');
    const message = nextEvent<[{ bodyText: string }]>(client, 'message');
    expect((await server.message({ body: 'hello', contentType: 'text/plain' })).status).toBe(200);
    expect((await message)[0].bodyText).toBe('hello');
    client.on('update', (request: OfferRequest) => request.accept(offer('recvonly')));
    const updated = await server.update(offer('sendonly'));
    expect(updated.response.status).toBe(200);
    expect(updated.sdp).toContain('a=recvonly');
    server.bye();
    await terminated(client);
  });

  it('transfers with REFER and reports NOTIFY sipfrag progress to the referrer (RFC 3515)', async () => {
    const { client, server } = await establish(pair);
    const progress: ReferProgress[] = [];
    client.on('referProgress', (p: ReferProgress) => progress.push(p));
    const referred = nextEvent<[IncomingRefer]>(server, 'refer');
    const response = await client.refer('sip:carol@127.0.0.1');
    expect(response.status).toBe(202);
    const [refer] = await referred;
    expect(refer.referTo).toBe('sip:carol@127.0.0.1');
    refer.notify(180, 'Ringing');
    refer.notify(200, 'OK');
    await new Promise<void>((resolve) => client.on('referProgress', (p: ReferProgress) => p.final && resolve()));
    expect(progress.map((p) => p.status)).toEqual([100, 180, 200]);
    expect(progress.at(-1)?.final).toBe(true);
    client.bye();
  });

  it('carries Replaces in the Refer-To for attended transfer (RFC 3891)', async () => {
    const { client, server } = await establish(pair);
    const target = { callId: 'abc@example.com', toTag: 't1', fromTag: 'f1', earlyOnly: false };
    const referred = nextEvent<[IncomingRefer]>(server, 'refer');
    await client.refer('sip:carol@127.0.0.1', { replaces: target });
    const [refer] = await referred;
    expect(refer.replaces).toEqual(target);
    client.bye();
  });

  it('declines a REFER nobody listens for with 603', async () => {
    const { client } = await establish(pair);
    expect((await client.refer('sip:carol@127.0.0.1')).status).toBe(603);
    client.bye();
  });

  it('answers OPTIONS outside a dialog with 200 and Allow', async () => {
    const response = await pair.caller.ping(pair.calleeUri(), 'sip:caller@127.0.0.1');
    expect(response.status).toBe(200);
    expect(response.allow).toContain('INVITE');
    expect(response.allow).toContain('REFER');
  });

  it('sends a request above 1300 bytes over TCP even to a UDP URI (RFC 3261 18.1.1)', async () => {
    const big = offer() + `a=x-padding:${'p'.repeat(1400)}\r\n`;
    // A URI without transport names UDP; the size moves the INVITE to TCP (the callee's TCP port here).
    const client = pair.caller.invite({ uri: pair.calleeUri('tcp').replace(';transport=tcp', ''), from: 'sip:caller@127.0.0.1', sdp: big });
    const server = await pair.nextIncoming();
    expect(server.source.protocol).toBe('tcp');
    server.reject(486);
    await terminated(client);
  });

  it('fails the call with the final status when rejected, and maps an unreachable TCP peer to a transport error', async () => {
    const client = pair.caller.invite({ uri: pair.calleeUri(), from: 'sip:caller@127.0.0.1' });
    (await pair.nextIncoming()).reject(404);
    expect((await terminated(client)).status).toBe(404);
    const unreachable = pair.caller.invite({ uri: 'sip:x@127.0.0.1:1;transport=tcp', from: 'sip:caller@127.0.0.1' });
    expect((await terminated(unreachable)).cause).toBe('transport-error');
  });

  it('routes an outgoing INVITE through the outbound proxy with a loose Route, keeping the Request-URI', async () => {
    const proxy = `sip:127.0.0.1:${pair.callee.localTarget('udp').port}`;
    const proxied = await UserAgent.start({ listen: [{ protocol: 'udp', host: '127.0.0.1', port: 0 }], outboundProxy: proxy }, { onInvite: (s) => s.reject(603) });
    try {
      const client = proxied.invite({ uri: 'sip:bob@unresolvable.invalid', from: 'sip:caller@127.0.0.1', sdp: offer() });
      const server = await pair.nextIncoming();
      expect(server.request.uri).toBe('sip:bob@unresolvable.invalid');
      expect(server.request.headers('Route')).toEqual([`<${proxy};lr>`]);
      server.reject(404);
      expect((await terminated(client)).status).toBe(404);
    } finally {
      proxied.close();
    }
  });

  it('reads the Replaces header of an INVITE for attended transfer (RFC 3891)', async () => {
    const client = pair.caller.invite({
      uri: pair.calleeUri(),
      from: 'sip:caller@127.0.0.1',
      sdp: offer(),
      headers: [['Replaces', '98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff']],
    });
    const server = await pair.nextIncoming();
    expect(server.replaces).toEqual({ callId: '98732@sip.example.com', toTag: 'ff87ff', fromTag: 'r33th4x0r', earlyOnly: false });
    server.reject(481);
    await terminated(client);
  });

  it('answers OPTIONS inside a dialog with 200', async () => {
    const { client } = await establish(pair);
    expect((await client.sendRequest('OPTIONS')).status).toBe(200);
    await expect(client.sendRequest('BYE')).rejects.toMatchObject({ code: 'invalid-state' });
    client.bye();
  });

  it('closes idempotently and refuses new calls after', () => {
    pair.caller.close();
    pair.caller.close();
    expect(() => pair.caller.invite({ uri: pair.calleeUri(), from: 'sip:a@127.0.0.1' })).toThrow(SessionError);
  });
});
