import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWavChannels, voicedShare } from '../interop/call/wav-channels.js';
import { freePort } from '../interop/sip/helpers.js';
import { killAllSipp, startSipp } from '../interop/sip/sipp.js';
import { BaresipCaller } from './baresip-caller.js';
import { ServeProcess } from './serve-process.js';

const FIXTURES = new URL('../fixtures/e2e/', import.meta.url).pathname;
const SIPP_FIXTURES = new URL('../fixtures/sipp/', import.meta.url).pathname;

/**
 * Inbound calls from sipp through a real `callscript serve` process, routed by the config file's rules to scenario
 * files; what happened is read back through the management API (session log lines, call records).
 */
describe('callscript serve: inbound calls from sipp', () => {
  let serve: ServeProcess;

  beforeAll(async () => {
    serve = await ServeProcess.start({ rules: [
        { pattern: '1\\d\\d', scenario: 'ivr.ts' },
        { pattern: '2\\d\\d', scenario: 'ringer.ts' },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    killAllSipp();
    await serve?.close();
  });

  it('an IVR call hears its prompt, reacts to a digit by RFC 2833 and one by SIP INFO, and its session ends by the idle rule after the BYE', async () => {
    const sipp = startSipp({
      scenario: `${FIXTURES}uac-ivr.xml`,
      remote: serve.remote,
      localPort: await freePort(),
      calls: 1,
      timeoutSeconds: 30,
      extra: ['-s', '100', '-rtp_echo', '-mi', '127.0.0.1', '-mp', String(await freePort())],
    });
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
    const session = await serve.endedSessionWith('ivr', 'alerting 100');
    expect(session!.log).toContain('alerting 100');
    expect(session!.log).toContain('tone 1 type 1');
    expect(session!.log).toContain('tone 5 type 3');
    expect(session!.log).toContain('disconnected 200');
    // No VoxEngine.terminate(): the session ended by the (shortened) 60 s rule after its last call.
    expect(session!.endReason).toBe('terminated by idle');
    expect(session!.calls[0]).toMatchObject({ direction: 'incoming', hangupBy: 'remote' });

    const recorded = session!.log.find((line) => line.startsWith('recorded '))!;
    const { channels } = readWavChannels(fileURLToPath(recorded.slice('recorded '.length)));
    // Left: what sipp heard and echoed back; right: what the engine sent. Both are speech, not silence or a tone.
    const [heard, sent] = channels as [Int16Array, Int16Array];
    expect(heard.length / 8000).toBeGreaterThan(4);
    expect(voicedShare(sent)).toBeGreaterThan(0.3);
    expect(voicedShare(heard)).toBeGreaterThan(0.3);
    expect(voicedShare(heard)).toBeLessThan(0.98);
  }, 60_000);

  it('baresip calling the IVR hears the prompt as speech in the audio it decoded', async () => {
    const baresip = new BaresipCaller();
    try {
      const rtp = 46000 + Math.floor(Math.random() * 50) * 20;
      await baresip.call(`sip:103@${serve.remote}`, { rtpPorts: [rtp, rtp + 9], seconds: 8 });
      const { sampleRate, channels } = readWavChannels(baresip.receivedAudioFile());
      const heard = channels[0]!;
      expect(heard.length / sampleRate, baresip.log).toBeGreaterThan(4);
      expect(voicedShare(heard)).toBeGreaterThan(0.3);
      expect(voicedShare(heard)).toBeLessThan(0.98);
      await serve.endedSessionWith('ivr', 'alerting 103');
    } finally {
      baresip.close();
    }
  }, 40_000);

  it('a BYE from the caller during the prompt ends the call; the session ends by the idle rule', async () => {
    const result = await startSipp({
      scenario: 'uac',
      remote: serve.remote,
      localPort: await freePort(),
      calls: 1,
      timeoutSeconds: 15,
      // The welcome prompt lasts about 4 s: sipp hangs up 1.5 s into it.
      extra: ['-s', '104', '-d', '1500', '-mi', '127.0.0.1', '-mp', String(await freePort())],
    }).done;
    expect(result.exitCode, result.output).toBe(0);
    const session = await serve.endedSessionWith('ivr', 'alerting 104');
    expect(session.log).toContain('disconnected 200');
    expect(session.log).not.toContain('playback finished');
    expect(session.endReason).toBe('terminated by idle');
  }, 30_000);

  it('a number no rule matches is answered 404', async () => {
    const result = await startSipp({ scenario: 'uac', remote: serve.remote, localPort: await freePort(), calls: 1, timeoutSeconds: 10, extra: ['-s', '999'] }).done;
    expect(result.failedCalls, result.output).toBe(1);
    expect(result.output).toMatch(/404/);
  }, 20_000);

  it('a re-INVITE to hold raises OnHold, and back OffHold', async () => {
    const result = await startSipp({
      scenario: `${SIPP_FIXTURES}uac-reinvite.xml`,
      remote: serve.remote,
      localPort: await freePort(),
      calls: 1,
      timeoutSeconds: 20,
      extra: ['-s', '101', '-mi', '127.0.0.1', '-mp', String(await freePort())],
    }).done;
    expect(result.exitCode, result.output).toBe(0);
    const held = await serve.endedSessionWith('ivr', 'alerting 101');
    expect(held.log).toContain('on hold');
    expect(held.log).toContain('off hold');
  }, 40_000);

  it('CANCEL before the answer fails the call with 487 and the session ends by the idle rule', async () => {
    const result = await startSipp({
      scenario: `${SIPP_FIXTURES}uac-cancel.xml`,
      remote: serve.remote,
      localPort: await freePort(),
      calls: 1,
      timeoutSeconds: 20,
      extra: ['-s', '200'],
    }).done;
    expect(result.exitCode, result.output).toBe(0);
    const [session] = await serve.endedSessions('ringer');
    expect(session!.log).toContain('alerting 200');
    expect(session!.log.some((line) => line === 'disconnected 487' || line === 'failed 487'), session!.log.join('\n')).toBe(true);
    expect(session!.endReason).toBe('terminated by idle');
    expect(session!.calls[0], serve.log.slice(-6000)).toMatchObject({ direction: 'incoming', hangupBy: 'remote' });
  }, 30_000);
});
