import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreludeHarness } from './prelude-harness.js';

/** Payload fields of every CallEvents event, as the VoxEngine Call reference lists them (besides call, name, id). */
const referencePayloads: Record<string, Record<string, unknown>> = {
  AudioStarted: { headers: { 'X-A': '1' } },
  AudioIdentificationStarted: {},
  AudioIdentificationResult: { audioType: 'HUMAN', audioSubType: 'NONE', confidence: 90 },
  AudioIdentificationStopped: {},
  AudioIdentificationError: {},
  AudioQualityDetected: { quality: 'STANDARD' },
  BeepDetectionComplete: { frequencies: [1000], timeout: false },
  BeepDetectionError: { reason: 'no audio' },
  BlindTransferRequested: { headers: {}, transferTo: 'bob' },
  Connected: { customData: '', headers: { 'X-C': '2' }, scheme: {} },
  Disconnected: { headers: {}, internalCode: 200, reason: 'Normal', duration: 12, cost: 0, direction: 'incoming' },
  Failed: { headers: {}, code: 486, reason: 'Busy Here' },
  FirstAudioPacketReceived: {},
  FirstVideoPacketReceived: {},
  Forwarding: {},
  InfoReceived: { headers: {}, mimeType: 'application/dtmf-relay', body: 'Signal=1' },
  MediaStatisticsReceived: { audio: { packetsLost: 0 } },
  MessageReceived: { headers: {}, text: 'hi' },
  MicStatusChange: { active: true },
  OffHold: {},
  OnHold: {},
  PlaybackFinished: { error: 'too long' },
  PlaybackReady: {},
  PlaybackStarted: { duration: 3.2 },
  PushSent: { result: 'ok' },
  ReInviteAccepted: { headers: {}, mimeType: 'application/sdp', body: 'v=0' },
  ReInviteReceived: { headers: {}, mimeType: 'application/sdp', body: 'v=0' },
  ReInviteRejected: { headers: {} },
  RecordError: { error: 'disk full' },
  RecordStarted: { url: 'http://127.0.0.1/rec/1.mp3' },
  RecordStopped: { url: 'http://127.0.0.1/rec/1.mp3', cost: '0', duration: 7 },
  Ringing: { headers: {} },
  RtpResumed: {},
  RtpStopped: {},
  StateChanged: { oldState: 'ALERTING', newState: 'CONNECTED' },
  Statistics: {},
  ToneDetected: { ProgressTone: true, VoicemailTone: false },
  ToneReceived: { tone: '5', type: '1' },
  TransferComplete: { headers: {}, role: 'transferor' },
  TransferFailed: { headers: {}, role: 'transferor', code: 486, reason: 'Busy' },
  VideoTrackCreated: { url: 'http://127.0.0.1/rec/1.webm' },
};

describe('CallEvents', () => {
  let h: PreludeHarness;
  beforeEach(() => {
    h = new PreludeHarness();
    h.run(`
      globalThis.seen = [];
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
        globalThis.call = e.call;
        for (const key of Object.keys(CallEvents)) {
          e.call.addEventListener(CallEvents[key], (ev) => seen.push({ ...ev, call: ev.call === e.call ? 'same' : 'other' }));
        }
      });`);
    h.alert();
  });
  afterEach(() => h.dispose());

  it('covers every event of the reference', () => {
    expect(h.value<string[]>('Object.keys(CallEvents)').sort()).toEqual(Object.keys(referencePayloads).sort());
  });

  it.each(Object.entries(referencePayloads))('%s reaches the listener with call, name, id and its fields', (key, payload) => {
    const name = h.value<string>(`CallEvents.${key}`);
    h.deliver({ type: 'call', callId: 'in-1', event: name, payload: payload as never });
    expect(h.value('seen')).toEqual([{ ...payload, call: 'same', name, id: 'in-1' }]);
  });

  it('uses VoxEngine string values', () => {
    expect(h.value('[CallEvents.Connected, CallEvents.Disconnected, CallEvents.ToneReceived, CallEvents.VideoTrackCreated]'))
      .toEqual(['Call.Connected', 'Call.Disconnected', 'Call.ToneReceived', 'Call.Video.TrackCreated']);
  });

  it('adds empty headers when the host sends none on a headers event', () => {
    h.deliver({ type: 'call', callId: 'in-1', event: 'Call.Connected', payload: {} });
    expect(h.value('seen[0].headers')).toEqual({});
  });

  it('applies the mirror update before the listeners run', () => {
    h.run(`call.addEventListener(CallEvents.Connected, () => { globalThis.stateInHandler = call.state(); });`);
    h.deliver({ type: 'call', callId: 'in-1', event: 'Call.Connected', payload: {}, mirror: { state: 'CONNECTED' } });
    expect(h.value('stateInHandler')).toBe('CONNECTED');
    expect(h.value('call.state()')).toBe('CONNECTED');
  });

  it('ignores events for unknown calls', () => {
    h.deliver({ type: 'call', callId: 'nope', event: 'Call.Connected', payload: {} });
    expect(h.value('seen')).toEqual([]);
  });

  it('removeEventListener removes one listener, or all of an event without a callback', () => {
    h.run(`
      globalThis.count = 0;
      const f = () => count++;
      call.addEventListener(CallEvents.OnHold, f);
      call.addEventListener(CallEvents.OnHold, () => count += 10);
      call.removeEventListener(CallEvents.OnHold, f);`);
    h.deliver({ type: 'call', callId: 'in-1', event: 'Call.OnHold', payload: {} });
    expect(h.value('count')).toBe(10);
    h.run(`call.removeEventListener(CallEvents.OnHold)`);
    h.deliver({ type: 'call', callId: 'in-1', event: 'Call.OnHold', payload: {} });
    expect(h.value('count')).toBe(10);
  });

  it('lets an exception from a listener propagate out of __callscript_deliver', () => {
    h.run(`call.addEventListener(CallEvents.Connected, () => { throw new Error('boom in handler'); });`);
    expect(() => h.deliver({ type: 'call', callId: 'in-1', event: 'Call.Connected', payload: {} })).toThrow('boom in handler');
  });

  it('reports the rejection of an async listener as a fatal unhandledRejection', () => {
    h.take();
    h.run(`call.addEventListener(CallEvents.Connected, async () => { await null; throw new Error('late failure'); });`);
    h.deliver({ type: 'call', callId: 'in-1', event: 'Call.Connected', payload: {} });
    h.run('');
    const fatal = h.take().find((c) => c.op === 'fatal');
    expect(fatal).toMatchObject({ op: 'fatal', reason: 'unhandledRejection', message: 'Error: late failure' });
    expect(fatal && 'stack' in fatal ? fatal.stack : '').toContain('late failure');
  });

  it('treats a handler that is not a function as a fatal error', () => {
    h.take();
    expect(() => h.run(`call.addEventListener(CallEvents.Connected, 'oops')`))
      .toThrow('Call.addEventListener: callback for Call.Connected must be a function');
    expect(h.take()).toMatchObject([{ op: 'fatal', reason: 'invalidHandler' }]);
  });
});
