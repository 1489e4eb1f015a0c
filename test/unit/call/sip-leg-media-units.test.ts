import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtpMediaUnitFactory } from '../../../engine/call/media-rtp-units.js';
import { eventually } from '../../interop/sip/helpers.js';
import { SipLegTestEngine, type ObservedCall } from '../../interop/call/sip-leg-harness.js';
import { readWavChannels, voicedShare } from '../../interop/call/wav-channels.js';

/** Players and recorders a scenario creates itself, routed to and from SIP legs over real RTP on loopback. */
describe('RtpMediaUnitFactory with SIP legs', () => {
  let a: SipLegTestEngine;
  let b: SipLegTestEngine;

  beforeAll(async () => {
    a = await SipLegTestEngine.start({ min: 41600, max: 41698 });
    b = await SipLegTestEngine.start({ min: 41700, max: 41798 });
    b.onIncoming = (observed: ObservedCall) => observed.call.answer({});
  });

  afterAll(() => {
    a.close();
    b.close();
  });

  const connectedPair = async (user: string): Promise<{ caller: ObservedCall; callee: ObservedCall }> => {
    const caller = await a.dial({ uri: `sip:${user}@127.0.0.1:${b.sipPort}`, from: 'sip:a@127.0.0.1' });
    await caller.waitFor('Call.Connected');
    await eventually(() => b.calls.some((c) => c.call.mirror().number === user));
    const callee = b.calls.find((c) => c.call.mirror().number === user)!;
    await callee.waitFor('Call.Connected');
    return { caller, callee };
  };

  it('a tone-script player routed to a call is heard by the far end, and reports ready and started', async () => {
    const { caller, callee } = await connectedPair('player');
    const reports: string[] = [];
    const player = new RtpMediaUnitFactory(b.env).createPlayer(
      'player:p1',
      { source: { kind: 'toneScript', script: '440@-10;*(*/0/1)', loop: false }, paused: false },
      {
        ready: () => reports.push('ready'),
        started: (duration) => reports.push(`started ${duration}`),
        finished: () => reports.push('finished'),
        markerReached: () => reports.push('marker'),
      },
    );
    callee.leg.connectFrom(player);
    caller.call.recording.start({ stereo: true, format: 'wav', parameters: {} });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    caller.call.hangup({});
    const stopped = await caller.waitFor('Call.RecordStopped');
    const [received] = readWavChannels(fileURLToPath(String(stopped.payload['url']))).channels as [Int16Array];
    expect(voicedShare(received)).toBeGreaterThan(0.6);
    expect(reports).toEqual(['ready', 'started -1']);
    player.close();
    player.close();
  });

  it('a recorder unit records what the routed call receives, and reports started and stopped with the duration', async () => {
    const { caller, callee } = await connectedPair('recorder');
    const reports: { event: string; url: string; duration?: number }[] = [];
    const recorder = new RtpMediaUnitFactory(a.env).createRecorder(
      'recorder:r1',
      { stereo: false, format: 'wav', parameters: {} },
      {
        started: (url) => reports.push({ event: 'started', url }),
        stopped: (url, duration) => reports.push({ event: 'stopped', url, duration }),
        error: (error) => reports.push({ event: 'error', url: error }),
      },
    );
    recorder.connectFrom(caller.leg);
    callee.call.playback.playProgressTone('GB');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    recorder.stop();
    await eventually(() => reports.some((r) => r.event === 'stopped'));
    const stopped = reports.find((r) => r.event === 'stopped')!;
    expect(reports[0]).toEqual({ event: 'started', url: stopped.url });
    expect(stopped.duration).toBeGreaterThan(0.8);
    const [mono] = readWavChannels(fileURLToPath(stopped.url)).channels as [Int16Array];
    expect(voicedShare(mono)).toBeGreaterThan(0.3);
    recorder.close();
    caller.call.hangup({});
    await callee.waitFor('Call.Disconnected');
  });

  it('leaves no port, paced stream or dialog behind', async () => {
    for (const engine of [a, b]) {
      await eventually(() => engine.media.counts.portsInUse === 0 && engine.ua.stats.dialogs === 0, 10_000);
      expect(engine.media.counts).toMatchObject({ endpoints: 0, portsInUse: 0, pacedStreams: 0 });
    }
  });
});
