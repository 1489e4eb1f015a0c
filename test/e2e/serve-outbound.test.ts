import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWavChannels, voicedShare } from '../interop/call/wav-channels.js';
import { delay, freePort } from '../interop/sip/helpers.js';
import { killAllSipp, startSipp } from '../interop/sip/sipp.js';
import { ServeProcess } from './serve-process.js';

const FIXTURES = new URL('../fixtures/e2e/', import.meta.url).pathname;
const SIPP_FIXTURES = new URL('../fixtures/sipp/', import.meta.url).pathname;
const SIP_LEG_FIXTURES = new URL('../fixtures/sip-leg/', import.meta.url).pathname;

/** Scenarios that place calls with `callSIP` from a real `callscript serve`, to sipp callees. */
describe('callscript serve: calls placed by scenarios', () => {
  let serve: ServeProcess;

  beforeAll(async () => {
    serve = await ServeProcess.start({
      rules: [
        { pattern: '3\\d+', scenario: 'forward.ts' },
        { pattern: '4\\d+', scenario: 'transfer.ts' },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    killAllSipp();
    await serve?.close();
  });

  it('forwards a call with callSIP to a callee that demands digest auth, and media flows both ways', async () => {
    const calleePort = await freePort();
    const callee = startSipp({
      scenario: `${SIPP_FIXTURES}uas-auth-401.xml`,
      localPort: calleePort,
      calls: 1,
      timeoutSeconds: 30,
      extra: ['-rtp_echo', '-mi', '127.0.0.1', '-mp', String(await freePort())],
    });
    await delay(300);
    const caller = startSipp({
      scenario: `${FIXTURES}uac-talk.xml`,
      remote: serve.remote,
      localPort: await freePort(),
      calls: 1,
      timeoutSeconds: 30,
      extra: ['-s', `3${calleePort}`, '-mi', '127.0.0.1', '-mp', String(await freePort())],
    });
    const [callerResult, calleeResult] = await Promise.all([caller.done, callee.done]);
    expect(callerResult.exitCode, callerResult.output).toBe(0);
    // sipp's verifyauth accepted the digest response (a bad one would have been answered 403).
    expect(calleeResult.exitCode, calleeResult.output).toBe(0);
    const [session] = await serve.endedSessions('forward');
    expect(session!.log).toContain('callee answered');
    expect(session!.calls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ direction: 'incoming', hangupBy: 'remote' }),
        expect.objectContaining({ direction: 'outgoing', hangupBy: 'local', sipCode: 200 }),
      ]),
    );
    const recorded = session!.log.find((line) => line.startsWith('recorded '))!;
    const { channels } = readWavChannels(fileURLToPath(recorded.slice('recorded '.length)));
    // Left: the caller's speech as the engine received it; right: what the caller heard, which is the callee
    // echoing the caller: the caller's audio went to the callee and came back.
    const [fromCaller, toCaller] = channels as [Int16Array, Int16Array];
    expect(voicedShare(fromCaller)).toBeGreaterThan(0.3);
    expect(voicedShare(toCaller)).toBeGreaterThan(0.3);
  }, 60_000);

  it('transfers a placed call blind by REFER to its target, with the NOTIFY progress reported', async () => {
    const transfereePort = await freePort();
    const transferee = startSipp({
      scenario: `${SIP_LEG_FIXTURES}uas-refer.xml`,
      localPort: transfereePort,
      calls: 1,
      timeoutSeconds: 30,
      extra: ['-mi', '127.0.0.1', '-mp', String(await freePort())],
    });
    await delay(300);
    const caller = startSipp({
      scenario: 'uac',
      remote: serve.remote,
      localPort: await freePort(),
      calls: 1,
      timeoutSeconds: 30,
      extra: ['-s', `4${transfereePort}`, '-d', '8000'],
    });
    // The transferee checks that the REFER's Refer-To names sip:transfer-target@... (check_it), then BYEs.
    const transfereeResult = await transferee.done;
    expect(transfereeResult.exitCode, transfereeResult.output).toBe(0);
    await caller.done;
    const [session] = await serve.endedSessions('transfer');
    expect(session!.log).toContain('transferee answered');
    expect(session!.log).toContain('transfer complete');
  }, 60_000);
});
