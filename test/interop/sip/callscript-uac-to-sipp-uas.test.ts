import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientSession } from '../../../engine/sip/user-agent/client-session.js';
import type { Termination } from '../../../engine/sip/user-agent/session-types.js';
import { UserAgent } from '../../../engine/sip/user-agent/user-agent.js';
import { FIXTURES, delay, freePort, sdp, waitForTcp } from './helpers.js';
import { killAllSipp, startSipp, type SippOptions, type SippResult } from './sipp.js';

function outcome(session: ClientSession): Promise<{ accepted: boolean; failure?: Termination; answer?: string }> {
  return new Promise((resolve) => {
    session.once('accepted', (_response, answer) => resolve({ accepted: true, answer }));
    session.once('failed', (failure) => resolve({ accepted: false, failure }));
  });
}

function ended(session: ClientSession): Promise<Termination> {
  return new Promise((resolve) => {
    if (session.termination) resolve(session.termination);
    else session.once('terminated', resolve);
  });
}

/** callscript places calls to sipp acting as the callee (built-in `-sn uas` or a scenario file). */
describe('callscript UAC -> sipp UAS', () => {
  let ua: UserAgent;

  beforeAll(async () => {
    ua = await UserAgent.start(
      {
        listen: [{ protocol: 'udp', host: '127.0.0.1', port: 0 }, { protocol: 'tcp', host: '127.0.0.1', port: 0 }],
        credentials: { username: 'alice', password: 'secret' },
      },
      { onInvite: (session) => session.reject(603) },
    );
  });

  afterEach(() => killAllSipp());
  afterAll(() => ua.close());

  async function sippUas(options: Omit<SippOptions, 'localPort'>): Promise<{ port: number; done: Promise<SippResult> }> {
    const port = await freePort();
    const { done } = startSipp({ ...options, localPort: port });
    if (options.transport === 't1' || options.transport === 'tn') await waitForTcp(port);
    else await delay(300);
    return { port, done };
  }

  async function call(port: number, transport: 'udp' | 'tcp', user = 'service'): Promise<ClientSession> {
    const uri = `sip:${user}@127.0.0.1:${port}${transport === 'tcp' ? ';transport=tcp' : ''}`;
    const session = ua.invite({ uri, from: 'sip:caller@127.0.0.1', sdp: sdp() });
    const result = await outcome(session);
    expect(result.failure).toBeUndefined();
    expect(result.answer).toContain('m=audio');
    return session;
  }

  for (const transport of ['udp', 'tcp'] as const) {
    it(`places 20 calls over ${transport.toUpperCase()}, each answered and hung up with BYE`, async () => {
      const sipp = await sippUas({ scenario: 'uas', calls: 20, transport: transport === 'tcp' ? 't1' : 'u1' });
      for (let i = 0; i < 20; i++) {
        const session = await call(sipp.port, transport);
        session.bye();
        expect((await ended(session)).cause).toBe('local-bye');
      }
      const result = await sipp.done;
      expect(result.exitCode, result.output).toBe(0);
      expect(result.successfulCalls).toBe(20);
    });
  }

  it('completes every one of 150 calls through retransmissions when sipp loses 10% of the packets', async () => {
    const sipp = await sippUas({ scenario: `${FIXTURES}uas-lossy.xml`, calls: 150, timeoutSeconds: 90 });
    const placeOne = async (): Promise<void> => {
      const session = await call(sipp.port, 'udp');
      session.bye();
      expect((await ended(session)).cause).toBe('local-bye');
    };
    for (let batch = 0; batch < 150 / 25; batch++) await Promise.all(Array.from({ length: 25 }, placeOne));
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
    expect(result.successfulCalls).toBe(150);
  }, 120_000);

  for (const challenge of ['401', '407'] as const) {
    it(`answers a ${challenge} digest challenge (MD5, qop=auth) and completes the call`, async () => {
      const sipp = await sippUas({ scenario: `${FIXTURES}uas-auth-${challenge}.xml`, calls: 3 });
      for (let i = 0; i < 3; i++) {
        const session = await call(sipp.port, 'udp');
        session.bye();
        await ended(session);
      }
      const result = await sipp.done;
      expect(result.exitCode, result.output).toBe(0);
      expect(result.successfulCalls).toBe(3);
    });
  }

  it('answers a 401 challenge to its BYE and re-sends it with credentials', async () => {
    const sipp = await sippUas({ scenario: `${FIXTURES}uas-auth-bye.xml`, calls: 2 });
    for (let i = 0; i < 2; i++) {
      const session = await call(sipp.port, 'udp');
      session.bye();
      await ended(session);
    }
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
    expect(result.successfulCalls).toBe(2);
  });

  it('fails the call with 403 when the password is wrong, without retrying for ever', async () => {
    const sipp = await sippUas({ scenario: `${FIXTURES}uas-auth-401.xml`, calls: 1 });
    const session = ua.invite({ uri: `sip:service@127.0.0.1:${sipp.port}`, from: 'sip:caller@127.0.0.1', sdp: sdp(), credentials: { username: 'alice', password: 'wrong' } });
    const result = await outcome(session);
    expect(result.failure).toMatchObject({ cause: 'rejected', status: 403 });
    await sipp.done;
  });

  it('puts the callee on hold by re-INVITE and reads the recvonly answer', async () => {
    const sipp = await sippUas({ scenario: `${FIXTURES}uas-reinvite.xml`, calls: 2 });
    for (let i = 0; i < 2; i++) {
      const session = await call(sipp.port, 'udp');
      const { sdp: answer } = await session.reinvite(sdp('sendonly'));
      expect(answer).toContain('a=recvonly');
      session.bye();
      await ended(session);
    }
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
    expect(result.successfulCalls).toBe(2);
  });

  it('gives up on an unanswered call after its answer timeout and reports 408', async () => {
    const silent = await freePort();
    const session = ua.invite({ uri: `sip:service@127.0.0.1:${silent}`, from: 'sip:caller@127.0.0.1', sdp: sdp(), answerTimeoutMs: 300 });
    const result = await outcome(session);
    expect(result.failure).toMatchObject({ cause: 'timeout', status: 408 });
  });
});
