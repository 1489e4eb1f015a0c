import { describe, expect, it } from 'vitest';
import { CallHarness } from './call-harness.js';

describe('Call playback', () => {
  it('say() plays TTS with its options: PlaybackReady, PlaybackStarted, then PlaybackFinished when the prompt ends', async () => {
    const h = new CallHarness();
    await h.connect();
    h.call.playback.say('Hello there', { language: 'en-US' });
    expect(h.leg.playing).toEqual({ kind: 'tts', text: 'Hello there', options: { language: 'en-US' } });
    await h.settle();
    expect(h.names()).toEqual(['Call.PlaybackReady', 'Call.PlaybackStarted']);
    expect(h.event('Call.PlaybackStarted')?.payload).toEqual({ duration: 0.66 });
    await h.advance(660);
    expect(h.names()).toEqual(['Call.PlaybackReady', 'Call.PlaybackStarted', 'Call.PlaybackFinished']);
    expect(h.event('Call.PlaybackFinished')?.payload).toEqual({});
  });

  it('text over 1500 characters ends with PlaybackFinished carrying an error, and nothing plays', async () => {
    const h = new CallHarness();
    await h.connect();
    h.call.playback.say('x'.repeat(1501), {});
    expect(h.leg.playing).toBeNull();
    expect(h.names()).toEqual(['Call.PlaybackFinished']);
    expect(h.event('Call.PlaybackFinished')?.payload['error']).toMatch(/1501 characters/);
  });

  it('stopPlayback() ends the playback without PlaybackFinished', async () => {
    const h = new CallHarness();
    await h.connect();
    h.call.playback.startPlayback('http://example.com/a.mp3', false, false);
    h.call.playback.stopPlayback();
    await h.advance(10_000);
    expect(h.names()).not.toContain('Call.PlaybackFinished');
    expect(h.leg.actions.map((a) => a.op)).toEqual(['answer', 'play', 'stopPlayback']);
  });

  it('a new playback replaces the current one, which then reports nothing', async () => {
    const h = new CallHarness();
    await h.connect();
    h.call.playback.startPlayback('http://example.com/long.mp3', true, false);
    h.call.playback.say('Short', {});
    await h.advance(1000);
    expect(h.names().filter((n) => n === 'Call.PlaybackFinished')).toHaveLength(1);
    expect(h.leg.playing).toBeNull();
  });

  it('a playback asked for right after answer() starts once the call is connected', async () => {
    const h = new CallHarness();
    h.call.answer({});
    h.call.playback.say('Welcome', {});
    expect(h.leg.playing).toBeNull();
    await h.settle();
    expect(h.leg.playing).toEqual({ kind: 'tts', text: 'Welcome', options: {} });
    expect(h.names()).toEqual(['Call.Connected', 'Call.StateChanged', 'Call.FirstAudioPacketReceived', 'Call.PlaybackReady', 'Call.PlaybackStarted']);
  });

  it('plays in early media but not on an alerting call', async () => {
    const h = new CallHarness();
    h.call.playback.say('too early', {});
    expect(h.leg.actions).toEqual([]);
    h.call.startEarlyMedia({});
    h.call.playback.playProgressTone('US');
    expect(h.leg.playing).toEqual({ kind: 'progressTone', country: 'US' });
  });
});

describe('Call recording', () => {
  it('record() starts recording: RecordStarted with the URL; hangup stops it and RecordStopped follows Disconnected', async () => {
    const h = new CallHarness();
    await h.connect();
    h.call.recording.start({ stereo: true, format: 'mp3', parameters: { stereo: true } });
    await h.settle();
    expect(h.event('Call.RecordStarted')?.payload).toEqual({ url: 'simulated://recordings/call-c1-1.mp3' });
    await h.advance(5_000);
    h.call.hangup({});
    await h.settle();
    expect(h.names()).toEqual(['Call.RecordStarted', 'Call.Disconnected', 'Call.StateChanged', 'Call.RecordStopped']);
    expect(h.event('Call.RecordStopped')?.payload).toEqual({ url: 'simulated://recordings/call-c1-1.mp3', cost: '0', duration: 5 });
    expect(h.call.buildRecord('s1').recordingIds).toEqual(['simulated://recordings/call-c1-1.mp3']);
    expect(h.leg.isClosed).toBe(true);
  });

  it('a second record() while recording is ignored', async () => {
    const h = new CallHarness();
    await h.connect();
    h.call.recording.start({ stereo: false, format: 'mp3', parameters: {} });
    h.call.recording.start({ stereo: false, format: 'mp3', parameters: {} });
    expect(h.leg.actions.filter((a) => a.op === 'startRecording')).toHaveLength(1);
  });
});

describe('Call DTMF', () => {
  it('delivers no tones until handleTones(true)', async () => {
    const h = new CallHarness();
    await h.connect();
    h.leg.pressDigits('1', 1);
    await h.settle();
    expect(h.events).toEqual([]);
    h.call.dtmf.handleTones(true, undefined);
    h.leg.pressDigits('1#', 1);
    h.leg.pressDigits('5', 2);
    h.leg.pressDigits('9', 3);
    await h.settle();
    expect(h.events.map((e) => e.payload)).toEqual([
      { tone: '1', type: '1' },
      { tone: '#', type: '1' },
      { tone: '5', type: '2' },
      { tone: '9', type: '3' },
    ]);
  });

  it('limits ToneReceived to the DTMF type asked for', async () => {
    const h = new CallHarness();
    await h.connect();
    h.call.dtmf.handleTones(true, 3);
    h.leg.pressDigits('1', 1);
    h.leg.pressDigits('2', 3);
    await h.settle();
    expect(h.events.map((e) => e.payload['tone'])).toEqual(['2']);
    h.call.dtmf.handleTones(false, undefined);
    h.leg.pressDigits('3', 3);
    await h.settle();
    expect(h.events).toHaveLength(1);
  });

  it('sendDigits() sends on a connected call only', async () => {
    const h = new CallHarness();
    h.call.dtmf.sendDigits('12');
    expect(h.leg.actions).toEqual([]);
    await h.connect();
    h.call.dtmf.sendDigits('12#');
    expect(h.leg.actions.at(-1)).toEqual({ op: 'sendDigits', digits: '12#' });
  });
});

describe('Call far-end events', () => {
  it('reports INFO, MESSAGE, hold and unhold', async () => {
    const h = new CallHarness();
    await h.connect();
    h.leg.remoteInfo('application/json', '{"a":1}', { 'X-I': '1' });
    h.leg.remoteMessage('hi', {});
    h.leg.remoteReInvite('hold');
    h.leg.remoteReInvite('unhold');
    await h.settle();
    expect(h.names()).toEqual([
      'Call.InfoReceived',
      'Call.MessageReceived',
      'Call.ReInviteReceived',
      'Call.OnHold',
      'Call.ReInviteReceived',
      'Call.OffHold',
    ]);
    expect(h.events[0]?.payload).toEqual({ headers: { 'X-I': '1' }, mimeType: 'application/json', body: '{"a":1}' });
    expect(h.events[1]?.payload).toEqual({ headers: {}, text: 'hi' });
  });

  it('RtpStopped fires 7 s after the far end stops sending, RtpResumed when it sends again', async () => {
    const h = new CallHarness();
    await h.connect();
    h.leg.stopMedia();
    await h.advance(6_999);
    expect(h.events).toEqual([]);
    await h.advance(1);
    expect(h.names()).toEqual(['Call.RtpStopped']);
    h.leg.resumeMedia();
    await h.settle();
    expect(h.names()).toEqual(['Call.RtpStopped', 'Call.RtpResumed']);
  });

  it('reports beep detection, mic status and statistics only when switched on', async () => {
    const h = new CallHarness();
    await h.connect();
    h.leg.reportToDelegate((d) => d.micStatusChanged(true));
    h.leg.reportToDelegate((d) => d.mediaStatistics({ packetsLost: 0 }));
    await h.settle();
    expect(h.events).toEqual([]);
    h.call.detectors.handleMicStatus(true);
    h.call.detectors.monitorMediaStatistics(true, 5);
    h.call.detectors.enableBeepDetection({ frequencies: [1000], timeoutMs: 5000 });
    h.leg.reportToDelegate((d) => d.micStatusChanged(false));
    h.leg.reportToDelegate((d) => d.mediaStatistics({ packetsLost: 2 }));
    h.leg.reportToDelegate((d) => d.beepDetectionComplete([1000], false));
    await h.settle();
    expect(h.events.map((e) => [e.name, e.payload])).toEqual([
      ['Call.MicStatusChange', { active: false }],
      ['Call.MediaStatisticsReceived', { audio: { packetsLost: 2 } }],
      ['Call.BeepDetectionComplete', { frequencies: [1000], timeout: false }],
    ]);
    expect(h.leg.actions.slice(-3)).toEqual([
      { op: 'micStatusDetection', enabled: true },
      { op: 'mediaStatistics', intervalSeconds: 5 },
      { op: 'beepDetection', options: { frequencies: [1000], timeoutMs: 5000 } },
    ]);
  });

  it('reports tone detection, audio quality, forwarding, re-INVITE answers and beep errors with their fields', async () => {
    const h = new CallHarness();
    await h.connect();
    h.leg.reportToDelegate((d) => d.toneDetected(true, false));
    h.leg.reportToDelegate((d) => d.audioQuality('HD'));
    h.leg.reportToDelegate((d) => d.forwarding());
    h.leg.reportToDelegate((d) => d.reInviteAnswered(true, { 'X-A': '1' }));
    h.leg.reportToDelegate((d) => d.reInviteAnswered(false, {}));
    h.leg.reportToDelegate((d) => d.beepDetectionError('no audio'));
    await h.settle();
    expect(h.events.map((e) => [e.name, e.payload])).toEqual([
      ['Call.ToneDetected', { ProgressTone: true, VoicemailTone: false }],
      ['Call.AudioQualityDetected', { quality: 'HD' }],
      ['Call.Forwarding', {}],
      ['Call.ReInviteAccepted', { headers: { 'X-A': '1' }, mimeType: '', body: '' }],
      ['Call.ReInviteRejected', { headers: {} }],
      ['Call.BeepDetectionError', { reason: 'no audio' }],
    ]);
  });

  it('drops far-end reports after the call ended', async () => {
    const h = new CallHarness();
    await h.connect();
    h.call.hangup({});
    h.events.length = 0;
    h.leg.remoteInfo('text/plain', 'late');
    await h.settle();
    expect(h.events).toEqual([]);
  });
});

describe('Call transfer', () => {
  it('transferTo() refers the far end; success fires TransferComplete and the far end leaves', async () => {
    const h = new CallHarness();
    await h.connect();
    h.call.transfer.transferTo({ kind: 'blind', to: 'sip:bob@example.com', headers: { 'X-T': '1' } });
    expect(h.leg.actions.at(-1)).toEqual({ op: 'transfer', kind: 'blind', to: 'sip:bob@example.com', headers: { 'X-T': '1' } });
    h.leg.resolveTransfer('complete');
    await h.settle();
    expect(h.names()).toEqual(['Call.TransferComplete', 'Call.Disconnected', 'Call.StateChanged']);
    expect(h.events[0]?.payload).toEqual({ headers: {}, role: 'transferor' });
  });

  it('a failed transfer fires TransferFailed with code and reason, and the call stays up', async () => {
    const h = new CallHarness();
    await h.connect();
    h.call.transfer.transferTo({ kind: 'blind', to: 'sip:bob@example.com', headers: {} });
    h.leg.resolveTransfer('failed', 486, 'Busy Here');
    await h.settle();
    expect(h.events.map((e) => [e.name, e.payload])).toEqual([['Call.TransferFailed', { headers: {}, role: 'transferor', code: 486, reason: 'Busy Here' }]]);
    expect(h.call.state).toBe('CONNECTED');
  });

  it('a REFER is declined (603) unless handleBlindTransfer(true); then BlindTransferRequested and the scenario answers', async () => {
    const h = new CallHarness();
    await h.connect();
    h.leg.remoteRefer('sip:carol@example.com');
    await h.settle();
    expect(h.events).toEqual([]);
    expect(h.leg.actions.at(-1)).toEqual({ op: 'notifyBlindTransfer', result: { ok: false, code: 603, reason: 'Decline' } });
    h.call.transfer.handleBlindTransfer(true);
    h.leg.remoteRefer('sip:carol@example.com', { 'X-R': '1' });
    await h.settle();
    expect(h.events.map((e) => [e.name, e.payload])).toEqual([
      ['Call.BlindTransferRequested', { headers: { 'X-R': '1' }, transferTo: 'sip:carol@example.com' }],
    ]);
    h.call.transfer.notifySuccess();
    h.call.transfer.notifySuccess();
    expect(h.leg.actions.filter((a) => a.op === 'notifyBlindTransfer').at(-1)).toEqual({ op: 'notifyBlindTransfer', result: { ok: true } });
    expect(h.leg.actions.filter((a) => a.op === 'notifyBlindTransfer')).toHaveLength(2);
  });

  it('transferTo() on a call that is not connected does nothing', () => {
    const h = new CallHarness();
    h.call.transfer.transferTo({ kind: 'blind', to: 'sip:x@y', headers: {} });
    expect(h.leg.actions).toEqual([]);
  });
});
