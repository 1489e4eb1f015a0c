import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserAgent } from '../../../engine/sip/user-agent/user-agent.js';
import { delay, eventually, sdp } from './helpers.js';
import { killAllSipp, runSipp } from './sipp.js';
import { sendTcp, sendUdp } from './torture-client.js';

const MAX_CONNECTIONS = 1500;

function validInvite(transport: 'UDP' | 'TCP'): Buffer {
  const body = sdp();
  return Buffer.from(
    `INVITE sip:nobody@127.0.0.1 SIP/2.0\r\n` +
      `Via: SIP/2.0/${transport} 127.0.0.1:9;branch=z9hG4bK${Math.random().toString(36).slice(2)};rport\r\n` +
      `Max-Forwards: 70\r\nFrom: "Caller" <sip:caller@127.0.0.1>;tag=abc\r\nTo: <sip:nobody@127.0.0.1>\r\n` +
      `Call-ID: ${Math.random().toString(36).slice(2)}@127.0.0.1\r\nCSeq: 1 INVITE\r\nContact: <sip:caller@127.0.0.1:9>\r\n` +
      `Content-Type: application/sdp\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Malformed input of our own, beyond RFC 4475: the stack answers or drops, never crashes or stalls. */
describe('malformed and hostile input', () => {
  let ua: UserAgent;
  const errors: unknown[] = [];

  beforeAll(async () => {
    ua = await UserAgent.start(
      {
        listen: [{ protocol: 'udp', host: '127.0.0.1', port: 0 }, { protocol: 'tcp', host: '127.0.0.1', port: 0 }],
        limits: { maxMessageSize: 16_384, maxConnections: MAX_CONNECTIONS, partialMessageTimeoutMs: 1_000, idleTimeoutMs: 5_000 },
      },
      {
        onInvite: (session) => {
          const uri = session.request.requestUri;
          if ('user' in uri && uri.user === 'service') session.accept(sdp());
          else session.reject(486);
        },
        // Transport errors (framing, limits) are expected here; anything else is a defect.
        onError: (error, context) => context !== 'transport' && errors.push(error),
      },
    );
  });

  afterAll(() => {
    killAllSipp();
    ua.close();
  });

  async function callStillCompletes(transport: 'u1' | 't1'): Promise<void> {
    const port = ua.localTarget(transport === 'u1' ? 'udp' : 'tcp').port;
    const result = await runSipp({ scenario: 'uac', remote: `127.0.0.1:${port}`, transport, calls: 3, rate: 10 });
    expect(result.exitCode, result.output).toBe(0);
  }

  it('answers or drops every truncation of a valid INVITE over UDP, one datagram per length', async () => {
    const invite = validInvite('UDP');
    const answered: number[] = [];
    for (let length = 1; length < invite.length; length += 1) {
      const statuses = await sendUdp(ua.localTarget('udp').port, invite.subarray(0, length), 2);
      answered.push(...statuses.filter((status) => status >= 200));
    }
    // The truncations that kept Via, From, To, Call-ID and CSeq are answered 400 (the rest cannot be), and all
    // share one branch: later ones are retransmissions of the first answered transaction.
    expect(answered.length).toBeGreaterThan(0);
    for (const status of answered) expect(status).toBe(400);
    const whole = await sendUdp(ua.localTarget('udp').port, validInvite('UDP'), 300);
    expect(whole.filter((status) => status >= 200)).toEqual([486]);
    expect(errors).toEqual([]);
    await callStillCompletes('u1');
  }, 60_000);

  it('closes every truncated INVITE connection over TCP without answering it', async () => {
    const invite = validInvite('TCP');
    for (let length = 1; length < invite.length; length += 7) {
      const socket = connect(ua.localTarget('tcp').port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.end(invite.subarray(0, length));
      await new Promise((resolve) => socket.once('close', resolve));
    }
    await eventually(() => ua.stats.openConnections === 0);
    expect(errors).toEqual([]);
    await callStillCompletes('t1');
  }, 60_000);

  it('drops a datagram above the size limit and closes a stream whose message outgrows it', async () => {
    const huge = Buffer.concat([validInvite('UDP').subarray(0, 200), Buffer.from(`X-Huge: ${'a'.repeat(20_000)}\r\n\r\n`)]);
    expect(await sendUdp(ua.localTarget('udp').port, huge, 200)).toEqual([]);
    const outcome = await sendTcp(ua.localTarget('tcp').port, Buffer.from(`OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nX-Huge: ${'a'.repeat(20_000)}`), 500);
    expect(outcome.statuses).toEqual([]);
    expect(outcome.closedByServer).toBe(true);
    await callStillCompletes('u1');
  });

  it('answers a request with a thousand Via values within the size limit', async () => {
    const vias = Array.from({ length: 1000 }, (_, i) => `SIP/2.0/UDP 10.0.${i >> 8}.${i & 255}:5060;branch=z9hG4bK${i}`).join(',');
    const options = Buffer.from(
      `OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKtop;rport\r\nVia: ${vias.slice(0, 14_000)}\r\n` +
        'From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: manyvias\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n',
    );
    const statuses = await sendUdp(ua.localTarget('udp').port, options, 300);
    expect(statuses.length).toBe(1);
  });

  it('closes a slow TCP sender that trickles one byte at a time, while calls carry on', async () => {
    const socket = connect(ua.localTarget('tcp').port, '127.0.0.1');
    let closed = false;
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined);
    const trickle = validInvite('TCP');
    const sender = (async () => {
      for (let i = 0; i < trickle.length && !closed; i++) {
        socket.write(trickle.subarray(i, i + 1));
        await delay(25);
      }
    })();
    await callStillCompletes('u1');
    await eventually(() => closed, 5_000);
    await sender;
    socket.destroy();
  });

  it(`refuses connections beyond ${MAX_CONNECTIONS} and releases every one when they close`, async () => {
    const sockets: Socket[] = [];
    let refused = 0;
    await Promise.all(
      Array.from({ length: MAX_CONNECTIONS + 500 }, () =>
        new Promise<void>((resolve) => {
          const socket = connect(ua.localTarget('tcp').port, '127.0.0.1');
          sockets.push(socket);
          socket.on('error', () => undefined);
          socket.once('connect', () => resolve());
          socket.once('close', () => {
            refused++;
            resolve();
          });
        }),
      ),
    );
    await eventually(() => ua.stats.openConnections + refused >= MAX_CONNECTIONS + 500 || ua.stats.openConnections === MAX_CONNECTIONS, 10_000);
    expect(ua.stats.openConnections).toBeLessThanOrEqual(MAX_CONNECTIONS);
    await callStillCompletes('u1');
    for (const socket of sockets) socket.destroy();
    await eventually(() => ua.stats.openConnections === 0, 10_000);
    await callStillCompletes('t1');
    expect(errors).toEqual([]);
  }, 60_000);
});
