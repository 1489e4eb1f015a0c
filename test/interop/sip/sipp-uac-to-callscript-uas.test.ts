import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserAgent } from '../../../engine/sip/user-agent/user-agent.js';
import type { ServerSession } from '../../../engine/sip/user-agent/server-session.js';
import { FIXTURES, eventually, sdp } from './helpers.js';
import { killAllSipp, runSipp } from './sipp.js';

/**
 * sipp as the caller against a callscript UAS. The UAS rings and answers, except for Request-URI user "ring"
 * (rings only, for CANCEL); re-INVITEs are answered with the mirrored direction (sendonly -> recvonly).
 */
describe('sipp UAC -> callscript UAS', () => {
  let ua: UserAgent;
  const endings: string[] = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    ua = await UserAgent.start(
      {
        listen: [{ protocol: 'udp', host: '127.0.0.1', port: 0 }, { protocol: 'tcp', host: '127.0.0.1', port: 0 }],
        // With -lost, sipp's built-in UAC sometimes loses both its ACK and its BYE and takes our retransmitted 2xx
        // for the BYE's 200; such sessions end by the 64*T1 give-up (BYE). T1 = 250 ms halves that wait.
        timers: { t1: 250 },
      },
      {
        onInvite(session: ServerSession) {
          const user = 'user' in session.request.requestUri ? session.request.requestUri.user : undefined;
          session.on('reinvite', (offer) => offer.accept(sdp(offer.sdp?.includes('a=sendonly') ? 'recvonly' : 'sendrecv')));
          session.on('terminated', (t) => endings.push(t.cause));
          session.ring();
          if (user !== 'ring') session.accept(sdp());
        },
        onError: (error) => errors.push(error),
      },
    );
  });

  afterAll(() => {
    killAllSipp();
    ua.close();
  });

  const remote = (protocol: 'udp' | 'tcp'): string => `127.0.0.1:${ua.localTarget(protocol).port}`;

  it('completes 50 basic calls over UDP', async () => {
    const result = await runSipp({ scenario: 'uac', remote: remote('udp'), calls: 50, rate: 50 });
    expect(result.exitCode, result.output).toBe(0);
    expect(result.successfulCalls).toBe(50);
    expect(result.failedCalls).toBe(0);
  });

  it('completes 50 basic calls over TCP on one reused connection', async () => {
    const result = await runSipp({ scenario: 'uac', remote: remote('tcp'), transport: 't1', calls: 50, rate: 50 });
    expect(result.exitCode, result.output).toBe(0);
    expect(result.successfulCalls).toBe(50);
  });

  it('completes every one of 300 calls through retransmissions with 10% packet loss over UDP', async () => {
    const result = await runSipp({ scenario: 'uac', remote: remote('udp'), calls: 300, rate: 60, timeoutSeconds: 60, extra: ['-lost', '10', '-l', '300'] });
    expect(result.exitCode, result.output).toBe(0);
    expect(result.successfulCalls).toBe(300);
    expect(result.failedCalls).toBe(0);
    expect(result.retransmissions).toBeGreaterThan(0);
  }, 90_000);

  it('answers CANCEL before answer with 200 and the INVITE with 487, over UDP and TCP', async () => {
    const before = endings.filter((cause) => cause === 'remote-cancel').length;
    const udp = await runSipp({ scenario: `${FIXTURES}uac-cancel.xml`, remote: remote('udp'), calls: 10, rate: 20, extra: ['-s', 'ring'] });
    expect(udp.exitCode, udp.output).toBe(0);
    const tcp = await runSipp({ scenario: `${FIXTURES}uac-cancel.xml`, remote: remote('tcp'), transport: 't1', calls: 10, rate: 20, extra: ['-s', 'ring'] });
    expect(tcp.exitCode, tcp.output).toBe(0);
    await eventually(() => endings.filter((cause) => cause === 'remote-cancel').length - before === 20);
  });

  it('puts calls on hold and back by re-INVITE, over UDP and TCP', async () => {
    const udp = await runSipp({ scenario: `${FIXTURES}uac-reinvite.xml`, remote: remote('udp'), calls: 10, rate: 20 });
    expect(udp.exitCode, udp.output).toBe(0);
    expect(udp.successfulCalls).toBe(10);
    const tcp = await runSipp({ scenario: `${FIXTURES}uac-reinvite.xml`, remote: remote('tcp'), transport: 't1', calls: 10, rate: 20 });
    expect(tcp.exitCode, tcp.output).toBe(0);
    expect(tcp.successfulCalls).toBe(10);
  });

  it('leaves no session behind once the calls are over', async () => {
    await eventually(() => ua.stats.dialogs === 0 && ua.stats.pendingInvites === 0, 25_000);
    expect(errors).toEqual([]);
  }, 30_000);
});
