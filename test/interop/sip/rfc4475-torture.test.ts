import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserAgent } from '../../../engine/sip/user-agent/user-agent.js';
import { eventually, sdp } from './helpers.js';
import { killAllSipp, runSipp } from './sipp.js';
import { sendTcp, sendUdp } from './torture-client.js';

const TORTURE = new URL('../../fixtures/sip-torture/', import.meta.url).pathname;

/**
 * What our UAS answers to each RFC 4475 message (fixtures/sip-torture/INDEX.md), as the set of acceptable final
 * statuses; [] means "dropped, no answer". INVITEs that pass every check reach the test's delegate, which rejects
 * them 486, so 486 means "processed normally". REGISTER is not implemented here (405), OPTIONS is answered 200.
 */
const expectedOverUdp: Record<string, readonly number[]> = {
  // It carries a To tag: a re-INVITE for a dialog we do not have (RFC 3261 12.2.2).
  'wsinv.dat': [481],
  'intmeth.dat': [501],
  'esc01.dat': [486],
  'escnull.dat': [405],
  'esc02.dat': [501],
  'lwsdisp.dat': [200],
  'longreq.dat': [486],
  'dblreq.dat': [405],
  'semiuri.dat': [200],
  'transports.dat': [200],
  'mpart01.dat': [200],
  'unreason.dat': [],
  'noreason.dat': [],
  'badinv01.dat': [400],
  'clerr.dat': [400],
  'ncl.dat': [400],
  'scalar02.dat': [400],
  'scalarlg.dat': [],
  'quotbal.dat': [400],
  'ltgtruri.dat': [400],
  'lwsruri.dat': [400],
  'lwsstart.dat': [400, 486],
  'trws.dat': [400, 200],
  'escruri.dat': [400, 486],
  'baddate.dat': [400, 486],
  'regbadct.dat': [400, 405],
  'badaspec.dat': [400, 200],
  'baddn.dat': [400],
  'badvers.dat': [505],
  'mismatch01.dat': [400],
  'mismatch02.dat': [501, 400],
  'bigcode.dat': [],
  'badbranch.dat': [200, 400],
  'insuf.dat': [400],
  'unkscm.dat': [416],
  'novelsc.dat': [416, 404],
  'unksm2.dat': [405, 400, 416],
  'bext01.dat': [420],
  'invut.dat': [415],
  'regaut01.dat': [405],
  'multi01.dat': [400],
  'mcl01.dat': [400],
  'bcast.dat': [],
  'zeromf.dat': [200],
  'cparam01.dat': [405],
  'cparam02.dat': [405],
  'regescrt.dat': [405],
  'sdp01.dat': [406, 400],
  'inv2543.dat': [486],
};

/**
 * Over TCP the framing differs (INDEX.md, "Framing notes"): a Content-Length larger than what was sent leaves the
 * framer waiting (the connection is closed by the partial-message timeout), a negative, conflicting or missing
 * Content-Length makes the stream unframeable (closed at once), and baddn.dat lacks the blank line ending its
 * header section. 'close' marks those: no answer, and the server hangs up.
 */
const overTcp: Record<string, readonly number[] | 'close'> = {
  ...expectedOverUdp,
  'clerr.dat': 'close',
  'ncl.dat': 'close',
  'mcl01.dat': 'close',
  'baddn.dat': 'close',
  'inv2543.dat': 'close',
  // On a stream the trailing "INVITE" octets are a second message without Content-Length: unframeable, so the
  // connection is closed (the framer reports the error for the whole chunk, the REGISTER with it).
  'dblreq.dat': 'close',
};

const files = Object.keys(expectedOverUdp);

/** A user agent for one transport's run, so that UDP and TCP sends of the same message are separate transactions. */
async function tortureUserAgent(): Promise<UserAgent> {
  return UserAgent.start(
    {
      listen: [{ protocol: 'udp', host: '127.0.0.1', port: 0 }, { protocol: 'tcp', host: '127.0.0.1', port: 0 }],
      // The torture messages' Via sent-by names hosts on the internet: answer to the source so the test sees it.
      forceRport: true,
      limits: { partialMessageTimeoutMs: 400 },
    },
    {
      // sipp's calls (Request-URI user "service") are answered; every torture INVITE is rejected 486.
      onInvite: (session) => {
        const uri = session.request.requestUri;
        if ('user' in uri && uri.user === 'service') session.accept(sdp());
        else session.reject(486);
      },
    },
  );
}

it('the expectations cover every message of the fixture folder', () => {
  const index = readFileSync(`${TORTURE}INDEX.md`, 'utf8');
  const listed = [...index.matchAll(/^\| (\w+\.dat) \|/gm)].map((match) => match[1]);
  expect([...files].sort()).toEqual(listed.sort());
});

/*
 * Several messages share a branch, sent-by and method (cparam01/02, escnull/regescrt, unkscm/novelsc ...): to one
 * user agent they are retransmissions of each other (RFC 3261 17.2.3). So each message meets a fresh user agent,
 * and then the whole set is sent to one user agent that must still complete a normal call.
 */
describe('RFC 4475 torture messages over UDP', () => {
  let ua: UserAgent;
  beforeEach(async () => {
    ua = await tortureUserAgent();
  });
  afterEach(() => {
    killAllSipp();
    ua.close();
  });

  for (const file of files) {
    it(`answers ${file} as INDEX.md expects`, async () => {
      const expected = expectedOverUdp[file]!;
      // Waiting for an answer may take long on a loaded machine; proving silence takes a fixed wait.
      const statuses = await sendUdp(ua.localTarget('udp').port, readFileSync(TORTURE + file), expected.length > 0 ? 5_000 : 400, true);
      const finals = statuses.filter((status) => status >= 200);
      if (expected.length === 0) expect(statuses).toEqual([]);
      else {
        expect(finals).toHaveLength(1);
        expect(expected).toContain(finals[0]);
      }
    });
  }

  it('still completes normal calls after the whole set', async () => {
    for (const file of files) await sendUdp(ua.localTarget('udp').port, readFileSync(TORTURE + file), 5);
    const result = await runSipp({ scenario: 'uac', remote: `127.0.0.1:${ua.localTarget('udp').port}`, calls: 5, rate: 10 });
    expect(result.exitCode, result.output).toBe(0);
    expect(result.successfulCalls).toBe(5);
  });
});

describe('RFC 4475 torture messages over TCP', () => {
  let ua: UserAgent;
  beforeEach(async () => {
    ua = await tortureUserAgent();
  });
  afterEach(() => {
    killAllSipp();
    ua.close();
  });

  for (const file of files) {
    it(`answers ${file} as INDEX.md expects`, async () => {
      const expected = overTcp[file]!;
      const silent = expected !== 'close' && expected.length === 0;
      const outcome = await sendTcp(ua.localTarget('tcp').port, readFileSync(TORTURE + file), silent ? 700 : 5_000, !silent);
      const finals = outcome.statuses.filter((status) => status >= 200);
      if (expected === 'close') {
        expect(finals).toEqual([]);
        expect(outcome.closedByServer).toBe(true);
      } else if (expected.length === 0) {
        expect(outcome.statuses).toEqual([]);
      } else {
        expect(expected).toContain(finals[0]);
      }
    });
  }

  it('still completes normal calls after the whole set, with every torture connection gone', async () => {
    await Promise.all(files.map((file) => sendTcp(ua.localTarget('tcp').port, readFileSync(TORTURE + file), 600)));
    const result = await runSipp({ scenario: 'uac', remote: `127.0.0.1:${ua.localTarget('tcp').port}`, transport: 't1', calls: 5, rate: 10 });
    expect(result.exitCode, result.output).toBe(0);
    expect(result.successfulCalls).toBe(5);
    await eventually(() => ua.stats.openConnections === 0);
  });
});
