import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { eventually, freePort } from '../sip/helpers.js';
import { killAllSipp, startSipp } from '../sip/sipp.js';
import { SipLegTestEngine, type ObservedCall } from './sip-leg-harness.js';
import { readWavChannels, voicedShare } from './wav-channels.js';

const FIXTURES = new URL('../../fixtures/sip-leg/', import.meta.url).pathname;
const SIPP_FIXTURES = new URL('../../fixtures/sipp/', import.meta.url).pathname;

/**
 * sipp calls a `Call` over a `SipCallLeg`. The test's scenario is the `onIncoming` function: by the dialled user it
 * answers and speaks (recording both directions), answers and listens for DTMF, or only rings.
 */
describe('SipCallLeg: incoming calls from sipp', () => {
  let engine: SipLegTestEngine;

  beforeAll(async () => {
    engine = await SipLegTestEngine.start({ min: 41000, max: 41098 });
    engine.onIncoming = (observed: ObservedCall) => {
      const { call } = observed;
      const user = call.mirror().number;
      if (user === 'ring') {
        call.ring({});
        return;
      }
      call.answer({ 'X-Answered-By': 'callscript' });
      void observed.waitFor('Call.Connected').then(() => {
        if (user === 'say') {
          call.recording.start({ stereo: true, format: 'wav', parameters: {} });
          call.playback.say(
            'Hello, this is callscript speaking to a real peer over the network. The audio goes out as RTP and comes back again.',
            {},
          );
        }
        if (user === 'dtmf') call.dtmf.handleTones(true, 0);
        if (user === 'offerless') call.playback.playProgressTone('US');
      });
    };
  });

  afterAll(() => {
    killAllSipp();
    engine.close();
  });

  const remote = (): string => `127.0.0.1:${engine.sipPort}`;
  const callTo = async (user: string): Promise<ObservedCall> => {
    await eventually(() => engine.calls.some((c) => c.call.mirror().number === user), 10_000);
    return engine.calls.find((c) => c.call.mirror().number === user)!;
  };

  it('says a prompt that reaches sipp as speech (echoed back into the recording), until sipp hangs up mid-prompt', async () => {
    const sipp = startSipp({
      scenario: 'uac',
      remote: remote(),
      localPort: await freePort(),
      calls: 1,
      extra: ['-s', 'say', '-d', '5000', '-rtp_echo', '-mi', '127.0.0.1', '-mp', String(await freePort())],
    });
    const observed = await callTo('say');
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
    const disconnected = await observed.waitFor('Call.Disconnected');
    const stopped = await observed.waitFor('Call.RecordStopped');
    const names = observed.names();
    expect(names.slice(0, 3)).toEqual(['Call.Connected', 'Call.StateChanged', 'Call.RecordStarted']);
    expect(names).toContain('Call.PlaybackStarted');
    expect(names).toContain('Call.FirstAudioPacketReceived');
    // sipp's BYE came while the prompt was still playing: no PlaybackFinished.
    expect(names).not.toContain('Call.PlaybackFinished');
    expect(disconnected.payload).toMatchObject({ internalCode: 200, direction: 'incoming' });
    const url = String(stopped.payload['url']);
    expect(Number(stopped.payload['duration'])).toBeGreaterThan(2);
    const { sampleRate, channels } = readWavChannels(fileURLToPath(url));
    expect(sampleRate).toBe(8000);
    // Left: what the peer sent back (its echo of our speech); right: what we sent.
    const [received, sent] = channels as [Int16Array, Int16Array];
    expect(voicedShare(sent)).toBeGreaterThan(0.3);
    expect(voicedShare(received)).toBeGreaterThan(0.3);
    expect(voicedShare(received)).toBeLessThan(0.98);
  }, 30_000);

  it('reports an RFC 2833 digit as type 1 and a SIP INFO digit as type 3, with the X- headers of BYE', async () => {
    const sipp = startSipp({
      scenario: `${FIXTURES}uac-dtmf.xml`,
      remote: remote(),
      localPort: await freePort(),
      calls: 1,
      extra: ['-s', 'dtmf', '-mi', '127.0.0.1', '-mp', String(await freePort())],
    });
    const observed = await callTo('dtmf');
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
    const disconnected = await observed.waitFor('Call.Disconnected');
    const tones = observed.all('Call.ToneReceived').map((e) => e.payload);
    expect(tones).toEqual([
      { tone: '1', type: '1' },
      { tone: '5', type: '3' },
    ]);
    expect(disconnected.payload['headers']).toEqual({ 'X-Bye-Reason': 'done' });
  }, 30_000);

  it('raises ReInviteReceived, OnHold and OffHold for a re-INVITE to sendonly and back', async () => {
    const sipp = startSipp({
      scenario: `${SIPP_FIXTURES}uac-reinvite.xml`,
      remote: remote(),
      localPort: await freePort(),
      calls: 1,
      extra: ['-s', 'hold'],
    });
    const observed = await callTo('hold');
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
    await observed.waitFor('Call.Disconnected');
    const names = observed.names().filter((name) => /ReInvite|Hold/.test(name));
    expect(names).toEqual(['Call.ReInviteReceived', 'Call.OnHold', 'Call.ReInviteReceived', 'Call.OffHold']);
    expect(observed.event('Call.ReInviteReceived')!.payload['mimeType']).toBe('application/sdp');
  }, 30_000);

  it('ends a ringing call that the caller cancels with Disconnected 487', async () => {
    const sipp = startSipp({
      scenario: `${SIPP_FIXTURES}uac-cancel.xml`,
      remote: remote(),
      localPort: await freePort(),
      calls: 1,
      extra: ['-s', 'ring'],
    });
    const observed = await callTo('ring');
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
    const disconnected = await observed.waitFor('Call.Disconnected');
    expect(disconnected.payload).toMatchObject({ internalCode: 487 });
    expect(observed.names()).not.toContain('Call.Connected');
  }, 30_000);

  it('answers an INVITE without SDP with an offer, and sends media to the answer the ACK carries', async () => {
    const sipp = startSipp({
      scenario: `${FIXTURES}uac-offerless.xml`,
      remote: remote(),
      localPort: await freePort(),
      calls: 1,
      extra: ['-s', 'offerless', '-rtp_echo', '-mi', '127.0.0.1', '-mp', String(await freePort())],
    });
    const observed = await callTo('offerless');
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
    await observed.waitFor('Call.Disconnected');
    // sipp echoes our ringback tone back: it reached the address of the ACK's answer.
    expect(observed.names()).toContain('Call.FirstAudioPacketReceived');
  }, 30_000);

  it('releases every RTP port and dialog once the calls are over', async () => {
    await eventually(() => engine.media.counts.portsInUse === 0 && engine.ua.stats.dialogs === 0, 15_000);
    expect(engine.media.counts).toMatchObject({ endpoints: 0, portsInUse: 0, pacedStreams: 0 });
    expect(engine.errors).toEqual([]);
  }, 20_000);
});
