import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../interop/sip/helpers.js';
import { SipLegTestEngine, type ObservedCall } from '../../interop/call/sip-leg-harness.js';
import { readWavChannels, voicedShare } from '../../interop/call/wav-channels.js';

/**
 * Two callscript engines on loopback call each other through `SipCallLeg`s: what sipp cannot easily play (INFO and
 * MESSAGE both ways, a REFER we receive, early media, 488, attended transfer, media routed between two legs).
 * Engine B's "scenario" acts by the dialled user.
 */
describe('SipCallLeg between two callscript engines', () => {
  let a: SipLegTestEngine;
  let b: SipLegTestEngine;
  let pcmaOnly: SipLegTestEngine;

  beforeAll(async () => {
    a = await SipLegTestEngine.start({ min: 41300, max: 41398 }, { codecs: ['PCMU'], mediaTimeoutMs: 1000 });
    b = await SipLegTestEngine.start({ min: 41400, max: 41498 });
    pcmaOnly = await SipLegTestEngine.start({ min: 41500, max: 41598 }, { codecs: ['PCMA'], telephoneEvent: false });
    b.onIncoming = (observed: ObservedCall) => {
      const { call } = observed;
      const user = call.mirror().number;
      if (user === 'early') {
        call.startEarlyMedia({});
        call.playback.playProgressTone('US');
        setTimeout(() => call.answer({}), 300);
        return;
      }
      call.transfer.handleBlindTransfer(true);
      if (user === 'digits') call.dtmf.handleTones(true, 0);
      call.answer({ 'X-Answer': user });
    };
  });

  afterAll(() => {
    a.close();
    b.close();
    pcmaOnly.close();
  });

  const bUri = (user: string): string => `sip:${user}@127.0.0.1:${b.sipPort}`;
  const incomingAt = async (engine: SipLegTestEngine, user: string, nth = 1): Promise<ObservedCall> => {
    await eventually(() => engine.calls.filter((c) => c.call.mirror().number === user).length >= nth, 10_000);
    return engine.calls.filter((c) => c.call.mirror().number === user)[nth - 1]!;
  };

  it('connects both sides and carries the X- headers of the 200 OK and of the BYE', async () => {
    const caller = await a.dial({ uri: bUri('plain'), from: 'sip:a@127.0.0.1' });
    const connected = await caller.waitFor('Call.Connected');
    expect(connected.payload['headers']).toEqual({ 'X-Answer': 'plain' });
    const callee = await incomingAt(b, 'plain');
    await callee.waitFor('Call.Connected');
    caller.call.hangup({ 'X-Bye': 'from-a' });
    const disconnected = await callee.waitFor('Call.Disconnected');
    expect(disconnected.payload['headers']).toEqual({ 'X-Bye': 'from-a' });
  });

  it('sends INFO and MESSAGE both ways: InfoReceived and MessageReceived with body and headers', async () => {
    const caller = await a.dial({ uri: bUri('info'), from: 'sip:a@127.0.0.1' });
    await caller.waitFor('Call.Connected');
    const callee = await incomingAt(b, 'info');
    await callee.waitFor('Call.Connected');
    caller.leg.sendInfo('application/x-test', 'hello=1', { 'X-Info': 'one' });
    const info = await callee.waitFor('Call.InfoReceived');
    expect(info.payload).toEqual({ mimeType: 'application/x-test', body: 'hello=1', headers: { 'X-Info': 'one' } });
    callee.leg.sendMessage('hi there');
    const message = await caller.waitFor('Call.MessageReceived');
    expect(message.payload).toMatchObject({ text: 'hi there' });
    caller.call.hangup({});
    await callee.waitFor('Call.Disconnected');
  });

  it('reports a REFER from the far end as BlindTransferRequested, and NOTIFYs the outcome back', async () => {
    const caller = await a.dial({ uri: bUri('refer'), from: 'sip:a@127.0.0.1' });
    await caller.waitFor('Call.Connected');
    const callee = await incomingAt(b, 'refer');
    await callee.waitFor('Call.Connected');
    caller.call.transfer.transferTo({ kind: 'blind', to: 'sip:carol@127.0.0.1', headers: { 'X-Why': 'busy' } });
    const requested = await callee.waitFor('Call.BlindTransferRequested');
    expect(requested.payload).toEqual({ transferTo: 'sip:carol@127.0.0.1', headers: { 'X-Why': 'busy' } });
    callee.call.transfer.notifyFailed(486, 'Busy Here');
    const failed = await caller.waitFor('Call.TransferFailed');
    expect(failed.payload).toMatchObject({ code: 486, reason: 'Busy Here', role: 'transferor' });
    caller.call.hangup({});
    await callee.waitFor('Call.Disconnected');
  });

  it('sends an attended transfer as REFER with Replaces naming the other dialog (RFC 3891)', async () => {
    const first = await a.dial({ uri: bUri('attended'), from: 'sip:a@127.0.0.1' });
    const second = await a.dial({ uri: bUri('attended'), from: 'sip:a@127.0.0.1' });
    await first.waitFor('Call.Connected');
    await second.waitFor('Call.Connected');
    first.call.transfer.transferTo({ kind: 'attended', target: second.leg, headers: {} });
    const firstAtB = await incomingAt(b, 'attended', 1);
    const secondAtB = await incomingAt(b, 'attended', 2);
    const requested = await Promise.race([firstAtB.waitFor('Call.BlindTransferRequested'), secondAtB.waitFor('Call.BlindTransferRequested')]);
    const transferTo = String(requested.payload['transferTo']);
    const dialog = second.leg.session.dialogId!;
    expect(transferTo).toContain('?Replaces=');
    expect(decodeURIComponent(transferTo)).toContain(dialog.callId);
    first.call.hangup({});
    second.call.hangup({});
    await eventually(() => firstAtB.ended && secondAtB.ended);
  });

  it('plays early media before the answer: AudioStarted, then Connected, and the tone is heard', async () => {
    const caller = await a.dial({ uri: bUri('early'), from: 'sip:a@127.0.0.1' });
    await caller.waitFor('Call.AudioStarted');
    caller.call.recording.start({ stereo: true, format: 'wav', parameters: {} });
    await caller.waitFor('Call.Connected');
    const names = caller.names();
    expect(names.indexOf('Call.AudioStarted')).toBeLessThan(names.indexOf('Call.Connected'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    caller.call.hangup({});
    const stopped = await caller.waitFor('Call.RecordStopped');
    const [received] = readWavChannels(fileURLToPath(String(stopped.payload['url']))).channels as [Int16Array];
    // US ringback: 2 s on, 4 s off; the first second or so of the recording is tone.
    expect(voicedShare(received)).toBeGreaterThan(0.4);
  });

  it('routes what one call receives to another (sendMediaTo) between legs of one engine', async () => {
    const listener = await a.dial({ uri: bUri('listener'), from: 'sip:a@127.0.0.1' });
    const speaker = await a.dial({ uri: bUri('speaker'), from: 'sip:a@127.0.0.1' });
    await listener.waitFor('Call.Connected');
    await speaker.waitFor('Call.Connected');
    const listenerAtB = await incomingAt(b, 'listener');
    const speakerAtB = await incomingAt(b, 'speaker');
    await speakerAtB.waitFor('Call.Connected');
    await listenerAtB.waitFor('Call.Connected');
    // At B, the speaker call's received audio goes to the listener call; the speaker's far end (at A) plays a tone.
    listenerAtB.leg.connectFrom(speakerAtB.leg);
    speaker.call.playback.playProgressTone('GB');
    listener.call.recording.start({ stereo: true, format: 'wav', parameters: {} });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    listener.call.hangup({});
    speaker.call.hangup({});
    const stopped = await listener.waitFor('Call.RecordStopped');
    const [received] = readWavChannels(fileURLToPath(String(stopped.payload['url']))).channels as [Int16Array];
    expect(voicedShare(received)).toBeGreaterThan(0.3);
  });

  it('sendDigits reaches the far end as RFC 4733 events (ToneReceived type 1)', async () => {
    const caller = await a.dial({ uri: bUri('digits'), from: 'sip:a@127.0.0.1' });
    await caller.waitFor('Call.Connected');
    const callee = await incomingAt(b, 'digits');
    await callee.waitFor('Call.Connected');
    caller.call.dtmf.sendDigits('4#');
    await eventually(() => callee.all('Call.ToneReceived').length === 2, 5000);
    expect(callee.all('Call.ToneReceived').map((e) => e.payload)).toEqual([
      { tone: '4', type: '1' },
      { tone: '#', type: '1' },
    ]);
    caller.call.hangup({});
    await callee.waitFor('Call.Disconnected');
  });

  it('sendDigits without a negotiated telephone-event sends in-band tones, detected as ToneReceived type 2', async () => {
    const caller = await pcmaOnly.dial({ uri: bUri('digits'), from: 'sip:c@127.0.0.1' });
    await caller.waitFor('Call.Connected');
    const callee = await incomingAt(b, 'digits', 2);
    await callee.waitFor('Call.Connected');
    caller.call.dtmf.sendDigits('7*');
    await eventually(() => callee.all('Call.ToneReceived').length === 2, 5000);
    expect(callee.all('Call.ToneReceived').map((e) => e.payload)).toEqual([
      { tone: '7', type: '2' },
      { tone: '*', type: '2' },
    ]);
    caller.call.hangup({});
    await callee.waitFor('Call.Disconnected');
  });

  it('reports RtpStopped when the far end stops sending, and RtpResumed when it sends again', async () => {
    const caller = await a.dial({ uri: bUri('rtp'), from: 'sip:a@127.0.0.1' });
    await caller.waitFor('Call.Connected');
    const callee = await incomingAt(b, 'rtp');
    await callee.waitFor('Call.Connected');
    // A finite tone: RTP flows for 0.3 s, then nothing (engine A's media timeout is 1 s here).
    callee.leg.play({ kind: 'toneScript', script: '440@-10;0.3(0.3/0/1)', loop: false });
    await caller.waitFor('Call.FirstAudioPacketReceived', 5000);
    await caller.waitFor('Call.RtpStopped', 5000);
    callee.leg.play({ kind: 'toneScript', script: '440@-10;*(*/0/1)', loop: false });
    await caller.waitFor('Call.RtpResumed', 5000);
    caller.call.hangup({});
    await callee.waitFor('Call.Disconnected');
  });

  it('answers an offer with no common codec 488, and the caller fails with 488', async () => {
    // Engine A speaks PCMU only; this caller offers PCMA only.
    const caller = await pcmaOnly.dial({ uri: `sip:nocodec@127.0.0.1:${a.sipPort}`, from: 'sip:c@127.0.0.1' });
    const failed = await caller.waitFor('Call.Failed');
    expect(failed.payload).toMatchObject({ code: 488 });
    expect(a.calls.filter((c) => c.call.direction === 'incoming')).toHaveLength(0);
    expect(a.errors.map((error) => (error as { code?: string }).code)).toEqual(['offer-not-acceptable']);
  });

  it('close() is idempotent, ends the dialog, and every engine returns its RTP ports', async () => {
    const caller = await a.dial({ uri: bUri('closing'), from: 'sip:a@127.0.0.1' });
    await caller.waitFor('Call.Connected');
    const callee = await incomingAt(b, 'closing');
    caller.leg.close();
    caller.leg.close();
    await callee.waitFor('Call.Disconnected');
    caller.call.close();
    for (const engine of [a, b, pcmaOnly]) {
      await eventually(() => engine.media.counts.portsInUse === 0 && engine.ua.stats.dialogs === 0, 10_000);
      expect(engine.media.counts).toMatchObject({ endpoints: 0, portsInUse: 0, pacedStreams: 0 });
    }
  });
});
