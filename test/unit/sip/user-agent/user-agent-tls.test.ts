import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { UserAgent } from '../../../../engine/sip/user-agent/user-agent.js';
import type { ServerSession } from '../../../../engine/sip/user-agent/server-session.js';
import { nextEvent, offer, terminated } from './pair.js';

// A self-signed certificate for 127.0.0.1 made for these tests (openssl req -x509, 10 years).
const tls = {
  cert: readFileSync(new URL('../../../fixtures/sip-tls/cert.pem', import.meta.url)),
  key: readFileSync(new URL('../../../fixtures/sip-tls/key.pem', import.meta.url)),
  ca: readFileSync(new URL('../../../fixtures/sip-tls/cert.pem', import.meta.url)),
};

describe('UserAgent over TLS', () => {
  const agents: UserAgent[] = [];
  afterEach(() => {
    for (const agent of agents.splice(0)) agent.close();
  });

  it('places and answers a call over a verified TLS connection', async () => {
    const incoming: ServerSession[] = [];
    const callee = await UserAgent.start({ listen: [{ protocol: 'tls', host: '127.0.0.1', port: 0 }], tls }, { onInvite: (s) => incoming.push(s) });
    const caller = await UserAgent.start({ listen: [{ protocol: 'tls', host: '127.0.0.1', port: 0 }], tls }, { onInvite: (s) => s.reject(603) });
    agents.push(callee, caller);
    const client = caller.invite({ uri: `sip:callee@127.0.0.1:${callee.localTarget('tls').port};transport=tls`, from: 'sip:caller@127.0.0.1', sdp: offer() });
    await expect.poll(() => incoming.length).toBe(1);
    const server = incoming[0]!;
    expect(server.source.protocol).toBe('tls');
    expect(server.request.topVia.transport).toBe('TLS');
    const accepted = nextEvent(client, 'accepted');
    server.accept(offer());
    await accepted;
    client.bye();
    expect((await terminated(server)).cause).toBe('remote-bye');
  });

  it('fails the call when the peer certificate is not trusted', async () => {
    const callee = await UserAgent.start({ listen: [{ protocol: 'tls', host: '127.0.0.1', port: 0 }], tls }, { onInvite: (s) => s.reject(486) });
    const caller = await UserAgent.start(
      { listen: [{ protocol: 'tls', host: '127.0.0.1', port: 0 }], tls: { cert: tls.cert, key: tls.key } },
      { onInvite: (s) => s.reject(603) },
    );
    agents.push(callee, caller);
    const client = caller.invite({ uri: `sip:callee@127.0.0.1:${callee.localTarget('tls').port};transport=tls`, from: 'sip:caller@127.0.0.1' });
    expect((await terminated(client)).cause).toBe('transport-error');
  });
});
